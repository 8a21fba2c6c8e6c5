"""The campaign report: Markdown for people, JSON for machines, one SVG
chart per target."""

import json
import os

import svg_chart


def _rate(execs, seconds):
    return int(execs / seconds) if seconds > 0 else 0


def build(campaign):
    """The JSON-able report of a campaign (a dict)."""
    c = campaign
    targets = []
    for s in c.states:
        cores = c.workers_per_target[s.name]
        targets.append({
            "name": s.name,
            "workers": cores,
            "runs": s.runs,
            "executions": s.execs(),
            "seconds": round(s.seconds, 1),
            "execs_per_second": _rate(s.execs(), s.seconds),
            "execs_per_second_per_core": _rate(s.execs(), s.seconds * cores),
            "coverage": s.cov,
            "features": s.ft,
            "corpus_before_merge": c.corpus_before.get(s.name),
            "corpus_after_merge": c.corpus_after.get(s.name),
            "artifacts": len(s.artifacts),
            "chart": s.name + ".svg",
            "samples": s.samples,
            "errors": [{"exit": rc, "log": log} for rc, log in s.errors],
        })
    findings = []
    for f in c.findings:
        findings.append({
            "target": f.target, "signature": f.signature, "new": f.new,
            "artifact": f.artifact, "sidecar": f.sidecar,
            "reproduced": "%d/%d" % (f.reproduced, 3),
            "duplicates": len(f.duplicates), "reduced": f.reduced,
            "repro": f.repro, "report": f.report,
        })
    return {
        "version": 1,
        "started": c.started,
        "seconds": round(c.elapsed, 1),
        "interrupted": c.interrupted,
        "jobs": c.jobs,
        "engines": c.engines,
        "corpus_dir": c.corpus_dir,
        "command": c.command_line,
        "targets": targets,
        "findings": findings,
        "flaky": c.flaky,
        "new_findings": sum(1 for f in c.findings if f.new),
        "coverage": c.coverage_summary,
        "extra": c.extra_sections,
    }


def summary_lines(r):
    lines = ["campaign: %ss on %d job(s)%s, %d target(s), %d new finding(s), "
             "%d known, %d flaky" % (
                 r["seconds"], r["jobs"],
                 " (interrupted)" if r["interrupted"] else "",
                 len(r["targets"]), r["new_findings"],
                 len(r["findings"]) - r["new_findings"], len(r["flaky"]))]
    for t in r["targets"]:
        lines.append("  %-16s %10d execs %7d/s  cov %6d  corpus %s  "
                     "artifacts %d" % (
                         t["name"], t["executions"], t["execs_per_second"],
                         t["coverage"],
                         t["corpus_after_merge"] if t["corpus_after_merge"]
                         is not None else "?", t["artifacts"]))
    for section in r["extra"]:
        data = section.get("data", {})
        if "false_positive_rate" in data:
            lines.append("  escape oracle: checker false-positive rate %.1f%% "
                         "(%d programs)" % (100 * data["false_positive_rate"],
                                            data["programs"]))
    for f in r["findings"]:
        red = f["reduced"] or {}
        lines.append("  %s %s: %s" % ("NEW  " if f["new"] else "known",
                                      f["target"], f["signature"]))
        lines.append("        %s%s" % (
            f["artifact"],
            ("  reduced: %s (%s lines)" % (red["path"], red.get("lines"))
             if red.get("status") == "ok" else
             "  reduction: %s" % red.get("status", "not tried"))))
    return lines


def markdown(r):
    out = ["# Fuzz campaign report", ""]
    out.append("%s s on %d job(s)%s, engines: %s; working corpus `%s`." % (
        r["seconds"], r["jobs"], " (interrupted)" if r["interrupted"] else "",
        ", ".join(r["engines"]) or "?", r["corpus_dir"]))
    out.append("")
    out.append("**%d new finding(s)**, %d already known, %d flaky." % (
        r["new_findings"], len(r["findings"]) - r["new_findings"],
        len(r["flaky"])))
    out += ["", "## Targets", "",
            "| target | workers | executions | exec/s | exec/s/core | "
            "coverage | corpus (before → after merge) | artifacts |",
            "| --- | --- | --- | --- | --- | --- | --- | --- |"]
    for t in r["targets"]:
        out.append("| %s | %d | %d | %d | %d | %d | %s → %s | %d |" % (
            t["name"], t["workers"], t["executions"], t["execs_per_second"],
            t["execs_per_second_per_core"], t["coverage"],
            t["corpus_before_merge"], t["corpus_after_merge"],
            t["artifacts"]))
    out.append("")
    for t in r["targets"]:
        out.append("![%s: coverage and executions over time](%s)" % (
            t["name"], t["chart"]))
        for e in t["errors"]:
            out.append("- %s: a run exited %d without fuzzing: see `%s`" % (
                t["name"], e["exit"], e["log"]))
    out += ["", "## Findings", ""]
    if not r["findings"]:
        out.append("None.")
    for i, f in enumerate(r["findings"], 1):
        out.append("### %d. %s %s" % (i, "NEW" if f["new"] else "known",
                                       f["signature"]))
        out.append("")
        out.append("- target: `%s`; reproduced %s; %d duplicate(s)" % (
            f["target"], f["reproduced"], f["duplicates"]))
        out.append("- artifact: `%s` (sidecar `%s`)" % (f["artifact"],
                                                       f["sidecar"]))
        red = f["reduced"] or {}
        if red.get("status") == "ok":
            out.append("- reduced (%s lines): `%s`" % (red.get("lines"),
                                                      red["path"]))
        else:
            out.append("- reduction: %s" % red.get("status", "not tried"))
        if red.get("text"):
            out += ["", "```", red["text"].rstrip("\n"), "```"]
        out.append("- reproduce: `./tern repro %s`" % f["artifact"])
        out += ["", "```", f["report"].rstrip("\n")[:4000], "```", ""]
    if r["flaky"]:
        out += ["", "## Flaky (not kept)", "",
                "| target | artifact | reproduced | signatures |",
                "| --- | --- | --- | --- |"]
        for fl in r["flaky"]:
            out.append("| %s | `%s` | %d/%d | %s |" % (
                fl["target"], fl["artifact"], fl["reproduced"], fl["of"],
                "; ".join(fl["signatures"]) or "none"))
    for section in r["extra"]:
        out += ["", "## " + section["title"], "", section["markdown"]]
    if r["coverage"]:
        out += ["", "## Line coverage (`tern coverage`)", "",
                "| directory | lines | covered | % |",
                "| --- | --- | --- | --- |"]
        for d in r["coverage"]["directories"]:
            out.append("| %s | %d | %d | %.1f |" % (
                d["directory"], d["lines"], d["covered"], d["percent"]))
        out.append("")
        out.append("HTML: `%s`" % r["coverage"].get("html", "?"))
    out.append("")
    return "\n".join(out)


def write(campaign, report_dir):
    os.makedirs(report_dir, exist_ok=True)
    r = build(campaign)
    for s in campaign.states:
        with open(os.path.join(report_dir, s.name + ".svg"), "w") as f:
            f.write(svg_chart.chart(s.name, s.samples))
    with open(os.path.join(report_dir, "report.json"), "w") as f:
        json.dump(r, f, indent=2, sort_keys=True)
        f.write("\n")
    with open(os.path.join(report_dir, "report.md"), "w") as f:
        f.write(markdown(r))
    return r
