#ifndef TERN_RUNTIME_POS_H_
#define TERN_RUNTIME_POS_H_

#include <cstdint>

namespace tern {

// A source position: 1-based line, 1-based column counted in code points.
struct Pos {
  int32_t line = 0;
  int32_t col = 0;
  friend bool operator==(const Pos&, const Pos&) = default;
  friend auto operator<=>(const Pos&, const Pos&) = default;
};

}  // namespace tern

#endif  // TERN_RUNTIME_POS_H_
