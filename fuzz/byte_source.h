#ifndef TERN_FUZZ_BYTE_SOURCE_H_
#define TERN_FUZZ_BYTE_SOURCE_H_

// Turns fuzz input bytes into choices. Deterministic and total: once the
// bytes run out every query returns its default (zero, false, the first
// option), so every byte string, the empty one included, yields a test case.
// Callers make the default the simplest choice, so that shortening the input
// (libFuzzer's reductions, RapidCheck's shrinking) shrinks the test case.

#include <cstddef>
#include <cstdint>
#include <initializer_list>
#include <span>

namespace tern::fuzz {

class ByteSource {
 public:
  explicit ByteSource(std::span<const uint8_t> bytes) : bytes_(bytes) {}

  bool Exhausted() const { return pos_ >= bytes_.size(); }
  size_t Consumed() const { return pos_; }

  // The next byte; 0 once exhausted.
  uint8_t Byte();

  // A value in [0, n), read from the fewest bytes that cover n - 1 (none
  // when n <= 1); 0 once exhausted.
  uint64_t Below(uint64_t n);

  // A value in [lo, hi] (lo <= hi); lo once exhausted.
  int64_t InRange(int64_t lo, int64_t hi);

  // True with probability about percent/100, from one byte. A zero byte and
  // exhaustion give false.
  bool Percent(unsigned percent);

  // An index drawn with the given weights; zero-weight entries are never
  // drawn, and the first entry with a positive weight is the default. At
  // least one weight must be positive.
  size_t Weighted(std::span<const unsigned> weights);
  size_t Weighted(std::initializer_list<unsigned> weights) {
    return Weighted(std::span<const unsigned>(weights.begin(), weights.size()));
  }

 private:
  // Little-endian from the fewest bytes whose bits cover `max`.
  uint64_t Covering(uint64_t max);

  std::span<const uint8_t> bytes_;
  size_t pos_ = 0;
};

}  // namespace tern::fuzz

#endif  // TERN_FUZZ_BYTE_SOURCE_H_
