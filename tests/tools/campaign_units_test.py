"""Units of tools/campaign: libFuzzer's log, failure signatures, the job
plan, the BUILD reader, the chart."""

import os
import sys
import tempfile
import unittest
import xml.dom.minidom

RUNFILES = os.path.join(os.environ["TEST_SRCDIR"], os.environ["TEST_WORKSPACE"])
sys.path.insert(0, os.path.join(RUNFILES, "tools/campaign"))

import build_graph  # noqa: E402
import campaign  # noqa: E402
import libfuzzer_log  # noqa: E402
import svg_chart  # noqa: E402
import triage  # noqa: E402

ASAN = """INFO: Seed: 1
==4242==ERROR: AddressSanitizer: heap-use-after-free on address 0x602000000010 at pc 0x55 bp 0x7f sp 0x7f
READ of size 8 at 0x602000000010 thread T0
    #0 0x55d1 in tern::interp::Region::Touch(tern::interp::Value const&) const /src/runtime/interp/region.cc:42:7
    #1 0x55d2 in tern::interp::Evaluator::Eval(tern::Expr const&) /src/runtime/interp/evaluator.cc:100:3
    #2 0x55d3 in std::__1::function<void ()>::operator()() const
    #3 0x55d4 in tern::Interpret(tern::Program const&, tern::RunLimits const&) /src/runtime/interp/interpreter.cc:9:1
    #4 0x55d5 in LLVMFuzzerTestOneInput /src/fuzz/interp_fuzzer.cc:20:3

0x602000000010 is located 0 bytes inside of 16-byte region
"""

UBSAN = """runtime/numeric.cc:31:12: runtime error: signed integer overflow: 9223372036854775807 + 1 cannot be represented in type 'long'
    #0 0x1 in tern::CheckedAdd(long, long) /src/runtime/numeric.cc:31:12
    #1 0x2 in tern::interp::Add(tern::interp::Value, tern::interp::Value) /src/runtime/interp/builtins_impl.cc:50:3
"""

TIMEOUT = """==77== ERROR: libFuzzer: timeout after 10 seconds
    #0 0x1 in __sanitizer_print_stack_trace
    #1 0x2 in fuzzer::PrintStackTrace()
    #2 0x3 in tern::interp::Evaluator::Loop(tern::Expr const&) /src/x.cc:1:1
"""



class RerunEnvTest(unittest.TestCase):
    def test_full_allocation_stacks_on_reruns(self):
        env = campaign.rerun_env({"PATH": "/bin"})
        self.assertEqual(env["ASAN_OPTIONS"], "malloc_context_size=30")
        self.assertEqual(env["PATH"], "/bin")

    def test_keeps_the_users_options(self):
        env = campaign.rerun_env({"ASAN_OPTIONS": "detect_leaks=0"})
        self.assertEqual(env["ASAN_OPTIONS"],
                         "detect_leaks=0:malloc_context_size=30")
        env = campaign.rerun_env({"ASAN_OPTIONS": "malloc_context_size=12"})
        self.assertEqual(env["ASAN_OPTIONS"], "malloc_context_size=12")

    def test_leaves_the_campaigns_environment_alone(self):
        env = {"ASAN_OPTIONS": "detect_leaks=0"}
        campaign.rerun_env(env)
        self.assertEqual(env, {"ASAN_OPTIONS": "detect_leaks=0"})

class LogTest(unittest.TestCase):
    def test_status_lines(self):
        s = libfuzzer_log.parse_status(
            "#4096\tpulse  cov: 812 ft: 2101 corp: 61/3907b lim: 43 "
            "exec/s: 2048 rss: 45Mb")
        self.assertEqual((s.execs, s.event, s.cov, s.ft, s.corpus, s.exec_s,
                          s.rss_mb), (4096, "pulse", 812, 2101, 61, 2048, 45))
        s = libfuzzer_log.parse_status(
            "#2\tINITED cov: 2 ft: 2 corp: 1/1b exec/s: 0 rss: 26Mb")
        self.assertEqual((s.execs, s.event, s.corpus), (2, "INITED", 1))
        self.assertIsNone(libfuzzer_log.parse_status("INFO: Seed: 12"))
        self.assertEqual(libfuzzer_log.parse_artifact(
            "artifact_prefix='/w/'; Test unit written to /w/crash-abc"),
            "/w/crash-abc")
        self.assertEqual(libfuzzer_log.parse_final_execs(
            "stat::number_of_executed_units: 1234"), 1234)

    def test_oracle_line_wins(self):
        text = ("INFO: x\n==tern-finding== interp_fuzzer: differ "
                "interp/vm: stdout\ninterp and vm differ:\n==1==ERROR: "
                "AddressSanitizer: SEGV\n")
        self.assertEqual(libfuzzer_log.signature(text),
                         "differ interp/vm: stdout")

    def test_sanitizer_kind_and_project_frames(self):
        self.assertEqual(
            libfuzzer_log.signature(ASAN),
            "asan: heap-use-after-free in tern::interp::Region::Touch < "
            "tern::interp::Evaluator::Eval < tern::Interpret")
        # Addresses and pids differ between runs; the signature does not.
        other = ASAN.replace("4242", "7").replace("0x55d1", "0x1234")
        self.assertEqual(libfuzzer_log.signature(other),
                         libfuzzer_log.signature(ASAN))

    def test_ubsan_and_libfuzzer(self):
        self.assertEqual(
            libfuzzer_log.signature(UBSAN),
            "ubsan: signed integer overflow: N + N cannot be represented in "
            "type T at numeric.cc in tern::CheckedAdd < tern::interp::Add")
        self.assertEqual(libfuzzer_log.signature(TIMEOUT),
                         "libfuzzer: timeout in tern::interp::Evaluator::Loop")
        self.assertIsNone(libfuzzer_log.signature("INFO: all fine\n"))

    def test_excerpt_starts_at_the_failure(self):
        self.assertTrue(libfuzzer_log.report_excerpt(ASAN).startswith(
            "==4242==ERROR"))


class PlanTest(unittest.TestCase):
    def test_spare_jobs_become_workers(self):
        rounds, per = campaign.plan_rounds(["a", "b"], 5)
        self.assertEqual(rounds, [["a", "b"]])
        self.assertEqual(per, {"a": 3, "b": 2})

    def test_fewer_jobs_than_targets_run_in_rounds(self):
        rounds, per = campaign.plan_rounds(["a", "b", "c"], 2)
        self.assertEqual(rounds, [["a", "b"], ["c"]])
        self.assertEqual(per, {"a": 1, "b": 1, "c": 1})

    def test_slug_is_stable_and_safe(self):
        s = triage.slug("differ interp/vm: stdout")
        self.assertEqual(s, triage.slug("differ interp/vm: stdout"))
        self.assertRegex(s, r"^[a-z0-9-]+$")
        self.assertNotEqual(s, triage.slug("differ interp/vm: value"))

    def test_options_files(self):
        self.assertEqual(campaign.read_options(RUNFILES, "parse_fuzzer"),
                         ["-dict=%s/fuzz/tern.dict" % RUNFILES,
                          "-entropic_feature_frequency_threshold=4"])
        self.assertEqual(campaign.read_options(RUNFILES, "no_such"), [])

    def test_known_findings_persist(self):
        d = tempfile.mkdtemp(dir=os.environ.get("TEST_TMPDIR"))
        path = os.path.join(d, "known.json")
        k = triage.KnownFindings(path)
        self.assertFalse(k.is_known("sig"))
        k.add(triage.Finding("t", "/a", "sig", 3, ""), "now")
        k.save()
        self.assertTrue(triage.KnownFindings(path).is_known("sig"))


class BuildGraphTest(unittest.TestCase):
    def test_targets_come_from_fuzz_build(self):
        targets = build_graph.fuzz_targets(RUNFILES)
        self.assertIn("interp_fuzzer", targets)
        self.assertIn("parse_fuzzer", targets)

    def test_sources_follow_deps_and_take_the_libfuzzer_branch(self):
        g = build_graph.Graph(RUNFILES)
        srcs = g.sources("//fuzz:interp_fuzzer")
        self.assertEqual(srcs[0], "fuzz/interp_fuzzer.cc")
        self.assertIn("runtime/interp/interpreter.cc", srcs)
        self.assertIn("oracles/engine.cc", srcs)
        self.assertNotIn("fuzz/fuzz_main.cc", srcs)  # libFuzzer has a main
        self.assertEqual(len(srcs), len(set(srcs)))
        for s in srcs:
            self.assertTrue(os.path.exists(os.path.join(RUNFILES, s)), s)
        replay = build_graph.Graph(RUNFILES, libfuzzer=False)
        self.assertIn("fuzz/fuzz_main.cc", replay.sources("//fuzz:interp_fuzzer"))
        self.assertTrue(g.depends_on("//fuzz:interp_fuzzer",
                                     "//fuzz:program_generator"))

    def test_generator_targets(self):
        g = build_graph.Graph(RUNFILES)
        self.assertTrue(g.decodes_generator_bytes("interp_fuzzer"))
        self.assertTrue(g.decodes_generator_bytes("gc_fuzzer"))
        self.assertFalse(g.decodes_generator_bytes("parse_fuzzer"))

    def test_unknown_rule_is_an_error(self):
        with self.assertRaises(build_graph.BuildError):
            build_graph.Graph(RUNFILES).sources("//fuzz:nonesuch")


class ChartTest(unittest.TestCase):
    def test_is_well_formed_svg(self):
        svg = svg_chart.chart("t<1>", [(0, 0, 0), (1.5, 1000, 40),
                                       (3, 2500, 55)])
        doc = xml.dom.minidom.parseString(svg)
        self.assertEqual(doc.documentElement.tagName, "svg")
        self.assertEqual(len(doc.getElementsByTagName("path")), 2)
        self.assertIn("t&lt;1&gt;", svg)
        svg_chart.chart("empty", [])  # no samples: still a chart


if __name__ == "__main__":
    unittest.main()
