// The generator's output, pinned. An artifact's sidecar records
// kGeneratorVersion so that `tern repro` knows whether this build decodes
// its bytes to the same program; that only holds if every change to what
// the generator writes bumps the version. This test turns a forgotten bump
// (or an "optimisation" that changes a single byte) into a failure.

#include <gtest/gtest.h>

#include <cstdint>
#include <cstdio>
#include <string>

#include "fuzz/program_generator.h"
#include "tests/fuzz/generator_digest.h"
#include "tests/fuzz/seeded_bytes.h"

namespace tern::fuzz {
namespace {

constexpr uint64_t kSeeds = 250;

struct Golden {
  const char* set;
  uint64_t digest;
};

// Update deliberately, and only together with kGeneratorVersion, when a
// change to the generator's output is intended (print the new values with
// this test's failure message).
constexpr int kGoldenVersion = 3;
constexpr Golden kGolden[] = {
    {"default", 0x1b76264ee41710cdu},
    {"heap", 0x669e23ac53943510u},
    {"full-size", 0x2b121cb5988d595bu},
    {"relaxed", 0x1b22c987f35762b6u},
};

std::string Hex(uint64_t v) {
  char buf[24];
  std::snprintf(buf, sizeof buf, "0x%016llxu",
                static_cast<unsigned long long>(v));
  return buf;
}

TEST(GeneratorGoldenTest, OutputIsUnchanged) {
  EXPECT_EQ(kGeneratorVersion, kGoldenVersion)
      << "kGeneratorVersion changed: update kGolden to the new output's "
         "digests (below) and kGoldenVersion with it";
  const auto sets = DigestOptionSets();
  ASSERT_EQ(sets.size(), std::size(kGolden));
  for (size_t i = 0; i < sets.size(); ++i) {
    Fnv64 h;
    for (uint64_t s = 0; s < kSeeds; ++s) {
      DigestProgram(h, GenerateProgram(SeededBytes(s), sets[i].options));
    }
    EXPECT_EQ(sets[i].name, kGolden[i].set);
    EXPECT_EQ(Hex(h.value()), Hex(kGolden[i].digest))
        << "the generator's output for option set '" << sets[i].name
        << "' changed. If the change is intended, bump kGeneratorVersion "
           "(program_generator.h) so that old artifacts' sidecars say they "
           "no longer reproduce, and set this set's kGolden digest to the "
           "value above. If it is not intended (an optimisation, a "
           "refactoring), it is a bug: the same bytes must decode to the "
           "same program.";
  }
}

}  // namespace
}  // namespace tern::fuzz
