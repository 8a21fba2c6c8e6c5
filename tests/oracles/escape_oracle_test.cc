#include "oracles/escape_oracle.h"

#include <map>

#include "fuzz/program_generator.h"
#include "gtest/gtest.h"
#include "runtime/front/front_end.h"
#include "tests/fuzz/seeded_bytes.h"

namespace tern {
namespace {

size_t First(size_t) { return 0; }

TEST(EscapeOracleTest, InjectsEachKindWhereEligible) {
  const char* src =
      "(let ((mut x 0) (v []))\n"
      "  (with-arena a (print 1) 2)\n"
      "  x)\n";
  const auto injections = InjectEscapes(src, First);
  ASSERT_EQ(injections.size(), 3u);
  for (const Injection& inj : injections) {
    EXPECT_EQ(CheckInjection(inj), "") << inj.source;
  }
  EXPECT_EQ(injections[0].kind, EscapeKind::kBlockResult);
  ASSERT_EQ(injections[0].allowed.size(), 1u);
  EXPECT_EQ(injections[0].allowed[0].line, 1);
  EXPECT_NE(injections[1].source.find("(set! x [0])"), std::string::npos);
  EXPECT_EQ(injections[1].kind, EscapeKind::kSetOuter);
}

TEST(EscapeOracleTest, RespectsShadowingAndNesting) {
  // Inside the block, x is an inner immutable binding: no set! of it; the
  // nested block is not outermost: no set!/store there.
  const char* src =
      "(let ((mut x 0))\n"
      "  (let ((x 1)) (with-arena a (with-arena b 0) 0)))\n";
  const auto injections = InjectEscapes(src, First);
  for (const Injection& inj : injections) {
    EXPECT_NE(inj.kind, EscapeKind::kSetOuter) << inj.source;
    EXPECT_EQ(CheckInjection(inj), "") << inj.source;
  }
  EXPECT_EQ(injections.size(), 2u);  // block result; store into x
}

TEST(EscapeOracleTest, NoBlockNoInjection) {
  EXPECT_TRUE(InjectEscapes("(let ((mut x 0)) x)", First).empty());
  EXPECT_TRUE(InjectEscapes("(((", First).empty());
}

TEST(EscapeOracleTest, ReportsAMissedEscape) {
  Injection fake;
  fake.kind = EscapeKind::kSetOuter;
  fake.source = "(let ((mut x 0)) (with-arena a (set! x 1) 0))";
  fake.allowed = {{1, 32}};
  fake.form = "(set! x 1)";
  EXPECT_NE(CheckInjection(fake).find("accepted"), std::string::npos);
  fake.source = "(let ((mut x 0)) (with-arena a (set! y [0]) 0))";
  EXPECT_NE(CheckInjection(fake).find("rejected with unbound"), std::string::npos);
}

// Generated programs: every injection of every kind is caught, and every
// kind gets injected somewhere.
TEST(EscapeOracleTest, CheckerCatchesInjectionsIntoGeneratedPrograms) {
  std::map<EscapeKind, size_t> count;
  for (uint64_t seed = 0; seed < 120; ++seed) {
    const auto bytes = fuzz::SeededBytes(seed);
    const auto program = fuzz::GenerateProgram(bytes);
    if (Compile(program.source).error) continue;
    fuzz::SplitMix64 rng(seed);
    for (const Injection& inj : InjectEscapes(
             program.source, [&](size_t n) { return rng.Next() % n; })) {
      ++count[inj.kind];
      ASSERT_EQ(CheckInjection(inj), "") << inj.source;
    }
  }
  for (EscapeKind k : kEscapeKinds) {
    std::printf("%s: %zu injections\n", EscapeKindName(k).data(), count[k]);
    EXPECT_GT(count[k], 10u) << EscapeKindName(k);
  }
}

}  // namespace
}  // namespace tern
