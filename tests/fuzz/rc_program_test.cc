#include "fuzz/rc_program.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <sstream>

#include "fuzz/feature.h"
#include "fuzz/program_generator.h"

namespace tern::fuzz {
namespace {

// At RapidCheck's top size the programs are as rich as the fuzzer's: the
// properties over them are not vacuous.
TEST(ArbitraryProgramTest, TopSizeGivesSubstantialPrograms) {
  const rc::Gen<GeneratedProgram> gen = ArbitraryProgram();
  size_t total_size = 0;
  size_t total_features = 0;
  constexpr int kSamples = 20;
  for (uint64_t seed = 1; seed <= kSamples; ++seed) {
    const GeneratedProgram program = gen(rc::Random(seed), 100).value();
    total_size += program.source.size();
    total_features += program.features.Count();
  }
  EXPECT_GT(total_size / kSamples, 1000u);
  EXPECT_GT(total_features / kSamples, kFeatureCount / 3);
}

TEST(ArbitraryProgramTest, SizeZeroGivesTheEmptyProgram) {
  const GeneratedProgram program = ArbitraryProgram()(rc::Random(7), 0).value();
  EXPECT_EQ(program.source, "");
}

TEST(ArbitraryProgramTest, ShowsTheSourceAndFuel) {
  GeneratedProgram program;
  program.source = "(print 1)\n";
  program.limits.fuel = 99;
  std::ostringstream os;
  showValue(program, os);
  EXPECT_EQ(os.str(), "program (fuel 99):\n(print 1)\n");
}

}  // namespace
}  // namespace tern::fuzz
