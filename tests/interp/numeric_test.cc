#include "runtime/numeric.h"

#include <gtest/gtest.h>
#include <rapidcheck/gtest.h>

#include <cmath>
#include <limits>
#include <string>
#include <vector>

namespace tern {
namespace {

constexpr int64_t kMin = std::numeric_limits<int64_t>::min();
constexpr int64_t kMax = std::numeric_limits<int64_t>::max();

IntResult Ok(int64_t v) { return {v, IntStatus::kOk}; }
IntResult Overflow() { return {0, IntStatus::kOverflow}; }
IntResult DivByZero() { return {0, IntStatus::kDivByZero}; }

// The exact result in 128 bits, or overflow if it does not fit in 64.
IntResult Reference(__int128 exact) {
  if (exact < kMin || exact > kMax) return Overflow();
  return Ok(static_cast<int64_t>(exact));
}

TEST(IntArith, Boundaries) {
  EXPECT_EQ(IntAdd(kMax, 1), Overflow());
  EXPECT_EQ(IntAdd(kMin, -1), Overflow());
  EXPECT_EQ(IntAdd(kMax, kMin), Ok(-1));
  EXPECT_EQ(IntSub(kMin, 1), Overflow());
  EXPECT_EQ(IntSub(0, kMin), Overflow());
  EXPECT_EQ(IntSub(-1, kMin), Ok(kMax));
  EXPECT_EQ(IntMul(kMin, -1), Overflow());
  EXPECT_EQ(IntMul(int64_t{1} << 32, int64_t{1} << 31), Overflow());
  EXPECT_EQ(IntMul(-(int64_t{1} << 32), int64_t{1} << 31), Ok(kMin));
  EXPECT_EQ(IntNeg(kMin), Overflow());
  EXPECT_EQ(IntNeg(kMax), Ok(-kMax));
  EXPECT_EQ(IntNeg(0), Ok(0));
}

TEST(IntArith, DivisionTruncatesTowardZero) {
  EXPECT_EQ(IntDiv(7, 2), Ok(3));
  EXPECT_EQ(IntDiv(-7, 2), Ok(-3));
  EXPECT_EQ(IntDiv(7, -2), Ok(-3));
  EXPECT_EQ(IntDiv(-7, -2), Ok(3));
  EXPECT_EQ(IntDiv(kMin, -1), Overflow());
  EXPECT_EQ(IntDiv(kMin, 1), Ok(kMin));
  EXPECT_EQ(IntDiv(1, 0), DivByZero());
  EXPECT_EQ(IntDiv(0, 0), DivByZero());
}

TEST(IntArith, RemainderTakesDividendSign) {
  EXPECT_EQ(IntMod(7, 3), Ok(1));
  EXPECT_EQ(IntMod(-7, 3), Ok(-1));
  EXPECT_EQ(IntMod(7, -3), Ok(1));
  EXPECT_EQ(IntMod(-7, -3), Ok(-1));
  EXPECT_EQ(IntMod(kMin, -1), Overflow());
  EXPECT_EQ(IntMod(kMin, kMax), Ok(-1));
  EXPECT_EQ(IntMod(5, 0), DivByZero());
}

// Values near the edges are where the bugs are: mix them in.
rc::Gen<int64_t> Edgy() {
  return rc::gen::oneOf(rc::gen::arbitrary<int64_t>(),
                        rc::gen::elementOf(std::vector<int64_t>{
                            kMin, kMin + 1, -1, 0, 1, kMax - 1, kMax}),
                        rc::gen::inRange<int64_t>(-100, 100));
}

RC_GTEST_PROP(IntArith, MatchesWideArithmetic, ()) {
  int64_t a = *Edgy();
  int64_t b = *Edgy();
  __int128 wa = a;
  __int128 wb = b;
  RC_ASSERT(IntAdd(a, b) == Reference(wa + wb));
  RC_ASSERT(IntSub(a, b) == Reference(wa - wb));
  RC_ASSERT(IntMul(a, b) == Reference(wa * wb));
  RC_ASSERT(IntNeg(a) == Reference(-wa));
  if (b == 0) {
    RC_ASSERT(IntDiv(a, b) == DivByZero());
    RC_ASSERT(IntMod(a, b) == DivByZero());
  } else if (a == kMin && b == -1) {
    RC_ASSERT(IntDiv(a, b) == Overflow());
    RC_ASSERT(IntMod(a, b) == Overflow());
  } else {
    RC_ASSERT(IntDiv(a, b) == Reference(wa / wb));
    RC_ASSERT(IntMod(a, b) == Reference(wa % wb));
  }
}

TEST(FloatToInt, TruncatesTowardZero) {
  EXPECT_EQ(FloatToInt(2.9), 2);
  EXPECT_EQ(FloatToInt(-2.9), -2);
  EXPECT_EQ(FloatToInt(-0.0), 0);
  EXPECT_EQ(FloatToInt(0.999), 0);
}

TEST(FloatToInt, RangeBoundaries) {
  EXPECT_EQ(FloatToInt(-9223372036854775808.0), kMin);
  EXPECT_EQ(FloatToInt(9223372036854775808.0), std::nullopt);
  // The largest double below 2^63.
  EXPECT_EQ(FloatToInt(std::nextafter(9223372036854775808.0, 0.0)),
            int64_t{9223372036854774784});
  EXPECT_EQ(FloatToInt(std::nextafter(-9223372036854775808.0, -1e300)),
            std::nullopt);
  EXPECT_EQ(FloatToInt(1e300), std::nullopt);
  EXPECT_EQ(FloatToInt(std::numeric_limits<double>::infinity()), std::nullopt);
  EXPECT_EQ(FloatToInt(-std::numeric_limits<double>::infinity()), std::nullopt);
  EXPECT_EQ(FloatToInt(std::numeric_limits<double>::quiet_NaN()), std::nullopt);
}

RC_GTEST_PROP(FloatToInt, ExactForIntsThatFitADouble, ()) {
  auto v = *rc::gen::inRange<int64_t>(-(int64_t{1} << 53), int64_t{1} << 53);
  RC_ASSERT(FloatToInt(static_cast<double>(v)) == std::optional<int64_t>(v));
}

ParseIntStatus Parse(std::string_view s, int64_t* out) {
  return ParseDecimalInt(s, out);
}

TEST(ParseDecimalInt, AcceptsExactlyOptionalMinusAndDigits) {
  int64_t v = 99;
  EXPECT_EQ(Parse("0", &v), ParseIntStatus::kOk);
  EXPECT_EQ(v, 0);
  EXPECT_EQ(Parse("-0", &v), ParseIntStatus::kOk);
  EXPECT_EQ(v, 0);
  EXPECT_EQ(Parse("007", &v), ParseIntStatus::kOk);
  EXPECT_EQ(v, 7);
  EXPECT_EQ(Parse("-42", &v), ParseIntStatus::kOk);
  EXPECT_EQ(v, -42);
  for (std::string_view bad :
       {"", "-", "+1", " 1", "1 ", "1.0", "1e3", "--1", "0x10", "1_000", "١"}) {
    v = 99;
    EXPECT_EQ(Parse(bad, &v), ParseIntStatus::kMalformed) << bad;
    EXPECT_EQ(v, 99) << "untouched on failure";
  }
  EXPECT_EQ(Parse(std::string_view("1\0", 2), &v), ParseIntStatus::kMalformed);
}

TEST(ParseDecimalInt, RangeBoundaries) {
  int64_t v = 0;
  EXPECT_EQ(Parse("9223372036854775807", &v), ParseIntStatus::kOk);
  EXPECT_EQ(v, kMax);
  EXPECT_EQ(Parse("-9223372036854775808", &v), ParseIntStatus::kOk);
  EXPECT_EQ(v, kMin);
  EXPECT_EQ(Parse("9223372036854775808", &v), ParseIntStatus::kOverflow);
  EXPECT_EQ(Parse("-9223372036854775809", &v), ParseIntStatus::kOverflow);
  EXPECT_EQ(Parse("00000000000000000000000000009", &v), ParseIntStatus::kOk);
  EXPECT_EQ(v, 9);
  EXPECT_EQ(Parse(std::string(400, '9'), &v), ParseIntStatus::kOverflow);
  // Malformed wins over overflow: the format is checked first.
  EXPECT_EQ(Parse(std::string(400, '9') + "x", &v), ParseIntStatus::kMalformed);
}

RC_GTEST_PROP(ParseDecimalInt, RoundTripsEveryInt, (int64_t v)) {
  int64_t out = 0;
  RC_ASSERT(ParseDecimalInt(std::to_string(v), &out) == ParseIntStatus::kOk);
  RC_ASSERT(out == v);
}

}  // namespace
}  // namespace tern
