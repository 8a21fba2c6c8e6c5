"""`tern fuzz`: a fuzz campaign over the libFuzzer targets.

    tern fuzz [--targets=a,b] [--seconds=N] [--jobs=N] [--corpus-dir=DIR]
              [--report=DIR]

Builds the targets (bazel --config=fuzz), runs them in parallel for the time
budget on the checked-in seeds (corpus/TARGET/) plus a working corpus outside
the tree, shows live progress, and at the end or on Ctrl-C/SIGTERM: merges and
minimises the working corpus, re-runs every artifact 3 times, deduplicates by
signature, reduces each new finding (`tern reduce`), and writes the report
(report.md, report.json, TARGET.svg). Exit status: 1 when there is a new
reproducible finding, 0 when there is none; 64 bad usage, 70 the build or the
set-up failed.
"""

import argparse
import datetime
import hashlib
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import threading

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import build_graph  # noqa: E402
import report  # noqa: E402
import runner  # noqa: E402
import tern_tool  # noqa: E402
import triage  # noqa: E402

EXIT_NEW_FINDING = 1
EXIT_USAGE = 64
EXIT_SOFTWARE = 70


def root_dir():
    return os.environ.get("TERN_ROOT") or os.path.dirname(
        os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def default_corpus_dir():
    cache = os.environ.get("XDG_CACHE_HOME") or os.path.join(
        os.path.expanduser("~"), ".cache")
    return os.path.join(cache, "tern", "fuzz")


class UsageError(Exception):
    pass


class _Parser(argparse.ArgumentParser):
    def error(self, message):
        self.print_usage(sys.stderr)
        sys.stderr.write("%s: %s\n" % (self.prog, message))
        sys.exit(EXIT_USAGE)


def parse_args(argv, known_targets):
    p = _Parser(prog="tern fuzz", description=__doc__,
                                formatter_class=argparse.RawTextHelpFormatter)
    p.add_argument("--targets", default="",
                   help="comma-separated fuzz targets (default: all of "
                   "fuzz/BUILD: %s)" % ", ".join(known_targets))
    p.add_argument("--seconds", type=int, default=60,
                   help="time budget of the fuzzing (default 60)")
    p.add_argument("--jobs", type=int, default=os.cpu_count() or 1,
                   help="fuzzer processes at once (default: the cores)")
    p.add_argument("--corpus-dir", default=default_corpus_dir(),
                   help="working corpus, artifacts, findings (default %s)"
                   % default_corpus_dir())
    p.add_argument("--report", default=None,
                   help="report directory (default CORPUS_DIR/report)")
    p.add_argument("--config", default="fuzz",
                   help="the Bazel config to build the targets with")
    p.add_argument("--bin-dir", default=None,
                   help="use the fuzz targets already built in this "
                   "directory instead of building them")
    p.add_argument("--show-program", default=None,
                   help="the show_program binary (default: beside the "
                   "targets)")
    p.add_argument("--tern", default=os.environ.get("TERN_BIN"),
                   help="the tern binary for repro/reduce (./tern sets it)")
    p.add_argument("--reduce-seconds", type=int, default=60)
    p.add_argument("--escape-programs", type=int, default=1000,
                   help="programs `tern escape-stats` measures the arena "
                   "checker's false positives on (0: skip)")
    p.add_argument("--timeout", type=int, default=10,
                   help="seconds one input may run before it is a timeout")
    p.add_argument("--progress-interval", type=float, default=10,
                   help="seconds between progress lines when not on a "
                   "terminal")
    p.add_argument("--fuzzer-arg", action="append", default=[],
                   help="extra libFuzzer flag for every run (e.g. -seed=1)")
    args = p.parse_args(argv)
    targets = [t for t in args.targets.split(",") if t] or known_targets
    unknown = [t for t in targets if t not in known_targets]
    if unknown:
        raise UsageError("unknown target(s) %s; fuzz/BUILD has %s" % (
            ", ".join(unknown), ", ".join(known_targets)))
    if args.seconds < 1 or args.jobs < 1:
        raise UsageError("--seconds and --jobs must be at least 1")
    args.targets = targets
    args.corpus_dir = os.path.abspath(args.corpus_dir)
    args.report = os.path.abspath(
        args.report or os.path.join(args.corpus_dir, "report"))
    return args


def build(root, config, targets):
    """bazel build the targets; returns the directory holding them."""
    labels = ["//fuzz:%s" % t for t in targets] + ["//fuzz:show_program"]
    cmd = ["bazel", "build", "--config=" + config] + labels
    sys.stderr.write("fuzz: building %s (--config=%s)\n" % (
        ", ".join(targets), config))
    p = subprocess.run(cmd, cwd=root, stdout=subprocess.PIPE,
                       stderr=subprocess.STDOUT, errors="replace")
    if p.returncode != 0:
        sys.stderr.write(p.stdout)
        raise RuntimeError("the build failed: %s" % " ".join(cmd))
    info = subprocess.run(["bazel", "info", "--config=" + config,
                           "bazel-bin"], cwd=root, stdout=subprocess.PIPE,
                          stderr=subprocess.DEVNULL, errors="replace",
                          check=True)
    return os.path.join(info.stdout.strip(), "fuzz")


def read_options(root, target):
    """fuzz/TARGET.options ([libfuzzer] key = value, the OSS-Fuzz
    convention) as libFuzzer flags; a dict path is relative to fuzz/."""
    path = os.path.join(root, "fuzz", target + ".options")
    flags = []
    if not os.path.exists(path):
        return flags
    section = None
    with open(path) as f:
        for line in f:
            line = line.split("#", 1)[0].strip()
            if line.startswith("["):
                section = line.strip("[]").strip()
            elif "=" in line and section == "libfuzzer":
                key, value = (x.strip() for x in line.split("=", 1))
                if key == "dict":
                    value = os.path.join(root, "fuzz", value)
                flags.append("-%s=%s" % (key, value))
    return flags


def generator_version(root):
    """fuzz::kGeneratorVersion (fuzz/program_generator.h), bumped whenever
    the same bytes may decode to another program; `tern repro` compares it
    with the sidecar's."""
    with open(os.path.join(root, "fuzz", "program_generator.h")) as f:
        m = re.search(r"kGeneratorVersion\s*=\s*(\d+)", f.read())
    return int(m.group(1)) if m else None


def git_commit(root):
    try:
        return subprocess.run(["git", "-C", root, "rev-parse", "HEAD"],
                              stdout=subprocess.PIPE,
                              stderr=subprocess.DEVNULL, errors="replace",
                              timeout=10).stdout.strip() or None
    except (OSError, subprocess.SubprocessError):
        return None


def preflight(binary, env, scratch):
    """Runs a target once on the empty input: a set-up error (TERN_ENGINES
    naming an unknown engine, a binary that cannot start) is a usage error of
    the campaign, not a finding. Returns the error text or None."""
    os.makedirs(scratch, exist_ok=True)
    try:
        p = subprocess.run([binary, "-runs=1", scratch],
                           stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                           stderr=subprocess.PIPE, env=env, timeout=120,
                           errors="replace")
    except (OSError, subprocess.SubprocessError) as e:
        return str(e)
    if p.returncode == 0:
        return None
    setup = [ln for ln in p.stderr.splitlines()
             if ln.startswith("tern: ") or "fuzz target exited" in ln]
    return "\n".join(setup) or None  # anything else: a finding, found later


class SeedView:
    """The checked-in seeds of a target as libFuzzer sees them: a copy in the
    working directory from which a seed that crashes is set aside (it is a
    finding already), so that fuzzing goes on past it instead of stopping
    at the same seed at every restart."""

    def __init__(self, seeds, view):
        shutil.rmtree(view, ignore_errors=True)
        os.makedirs(view)
        self.view = view
        self.by_digest = {}
        if os.path.isdir(seeds):
            for entry in sorted(os.listdir(seeds)):
                src = os.path.join(seeds, entry)
                if os.path.isfile(src) and entry != "BUILD":
                    dst = os.path.join(view, entry)
                    shutil.copyfile(src, dst)
                    with open(dst, "rb") as f:
                        digest = hashlib.sha1(f.read()).hexdigest()
                    self.by_digest.setdefault(digest, []).append(dst)
        self.set_aside = []

    def __call__(self, artifacts):
        # libFuzzer names an artifact KIND-SHA1(content).
        for a in artifacts:
            digest = os.path.basename(a).rsplit("-", 1)[-1]
            for path in self.by_digest.pop(digest, []):
                os.remove(path)
                self.set_aside.append(os.path.basename(path))


def find_show_program(bin_dir):
    """//fuzz:show_program beside the targets, or in the fuzz/ directory of
    the bazel-bin they are under (a test's own build of a target)."""
    d = bin_dir
    while True:
        for candidate in (os.path.join(d, "show_program"),
                          os.path.join(d, "fuzz", "show_program")):
            if os.access(candidate, os.X_OK):
                return candidate
        parent = os.path.dirname(d)
        if parent == d:
            return os.path.join(bin_dir, "show_program")
        d = parent


def count_files(d):
    return sum(len(files) for _, _, files in os.walk(d)) if os.path.isdir(
        d) else 0


def merge_corpus(binary, seeds, work, env, log_dir, name):
    """Minimises the working corpus with -merge=1: afterwards it holds only
    inputs that add coverage beyond the seeds. Returns its size."""
    fresh = work + ".merge"
    shutil.rmtree(fresh, ignore_errors=True)
    os.makedirs(fresh)
    seed_copies = []
    if os.path.isdir(seeds):  # the seeds count first, then are dropped
        for entry in sorted(os.listdir(seeds)):
            src = os.path.join(seeds, entry)
            if os.path.isfile(src) and entry != "BUILD":
                dst = os.path.join(fresh, "seed-copy-" + entry)
                shutil.copyfile(src, dst)
                seed_copies.append(dst)
    control = os.path.join(log_dir, name + "-merge.control")
    cmd = [binary, "-merge=1", "-merge_control_file=" + control,
           "-timeout=30", fresh, work]
    with open(os.path.join(log_dir, name + "-merge.log"), "w") as log:
        p = subprocess.run(cmd, stdin=subprocess.DEVNULL,
                           stdout=subprocess.DEVNULL, stderr=log, env=env)
    if p.returncode != 0:
        shutil.rmtree(fresh, ignore_errors=True)
        return None  # the old working corpus stays as it was
    for c in seed_copies:
        os.remove(c)
    shutil.rmtree(work)
    os.replace(fresh, work)
    return count_files(work)


class Campaign:
    def __init__(self, args, root):
        self.args = args
        self.root = root
        self.jobs = args.jobs
        self.corpus_dir = args.corpus_dir
        self.states = [runner.TargetState(t) for t in args.targets]
        self.workers_per_target = {}
        self.elapsed = 0.0
        self.interrupted = False
        self.findings = []
        self.flaky = []
        self.corpus_before = {}
        self.corpus_after = {}
        self.coverage_summary = None
        self.extra_sections = []
        self.engines = [e for e in os.environ.get(
            "TERN_ENGINES", "").split(",") if e] or ["all (AllEngines())"]
        self.started = datetime.datetime.now(
            datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
        self.command_line = ["tern", "fuzz"] + sys.argv[1:]
        self.stop = threading.Event()
        self.signals = 0


class Progress:
    """One line per target: in place on a terminal, periodic plain lines
    otherwise."""

    def __init__(self, states, stream, interval):
        self.states, self.stream, self.interval = states, stream, interval
        self.tty = stream.isatty()
        self.drawn = 0
        self.last = -1e9
        self.prev = {s.name: (0.0, 0) for s in states}

    def line(self, s, elapsed):
        t0, e0 = self.prev[s.name]
        execs = s.execs()
        rate = (execs - e0) / (elapsed - t0) if elapsed > t0 else 0
        return ("[%4ds] %-16s execs %9d  %6d/s  cov %5d  corpus %5d  "
                "findings %d" % (elapsed, s.name, execs, rate, s.cov,
                                 s.corpus, len(s.artifacts)))

    def __call__(self, elapsed, final):
        if not self.tty and not final and elapsed - self.last < self.interval:
            return
        if final:  # the whole run's rate, not the last window's
            self.prev = {s.name: (0.0, 0) for s in self.states}
        lines = [self.line(s, elapsed) for s in self.states]
        if self.tty:
            out = ("\x1b[%dA" % self.drawn if self.drawn else "") + "".join(
                "\r\x1b[K" + l + "\n" for l in lines)
            self.drawn = len(lines)
        else:
            out = "".join(l + "\n" for l in lines)
        self.stream.write(out)
        self.stream.flush()
        if elapsed - self.last >= self.interval or self.tty:
            for s in self.states:
                self.prev[s.name] = (elapsed, s.execs())
        self.last = elapsed


def sanitizer_env():
    env = dict(os.environ)
    env.setdefault("UBSAN_OPTIONS", "print_stacktrace=1:halt_on_error=1")
    sym = shutil.which("llvm-symbolizer")
    if sym:
        env.setdefault("ASAN_SYMBOLIZER_PATH", sym)
    return env


# Stack depth of the allocation and free stacks in the re-runs' reports.
# While fuzzing the targets record 4 frames per allocation (their default
# in fuzz/sanitizer_defaults.cc; recording them is the largest single cost
# left in an execution); a finding's re-runs, whose reports give its
# signature and the report kept, record ASan's usual 30.
RERUN_MALLOC_CONTEXT = 30


def rerun_env(env):
    """The environment of a finding's re-runs: `env` with full-depth
    allocation stacks, unless ASAN_OPTIONS already chooses a depth."""
    env = dict(env)
    asan = env.get("ASAN_OPTIONS", "")
    if "malloc_context_size=" not in asan:
        option = "malloc_context_size=%d" % RERUN_MALLOC_CONTEXT
        env["ASAN_OPTIONS"] = asan + ":" + option if asan else option
    return env


def plan_rounds(targets, jobs):
    """Targets run at once when the jobs allow; else in rounds of `jobs`.
    Spare jobs go to extra workers of the first targets."""
    if jobs >= len(targets):
        per = {t: jobs // len(targets) for t in targets}
        for t in targets[:jobs % len(targets)]:
            per[t] += 1
        return [targets], per
    rounds = [targets[i:i + jobs] for i in range(0, len(targets), jobs)]
    return rounds, {t: 1 for t in targets}


def run(argv):
    root = root_dir()
    try:
        known_targets = build_graph.fuzz_targets(root)
        args = parse_args(argv, known_targets)
    except UsageError as e:
        sys.stderr.write("tern fuzz: %s\n" % e)
        return EXIT_USAGE
    except build_graph.BuildError as e:
        sys.stderr.write("tern fuzz: reading fuzz/BUILD: %s\n" % e)
        return EXIT_SOFTWARE
    c = Campaign(args, root)

    def on_signal(signum, frame):
        c.signals += 1
        c.interrupted = True
        c.stop.set()
        sys.stderr.write("\nfuzz: %s: stopping; saving findings and the "
                         "corpus%s\n" % (signal.Signals(signum).name,
                                         " (skipping reduction)"
                                         if c.signals > 1 else ""))
    signal.signal(signal.SIGINT, on_signal)
    signal.signal(signal.SIGTERM, on_signal)

    try:
        bin_dir = args.bin_dir or build(root, args.config, args.targets)
    except (RuntimeError, subprocess.CalledProcessError, OSError) as e:
        sys.stderr.write("tern fuzz: %s\n" % e)
        return EXIT_SOFTWARE
    bin_dir = os.path.abspath(bin_dir)
    binaries = {t: os.path.join(bin_dir, t) for t in args.targets}
    missing = [b for b in binaries.values() if not os.access(b, os.X_OK)]
    if missing:
        sys.stderr.write("tern fuzz: not built: %s\n" % ", ".join(missing))
        return EXIT_SOFTWARE

    env = sanitizer_env()
    log_dir = os.path.join(c.corpus_dir, "logs")
    shutil.rmtree(log_dir, ignore_errors=True)
    os.makedirs(log_dir)
    for t in args.targets:
        error = preflight(binaries[t], env, os.path.join(log_dir, "empty"))
        if error:
            sys.stderr.write("tern fuzz: %s cannot run:\n%s\n" % (t, error))
            return EXIT_USAGE if "TERN_ENGINES" in error else EXIT_SOFTWARE
    commands, seeds, works, views = {}, {}, {}, {}
    for t in args.targets:
        works[t] = os.path.join(c.corpus_dir, t, "corpus")
        artifacts = os.path.join(c.corpus_dir, t, "artifacts")
        for d in (works[t], artifacts):
            os.makedirs(d, exist_ok=True)
        seeds[t] = os.path.join(root, "corpus", t)
        views[t] = SeedView(seeds[t], os.path.join(c.corpus_dir, t, "seeds"))
        c.corpus_before[t] = count_files(works[t])
        flags = ["-artifact_prefix=%s/" % artifacts, "-print_final_stats=1",
                 "-timeout=%d" % args.timeout, "-rss_limit_mb=2560",
                 ] + read_options(root, t) + args.fuzzer_arg
        commands[t] = [binaries[t]] + flags + [works[t], views[t].view]
    # Artifacts left by an interrupted earlier campaign are triaged too.
    leftovers = {t: sorted(os.path.join(c.corpus_dir, t, "artifacts", a)
                           for a in os.listdir(os.path.join(
                               c.corpus_dir, t, "artifacts")))
                 for t in args.targets}

    rounds, c.workers_per_target = plan_rounds(args.targets, args.jobs)
    progress = Progress(c.states, sys.stderr, args.progress_interval)
    by_name = {s.name: s for s in c.states}
    for s in c.states:
        s.artifacts += [(a, None) for a in leftovers[s.name]]
    per_round = max(1, args.seconds // len(rounds))
    for chunk in rounds:
        if c.stop.is_set():
            break
        c.elapsed += runner.run_all([by_name[t] for t in chunk], commands,
                                    c.workers_per_target, per_round, log_dir,
                                    env, c.stop, progress, views)
    return finish(c, args, root, binaries, works, seeds, env, log_dir,
                  bin_dir)


def finish(c, args, root, binaries, works, seeds, env, log_dir, bin_dir):
    sys.stderr.write("fuzz: merging corpora, re-running artifacts\n")
    for t in args.targets:
        after = merge_corpus(binaries[t], seeds[t], works[t], env, log_dir, t)
        c.corpus_after[t] = after if after is not None else count_files(
            works[t])
    graph = build_graph.Graph(root)
    try:
        gen_version = generator_version(root)
    except OSError:
        gen_version = None
    commit = git_commit(root)
    known = triage.KnownFindings(os.path.join(c.corpus_dir,
                                              "known-findings.json"))
    findings_dir = os.path.join(c.corpus_dir, "findings")
    tern = tern_tool.Tern(os.path.abspath(args.tern), env) if args.tern else None
    rerun_cmd = {t: [binaries[t], "-timeout=%d" % args.timeout,
                     "-rss_limit_mb=2560"] for t in args.targets}
    for s in c.states:
        found, flaky = triage.triage(s.name, s.artifacts, rerun_cmd[s.name],
                                     rerun_env(env), args.timeout * 3 + 30,
                                     findings_dir)
        c.flaky += flaky
        uses_generator = False
        try:
            uses_generator = graph.decodes_generator_bytes(s.name)
        except (build_graph.BuildError, OSError):
            pass
        for f in found:
            f.new = not known.is_known(f.signature)
            facts = {"fuel": None, "swarm": None}
            if uses_generator:
                facts = tern_tool.generated_program_facts(
                    args.show_program or find_show_program(bin_dir),
                    f.artifact, s.name)
            triage.write_sidecar(f, {
                "target": s.name,
                "generator_version": gen_version if uses_generator else None,
                "fuel": facts["fuel"],
                "swarm": facts["swarm"],
                "engines": os.environ.get("TERN_ENGINES", ""),
                "command": rerun_cmd[s.name] + [f.artifact],
                "repro": ["tern", "repro", f.artifact],
                "commit": commit,
                "campaign": c.started,
            })
            c.findings.append(f)
    for f in c.findings:
        if tern is None:
            f.reduced = {"status": "not tried: no tern binary (--tern)"}
            continue
        f.repro = tern.repro_json(f.artifact)
        if f.new and c.signals < 2:
            out = os.path.join(os.path.dirname(f.artifact), "reduced.tern")
            f.reduced = tern.reduce(f.artifact, out, args.reduce_seconds)
        elif f.new:
            f.reduced = {"status": "skipped: interrupted twice"}
        else:
            f.reduced = {"status": "known: reduced when first found"}
    if tern is not None and args.escape_programs > 0 and c.signals < 2:
        stats = tern.escape_stats(args.escape_programs)
        if stats:
            c.extra_sections.append(tern_tool.escape_section(stats))
    for f in c.findings:
        if f.new:
            known.add(f, c.started)
    known.save()
    summary = os.path.join(c.corpus_dir, "coverage", "summary.json")
    if os.path.exists(summary):
        with open(summary) as fh:
            c.coverage_summary = json.load(fh)
    r = report.write(c, args.report)
    for line in report.summary_lines(r):
        print(line)
    print("report: %s" % os.path.join(args.report, "report.md"))
    broken = [s for s in c.states if s.errors and not s.execs()]
    for s in broken:
        rc, log = s.errors[0]
        sys.stderr.write("tern fuzz: %s never ran (exit %d); its log %s ends:"
                         "\n" % (s.name, rc, log))
        with open(log, errors="replace") as fh:
            sys.stderr.write("".join(fh.readlines()[-8:]))
    if r["new_findings"]:
        return EXIT_NEW_FINDING
    return EXIT_SOFTWARE if broken else 0


if __name__ == "__main__":
    sys.exit(run(sys.argv[1:]))
