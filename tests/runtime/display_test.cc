#include "runtime/display.h"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>

namespace tern {
namespace {

TEST(FormatFloat, AppendsPointZeroOnlyWhenNeeded) {
  EXPECT_EQ(FormatFloat(3.0), "3.0");
  EXPECT_EQ(FormatFloat(-0.0), "-0.0");
  EXPECT_EQ(FormatFloat(0.1), "0.1");
  EXPECT_EQ(FormatFloat(1e16), "1e+16");
  EXPECT_EQ(FormatFloat(1e-7), "1e-07");
  EXPECT_EQ(FormatFloat(123456.5), "123456.5");
}

TEST(FormatFloat, NonFinite) {
  EXPECT_EQ(FormatFloat(std::numeric_limits<double>::infinity()), "inf");
  EXPECT_EQ(FormatFloat(-std::numeric_limits<double>::infinity()), "-inf");
  EXPECT_EQ(FormatFloat(std::numeric_limits<double>::quiet_NaN()), "nan");
  EXPECT_EQ(FormatFloat(-std::numeric_limits<double>::quiet_NaN()), "nan");
}

TEST(FormatFloat, ShortestRoundTrip) {
  for (double d : {0.1 + 0.2, 1.0 / 3.0, 5e-324, 1.7976931348623157e308}) {
    std::string s = FormatFloat(d);
    EXPECT_EQ(std::strtod(s.c_str(), nullptr), d) << s;
  }
  EXPECT_EQ(FormatFloat(0.1 + 0.2), "0.30000000000000004");
}

TEST(Quote, EscapesExactlyTheSpecifiedBytes) {
  EXPECT_EQ(Quote("a\n\t\r\\\""), R"("a\n\t\r\\\"")");
  EXPECT_EQ(Quote(std::string("\0\x01\x1f\x7f", 4)), R"("\x00\x01\x1f\x7f")");
  EXPECT_EQ(Quote("\xc3\xa9 \xff"), "\"\xc3\xa9 \xff\"");
  EXPECT_EQ(Quote(""), "\"\"");
}

}  // namespace
}  // namespace tern
