"""The project's Bazel graph, read without Bazel: the fuzz targets and the
sources, copts and linkopts each one links.

BUILD files are Starlark, whose syntax for what this project writes is a
subset of Python's, so each is evaluated with stand-ins for the rules. This is
the one place that knows which fuzz targets exist (the `tern_fuzzer` calls in
fuzz/BUILD) and what they are built from, shared by `tern fuzz`, `tern
coverage`, the benchmark and .clusterfuzzlite/build.sh (which compiles with
$CXX directly, as OSS-Fuzz builds do).

    python3 tools/campaign/build_graph.py fuzzers
    python3 tools/campaign/build_graph.py srcs //fuzz:interp_fuzzer
    python3 tools/campaign/build_graph.py copts //fuzz:interp_fuzzer
    python3 tools/campaign/build_graph.py linkopts //fuzz:interp_fuzzer
"""

import os
import sys

FUZZ_PACKAGE = "fuzz"


class BuildError(Exception):
    pass


class Rule:
    def __init__(self, kind, package, name, attrs):
        self.kind = kind
        self.package = package
        self.name = name
        self.srcs = list(attrs.get("srcs", []))
        self.hdrs = list(attrs.get("hdrs", []))
        self.deps = list(attrs.get("deps", []))
        self.copts = list(attrs.get("copts", []))
        self.linkopts = list(attrs.get("linkopts", []))

    @property
    def label(self):
        return "//%s:%s" % (self.package, self.name)


class _Concat:
    """A list expression that includes select()s, resolved when declared."""

    def __init__(self, parts):
        self.parts = parts

    def __add__(self, other):
        return _Concat(self.parts + [other])

    def __radd__(self, other):
        return _Concat([other] + self.parts)


class _Select:
    """select(): the libFuzzer branch when there is one, else the default."""

    def __init__(self, branches):
        self.branches = branches

    def __add__(self, other):
        return _Concat([self, other])

    def __radd__(self, other):
        return _Concat([other, self])

    def resolve(self, want_libfuzzer):
        for key, value in self.branches.items():
            if want_libfuzzer and key.endswith(":libfuzzer"):
                return value
        return self.branches.get("//conditions:default", [])


class Graph:
    def __init__(self, root, libfuzzer=True):
        self.root = root
        self.libfuzzer = libfuzzer
        self.rules = {}
        self.fuzzers = []  # tern_fuzzer names, in fuzz/BUILD order
        self._loaded = set()

    # ---- loading ---------------------------------------------------------

    def _flatten(self, value):
        if isinstance(value, _Select):
            return self._flatten(value.resolve(self.libfuzzer))
        if isinstance(value, _Concat):
            out = []
            for part in value.parts:
                out += self._flatten(part)
            return out
        return list(value)

    def load_package(self, package):
        if package in self._loaded:
            return
        self._loaded.add(package)
        path = os.path.join(self.root, package, "BUILD")
        if not os.path.exists(path):
            raise BuildError("no BUILD file for package //%s" % package)
        graph = self

        def rule(kind):
            def declare(name, **attrs):
                for key in ("srcs", "hdrs", "deps", "copts", "linkopts"):
                    if key in attrs:
                        attrs[key] = graph._flatten(attrs[key])
                graph.rules["//%s:%s" % (package, name)] = Rule(
                    kind, package, name, attrs)
            return declare

        def tern_fuzzer(name, srcs, deps=(), corpus=None):
            deps = graph._flatten(deps)
            rule("cc_library")(name + "_target", srcs=srcs,
                               deps=deps + ["//fuzz:sanitizer_defaults"])
            driver = [] if graph.libfuzzer else ["//fuzz:fuzz_main"]
            rule("cc_binary")(name, deps=[":" + name + "_target"] + driver)
            graph.fuzzers.append(name)

        def ignore(*args, **kwargs):
            return None

        def glob(include, exclude=()):
            import glob as g
            base = os.path.join(self.root, package)
            found = set()
            for pattern in include:
                for p in g.glob(os.path.join(base, pattern), recursive=True):
                    if os.path.isfile(p):
                        found.add(os.path.relpath(p, base))
            return sorted(found - set(exclude))

        env = {
            "load": ignore, "package": ignore, "exports_files": ignore,
            "config_setting": ignore, "filegroup": ignore,
            "cc_library": rule("cc_library"), "cc_binary": rule("cc_binary"),
            "cc_test": ignore, "sh_test": ignore, "py_test": ignore,
            "py_binary": ignore, "py_library": ignore, "sh_binary": ignore,
            "genrule": ignore, "tern_fuzzer": tern_fuzzer,
            "select": lambda branches: _Select(branches), "glob": glob,
            "Label": ignore,
        }
        with open(path) as f:
            code = f.read()
        try:
            exec(compile(code, path, "exec"), env)
        except Exception as e:  # a construct this reader does not model
            raise BuildError("%s: %s: %s" % (path, type(e).__name__, e))

    def _normalise(self, label, package):
        if label.startswith("@"):
            return label
        if label.startswith(":"):
            return "//%s%s" % (package, label)
        if label.startswith("//"):
            if ":" not in label:
                return label + ":" + label.rsplit("/", 1)[-1]
            return label
        return "//%s:%s" % (package, label)

    def rule(self, label):
        label = self._normalise(label, FUZZ_PACKAGE)
        if label.startswith("@"):
            raise BuildError("external dependency %s" % label)
        package = label[2:].split(":")[0]
        self.load_package(package)
        if label not in self.rules:
            raise BuildError("no rule %s" % label)
        return self.rules[label]

    # ---- queries -----------------------------------------------------------

    def closure(self, label):
        """Every rule `label` links, depth first, each once."""
        seen, order, external = set(), [], []

        def visit(lbl):
            if lbl in seen:
                return
            seen.add(lbl)
            if lbl.startswith("@"):
                external.append(lbl)
                return
            r = self.rule(lbl)
            order.append(r)
            for d in r.deps:
                visit(self._normalise(d, r.package))

        visit(self._normalise(label, FUZZ_PACKAGE))
        return order, external

    def sources(self, label):
        """The .cc files (paths from the root) a target compiles."""
        rules, external = self.closure(label)
        if external:
            raise BuildError("%s needs %s, which a build without Bazel cannot "
                             "provide" % (label, ", ".join(external)))
        out = []
        for r in rules:
            for s in r.srcs:
                if s.endswith((".cc", ".cpp", ".c")):
                    out.append(os.path.join(r.package, s))
        return out

    def files(self, label):
        """Every source and header a target is built from."""
        rules, _ = self.closure(label)
        return [os.path.join(r.package, s) for r in rules for s in r.srcs + r.hdrs]

    def copts(self, label):
        rules, _ = self.closure(label)
        return [c for r in rules for c in r.copts]

    def linkopts(self, label):
        rules, _ = self.closure(label)
        out = []
        for r in rules:
            for o in r.linkopts:
                if o not in out:
                    out.append(o)
        return out

    def decodes_generator_bytes(self, target):
        """Whether fuzz target `target` reads its input as generator bytes:
        its own sources call GenerateProgram (a target that only links the
        generator, e.g. for a mutator, reads something else)."""
        r = self.rule("//%s:%s_target" % (FUZZ_PACKAGE, target))
        for src in r.srcs:
            with open(os.path.join(self.root, r.package, src),
                      errors="replace") as f:
                if "GenerateProgram(" in f.read():
                    return True
        return False

    def depends_on(self, label, dep):
        rules, _ = self.closure(label)
        return any(r.label == self._normalise(dep, FUZZ_PACKAGE) for r in rules)


def fuzz_targets(root):
    """The fuzz targets fuzz/BUILD declares, in its order."""
    g = Graph(root)
    g.load_package(FUZZ_PACKAGE)
    return list(g.fuzzers)


def main(argv):
    root = os.environ.get("TERN_ROOT") or os.path.dirname(
        os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    if len(argv) < 2 or argv[1] not in ("fuzzers", "srcs", "files", "copts",
                                        "linkopts"):
        sys.stderr.write(__doc__)
        return 64
    try:
        g = Graph(root)
        if argv[1] == "fuzzers":
            g.load_package(FUZZ_PACKAGE)
            items = g.fuzzers
        else:
            if len(argv) != 3:
                sys.stderr.write("usage: build_graph.py %s LABEL\n" % argv[1])
                return 64
            items = getattr(g, {"srcs": "sources"}.get(argv[1], argv[1]))(argv[2])
    except BuildError as e:
        sys.stderr.write("build_graph: %s\n" % e)
        return 1
    for item in items:
        print(item)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
