#include "fuzz/program_generator.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <array>
#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "fuzz/feature.h"
#include "runtime/error.h"
#include "runtime/front/front_end.h"
#include "runtime/limits.h"
#include "tests/fuzz/seeded_bytes.h"

namespace tern::fuzz {
namespace {

constexpr int kSeeds = 2000;

std::string Rejection(const GeneratedProgram& program) {
  const CompileResult compiled = Compile(program.source);
  if (!compiled.error) return "";
  return std::string(ErrorKindName(compiled.error->kind)) + " at " +
         std::to_string(compiled.error->pos.line) + ':' +
         std::to_string(compiled.error->pos.col) + ": " +
         compiled.error->message + "\n" + program.source;
}

// Deepest bracket nesting outside strings and comments.
int Nesting(const std::string& source) {
  int depth = 0;
  int deepest = 0;
  bool in_string = false;
  bool in_comment = false;
  for (size_t i = 0; i < source.size(); ++i) {
    const char c = source[i];
    if (in_comment) {
      in_comment = c != '\n';
    } else if (in_string) {
      if (c == '\\') ++i;
      if (c == '"') in_string = false;
    } else if (c == '"') {
      in_string = true;
    } else if (c == ';') {
      in_comment = true;
    } else if (c == '(' || c == '[' || c == '{') {
      deepest = std::max(deepest, ++depth);
    } else if (c == ')' || c == ']' || c == '}') {
      --depth;
    }
  }
  return deepest;
}

// The heap mode's shapes are written in the heap mode only.
constexpr Feature kHeapModeFeatures[] = {
    Feature::kOldYoung,   Feature::kCycle,        Feature::kGrowShrink,
    Feature::kMapDeletes, Feature::kClosureChain, Feature::kArenaCallHeap};

bool HeapModeOnly(Feature f) {
  return std::find(std::begin(kHeapModeFeatures), std::end(kHeapModeFeatures),
                   f) != std::end(kHeapModeFeatures);
}

TEST(ProgramGeneratorTest, SameBytesSameProgram) {
  const std::vector<uint8_t> bytes = SeededBytes(42);
  const GeneratedProgram a = GenerateProgram(bytes);
  const GeneratedProgram b = GenerateProgram(bytes);
  EXPECT_EQ(a.source, b.source);
  EXPECT_EQ(a.features, b.features);
  EXPECT_EQ(a.limits.fuel, b.limits.fuel);
}

TEST(ProgramGeneratorTest, NoBytesIsTheEmptyProgram) {
  const GeneratedProgram program = GenerateProgram({});
  EXPECT_EQ(program.source, "");
  EXPECT_EQ(Rejection(program), "");
}

TEST(ProgramGeneratorTest, EveryPrefixOfAnInputIsAValidProgram) {
  // Exhausted bytes fall back to defaults mid-program, at any point.
  const std::vector<uint8_t> bytes = SeededBytes(7);
  ASSERT_GT(bytes.size(), 300u);
  for (size_t n = 0; n <= 300; ++n) {
    const std::vector<uint8_t> prefix(bytes.begin(),
                                      bytes.begin() + static_cast<long>(n));
    const GeneratedProgram program = GenerateProgram(prefix);
    ASSERT_EQ(Rejection(program), "") << "prefix of " << n << " bytes";
  }
}

TEST(ProgramGeneratorTest, OptionsAreFollowed) {
  GeneratorOptions options;
  options.fuel = 1234;
  options.max_defns = 0;
  options.swarm_size = false;
  for (uint64_t seed = 0; seed < 50; ++seed) {
    const GeneratedProgram program =
        GenerateProgram(SeededBytes(seed), options);
    EXPECT_EQ(program.limits.fuel, 1234u);
    EXPECT_EQ(program.source.find("(defn "), std::string::npos)
        << program.source;
    EXPECT_FALSE(program.features.Has(Feature::kDefn));
  }
}

// Swarm testing of size: most programs are small and get less fuel, a few
// are at the full size; a size class only caps the options.
TEST(ProgramGeneratorTest, SizeClassesMakeMostProgramsSmall) {
  constexpr int kPrograms = 400;
  std::vector<size_t> sizes;
  std::map<uint64_t, int> by_fuel;
  size_t largest_full = 0, largest_swarm = 0;
  GeneratorOptions full;
  full.swarm_size = false;
  for (uint64_t seed = 0; seed < kPrograms; ++seed) {
    const GeneratedProgram program = GenerateProgram(SeededBytes(seed));
    ASSERT_EQ(Rejection(program), "") << "seed " << seed;
    EXPECT_LE(program.limits.fuel, GeneratorOptions().fuel);
    ++by_fuel[program.limits.fuel];
    sizes.push_back(program.source.size());
    largest_swarm = std::max(largest_swarm, program.source.size());
    largest_full = std::max(
        largest_full, GenerateProgram(SeededBytes(seed), full).source.size());
  }
  std::sort(sizes.begin(), sizes.end());
  // Every class occurs, the smallest most often.
  EXPECT_EQ(by_fuel.size(), 4u);
  EXPECT_GT(by_fuel.begin()->second, kPrograms / 2);
  EXPECT_GT(by_fuel[GeneratorOptions().fuel], 0);
  EXPECT_LT(sizes[kPrograms / 2], 600u);
  // The full class is as large as before.
  EXPECT_GT(largest_swarm, largest_full / 4);
  // The heap mode and escape_fuzzer stay at full size and fuel.
  EXPECT_FALSE(HeapGeneratorOptions().swarm_size);
  EXPECT_FALSE(GeneratorOptionsFor("escape_fuzzer").swarm_size);
  EXPECT_TRUE(GeneratorOptionsFor("diff_fuzzer").swarm_size);
  EXPECT_EQ(GenerateProgram(SeededBytes(7), HeapGeneratorOptions()).limits.fuel,
            HeapGeneratorOptions().fuel);
}

TEST(ProgramGeneratorTest, HeapModeProgramsCompileAndAimAtTheHeap) {
  size_t largest = 0;
  int deepest = 0;
  int heap_shapes = 0;
  int gc_calls = 0;
  for (uint64_t seed = 0; seed < kSeeds; ++seed) {
    const GeneratedProgram program =
        GenerateProgram(SeededBytes(seed), HeapGeneratorOptions());
    ASSERT_EQ(Rejection(program), "") << "seed " << seed;
    largest = std::max(largest, program.source.size());
    deepest = std::max(deepest, Nesting(program.source));
    bool shaped = false;
    for (Feature f : kHeapModeFeatures) shaped |= program.features.Has(f);
    heap_shapes += shaped;
    gc_calls += program.source.find("(gc)") != std::string::npos;
  }
  EXPECT_LT(largest, 64u * 1024);
  EXPECT_LT(deepest, kMaxNesting / 2);
  // Most heap-mode programs use at least one shape of their own and (gc)
  // (which swarm testing switches off in about a sixth of them).
  EXPECT_GT(heap_shapes, kSeeds * 3 / 4);
  EXPECT_GT(gc_calls, kSeeds * 2 / 3);
}

TEST(ProgramGeneratorTest, TargetsDecodeWithTheirOwnOptions) {
  EXPECT_TRUE(GeneratorOptionsFor("gc_fuzzer").heap);
  EXPECT_EQ(GeneratorOptionsFor("gc_fuzzer").fuel,
            HeapGeneratorOptions().fuel);
  for (const char* target : {"interp_fuzzer", "diff_fuzzer", "escape_fuzzer"})
    EXPECT_FALSE(GeneratorOptionsFor(target).heap) << target;
  const std::vector<uint8_t> bytes = SeededBytes(3);
  EXPECT_NE(GenerateProgram(bytes).source,
            GenerateProgram(bytes, HeapGeneratorOptions()).source);
}

TEST(ProgramGeneratorTest, EveryGeneratedProgramCompiles) {
  size_t largest = 0;
  int deepest = 0;
  for (uint64_t seed = 0; seed < kSeeds; ++seed) {
    const GeneratedProgram program = GenerateProgram(SeededBytes(seed));
    ASSERT_EQ(Rejection(program), "") << "seed " << seed;
    largest = std::max(largest, program.source.size());
    deepest = std::max(deepest, Nesting(program.source));
  }
  // Programs stay small, and far from the parser's nesting limit.
  EXPECT_LT(largest, 64u * 1024);
  EXPECT_LT(deepest, kMaxNesting / 2);
}

TEST(ProgramGeneratorTest, EveryFeatureIsGenerated) {
  std::array<int, kFeatureCount> counts{};
  for (uint64_t seed = 0; seed < kSeeds; ++seed) {
    const GeneratedProgram program = GenerateProgram(SeededBytes(seed));
    for (size_t f = 0; f < kFeatureCount; ++f) {
      const auto feature = static_cast<Feature>(f);
      EXPECT_FALSE(HeapModeOnly(feature) && program.features.Has(feature))
          << FeatureName(feature) << " outside the heap mode, seed " << seed;
    }
    const GeneratedProgram heap =
        GenerateProgram(SeededBytes(seed), HeapGeneratorOptions());
    for (size_t f = 0; f < kFeatureCount; ++f) {
      if (program.features.Has(static_cast<Feature>(f)) ||
          heap.features.Has(static_cast<Feature>(f))) {
        ++counts[f];
      }
    }
  }
  std::string missing;
  for (size_t f = 0; f < kFeatureCount; ++f) {
    const std::string_view name = FeatureName(static_cast<Feature>(f));
    std::printf("%-20.*s %5d / %d programs\n", static_cast<int>(name.size()),
                name.data(), counts[f], kSeeds);
    if (counts[f] == 0) missing += ' ' + std::string(name);
  }
  EXPECT_EQ(missing, "") << "never generated:" << missing;
}

}  // namespace
}  // namespace tern::fuzz

namespace tern::fuzz {
namespace {

// Swarm testing: about half of the programs disable a random subset of
// features, and a disabled feature is never used.
TEST(ProgramGeneratorTest, SwarmProgramsUseOnlyWhatTheyEnable) {
  int swarm = 0;
  const Feature gated[] = {Feature::kDefn,           Feature::kContainerChurn,
                           Feature::kDeepStructure,  Feature::kArenaHeapRef,
                           Feature::kErrInExpr,      Feature::kInlineCutoffStr,
                           Feature::kErrDivByZero,   Feature::kErrStackOverflow};
  for (uint64_t seed = 0; seed < 400; ++seed) {
    const GeneratedProgram program = GenerateProgram(SeededBytes(seed));
    if (!(program.enabled == FeatureSet::All())) ++swarm;
    for (Feature f : gated) {
      if (!program.enabled.Has(f)) {
        EXPECT_FALSE(program.features.Has(f))
            << FeatureName(f) << " used though disabled, seed " << seed;
      }
    }
  }
  EXPECT_GT(swarm, 120);
  EXPECT_LT(swarm, 280);
  // No bytes: no swarm.
  EXPECT_TRUE(GenerateProgram({}).enabled == FeatureSet::All());
}

}  // namespace
}  // namespace tern::fuzz
