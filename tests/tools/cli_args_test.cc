#include "tools/cli_args.h"

#include <gtest/gtest.h>

namespace tern {
namespace {

TEST(SplitArgs, FlagsAndPositionals) {
  CliArgs a = SplitArgs({"--fuel=10", "x.tern", "--verbose", "--", "--y"});
  ASSERT_EQ(a.flags.size(), 2u);
  EXPECT_EQ(a.flags[0], (std::pair<std::string, std::string>{"fuel", "10"}));
  EXPECT_EQ(a.flags[1], (std::pair<std::string, std::string>{"verbose", ""}));
  EXPECT_EQ(a.positional, (std::vector<std::string>{"x.tern", "--y"}));
}

TEST(SplitArgs, LoneDashesArePositional) {
  CliArgs a = SplitArgs({"-", "--", "--"});
  EXPECT_TRUE(a.flags.empty());
  EXPECT_EQ(a.positional, (std::vector<std::string>{"-", "--"}));
}

TEST(ParseCount, AcceptsOnlyWholeNumbersInRange) {
  EXPECT_EQ(ParseCount("0", 0, 10), 0u);
  EXPECT_EQ(ParseCount("10", 0, 10), 10u);
  EXPECT_EQ(ParseCount("18446744073709551615", 0, UINT64_MAX), UINT64_MAX);
  for (const char* bad : {"", "-1", "11", "1x", " 1", "0x10", "1e3",
                          "18446744073709551616"}) {
    EXPECT_FALSE(ParseCount(bad, 0, 10).has_value()) << bad;
  }
}

TEST(ParseCountFlag, SaysWhetherTheNumberIsMalformedOrOutOfRange) {
  std::string why;
  EXPECT_EQ(ParseCountFlag("fuel", "7", 0, UINT64_MAX, &why), 7u);
  EXPECT_FALSE(ParseCountFlag("fuel", "99999999999999999999", 0, UINT64_MAX,
                              &why));
  EXPECT_EQ(why,
            "--fuel=99999999999999999999 is out of range: it must be from 0 "
            "to 18446744073709551615");
  EXPECT_FALSE(ParseCountFlag("fuel", "-1", 0, 10, &why));
  EXPECT_EQ(why, "--fuel needs a whole number from 0 to 10, got '-1'");
}

}  // namespace
}  // namespace tern
