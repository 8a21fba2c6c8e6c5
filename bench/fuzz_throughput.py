"""Fuzzing throughput: programs per second per core for each fuzz target in
the fuzz config (libFuzzer + ASan + UBSan), and for the generator pipeline
(interp_fuzzer and the targets built on the program generator) the share of
the time spent generating, compiling, and running each engine.

    python3 bench/fuzz_throughput.py [--seconds=S] [--targets=a,b] [--json=FILE]

Each target runs alone in one process (one core) from its seed corpus, with a
fixed seed, for S seconds; libFuzzer's own count of executions is the figure.
The phase shares come from //bench:fuzz_phases, which times the same steps as
RunDifferential on the seeds and then on pseudo-random inputs. The engines
are those TERN_ENGINES selects (default: every engine).
"""

import argparse
import json
import os
import re
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(ROOT, "tools", "campaign"))

import build_graph  # noqa: E402
import campaign  # noqa: E402


def target_rate(binary, seeds, seconds, env):
    with tempfile.TemporaryDirectory() as work:
        p = subprocess.run(
            [binary, "-seed=1", "-max_total_time=%d" % seconds,
             "-print_final_stats=1", "-timeout=10", work]
            + ([seeds] if os.path.isdir(seeds) else []),
            stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE, env=env, errors="replace")
    execs = re.search(r"stat::number_of_executed_units:\s+(\d+)", p.stderr)
    rate = re.search(r"stat::average_exec_per_sec:\s+(\d+)", p.stderr)
    if not execs or not rate:
        return {"error": "exit %d: %s" % (p.returncode,
                                          p.stderr.strip()[-300:])}
    return {"executions": int(execs.group(1)),
            "per_second_per_core": int(rate.group(1))}


def main(argv):
    p = argparse.ArgumentParser(description=__doc__,
                                formatter_class=argparse.RawTextHelpFormatter)
    p.add_argument("--seconds", type=int, default=20)
    p.add_argument("--targets", default="")
    p.add_argument("--json", default=None)
    args = p.parse_args(argv)
    targets = ([t for t in args.targets.split(",") if t]
               or build_graph.fuzz_targets(ROOT))
    bin_fuzz = campaign.build(ROOT, "fuzz", targets)
    subprocess.run(["bazel", "build", "--config=fuzz", "//bench:fuzz_phases"],
                   cwd=ROOT, check=True, stdout=subprocess.DEVNULL,
                   stderr=subprocess.DEVNULL)
    env = campaign.sanitizer_env()
    graph = build_graph.Graph(ROOT)
    results = {"config": "fuzz (libFuzzer + ASan + UBSan)",
               "engines": os.environ.get("TERN_ENGINES") or "all",
               "loadavg": os.getloadavg()[0], "targets": {}}
    phases = None
    for t in targets:
        r = target_rate(os.path.join(bin_fuzz, t),
                        os.path.join(ROOT, "corpus", t), args.seconds, env)
        if graph.decodes_generator_bytes(t):
            if phases is None:
                out = subprocess.run(
                    [os.path.join(os.path.dirname(bin_fuzz), "bench",
                                  "fuzz_phases"),
                     "--seconds=%d" % args.seconds,
                     os.path.join(ROOT, "corpus", "interp_fuzzer")],
                    stdout=subprocess.PIPE, env=env, errors="replace",
                    check=True).stdout
                phases = json.loads(out)
            r["generator_pipeline"] = phases
        results["targets"][t] = r
    print("| target | exec/s per core (libFuzzer) | generator pipeline: "
          "programs/s | time shares |")
    print("| --- | --- | --- | --- |")
    for t, r in results["targets"].items():
        ph = r.get("generator_pipeline")
        shares = ", ".join("%s %.0f%%" % (k, 100 * v) for k, v in
                           ph["share"].items()) if ph else "-"
        print("| %s | %s | %s | %s |" % (
            t, r.get("per_second_per_core", r.get("error")),
            "%.0f" % ph["programs_per_second"] if ph else "-", shares))
    print("(load average at start: %.2f on %d cores)" % (
        results["loadavg"], os.cpu_count() or 1))
    if args.json:
        with open(args.json, "w") as f:
            json.dump(results, f, indent=2, sort_keys=True)
            f.write("\n")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
