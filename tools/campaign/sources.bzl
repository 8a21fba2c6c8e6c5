"""cc_sources: every source and header a C++ target is built from, as files,
so that a test can hand them to a build that does not use Bazel
(.clusterfuzzlite/build.sh) or digest them (the generator's version)."""

CcSourcesInfo = provider(fields = ["files"])

def _collect_impl(target, ctx):
    direct = []
    for attr in ("srcs", "hdrs"):
        for t in getattr(ctx.rule.attr, attr, []):
            direct += [f for f in t.files.to_list() if f.is_source]
    transitive = [
        d[CcSourcesInfo].files
        for d in getattr(ctx.rule.attr, "deps", [])
        if CcSourcesInfo in d
    ]
    return [CcSourcesInfo(files = depset(direct, transitive = transitive))]

_collect = aspect(implementation = _collect_impl, attr_aspects = ["deps"])

def _cc_sources_impl(ctx):
    files = depset(transitive = [d[CcSourcesInfo].files for d in ctx.attr.deps])
    return [DefaultInfo(files = files)]

cc_sources = rule(
    implementation = _cc_sources_impl,
    attrs = {"deps": attr.label_list(aspects = [_collect])},
)
