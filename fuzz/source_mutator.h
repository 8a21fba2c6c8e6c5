#ifndef TERN_FUZZ_SOURCE_MUTATOR_H_
#define TERN_FUZZ_SOURCE_MUTATOR_H_

// Structure-aware mutation of Tern source (fuzz/sexpr.h), for
// LLVMFuzzerCustomMutator / LLVMFuzzerCustomCrossOver (source_fuzzer.cc):
// parse, apply structural edits, print back. The edits: swap, duplicate,
// delete and replace subtrees; change literals to boundary values (0, -1,
// INT64_MIN/MAX, NaN, -0.0, +-inf, strings around the VM's inline-string
// cut-off); wrap a subtree in with-arena, no-gc, an immediately called fn or
// a loop; insert (gc). Deterministic for a given seed.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "fuzz/sexpr.h"

namespace tern::fuzz {

// nullopt when `source` does not read (the caller falls back to byte-level
// mutation). The result is at most max_size bytes or nullopt.
std::optional<std::string> MutateSource(std::string_view source,
                                        uint64_t seed, size_t max_size);

// A subtree (or run of top-level forms) of `b` grafted into `a`.
std::optional<std::string> CrossOverSources(std::string_view a,
                                            std::string_view b, uint64_t seed,
                                            size_t max_size);

// One structural edit of `forest` (exposed for tests); false if none
// applies (an empty forest).
class Rng;
bool MutateOnce(sexpr::Forest* forest, Rng& rng);

class Rng {
 public:
  explicit Rng(uint64_t seed) : state_(seed) {}
  uint64_t Next() {  // SplitMix64
    uint64_t z = (state_ += 0x9e3779b97f4a7c15u);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9u;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebu;
    return z ^ (z >> 31);
  }
  size_t Below(size_t n) { return n == 0 ? 0 : static_cast<size_t>(Next() % n); }

 private:
  uint64_t state_;
};

}  // namespace tern::fuzz

#endif  // TERN_FUZZ_SOURCE_MUTATOR_H_
