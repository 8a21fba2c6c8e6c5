#ifndef TERN_TESTS_FUZZ_GENERATOR_DIGEST_H_
#define TERN_TESTS_FUZZ_GENERATOR_DIGEST_H_

// A 64-bit digest of everything GenerateProgram returns (source, fuel,
// features, enabled, bytes used), and the option sets the fuzz targets and
// tools decode with, for the generator's golden test and `gen_digest`.
// FNV-1a: the same value on every platform and standard library.

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "fuzz/feature.h"
#include "fuzz/program_generator.h"

namespace tern::fuzz {

class Fnv64 {
 public:
  void Bytes(std::string_view s) {
    for (const char c : s) {
      h_ ^= static_cast<uint8_t>(c);
      h_ *= 0x100000001b3u;
    }
  }
  void Number(uint64_t n) {
    for (int i = 0; i < 8; ++i) {
      h_ ^= static_cast<uint8_t>(n >> (8 * i));
      h_ *= 0x100000001b3u;
    }
  }
  uint64_t value() const { return h_; }

 private:
  uint64_t h_ = 0xcbf29ce484222325u;
};

inline void DigestFeatures(Fnv64& h, const FeatureSet& set) {
  for (size_t i = 0; i < kFeatureCount; ++i) {
    h.Number(set.Has(static_cast<Feature>(i)) ? 1 : 0);
  }
}

inline void DigestProgram(Fnv64& h, const GeneratedProgram& g) {
  h.Number(g.source.size());
  h.Bytes(g.source);
  h.Number(g.limits.fuel);
  h.Number(g.bytes_used);
  DigestFeatures(h, g.features);
  DigestFeatures(h, g.enabled);
}

struct NamedOptions {
  std::string name;
  GeneratorOptions options;
};

// Every way the tree decodes bytes: the targets' options (diff_fuzzer and
// interp_fuzzer share the defaults), and `tern escape-stats`'s relaxed ones.
inline std::vector<NamedOptions> DigestOptionSets() {
  GeneratorOptions relaxed;
  relaxed.relax_arena_rules = true;
  return {{"default", GeneratorOptionsFor("diff_fuzzer")},
          {"heap", GeneratorOptionsFor("gc_fuzzer")},
          {"full-size", GeneratorOptionsFor("escape_fuzzer")},
          {"relaxed", relaxed}};
}

}  // namespace tern::fuzz

#endif  // TERN_TESTS_FUZZ_GENERATOR_DIGEST_H_
