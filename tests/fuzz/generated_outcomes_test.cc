// What generated programs do when they run: they never fault, they are
// deterministic, most of them run to the end, and together they raise every
// kind of runtime error.

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <map>
#include <string>

#include "fuzz/program_generator.h"
#include "oracles/differential.h"
#include "runtime/error.h"
#include "runtime/outcome.h"
#include "tests/fuzz/seeded_bytes.h"

namespace tern::fuzz {
namespace {

constexpr int kSeeds = 1000;

// Whether `program` compiles and every engine agrees on it without a fault;
// *outcome is the reference's.
::testing::AssertionResult RunsCleanly(uint64_t seed,
                                       const GeneratedProgram& program,
                                       Outcome* outcome) {
  const DifferentialResult result =
      RunDifferential(program.source, program.limits);
  *outcome = result.reference;
  if (outcome->status == Status::kStaticError) {
    return ::testing::AssertionFailure()
           << "seed " << seed << ": " << outcome->error->message << "\n"
           << program.source;
  }
  if (!result.ok()) {
    return ::testing::AssertionFailure()
           << "seed " << seed << ": " << result.disagreement << "\n"
           << program.source;
  }
  return ::testing::AssertionSuccess();
}

TEST(GeneratedOutcomesTest, ProgramsRunCleanlyAndReachEveryRuntimeError) {
  std::map<std::string, int> by_result;
  size_t largest_output = 0;
  for (uint64_t seed = 0; seed < kSeeds; ++seed) {
    const GeneratedProgram program = GenerateProgram(SeededBytes(seed));
    Outcome outcome;
    ASSERT_TRUE(RunsCleanly(seed, program, &outcome));
    largest_output =
        std::max(largest_output, outcome.out.size() + outcome.value.size());
    ++by_result[outcome.status == Status::kOk
                    ? "ok"
                    : std::string(ErrorKindName(outcome.error->kind))];
  }
  for (const auto& [result, count] : by_result) {
    std::printf("%-16s %4d / %d programs\n", result.c_str(), count, kSeeds);
  }
  for (const char* kind : {"type", "index", "key", "div-by-zero", "overflow",
                           "arity", "arena-escape", "stack-overflow",
                           "out-of-fuel", "limit", "user", "assert"}) {
    EXPECT_GT(by_result[kind], 0) << "no program stopped with `" << kind << "`";
  }
  // Deliberate errors stay rare enough that most programs run to the end,
  // and the generator's bounds keep programs inside their fuel.
  EXPECT_GE(by_result["ok"], kSeeds / 2);
  EXPECT_LE(by_result["out-of-fuel"], kSeeds / 20);
  EXPECT_LT(largest_output, size_t{1} << 20);
}

// The heap mode (gc_fuzzer's programs): valid, terminating, fault-free on
// every engine, and mostly run to the end, so that the heap shapes and the
// censuses of their (gc)s are reached.
TEST(GeneratedOutcomesTest, HeapModeProgramsRunCleanly) {
  constexpr int kHeapSeeds = 150;
  int ok = 0;
  int out_of_fuel = 0;
  for (uint64_t seed = 0; seed < kHeapSeeds; ++seed) {
    const GeneratedProgram program =
        GenerateProgram(SeededBytes(seed), HeapGeneratorOptions());
    Outcome outcome;
    ASSERT_TRUE(RunsCleanly(seed, program, &outcome));
    ok += outcome.status == Status::kOk;
    out_of_fuel += outcome.error && outcome.error->kind == ErrorKind::kOutOfFuel;
  }
  EXPECT_GE(ok, kHeapSeeds / 2);
  EXPECT_LE(out_of_fuel, kHeapSeeds / 10);
}

}  // namespace
}  // namespace tern::fuzz
