#include "oracles/differential.h"

#include <gtest/gtest.h>

#include "oracles/engine.h"
#include "oracles/failure_signature.h"
#include "tests/oracles/fake_engines.h"

namespace tern {
namespace {

TEST(Engines, InterpreterIsTheReference) {
  ASSERT_FALSE(AllEngines().empty());
  EXPECT_EQ(AllEngines().front().name, "interp");
  EXPECT_EQ(FindEngine("interp"), &AllEngines().front());
  EXPECT_EQ(FindEngine("nope"), nullptr);
}

TEST(RunSource, StaticErrorsAreOutcomes) {
  Outcome o = RunSource(AllEngines().front(), "(print 1)\n(f)", RunLimits{});
  EXPECT_EQ(o.status, Status::kStaticError);
  ASSERT_TRUE(o.error);
  EXPECT_EQ(o.error->kind, ErrorKind::kUnbound);
  EXPECT_EQ(o.error->pos, (Pos{2, 2}));
  EXPECT_EQ(o.out, "");  // nothing runs
}

TEST(RunDifferential, AgreeingEnginesPass) {
  DifferentialResult r =
      RunDifferential("(print [1 2.5 \"x\"])\n(+ 40 2)", RunLimits{});
  EXPECT_TRUE(r.ok()) << r.disagreement;
  EXPECT_EQ(r.outcomes.size(), AllEngines().size());
  EXPECT_EQ(r.reference.status, Status::kOk);
  EXPECT_EQ(r.reference.out, "[1 2.5 \"x\"]\n");
  EXPECT_EQ(r.reference.value, "42");
}

TEST(RunDifferential, LimitsReachEveryEngine) {
  DifferentialResult r = RunDifferential("(while true 1)", RunLimits{5});
  EXPECT_TRUE(r.ok()) << r.disagreement;
  ASSERT_TRUE(r.reference.error);
  EXPECT_EQ(r.reference.error->kind, ErrorKind::kOutOfFuel);
  for (const EngineOutcome& eo : r.outcomes) {
    EXPECT_EQ(eo.outcome, r.reference) << eo.engine;
  }
}

TEST(RunDifferential, StaticErrorIsSharedByAllEngines) {
  DifferentialResult r = RunDifferential("(let ((x 1)) (set! x 2))", {});
  EXPECT_TRUE(r.ok()) << r.disagreement;
  ASSERT_TRUE(r.reference.error);
  EXPECT_EQ(r.reference.status, Status::kStaticError);
  EXPECT_EQ(r.reference.error->kind, ErrorKind::kImmutable);
}

using fake::Faulting;
using fake::Interp;
using fake::Nondeterministic;
using fake::WrongOutput;

TEST(RunDifferential, ReportsADisagreeingEngine) {
  DifferentialResult r = RunDifferential(
      "(print 1)", {}, {{"interp", &Interp}, {"bad", &WrongOutput}});
  EXPECT_FALSE(r.ok());
  EXPECT_NE(r.disagreement.find("interp and bad differ"), std::string::npos)
      << r.disagreement;
  EXPECT_NE(r.disagreement.find("extra"), std::string::npos);
  EXPECT_EQ(r.reference.out, "1\n");  // the reference is the first engine
}

TEST(RunDifferential, InternalFaultFailsEvenWhenAllAgree) {
  DifferentialResult r = RunDifferential(
      "1", {}, {{"f1", &Faulting}, {"f2", &Faulting}});
  EXPECT_FALSE(r.ok());
  EXPECT_NE(r.disagreement.find("f1: internal fault: heap verifier"),
            std::string::npos)
      << r.disagreement;
  EXPECT_NE(r.disagreement.find("f2: internal fault"), std::string::npos);
}

TEST(RunDifferential, ReportsANondeterministicReference) {
  DifferentialResult r =
      RunDifferential("1", {}, {{"flaky", &Nondeterministic}});
  EXPECT_FALSE(r.ok());
  EXPECT_NE(r.disagreement.find("flaky (second run)"), std::string::npos)
      << r.disagreement;
}

// Censuses are compared among the engines that have one (never with the
// interpreter's absent census), and a difference is a disagreement that
// the failure signature names.
TEST(RunDifferential, ReportsACensusMismatchAmongGcEngines) {
  DifferentialResult r = RunDifferential(
      "(print 1)", {},
      {{"interp", &Interp}, {"gc-a", &fake::CensusA}, {"gc-b", &fake::CensusB}});
  EXPECT_FALSE(r.ok());
  EXPECT_NE(r.disagreement.find("gc-a and gc-b differ"), std::string::npos)
      << r.disagreement;
  EXPECT_NE(r.disagreement.find("census at (gc) #1"), std::string::npos)
      << r.disagreement;
  EXPECT_EQ(r.disagreement.find("interp and"), std::string::npos)
      << r.disagreement;
  EXPECT_EQ(FailureSignature(r), "differ gc-a/gc-b: census");
}

TEST(RunDifferential, EqualCensusesAndNoCensusAgree) {
  DifferentialResult r = RunDifferential(
      "(print 1)", {},
      {{"interp", &Interp}, {"gc-a", &fake::CensusA}, {"gc-a2", &fake::CensusA}});
  EXPECT_TRUE(r.ok()) << r.disagreement;
  EXPECT_EQ(FailureSignature(r), "");
}

}  // namespace
}  // namespace tern
