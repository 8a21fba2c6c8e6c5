#include "tools/finding.h"

#include <signal.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>

#include "gtest/gtest.h"
#include "tools/artifact.h"
#include "tools/json.h"

namespace tern {
namespace {

Outcome Ok(std::string value, std::string out = "") {
  Outcome o;
  o.value = std::move(value);
  o.out = std::move(out);
  return o;
}

EngineRun Ran(std::string engine, Outcome o) {
  EngineRun r;
  r.engine = std::move(engine);
  r.run.outcome = std::move(o);
  return r;
}

TEST(RunInChildTest, ReturnsThePayload) {
  ChildResult r;
  std::string why;
  ASSERT_TRUE(RunInChild([] { return std::string("hello\n"); }, 10, &r, &why));
  EXPECT_TRUE(r.finished);
  EXPECT_EQ(r.payload, "hello\n");
}

TEST(RunInChildTest, ReportsAnAbortWithItsStderr) {
  ChildResult r;
  std::string why;
  ASSERT_TRUE(RunInChild(
      []() -> std::string {
        std::fputs("program generator bug: planted\n", stderr);
        std::abort();
      },
      10, &r, &why));
  EXPECT_FALSE(r.finished);
  EXPECT_EQ(r.signal, SIGABRT);
  EXPECT_EQ(CrashKind(r.stderr_text), "generator bug: planted");
}

TEST(RunInChildTest, KillsAHang) {
  ChildResult r;
  std::string why;
  ASSERT_TRUE(RunInChild(
      []() -> std::string {
        for (;;) pause();
      },
      1, &r, &why));
  EXPECT_TRUE(r.timed_out);
  EXPECT_FALSE(r.finished);
}

TEST(RunInChildTest, AnExitWithoutResultIsNotFinished) {
  ChildResult r;
  std::string why;
  ASSERT_TRUE(RunInChild([]() -> std::string { _exit(0); }, 10, &r, &why));
  EXPECT_FALSE(r.finished);
}

TEST(SignatureTest, EmptyWhenAllAgree) {
  ProgramRuns r;
  r.runs = {Ran("a", Ok("1")), Ran("b", Ok("1"))};
  r.reference_again = Ran("a", Ok("1"));
  EXPECT_EQ(Signature(r), "");
}

TEST(SignatureTest, NamesTheDisagreeingFields) {
  ProgramRuns r;
  r.runs = {Ran("a", Ok("1", "x\n")), Ran("b", Ok("2", "y\n"))};
  r.reference_again = Ran("a", Ok("1", "x\n"));
  EXPECT_EQ(Signature(r), "differ a/b: stdout,value");
  EXPECT_EQ(FirstDifferingLine(r.runs[0].run.outcome, r.runs[1].run.outcome),
            "2: value: 2");
}

TEST(SignatureTest, FoldsDigitsOfFaults) {
  ProgramRuns r;
  Outcome f;
  f.status = Status::kInternalFault;
  f.fault = "bad register 17 at pc 0x3f";
  r.runs = {Ran("a", Ok("1")), Ran("b", f)};
  r.reference_again = Ran("a", Ok("1"));
  EXPECT_EQ(Signature(r), "fault b: bad register N at pc N");
}

TEST(SignatureTest, CrashesUseTheSanitizerKindAndFrame) {
  ProgramRuns r;
  r.runs = {Ran("a", Ok("1")), Ran("b", Ok("1"))};
  r.runs[1].run.end = IsolatedRun::End::kCrashed;
  r.runs[1].run.exit_code = 1;
  r.runs[1].run.stderr_text =
      "==1==ERROR: AddressSanitizer: heap-use-after-free on address 0x1\n"
      "    #0 0x55 in memcpy\n"
      "    #1 0x56 in tern::vm::Loop(int) runtime/vm/loop.cc:3:1\n";
  r.reference_again = Ran("a", Ok("1"));
  EXPECT_EQ(Signature(r),
            "crash b: AddressSanitizer: heap-use-after-free in tern::vm::Loop");
}

TEST(SignatureTest, AGeneratedProgramMustCompile) {
  ProgramRuns r;
  Outcome s;
  s.status = Status::kStaticError;
  s.error = Error{ErrorKind::kUnbound, Pos{1, 2}, "x"};
  r.runs = {Ran("a", s)};
  r.reference_again = Ran("a", s);
  EXPECT_EQ(Signature(r), "");
  r.generated = true;
  EXPECT_EQ(Signature(r), "rejected unbound");
}

TEST(RunEverywhereTest, RunsEachEngineInAChild) {
  const ProgramRuns r =
      RunEverywhere("(print 7) 8", RunLimits{}, AllEngines(), false, 10);
  ASSERT_EQ(r.runs.size(), AllEngines().size());
  EXPECT_EQ(r.runs[0].run.outcome.out, "7\n");
  EXPECT_EQ(r.runs[0].run.outcome.value, "8");
  EXPECT_EQ(r.signature, "");
}

TEST(SelectEnginesTest, KeepsEngineOrderAndRejectsUnknownNames) {
  std::string why;
  auto all = SelectEngines("", &why);
  ASSERT_TRUE(all);
  EXPECT_EQ(all->size(), AllEngines().size());
  auto one = SelectEngines(AllEngines().front().name, &why);
  ASSERT_TRUE(one);
  EXPECT_EQ(one->size(), 1u);
  EXPECT_FALSE(SelectEngines("no-such-engine", &why));
  EXPECT_NE(why.find("no-such-engine"), std::string::npos);
}

TEST(JsonTest, QuotesAndReadsBack) {
  EXPECT_EQ(JsonQuote("a\"b\\\n\x01\xff"), "\"a\\\"b\\\\\\n\\u0001\\ufffd\"");
  auto m = ReadFlatJsonObject(
      R"({"target": "interp_fuzzer", "fuel": 20000, "nested": {"x": [1, 2]},
          "s": "\u00e9\n", "ok": true})");
  ASSERT_TRUE(m);
  EXPECT_EQ((*m)["target"], "interp_fuzzer");
  EXPECT_EQ((*m)["fuel"], "20000");
  EXPECT_EQ((*m)["s"], "\xc3\xa9\n");
  EXPECT_EQ((*m)["ok"], "true");
  EXPECT_EQ(m->count("nested"), 0u);
  EXPECT_FALSE(ReadFlatJsonObject("[1]"));
  EXPECT_FALSE(ReadFlatJsonObject("{\"a\": 1"));
  EXPECT_FALSE(ReadFlatJsonObject("{\"a\": 1} x"));
}

class ArtifactTest : public ::testing::Test {
 protected:
  std::string Write(const std::string& name, const std::string& bytes) {
    const std::string dir = std::string(std::getenv("TEST_TMPDIR")) + "/a";
    std::filesystem::create_directories(
        std::filesystem::path(dir + "/" + name).parent_path());
    std::ofstream(dir + "/" + name, std::ios::binary) << bytes;
    return dir + "/" + name;
  }
};

TEST_F(ArtifactTest, RecognisesSourceByContent) {
  std::string why;
  auto a = LoadArtifact(Write("crash-1", "(print 1)\n"), "", &why);
  ASSERT_TRUE(a) << why;
  EXPECT_EQ(a->input, TargetInput::kSource);
  EXPECT_EQ(a->source, "(print 1)\n");
  EXPECT_EQ(a->limits.fuel, kDefaultFuel);
}

TEST_F(ArtifactTest, DecodesBytesThatAreNotSource) {
  std::string why;
  // Bytes that decode (generator version 3) to a non-empty program.
  auto a = LoadArtifact(Write("crash-2", std::string("\x00\x07\x81((", 5)), "", &why);
  ASSERT_TRUE(a) << why;
  EXPECT_EQ(a->input, TargetInput::kGeneratorBytes);
  EXPECT_EQ(a->target, kDefaultGeneratorTarget);
  EXPECT_FALSE(a->source.empty());
}

TEST_F(ArtifactTest, TheSidecarDecides) {
  std::string why;
  const std::string path = Write("crash-3", "(print 1)\n");
  Write("crash-3.json",
        R"({"target": "escape_fuzzer", "fuel": 77, "generator_version": 0})");
  auto a = LoadArtifact(path, "", &why);
  ASSERT_TRUE(a) << why;
  EXPECT_EQ(a->input, TargetInput::kGeneratorBytes);
  EXPECT_EQ(a->target, "escape_fuzzer");
  EXPECT_EQ(a->limits.fuel, 77u);
  ASSERT_EQ(a->warnings.size(), 1u);
  Write("crash-4", "x");
  Write("crash-4.json", R"({"target": "nope"})");
  EXPECT_FALSE(LoadArtifact(Write("crash-4", "x"), "", &why));
  EXPECT_NE(why.find("unknown target"), std::string::npos);
}

TEST_F(ArtifactTest, TheDirectoryNamesTheTarget) {
  std::string why;
  auto a = LoadArtifact(Write("parse_fuzzer/x", "\xff"), "", &why);
  ASSERT_TRUE(a) << why;
  EXPECT_EQ(a->input, TargetInput::kSource);
  EXPECT_EQ(a->target, "parse_fuzzer");
  auto b = LoadArtifact(Write("y.tern", "((("), "interp_fuzzer", &why);
  ASSERT_TRUE(b) << why;
  EXPECT_EQ(b->input, TargetInput::kGeneratorBytes);
}

}  // namespace
}  // namespace tern
