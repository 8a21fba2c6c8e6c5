#ifndef TERN_RUNTIME_LIMITS_H_
#define TERN_RUNTIME_LIMITS_H_

#include <cstddef>
#include <cstdint>

#include "runtime/output_sink.h"

namespace tern {

// Deterministic limits, identical in every tier (docs/language.md, Limits).
inline constexpr uint64_t kDefaultFuel = 100'000'000;
inline constexpr int kMaxCallDepth = 1000;          // user-function frames
inline constexpr int64_t kMaxSequenceLength = int64_t{1} << 24;  // str, vec
// The text one `print` writes (without its newline), an `error` message, the
// program's value: room for a maximal string fully escaped, while sharing
// (`[v v]` nested 60 deep) cannot make a display unboundedly long.
inline constexpr int64_t kMaxDisplayLength = int64_t{1} << 27;
inline constexpr int kMaxNesting = 256;             // source brackets
// The largest source file the tools accept (docs/language.md, Limits): the
// tree of any source below it fits comfortably in memory.
inline constexpr size_t kMaxSourceBytes = size_t{64} << 20;

struct RunLimits {
  uint64_t fuel = kDefaultFuel;
  // When set, `print` output is written here as it is printed and
  // Outcome::out stays empty; when null, Outcome::out captures it.
  OutputSink* stream = nullptr;
};

}  // namespace tern

#endif  // TERN_RUNTIME_LIMITS_H_
