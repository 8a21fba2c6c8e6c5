// What generated programs do when they run: they never fault, they are
// deterministic, most of them run to the end, and together they raise every
// kind of runtime error.

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <map>
#include <string>
#include <vector>

#include "fuzz/program_generator.h"
#include "oracles/differential.h"
#include "oracles/engine.h"
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

// Every engine agrees, without a fault, on every generated program; the
// seeds are split into blocks so that Bazel can shard the test (each block
// is a test of its own: minutes of work under ASan in all).
constexpr int kBlock = 50;
constexpr int kHeapBlock = 10;
constexpr int kHeapSeeds = 150;

struct SeedBlock {
  bool heap;
  int first;
};

class GeneratedOutcomesBlockTest : public ::testing::TestWithParam<SeedBlock> {
};

TEST_P(GeneratedOutcomesBlockTest, EveryEngineAgreesWithoutAFault) {
  const SeedBlock block = GetParam();
  const int size = block.heap ? kHeapBlock : kBlock;
  for (int seed = block.first; seed < block.first + size; ++seed) {
    const GeneratedProgram program =
        block.heap ? GenerateProgram(SeededBytes(seed), HeapGeneratorOptions())
                   : GenerateProgram(SeededBytes(seed));
    Outcome outcome;
    ASSERT_TRUE(RunsCleanly(seed, program, &outcome));
  }
}

std::vector<SeedBlock> Blocks() {
  std::vector<SeedBlock> blocks;
  for (int first = 0; first < kSeeds; first += kBlock) {
    blocks.push_back({false, first});
  }
  for (int first = 0; first < kHeapSeeds; first += kHeapBlock) {
    blocks.push_back({true, first});
  }
  return blocks;
}

INSTANTIATE_TEST_SUITE_P(
    Seeds, GeneratedOutcomesBlockTest, ::testing::ValuesIn(Blocks()),
    [](const ::testing::TestParamInfo<SeedBlock>& info) {
      return std::string(info.param.heap ? "heap_" : "default_") +
             std::to_string(info.param.first);
    });

// The reference outcome of each program (what the blocks above check every
// engine against): most programs run to the end, and together they raise
// every kind of runtime error.
Outcome ReferenceOutcome(const GeneratedProgram& program) {
  return RunSource(AllEngines().front(), program.source, program.limits);
}

TEST(GeneratedOutcomesTest, ProgramsReachEveryRuntimeError) {
  std::map<std::string, int> by_result;
  size_t largest_output = 0;
  for (uint64_t seed = 0; seed < kSeeds; ++seed) {
    const Outcome outcome = ReferenceOutcome(GenerateProgram(SeededBytes(seed)));
    ASSERT_NE(outcome.status, Status::kStaticError) << "seed " << seed;
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

// The heap mode (gc_fuzzer's programs) mostly runs to the end, so that the
// heap shapes and the censuses of their (gc)s are reached.
TEST(GeneratedOutcomesTest, HeapModeProgramsMostlyRunToTheEnd) {
  int ok = 0;
  int out_of_fuel = 0;
  for (uint64_t seed = 0; seed < kHeapSeeds; ++seed) {
    const Outcome outcome = ReferenceOutcome(
        GenerateProgram(SeededBytes(seed), HeapGeneratorOptions()));
    ASSERT_NE(outcome.status, Status::kStaticError) << "seed " << seed;
    ok += outcome.status == Status::kOk;
    out_of_fuel += outcome.error && outcome.error->kind == ErrorKind::kOutOfFuel;
  }
  EXPECT_GE(ok, kHeapSeeds / 2);
  EXPECT_LE(out_of_fuel, kHeapSeeds / 10);
}

}  // namespace
}  // namespace tern::fuzz
