#ifndef TERN_RUNTIME_BUILTINS_H_
#define TERN_RUNTIME_BUILTINS_H_

#include <optional>
#include <string_view>

namespace tern {

// The builtin operators, one line each. Builtins are not values: they are
// always named directly, so their arity is checked statically.
//   id, spelling, min args, max args (-1: any), may allocate (arena provenance)
#define TERN_BUILTINS(X)                      \
  X(kAdd, "+", 1, -1, true)                   \
  X(kSub, "-", 1, -1, false)                  \
  X(kMul, "*", 1, -1, false)                  \
  X(kDiv, "/", 2, 2, false)                   \
  X(kMod, "%", 2, 2, false)                   \
  X(kLt, "<", 2, 2, false)                    \
  X(kLe, "<=", 2, 2, false)                   \
  X(kGt, ">", 2, 2, false)                    \
  X(kGe, ">=", 2, 2, false)                   \
  X(kEq, "=", 2, 2, false)                    \
  X(kNe, "!=", 2, 2, false)                   \
  X(kInt, "int", 1, 1, false)                 \
  X(kFloat, "float", 1, 1, false)             \
  X(kStr, "str", 0, -1, true)                 \
  X(kTypeOf, "type-of", 1, 1, false)          \
  X(kLen, "len", 1, 1, false)                 \
  X(kGet, "get", 2, 2, false)                 \
  X(kPut, "put!", 3, 3, false)                \
  X(kPush, "push!", 2, 2, false)              \
  X(kPop, "pop!", 1, 1, false)                \
  X(kSlice, "slice", 3, 3, true)              \
  X(kVec, "vec", 0, -1, true)                 \
  X(kMap, "map", 0, -1, true)                 \
  X(kHas, "has?", 2, 2, false)                \
  X(kDel, "del!", 2, 2, false)                \
  X(kKeys, "keys", 1, 1, true)                \
  X(kPrint, "print", 0, -1, false)            \
  X(kGc, "gc", 0, 0, false)                   \
  X(kError, "error", 1, 1, false)             \
  X(kAssert, "assert", 1, 1, false)

enum class Builtin : unsigned char {
#define TERN_X(id, name, min, max, alloc) id,
  TERN_BUILTINS(TERN_X)
#undef TERN_X
};

struct BuiltinInfo {
  std::string_view name;
  int min_args;
  int max_args;  // -1: no upper bound
  bool allocates;
};

const BuiltinInfo& GetBuiltinInfo(Builtin b);
std::optional<Builtin> BuiltinFromName(std::string_view name);
int BuiltinCount();

// Names of the special forms; with the builtins' names they are reserved.
bool IsSpecialFormName(std::string_view name);
// True for special-form and builtin names: these may not be bound.
bool IsReservedName(std::string_view name);

}  // namespace tern

#endif  // TERN_RUNTIME_BUILTINS_H_
