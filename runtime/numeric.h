#ifndef TERN_RUNTIME_NUMERIC_H_
#define TERN_RUNTIME_NUMERIC_H_

// Integer arithmetic and conversions with the language's error rules,
// shared by every tier so that edge cases (INT64_MIN / -1, float -> int at
// the range boundary, "-0" or "007" as strings) agree everywhere.

#include <cstdint>
#include <optional>
#include <string_view>

namespace tern {

enum class IntStatus : unsigned char {
  kOk,
  kOverflow,   // runtime error `overflow`
  kDivByZero,  // runtime error `div-by-zero`
};

struct IntResult {
  int64_t value = 0;  // meaningful iff status == kOk
  IntStatus status = IntStatus::kOk;
  friend bool operator==(const IntResult&, const IntResult&) = default;
};

IntResult IntAdd(int64_t a, int64_t b);
IntResult IntSub(int64_t a, int64_t b);
IntResult IntMul(int64_t a, int64_t b);
// Truncates toward zero. b == 0: kDivByZero; INT64_MIN / -1: kOverflow.
IntResult IntDiv(int64_t a, int64_t b);
// The result takes the dividend's sign. b == 0: kDivByZero;
// INT64_MIN % -1: kOverflow (the language says so, although 0 would fit).
IntResult IntMod(int64_t a, int64_t b);
// INT64_MIN: kOverflow.
IntResult IntNeg(int64_t a);

// `(int x)` for a float: truncates toward zero; NaN, ±inf and results
// outside i64 give nullopt (runtime error `overflow`).
std::optional<int64_t> FloatToInt(double d);

enum class ParseIntStatus : unsigned char {
  kOk,
  kMalformed,  // not exactly -?[0-9]+ : runtime error `type`
  kOverflow,   // well-formed but outside i64: runtime error `overflow`
};

// `(int s)` for a string: accepts exactly -?[0-9]+ (leading zeros and "-0"
// included; no sign `+`, no blanks). Sets *out only on kOk.
ParseIntStatus ParseDecimalInt(std::string_view text, int64_t* out);

}  // namespace tern

#endif  // TERN_RUNTIME_NUMERIC_H_
