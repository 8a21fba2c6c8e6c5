#include "runtime/numeric.h"

#include <cmath>
#include <limits>

namespace tern {
namespace {

constexpr int64_t kMin = std::numeric_limits<int64_t>::min();

constexpr IntResult Ok(int64_t v) { return {v, IntStatus::kOk}; }
constexpr IntResult Fail(IntStatus s) { return {0, s}; }

}  // namespace

IntResult IntAdd(int64_t a, int64_t b) {
  int64_t r;
  if (__builtin_add_overflow(a, b, &r)) return Fail(IntStatus::kOverflow);
  return Ok(r);
}

IntResult IntSub(int64_t a, int64_t b) {
  int64_t r;
  if (__builtin_sub_overflow(a, b, &r)) return Fail(IntStatus::kOverflow);
  return Ok(r);
}

IntResult IntMul(int64_t a, int64_t b) {
  int64_t r;
  if (__builtin_mul_overflow(a, b, &r)) return Fail(IntStatus::kOverflow);
  return Ok(r);
}

IntResult IntDiv(int64_t a, int64_t b) {
  if (b == 0) return Fail(IntStatus::kDivByZero);
  if (a == kMin && b == -1) return Fail(IntStatus::kOverflow);
  return Ok(a / b);
}

IntResult IntMod(int64_t a, int64_t b) {
  if (b == 0) return Fail(IntStatus::kDivByZero);
  if (a == kMin && b == -1) return Fail(IntStatus::kOverflow);
  return Ok(a % b);
}

IntResult IntNeg(int64_t a) {
  if (a == kMin) return Fail(IntStatus::kOverflow);
  return Ok(-a);
}

std::optional<int64_t> FloatToInt(double d) {
  if (!std::isfinite(d)) return std::nullopt;
  double t = std::trunc(d);
  // Both bounds are powers of two, hence exact doubles: -2^63 <= t < 2^63.
  constexpr double kLow = -9223372036854775808.0;
  constexpr double kHigh = 9223372036854775808.0;
  if (t < kLow || t >= kHigh) return std::nullopt;
  return static_cast<int64_t>(t);
}

ParseIntStatus ParseDecimalInt(std::string_view text, int64_t* out) {
  bool negative = !text.empty() && text.front() == '-';
  std::string_view digits = negative ? text.substr(1) : text;
  if (digits.empty()) return ParseIntStatus::kMalformed;
  for (char c : digits) {
    if (c < '0' || c > '9') return ParseIntStatus::kMalformed;
  }
  // Accumulate toward the sign so that INT64_MIN itself is representable.
  int64_t value = 0;
  for (char c : digits) {
    int64_t digit = c - '0';
    if (__builtin_mul_overflow(value, 10, &value) ||
        __builtin_add_overflow(value, negative ? -digit : digit, &value)) {
      return ParseIntStatus::kOverflow;
    }
  }
  *out = value;
  return ParseIntStatus::kOk;
}

}  // namespace tern
