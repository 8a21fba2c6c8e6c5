#include "fuzz/byte_source.h"

#include <cstdio>
#include <cstdlib>

namespace tern::fuzz {

uint8_t ByteSource::Byte() {
  if (Exhausted()) return 0;
  return bytes_[pos_++];
}

uint64_t ByteSource::Covering(uint64_t max) {
  uint64_t value = 0;
  for (int shift = 0; shift < 64 && (max >> shift) != 0; shift += 8) {
    value |= uint64_t{Byte()} << shift;
  }
  return value;
}

uint64_t ByteSource::Below(uint64_t n) {
  if (n <= 1) return 0;
  return Covering(n - 1) % n;
}

int64_t ByteSource::InRange(int64_t lo, int64_t hi) {
  if (lo >= hi) return lo;
  // Unsigned arithmetic: the span of [INT64_MIN, INT64_MAX] does not fit in
  // an int64_t, and wrap-around is exactly what maps the offset back.
  const uint64_t span = static_cast<uint64_t>(hi) - static_cast<uint64_t>(lo);
  const uint64_t offset = span == UINT64_MAX ? Covering(span) : Below(span + 1);
  return static_cast<int64_t>(static_cast<uint64_t>(lo) + offset);
}

bool ByteSource::Percent(unsigned percent) {
  if (Exhausted()) return false;
  // (255 - b) puts the zero byte at the far end of the "true" range.
  return (255u - Byte()) * 100u < percent * 256u;
}

size_t ByteSource::Weighted(std::span<const unsigned> weights) {
  uint64_t total = 0;
  for (unsigned w : weights) total += w;
  if (total == 0) {
    std::fputs("ByteSource::Weighted: every weight is zero\n", stderr);
    std::abort();
  }
  uint64_t r = Below(total);
  for (size_t i = 0; i < weights.size(); ++i) {
    if (r < weights[i]) return i;
    r -= weights[i];
  }
  return weights.size() - 1;  // unreachable: r < total
}

}  // namespace tern::fuzz
