#ifndef TERN_TESTS_FUZZ_SEEDED_BYTES_H_
#define TERN_TESTS_FUZZ_SEEDED_BYTES_H_

// Deterministic pseudo-random fuzz inputs for generator tests (SplitMix64:
// the same bytes on every platform and standard library).

#include <cstddef>
#include <cstdint>
#include <vector>

namespace tern::fuzz {

class SplitMix64 {
 public:
  explicit SplitMix64(uint64_t seed) : state_(seed) {}
  uint64_t Next() {
    uint64_t z = (state_ += 0x9e3779b97f4a7c15u);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9u;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebu;
    return z ^ (z >> 31);
  }

 private:
  uint64_t state_;
};

// A byte string of length below `max_len` (libFuzzer's default is 4096).
inline std::vector<uint8_t> SeededBytes(uint64_t seed, size_t max_len = 4096) {
  SplitMix64 rng(seed);
  std::vector<uint8_t> bytes(rng.Next() % max_len);
  for (uint8_t& b : bytes) b = static_cast<uint8_t>(rng.Next());
  return bytes;
}

}  // namespace tern::fuzz

#endif  // TERN_TESTS_FUZZ_SEEDED_BYTES_H_
