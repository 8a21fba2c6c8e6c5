#ifndef TERN_RUNTIME_MESSAGES_H_
#define TERN_RUNTIME_MESSAGES_H_

// The text of every runtime error message. Every tier builds its messages
// here so that errors compare byte for byte across tiers. The functions take
// only language-level facts: operator spellings, type names as `type-of`
// spells them ("int", "float", "bool", "null", "string", "vec", "map",
// "fn"), counts and values. The error's kind and position are the caller's.

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "runtime/builtins.h"

namespace tern {

// --- type -----------------------------------------------------------------
// "cannot apply + to int and string" (arithmetic and ordering operators).
std::string BinaryOperandsMessage(std::string_view op, std::string_view lhs,
                                  std::string_view rhs);
// "cannot apply - to string" (an operator given a single operand).
std::string UnaryOperandMessage(std::string_view op, std::string_view operand);
// "len: expected string, vec or map, got int": the main operand of a builtin
// (the container, or the value `int`/`float` convert) has the wrong type.
// The expected types follow from the builtin.
std::string OperandTypeMessage(Builtin b, std::string_view got);
// "get: index must be int, got float" (vector/string index, slice bounds).
std::string IndexTypeMessage(Builtin b, std::string_view got);
// "put!: key must be int, string or bool, got vec" (map keys; `map` too).
std::string KeyTypeMessage(Builtin b, std::string_view got);
// "int: string is not a decimal integer".
std::string MalformedIntStringMessage();
// "cannot call int".
std::string NotCallableMessage(std::string_view got);
// "for: start must be int, got float" / "for: end must be int, got null".
std::string ForBoundMessage(bool is_end, std::string_view got);

// --- arity ----------------------------------------------------------------
// "<fn f> expects 2 arguments, got 3"; a lambda (empty name) is "<fn>".
std::string ArityMessage(std::string_view fn_name, size_t expected, size_t got);

// --- index ----------------------------------------------------------------
// "get: index 5 out of range for vec of length 3".
std::string IndexRangeMessage(Builtin b, std::string_view container,
                              int64_t index, size_t length);
// "slice: range 2..1 out of bounds for string of length 3".
std::string SliceRangeMessage(std::string_view container, int64_t from,
                              int64_t to, size_t length);
// "pop!: vec is empty".
std::string EmptyPopMessage();

// --- key ------------------------------------------------------------------
// "get: key "a" not found": the key in its quoted display form.
std::string MissingIntKeyMessage(Builtin b, int64_t key);
std::string MissingBoolKeyMessage(Builtin b, bool key);
std::string MissingStringKeyMessage(Builtin b, std::string_view key_bytes);

// --- div-by-zero ----------------------------------------------------------
// "integer division by zero" (`/`) or "integer remainder by zero" (`%`).
std::string DivByZeroMessage(Builtin b);

// --- overflow -------------------------------------------------------------
// "integer overflow in *".
std::string IntOverflowMessage(std::string_view op);
// "int: 1e+300 is out of int range" (also nan, inf, -inf).
std::string FloatToIntOverflowMessage(double d);
// "int: string is out of int range".
std::string StringToIntOverflowMessage();

// --- arena-escape ---------------------------------------------------------
// What a failing store would have written into.
enum class StoreTarget : unsigned char {
  kVecElement,  // put!/push! into a vector
  kMapKey,      // put! into a map: the key
  kMapValue,    // put! into a map: the value
  kCapture,     // set! of a captured variable: the closure's environment
};
// "push!: cannot store a value from an inner arena into an outer vec",
// "put!: cannot store a key from an inner arena into an outer map",
// "set! x: cannot store a value from an inner arena into an outer closure".
// `op` is the storing form's head ("put!", "push!" or "set!"); `name` is the
// assigned variable for kCapture and ignored otherwise.
std::string ArenaEscapeMessage(std::string_view op, StoreTarget target,
                               std::string_view name = {});

// --- limits ---------------------------------------------------------------
// "call depth exceeds 1000".
std::string StackOverflowMessage();
// "out of fuel".
std::string OutOfFuelMessage();
// "string longer than 16777216 bytes" (`+`, `str`).
std::string StringLimitMessage();
// "vec longer than 16777216 elements" (`push!`, `vec`, `keys`).
std::string VecLimitMessage();
// "display longer than 134217728 bytes": the text `print` writes (without
// its newline), the message of `error`, or the program's value.
std::string DisplayLimitMessage();

// --- assert ---------------------------------------------------------------
// "assertion failed".
std::string AssertMessage();

}  // namespace tern

#endif  // TERN_RUNTIME_MESSAGES_H_
