#ifndef TERN_RUNTIME_ERROR_H_
#define TERN_RUNTIME_ERROR_H_

#include <optional>
#include <string>
#include <string_view>

#include "runtime/pos.h"

namespace tern {

// Every error kind of the language, static and runtime, with its spelling.
// `arity` and `arena-escape` exist both statically and at run time.
#define TERN_ERROR_KINDS(X)             \
  X(kParse, "parse")                    \
  X(kUnbound, "unbound")                \
  X(kImmutable, "immutable")            \
  X(kDuplicate, "duplicate")            \
  X(kReserved, "reserved")              \
  X(kArity, "arity")                    \
  X(kArenaEscape, "arena-escape")       \
  X(kType, "type")                      \
  X(kIndex, "index")                    \
  X(kKey, "key")                        \
  X(kDivByZero, "div-by-zero")          \
  X(kOverflow, "overflow")              \
  X(kStackOverflow, "stack-overflow")   \
  X(kOutOfFuel, "out-of-fuel")          \
  X(kLimit, "limit")                    \
  X(kUser, "user")                      \
  X(kAssert, "assert")

enum class ErrorKind : unsigned char {
#define TERN_X(id, name) id,
  TERN_ERROR_KINDS(TERN_X)
#undef TERN_X
};

std::string_view ErrorKindName(ErrorKind kind);
std::optional<ErrorKind> ErrorKindFromName(std::string_view name);

// A language error: what every tier reports, compared byte for byte.
struct Error {
  ErrorKind kind = ErrorKind::kParse;
  Pos pos;
  std::string message;
  friend bool operator==(const Error&, const Error&) = default;
};

}  // namespace tern

#endif  // TERN_RUNTIME_ERROR_H_
