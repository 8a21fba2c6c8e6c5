"""Fuzzing throughput: programs per second per core for each fuzz target in
the fuzz config (libFuzzer + ASan + UBSan), and for each target built on the
program generator (interp_fuzzer, diff_fuzzer, gc_fuzzer) the share of the
time spent generating, in the front end, compiling (the VM's bytecode, once
for every VM engine) and running each engine.

    python3 bench/fuzz_throughput.py [--seconds=S] [--targets=a,b] [--json=FILE]

Each target runs alone in one process from its seed corpus, with a fixed
seed and the flags of its fuzz/NAME.options (as a campaign runs it), for S
seconds; the figure is libFuzzer's count of executions divided
by the CPU time (user + system) the process used, so that it is per core
whatever else the machine runs (libFuzzer's own exec/s is per wall-clock
second, shown beside it). The phase shares come from //bench:fuzz_phases
--target=T, which calls the target's own oracle code (CheckGeneratedProgram)
with a phase observer, on the seeds and then on pseudo-random inputs, also in
CPU time; it runs without libFuzzer's coverage feedback, hence its higher
rate. The engines are those TERN_ENGINES selects (default: every engine).
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


def target_rate(binary, seeds, seconds, env, flags):
    with tempfile.TemporaryDirectory() as work, \
            tempfile.TemporaryFile(mode="w+", errors="replace") as err:
        p = subprocess.Popen(
            [binary, "-seed=1", "-max_total_time=%d" % seconds,
             "-print_final_stats=1", "-timeout=10"] + flags + [work]
            + ([seeds] if os.path.isdir(seeds) else []),
            stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
            stderr=err, env=env)
        _, status, usage = os.wait4(p.pid, 0)
        p.returncode = os.waitstatus_to_exitcode(status)
        err.seek(0)
        stderr = err.read()
    execs = re.search(r"stat::number_of_executed_units:\s+(\d+)", stderr)
    rate = re.search(r"stat::average_exec_per_sec:\s+(\d+)", stderr)
    cov = re.findall(r"cov: (\d+)", stderr)
    if not execs or not rate:
        return {"error": "exit %d: %s" % (p.returncode,
                                          stderr.strip()[-300:])}
    cpu = usage.ru_utime + usage.ru_stime
    return {"executions": int(execs.group(1)),
            "cpu_seconds": round(cpu, 2),
            "per_cpu_second": round(int(execs.group(1)) / max(cpu, 1e-9), 1),
            "per_wall_second": int(rate.group(1)),
            "coverage": int(cov[-1]) if cov else None}


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
    phases_bin = os.path.join(os.path.dirname(bin_fuzz), "bench",
                              "fuzz_phases")
    for t in targets:
        r = target_rate(os.path.join(bin_fuzz, t),
                        os.path.join(ROOT, "corpus", t), args.seconds, env,
                        campaign.read_options(ROOT, t))
        if graph.decodes_generator_bytes(t):
            p = subprocess.run(
                [phases_bin, "--target=" + t, "--seconds=%d" % args.seconds,
                 os.path.join(ROOT, "corpus", t)],
                stdout=subprocess.PIPE, env=env, errors="replace")
            if p.returncode == 0:
                r["generator_pipeline"] = json.loads(p.stdout)
        results["targets"][t] = r
    print("| target | execs per CPU-second (libFuzzer) | per wall-second | "
          "generator pipeline: programs per CPU-second | time shares |")
    print("| --- | --- | --- | --- | --- |")
    for t, r in results["targets"].items():
        ph = r.get("generator_pipeline")
        shares = ", ".join("%s %.0f%%" % (k, 100 * v) for k, v in
                           ph["share"].items()) if ph else "-"
        print("| %s | %s | %s | %s | %s |" % (
            t, r.get("per_cpu_second", r.get("error")),
            r.get("per_wall_second", "-"),
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
