"""The GitHub workflows are valid: YAML that GitHub accepts (the keys it
requires: `on`, `jobs`, each job's `runs-on` and `steps`, each step's `uses`
or `run`), matrix variables that exist, and `tern` command lines that the
campaign's own argument parsers accept."""

import glob
import os
import re
import shlex
import sys
import unittest

import yaml

RUNFILES = os.path.join(os.environ["TEST_SRCDIR"], os.environ["TEST_WORKSPACE"])
sys.path.insert(0, os.path.join(RUNFILES, "tools/campaign"))

import build_graph  # noqa: E402
import campaign  # noqa: E402
import coverage  # noqa: E402

WORKFLOWS = sorted(glob.glob(os.path.join(RUNFILES, ".github/workflows/*.yml")))
EVENTS = {"pull_request", "push", "schedule", "workflow_dispatch",
          "workflow_call", "merge_group"}
STEP_KEYS = {"id", "if", "name", "uses", "run", "with", "env",
             "continue-on-error", "timeout-minutes", "working-directory",
             "shell"}
JOB_KEYS = {"name", "runs-on", "steps", "needs", "if", "strategy",
            "container", "services", "timeout-minutes", "env", "outputs",
            "permissions", "concurrency", "defaults", "continue-on-error",
            "environment", "uses", "with", "secrets"}


def load(path):
    with open(path) as f:
        doc = yaml.safe_load(f)
    # YAML 1.1 reads the key `on` as the boolean true; GitHub reads "on".
    if True in doc:
        doc["on"] = doc.pop(True)
    return doc


def tern_commands(doc):
    for job in doc["jobs"].values():
        for step in job.get("steps", []):
            for line in str(step.get("run", "")).splitlines():
                # ${{ ... }} is filled in by GitHub: any value parses here.
                line = re.sub(r"\$\{\{[^}]*\}\}", "x", line)
                for part in re.split(r"&&|;", line):
                    words = shlex.split(part)
                    if words[:1] == ["./tern"]:
                        yield words[1:]


class WorkflowsTest(unittest.TestCase):
    def test_there_are_workflows(self):
        names = [os.path.basename(p) for p in WORKFLOWS]
        self.assertIn("pull_request.yml", names)
        self.assertIn("scheduled.yml", names)

    def test_required_keys(self):
        for path in WORKFLOWS:
            with self.subTest(workflow=os.path.basename(path)):
                doc = load(path)
                self.assertIn("on", doc)
                on = doc["on"]
                events = set(on) if isinstance(on, (dict, list)) else {on}
                self.assertTrue(events and events <= EVENTS, events)
                self.assertIsInstance(doc.get("jobs"), dict)
                self.assertTrue(doc["jobs"])
                for name, job in doc["jobs"].items():
                    self.assertRegex(name, r"^[A-Za-z_][A-Za-z0-9_-]*$")
                    self.assertLessEqual(set(job), JOB_KEYS, name)
                    self.assertIn("runs-on", job, name)
                    self.assertIsInstance(job.get("steps"), list, name)
                    self.assertTrue(job["steps"], name)
                    for need in ([job["needs"]] if isinstance(
                            job.get("needs"), str) else job.get("needs", [])):
                        self.assertIn(need, doc["jobs"])
                    for step in job["steps"]:
                        self.assertLessEqual(set(step), STEP_KEYS, step)
                        self.assertEqual(
                            ("uses" in step) + ("run" in step), 1, step)
                        if "uses" in step:
                            self.assertRegex(step["uses"],
                                             r"^[\w.-]+/[\w./-]+@[\w.-]+$")
                        if "with" in step:
                            self.assertIn("uses", step)

    def test_matrix_variables_exist(self):
        for path in WORKFLOWS:
            doc = load(path)
            for name, job in doc["jobs"].items():
                matrix = job.get("strategy", {}).get("matrix", {})
                used = set(re.findall(r"\$\{\{\s*matrix\.([\w-]+)\s*\}\}",
                                      yaml.safe_dump(job)))
                self.assertLessEqual(used, set(matrix), (path, name))

    def test_pull_requests_run_the_readme_test_command(self):
        with open(os.path.join(RUNFILES, "README.md")) as f:
            readme = f.read()
        self.assertIn("\n    bash tools/test.sh\n", readme)
        doc = load(os.path.join(RUNFILES, ".github/workflows/pull_request.yml"))
        runs = [s.get("run") for j in doc["jobs"].values() for s in j["steps"]]
        self.assertIn("bash tools/test.sh", runs)
        self.assertIn("pull_request", doc["on"])

    def test_campaign_jobs_upload_on_failure(self):
        doc = load(os.path.join(RUNFILES, ".github/workflows/pull_request.yml"))
        steps = doc["jobs"]["campaign"]["steps"]
        upload = [s for s in steps
                  if s.get("uses", "").startswith("actions/upload-artifact")]
        self.assertEqual(len(upload), 1)
        self.assertEqual(upload[0]["if"], "failure()")
        configs = doc["jobs"]["campaign"]["strategy"]["matrix"]["config"]
        with open(os.path.join(RUNFILES, ".bazelrc")) as f:
            bazelrc = f.read()
        for config in configs:  # each a libFuzzer config of .bazelrc
            self.assertIn("build:%s --copt=-fsanitize=fuzzer-no-link" % config,
                          bazelrc)
        sched = load(os.path.join(RUNFILES, ".github/workflows/scheduled.yml"))
        self.assertIn("schedule", sched["on"])

    def test_tern_command_lines_parse(self):
        targets = build_graph.fuzz_targets(RUNFILES)
        seen = set()
        for path in WORKFLOWS:
            for words in tern_commands(load(path)):
                seen.add(words[0])
                if words[0] == "fuzz":
                    campaign.parse_args(words[1:], targets)
                elif words[0] == "coverage":
                    coverage.parse_args(words[1:])
                else:
                    self.fail("unexpected tern command %s" % words)
        self.assertEqual(seen, {"fuzz", "coverage"})


if __name__ == "__main__":
    unittest.main()
