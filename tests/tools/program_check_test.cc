// tern check's per-program verdicts with engines that disagree or fault:
// a test-only engine stands in for a second tier.

#include "tools/program_check.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>

#include "runtime/interp/interpreter.h"

namespace tern {
namespace {

namespace fs = std::filesystem;

// The interpreter, except that it prints one line more.
Outcome Liar(const Program& program, const RunLimits& limits) {
  Outcome o = Interpret(program, limits);
  o.out += "lie\n";
  return o;
}

Outcome Faulty(const Program&, const RunLimits&) {
  Outcome o;
  o.status = Status::kInternalFault;
  o.fault = "broken invariant";
  return o;
}

class ProgramCheckTest : public ::testing::Test {
 protected:
  void SetUp() override {
    const char* tmp = std::getenv("TEST_TMPDIR");
    dir_ = fs::path(tmp ? tmp : "/tmp") / "program_check_test";
    fs::remove_all(dir_);
    fs::create_directories(dir_);
    path_ = (dir_ / "p.tern").string();
    std::ofstream(path_) << "(print 1)\n(print 2)\n(+ 1 2)\n";
  }
  CheckOptions With(std::vector<Engine> engines) {
    CheckOptions o;
    o.engines = std::move(engines);
    return o;
  }
  const Engine interp_{"interp", &Interpret};
  fs::path dir_;
  std::string path_;
};

TEST_F(ProgramCheckTest, OneEngineAndNoExpectationComparesNothing) {
  ProgramReport r = CheckProgram(path_, With({interp_}));
  EXPECT_EQ(r.verdict, ProgramReport::Verdict::kNotCompared);
  EXPECT_EQ(r.text, "---- " + path_ +
                        ": ok 3; nothing compared (no .expected, one engine: "
                        "interp)\n");
}

TEST_F(ProgramCheckTest, AgreeingEnginesAreACompare) {
  ProgramReport r = CheckProgram(path_, With({interp_, {"again", &Interpret}}));
  EXPECT_EQ(r.verdict, ProgramReport::Verdict::kPassed);
  EXPECT_EQ(r.text,
            "ok   " + path_ + ": ok 3; 2 engines agree (interp, again)\n");
}

TEST_F(ProgramCheckTest, DisagreementShowsBothSidesAndTheFirstDifference) {
  ProgramReport r = CheckProgram(path_, With({interp_, {"liar", &Liar}}));
  EXPECT_EQ(r.verdict, ProgramReport::Verdict::kFailed);
  EXPECT_NE(r.text.find("engines interp and liar disagree:"), std::string::npos)
      << r.text;
  // stdout "1\n2\n" against "1\n2\nlie\n": line 6 of the outcome text.
  EXPECT_NE(r.text.find("first difference, line 6:\n    interp: (no such "
                        "line)\n    liar: lie\\n"),
            std::string::npos)
      << r.text;
  EXPECT_NE(r.text.find("* " + std::string(38, ' ') + " | lie\\n"),
            std::string::npos)
      << r.text;
}

TEST_F(ProgramCheckTest, AnInternalFaultOnAnyEngineIsAFailure) {
  ProgramReport r = CheckProgram(path_, With({interp_, {"faulty", &Faulty}}));
  EXPECT_EQ(r.verdict, ProgramReport::Verdict::kFailed);
  EXPECT_NE(r.text.find("faulty: internal-fault (broken invariant)"),
            std::string::npos)
      << r.text;
}

TEST_F(ProgramCheckTest, ExpectationAndEnginesBothReported) {
  std::ofstream(dir_ / "p.expected") << "status: ok\nvalue: 3\nstdout:\n1\n2\n";
  ProgramReport r = CheckProgram(path_, With({interp_, {"again", &Interpret}}));
  EXPECT_EQ(r.verdict, ProgramReport::Verdict::kPassed);
  EXPECT_EQ(r.text, "ok   " + path_ + ": ok 3; matches " +
                        (dir_ / "p.expected").string() +
                        "; 2 engines agree (interp, again)\n");
}

}  // namespace
}  // namespace tern
