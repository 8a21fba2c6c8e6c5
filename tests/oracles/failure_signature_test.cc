#include "oracles/failure_signature.h"

#include <gtest/gtest.h>

#include "oracles/differential.h"
#include "oracles/engine.h"
#include "tests/oracles/fake_engines.h"

namespace tern {
namespace {

using fake::Interp;
using fake::Nondeterministic;
using fake::WrongOutput;

Outcome WrongError(const Program& p, const RunLimits& l) {
  Outcome o = Interp(p, l);
  if (o.error) o.error->pos.col += 1;
  return o;
}
Outcome FaultingWithNumbers(const Program&, const RunLimits&) {
  Outcome o;
  o.status = Status::kInternalFault;
  o.fault = "heap verifier: dangling pointer at slot 1234 (0x7f00ab)";
  return o;
}

const std::vector<Engine> kBadOutput = {{"interp", &Interp},
                                        {"bad", &WrongOutput}};

TEST(FailureSignature, EmptyWhenAllAgree) {
  EXPECT_EQ(FailureSignature(RunDifferential("(print 1)", {},
                                             {{"a", &Interp}, {"b", &Interp}})),
            "");
}

TEST(FailureSignature, NamesEnginesAndFieldsNotValues) {
  const std::string one =
      FailureSignature(RunDifferential("(print 1)", {}, kBadOutput));
  EXPECT_EQ(one, "differ interp/bad: stdout");
  // Another program hitting the same bug has the same signature.
  EXPECT_EQ(FailureSignature(RunDifferential("(print [1 2 3])\n(print 4)", {},
                                             kBadOutput)),
            one);
}

TEST(FailureSignature, ErrorFieldsAreTold) {
  EXPECT_EQ(FailureSignature(RunDifferential(
                "(error 1)", {}, {{"interp", &Interp}, {"e", &WrongError}})),
            "differ interp/e: error");
}

TEST(FailureSignature, FaultsKeepTheirTextWithDigitsFolded) {
  EXPECT_EQ(FailureSignature(RunDifferential(
                "1", {}, {{"interp", &Interp}, {"f", &FaultingWithNumbers}})),
            "fault f: heap verifier: dangling pointer at slot N (N)");
}

TEST(FailureSignature, Nondeterminism) {
  EXPECT_EQ(FailureSignature(
                RunDifferential("1", {}, {{"flaky", &Nondeterministic}})),
            "nondeterministic flaky: value");
}

TEST(FailureSignature, RejectedGeneratedPrograms) {
  const DifferentialResult r = RunDifferential("(f)", {}, kBadOutput);
  EXPECT_EQ(FailureSignature(r), "");  // a static error alone is an outcome
  EXPECT_EQ(FailureSignature(r, /*generated=*/true), "rejected unbound");
}

TEST(FailureSignature, Helpers) {
  EXPECT_EQ(FoldDigits("at 12:3, 0xdeadbeef bytes 7"), "at N:N, N bytes N");
  EXPECT_EQ(StableLine("parse at 1:2: oops\nsecond line"), "parse at N:N: oops");
  EXPECT_EQ(StableLine(std::string(100, 'a'), 10), std::string(10, 'a'));
}

}  // namespace
}  // namespace tern
