"""After the runs: each artifact re-run to see that it reproduces, findings
grouped by signature, the new ones told apart from those already known, and
each kept artifact given its sidecar."""

import hashlib
import json
import os
import re
import shutil
import subprocess

import libfuzzer_log

RERUNS = 3
KINDS = ("crash", "timeout", "leak", "oom")  # libFuzzer's artifact prefixes


def artifact_kind(path):
    base = os.path.basename(path)
    for k in KINDS:
        if base.startswith(k + "-"):
            return k
    return None


def rerun(command, artifact, env, timeout):
    """Runs the target on one input; (reproduced, signature, stderr)."""
    try:
        p = subprocess.run(command + [artifact], stdin=subprocess.DEVNULL,
                           stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                           env=env, timeout=timeout, errors="replace")
        text, rc = p.stderr, p.returncode
    except subprocess.TimeoutExpired as e:
        text = (e.stderr or b"").decode("utf-8", "replace") if isinstance(
            e.stderr, bytes) else (e.stderr or "")
        return True, "libfuzzer: timeout (re-run killed)", text
    sig = libfuzzer_log.signature(text)
    return rc != 0, sig, text


def slug(signature):
    """A directory name for a signature: readable start, hash for identity."""
    digest = hashlib.sha1(signature.encode()).hexdigest()[:10]
    words = re.sub(r"[^A-Za-z0-9]+", "-", signature).strip("-").lower()
    return "%s-%s" % (words[:40].strip("-"), digest)


class Finding:
    def __init__(self, target, artifact, signature, reproduced, report):
        self.target = target
        self.artifact = artifact        # kept copy in the findings directory
        self.signature = signature
        self.reproduced = reproduced    # out of RERUNS
        self.report = report            # the failure's stderr excerpt
        self.duplicates = []            # other artifacts with this signature
        self.new = True
        self.sidecar = None
        self.reduced = None             # {"status": ..., "path": ..., ...}
        self.repro = None


def triage(target, artifacts, command, env, timeout, findings_dir):
    """Re-runs each artifact RERUNS times. Returns (findings, flaky): one
    finding per signature (its smallest artifact, the others listed as
    duplicates) among those that reproduced every time; flaky lists
    (artifact, reproduced count, signatures seen)."""
    by_signature = {}
    flaky = []
    for artifact, log_path in artifacts:
        if not artifact_kind(artifact) or not os.path.exists(artifact):
            continue
        results = [rerun(command, artifact, env, timeout)
                   for _ in range(RERUNS)]
        count = sum(1 for ok, _, _ in results if ok)
        sigs = sorted({s for ok, s, _ in results if ok and s})
        if count < RERUNS or len(sigs) != 1:
            flaky.append({"target": target, "artifact": artifact,
                          "reproduced": count, "of": RERUNS,
                          "signatures": sigs})
            continue
        sig = sigs[0]
        by_signature.setdefault(sig, []).append(
            (os.path.getsize(artifact), artifact, results[0][2]))
    findings = []
    for sig in sorted(by_signature):
        group = sorted(by_signature[sig])
        _, best, text = group[0]
        d = os.path.join(findings_dir, slug(sig))
        os.makedirs(d, exist_ok=True)
        kept = os.path.join(d, os.path.basename(best))
        if os.path.abspath(kept) != os.path.abspath(best):
            shutil.copyfile(best, kept)
        f = Finding(target, kept, sig, RERUNS,
                    libfuzzer_log.report_excerpt(text))
        f.duplicates = [a for _, a, _ in group[1:]]
        findings.append(f)
    return findings, flaky


def write_sidecar(finding, meta):
    """NAME.json beside the kept artifact: all it takes to reproduce it."""
    path = finding.artifact + ".json"
    data = dict(meta)
    data["signature"] = finding.signature
    data["kind"] = artifact_kind(finding.artifact)
    with open(path, "w") as f:
        json.dump(data, f, indent=2, sort_keys=True)
        f.write("\n")
    finding.sidecar = path
    return path


class KnownFindings:
    """Signatures earlier campaigns on this working directory reported: a
    finding is new only if its signature is not among them."""

    def __init__(self, path):
        self.path = path
        self.known = {}
        if os.path.exists(path):
            with open(path) as f:
                self.known = json.load(f)

    def is_known(self, signature):
        return signature in self.known

    def add(self, finding, when):
        self.known.setdefault(finding.signature, {
            "first_seen": when, "target": finding.target,
            "artifact": finding.artifact})

    def save(self):
        tmp = self.path + ".tmp"
        with open(tmp, "w") as f:
            json.dump(self.known, f, indent=2, sort_keys=True)
            f.write("\n")
        os.replace(tmp, self.path)
