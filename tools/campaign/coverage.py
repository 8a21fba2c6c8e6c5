"""`tern coverage`: line coverage of the fuzz targets on a corpus.

    tern coverage [--targets=a,b] [--corpus-dir=DIR] [--out=DIR] [CORPUS...]

Builds the targets with llvm-cov instrumentation (bazel --config=cov; outside
the fuzz config a target is its replay driver), replays the corpora through
them, and writes OUT/html/index.html (llvm-cov show -format=html) plus a
per-directory line-coverage summary (OUT/summary.md, OUT/summary.json), which
`tern fuzz` puts into its report when OUT is CORPUS_DIR/coverage.

A CORPUS named after a target (its last path component, or TARGET=DIR) is
replayed by that target only; any other by every target. With no CORPUS:
corpus/TARGET/ and the campaign's working corpus CORPUS_DIR/TARGET/corpus.
"""

import argparse
import json
import os
import shutil
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import build_graph  # noqa: E402
import campaign  # noqa: E402

# Directories (from the root) whose code is not the code under test.
NOT_MEASURED = ("tests/", "external/", "third_party/")


class _Parser(argparse.ArgumentParser):
    def error(self, message):
        self.print_usage(sys.stderr)
        sys.stderr.write("%s: %s\n" % (self.prog, message))
        sys.exit(campaign.EXIT_USAGE)


def parse_args(argv):
    p = _Parser(prog="tern coverage", description=__doc__,
                formatter_class=argparse.RawTextHelpFormatter)
    p.add_argument("corpora", nargs="*", metavar="CORPUS")
    p.add_argument("--targets", default="")
    p.add_argument("--corpus-dir", default=campaign.default_corpus_dir())
    p.add_argument("--out", default=None,
                   help="output directory (default CORPUS_DIR/coverage)")
    p.add_argument("--config", default="cov")
    p.add_argument("--bin-dir", default=None,
                   help="use instrumented targets already built here")
    args = p.parse_args(argv)
    args.corpus_dir = os.path.abspath(args.corpus_dir)
    args.out = os.path.abspath(args.out or os.path.join(args.corpus_dir,
                                                        "coverage"))
    return args


def assign(corpora, targets, root, corpus_dir):
    """target -> the directories or files it replays."""
    plan = {t: [] for t in targets}
    if not corpora:
        for t in targets:
            for d in (os.path.join(root, "corpus", t),
                      os.path.join(corpus_dir, t, "corpus")):
                if os.path.isdir(d) and campaign.count_files(d):
                    plan[t].append(d)
        return plan
    for c in corpora:
        target, _, path = c.partition("=") if "=" in c else ("", "", c)
        path = os.path.abspath(path)
        if not os.path.exists(path):
            raise campaign.UsageError("no such corpus: %s" % path)
        named = target or os.path.basename(path.rstrip("/"))
        if named in plan:
            plan[named].append(path)
        elif target:
            raise campaign.UsageError("unknown target %s" % target)
        else:
            for t in targets:
                plan[t].append(path)
    return plan


def replay(binary, inputs, profile_dir, name):
    """Runs the replay driver over the inputs, one process for all, or one
    per file if some input stops it (a finding must not hide the rest's
    coverage). Returns the inputs that failed."""
    env = dict(os.environ,
               LLVM_PROFILE_FILE=os.path.join(profile_dir, name + "-%p.profraw"))
    # -runs=0: a libFuzzer binary (an OSS-Fuzz coverage build) replays and
    # stops; the replay driver ignores flags.
    run = lambda paths: subprocess.run(  # noqa: E731
        [binary, "-runs=0"] + paths, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL, env=env).returncode
    if run(inputs) == 0:
        return []
    for f in os.listdir(profile_dir):  # the partial run's profile, if any
        if f.startswith(name + "-"):
            os.remove(os.path.join(profile_dir, f))
    files = []
    for i in inputs:
        if os.path.isdir(i):
            for d, _, fs in os.walk(i):
                files += [os.path.join(d, f) for f in sorted(fs)]
        else:
            files.append(i)
    return [f for f in files if run([f]) != 0]


def source_path(name, root):
    """A source's path from the root, or None if it is not the project's:
    Bazel compiles in a sandbox and records /proc/self/cwd/PATH; a build in
    the tree (build.sh) records ROOT/PATH."""
    for prefix in ("/proc/self/cwd/", root.rstrip("/") + "/",
                   os.path.realpath(root).rstrip("/") + "/"):
        if name.startswith(prefix):
            rel = name[len(prefix):]
            return None if rel.startswith(NOT_MEASURED) else rel
    if not os.path.isabs(name) and not name.startswith(NOT_MEASURED):
        return name
    return None


def directory_summary(export, root):
    """llvm-cov export -summary-only JSON -> lines per source directory."""
    dirs = {}
    for f in export["data"][0]["files"]:
        rel = source_path(f["filename"], root)
        if rel is None:
            continue
        d = os.path.dirname(rel) or "."
        lines = f["summary"]["lines"]
        e = dirs.setdefault(d, [0, 0])
        e[0] += lines["count"]
        e[1] += lines["covered"]
    out = []
    for d in sorted(dirs):
        count, covered = dirs[d]
        out.append({"directory": d, "lines": count, "covered": covered,
                    "percent": round(100.0 * covered / count, 1)
                    if count else 0.0})
    total_count = sum(v[0] for v in dirs.values())
    total_cov = sum(v[1] for v in dirs.values())
    out.append({"directory": "total", "lines": total_count,
                "covered": total_cov,
                "percent": round(100.0 * total_cov / total_count, 1)
                if total_count else 0.0})
    return out


def run(argv):
    root = campaign.root_dir()
    args = parse_args(argv)
    try:
        known = build_graph.fuzz_targets(root)
        targets = [t for t in args.targets.split(",") if t] or known
        bad = [t for t in targets if t not in known]
        if bad:
            raise campaign.UsageError("unknown target(s) %s" % ", ".join(bad))
        plan = assign(args.corpora, targets, root, args.corpus_dir)
    except campaign.UsageError as e:
        sys.stderr.write("tern coverage: %s\n" % e)
        return campaign.EXIT_USAGE
    for tool in ("llvm-profdata", "llvm-cov"):
        if not shutil.which(tool):
            sys.stderr.write("tern coverage: %s not found (bash "
                             "tools/setup.sh installs llvm)\n" % tool)
            return campaign.EXIT_SOFTWARE
    try:
        if args.bin_dir:
            bin_dir = os.path.abspath(args.bin_dir)
        else:
            bin_dir = campaign.build(root, args.config, targets)
    except (RuntimeError, subprocess.CalledProcessError, OSError) as e:
        sys.stderr.write("tern coverage: %s\n" % e)
        return campaign.EXIT_SOFTWARE
    shutil.rmtree(args.out, ignore_errors=True)
    profiles = os.path.join(args.out, "profraw")
    os.makedirs(profiles)
    failed, binaries = {}, []
    for t in targets:
        if not plan[t]:
            continue
        binary = os.path.join(bin_dir, t)
        binaries.append(binary)
        failed[t] = replay(binary, plan[t], profiles, t)
        sys.stderr.write("coverage: %s replayed %s%s\n" % (
            t, ", ".join(plan[t]),
            " (%d input(s) failed)" % len(failed[t]) if failed[t] else ""))
    raws = [os.path.join(profiles, f) for f in sorted(os.listdir(profiles))]
    if not raws:
        sys.stderr.write("tern coverage: nothing to replay\n")
        return campaign.EXIT_USAGE
    merged = os.path.join(args.out, "merged.profdata")
    subprocess.run(["llvm-profdata", "merge", "-sparse", "-o", merged] + raws,
                   check=True)
    objects = [binaries[0]] + [x for b in binaries[1:] for x in ("-object", b)]
    export = subprocess.run(
        ["llvm-cov", "export", "-summary-only", "-instr-profile=" + merged]
        + objects, cwd=root, check=True, stdout=subprocess.PIPE,
        errors="replace")
    exported = json.loads(export.stdout)
    dirs = directory_summary(exported, root)
    # The HTML shows the project's sources only, named as llvm-cov names them.
    sources = [f["filename"] for f in exported["data"][0]["files"]
               if source_path(f["filename"], root) is not None]
    html = os.path.join(args.out, "html")
    subprocess.run(["llvm-cov", "show", "-format=html", "-output-dir=" + html,
                    "-instr-profile=" + merged] + objects + sources,
                   cwd=root, check=True, stdout=subprocess.DEVNULL)
    summary = {"directories": dirs, "html": os.path.join(html, "index.html"),
               "targets": {t: plan[t] for t in targets if plan[t]},
               "failed_inputs": failed}
    with open(os.path.join(args.out, "summary.json"), "w") as f:
        json.dump(summary, f, indent=2, sort_keys=True)
        f.write("\n")
    lines = ["| directory | lines | covered | % |", "| --- | --- | --- | --- |"]
    lines += ["| %s | %d | %d | %.1f |" % (d["directory"], d["lines"],
                                          d["covered"], d["percent"])
              for d in dirs]
    with open(os.path.join(args.out, "summary.md"), "w") as f:
        f.write("\n".join(lines) + "\n")
    for d in dirs:
        print("%-24s %6d lines %6d covered %5.1f%%" % (
            d["directory"], d["lines"], d["covered"], d["percent"]))
    print("html: %s" % summary["html"])
    return 0


if __name__ == "__main__":
    sys.exit(run(sys.argv[1:]))
