"""The campaign's boundary with the `tern` CLI: it reduces and describes
findings through `tern reduce FILE -o OUT --seconds=N` and `tern repro
--json FILE` as subprocesses (the sidecar FILE.json sits beside FILE
already), and copes with a tern that has no such command yet."""

import json
import re
import subprocess

_UNKNOWN = re.compile(r"unknown command")


class Tern:
    def __init__(self, binary, env):
        self.binary, self.env = binary, env
        self.missing = set()

    def _run(self, command, args, timeout):
        if command in self.missing:
            return None
        try:
            p = subprocess.run([self.binary, command] + args,
                               stdin=subprocess.DEVNULL,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                               env=self.env, timeout=timeout, errors="replace")
        except subprocess.TimeoutExpired:
            return "timeout"
        except OSError as e:
            self.missing.add(command)
            self.why = str(e)
            return None
        if p.returncode == 64 and _UNKNOWN.search(p.stderr):
            self.missing.add(command)
            return None
        return p

    def reduce(self, artifact, out, seconds):
        p = self._run("reduce", [artifact, "-o", out, "--quiet",
                                 "--seconds=%d" % seconds], seconds + 60)
        if p is None:
            return {"status": "unavailable: this tern has no `reduce`"}
        if p == "timeout":
            return {"status": "failed: tern reduce overran its budget"}
        if p.returncode != 0:
            return {"status": "failed: tern reduce exited %d: %s" % (
                p.returncode, p.stderr.strip().splitlines()[-1:] or "")}
        try:
            with open(out, errors="replace") as f:
                text = f.read()
        except OSError:
            return {"status": "failed: tern reduce wrote no %s" % out}
        lines = len([ln for ln in text.splitlines() if ln.strip()])
        return {"status": "ok", "path": out, "lines": lines, "text": text}

    def escape_stats(self, programs):
        p = self._run("escape-stats", ["--programs=%d" % programs, "--json"],
                      600)
        if p is None or p == "timeout" or p.returncode != 0:
            return None
        try:
            return json.loads(p.stdout)
        except ValueError:
            return None

    def repro_json(self, artifact):
        p = self._run("repro", ["--json", artifact], 120)
        if p is None or p == "timeout":
            return None
        try:
            return json.loads(p.stdout)
        except ValueError:
            return None


def generated_program_facts(show_program, artifact, target):
    """What the generator makes of `artifact`, decoded as fuzz target
    `target` decodes it (gc_fuzzer in the heap mode), from show_program's
    header lines (`; FILE (fuel N, generator version V)`, `; swarm:
    FEATURES`): {"fuel": N, "swarm": [...]}, with None for what it does not
    say."""
    facts = {"fuel": None, "swarm": None}
    try:
        p = subprocess.run([show_program, "--target=" + target, artifact],
                           stdout=subprocess.PIPE,
                           stderr=subprocess.DEVNULL, timeout=60,
                           errors="replace")
    except (OSError, subprocess.SubprocessError):
        return facts
    for line in p.stdout.split("\n")[:4]:
        m = re.search(r"\(fuel (\d+)", line)
        if m:
            facts["fuel"] = int(m.group(1))
        if line.startswith("; swarm:"):
            facts["swarm"] = line[len("; swarm:"):].split()
    return facts


def escape_section(stats):
    """The report section of `tern escape-stats --json`: the arena checker's
    false-positive rate and its most common reasons."""
    lines = [
        "Of %d generated programs whose arenas never escape at run time "
        "(observed by the interpreter), the checker rejects %d: a "
        "false-positive rate of **%.1f%%**. (%d programs in all; %d that do "
        "escape were rejected, %d accepted.)" % (
            stats["accepted_clean"] + stats["rejected_clean"],
            stats["rejected_clean"], 100 * stats["false_positive_rate"],
            stats["programs"], stats["rejected_escaping"],
            stats["accepted_escaping"]),
        "", "| reason | count |", "| --- | --- |"]
    for r in stats.get("reasons", [])[:8]:
        lines.append("| %s | %d |" % (r["reason"].replace("|", "\\|"),
                                      r["count"]))
    return {"title": "Escape oracle: the checker's false positives",
            "markdown": "\n".join(lines), "data": stats}
