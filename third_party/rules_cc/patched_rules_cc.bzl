"""Debian's rules_cc 0.0.4, adapted to Bazel 4.2.3 without touching system files.

rules_cc 0.0.4 calls use_cpp_toolchain(), which Bazel 4.2.3's @bazel_tools does
not define. This rule mirrors the installed tree into an external repository
(symlinks) and rewrites only the two files that call it.
"""

_PATCHED = [
    "cc/private/rules_impl/compiler_flag.bzl",
    "cc/private/rules_impl/cc_flags_supplier.bzl",
]

def _patched_rules_cc_impl(rctx):
    src = rctx.path(rctx.attr.path)
    listing = rctx.execute(["find", ".", "-type", "f"], working_directory = str(src))
    if listing.return_code != 0:
        fail("cannot list %s: %s" % (src, listing.stderr))
    for rel in listing.stdout.splitlines():
        rel = rel[2:] if rel.startswith("./") else rel
        if rel in _PATCHED or rel == "WORKSPACE" or rel == "MODULE.bazel":
            continue
        rctx.symlink(rctx.path(str(src) + "/" + rel), rel)
    for rel in _PATCHED:
        text = rctx.read(rctx.path(str(src) + "/" + rel))
        text = text.replace(', "use_cpp_toolchain")', ")")
        text = text.replace("use_cpp_toolchain()", '["@bazel_tools//tools/cpp:toolchain_type"]')
        if "use_cpp_toolchain" in text:
            fail("unexpected use_cpp_toolchain left in " + rel)
        rctx.file(rel, text)
    # The upstream WORKSPACE fetches dependencies over the network; ours must not.
    rctx.file("WORKSPACE", 'workspace(name = "rules_cc")\n')

patched_rules_cc = repository_rule(
    implementation = _patched_rules_cc_impl,
    attrs = {"path": attr.string(mandatory = True)},
    local = True,
)
