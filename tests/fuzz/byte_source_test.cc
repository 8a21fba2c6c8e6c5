#include "fuzz/byte_source.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <array>
#include <cstdint>
#include <limits>
#include <vector>

namespace tern::fuzz {
namespace {

TEST(ByteSourceTest, ExhaustedGivesDefaults) {
  ByteSource in({});
  EXPECT_TRUE(in.Exhausted());
  EXPECT_EQ(in.Byte(), 0);
  EXPECT_EQ(in.Below(10), 0u);
  EXPECT_EQ(in.InRange(-5, 5), -5);
  EXPECT_FALSE(in.Percent(99));
  EXPECT_EQ(in.Weighted({0, 3, 1}), 1u);  // the first positive weight
  EXPECT_EQ(in.Consumed(), 0u);
}

TEST(ByteSourceTest, ReadsBytesInOrderThenZeros) {
  const std::vector<uint8_t> bytes = {7, 200};
  ByteSource in(bytes);
  EXPECT_EQ(in.Byte(), 7);
  EXPECT_FALSE(in.Exhausted());
  EXPECT_EQ(in.Byte(), 200);
  EXPECT_TRUE(in.Exhausted());
  EXPECT_EQ(in.Byte(), 0);
  EXPECT_EQ(in.Consumed(), 2u);
}

TEST(ByteSourceTest, BelowReadsTheFewestBytesThatCoverTheRange) {
  const std::vector<uint8_t> bytes(16, 0xff);
  struct Case {
    uint64_t n;
    size_t bytes;
  };
  for (const Case c :
       {Case{1, 0}, Case{2, 1}, Case{256, 1}, Case{257, 2}, Case{65536, 2},
        Case{65537, 3}, Case{std::numeric_limits<uint64_t>::max(), 8}}) {
    ByteSource in(bytes);
    EXPECT_LT(in.Below(c.n), std::max<uint64_t>(c.n, 1)) << c.n;
    EXPECT_EQ(in.Consumed(), c.bytes) << c.n;
  }
}

TEST(ByteSourceTest, BelowIsTheLittleEndianValueModuloN) {
  const std::vector<uint8_t> bytes = {0x34, 0x12, 9};
  ByteSource in(bytes);
  EXPECT_EQ(in.Below(1000), 0x1234u % 1000);
  EXPECT_EQ(in.Below(7), 9u % 7);
}

TEST(ByteSourceTest, BelowCoversEveryValue) {
  std::array<int, 7> seen{};
  for (int b = 0; b < 256; ++b) {
    const std::vector<uint8_t> bytes = {static_cast<uint8_t>(b)};
    ByteSource in(bytes);
    const uint64_t v = in.Below(7);
    ASSERT_LT(v, 7u);
    ++seen[v];
  }
  for (int count : seen) EXPECT_GE(count, 36);  // 256 / 7, rounded down
}

TEST(ByteSourceTest, InRangeHandlesNegativeAndFullRanges) {
  const std::vector<uint8_t> three = {3};
  ByteSource small(three);
  EXPECT_EQ(small.InRange(-2, 2), 1);

  constexpr int64_t kMin = std::numeric_limits<int64_t>::min();
  constexpr int64_t kMax = std::numeric_limits<int64_t>::max();
  const std::vector<uint8_t> ones(8, 0xff);
  ByteSource full(ones);
  EXPECT_EQ(full.InRange(kMin, kMax), kMax);
  EXPECT_EQ(full.Consumed(), 8u);
  ByteSource empty({});
  EXPECT_EQ(empty.InRange(kMin, kMax), kMin);
  ByteSource degenerate(ones);
  EXPECT_EQ(degenerate.InRange(4, 4), 4);
  EXPECT_EQ(degenerate.Consumed(), 0u);
}

TEST(ByteSourceTest, PercentMatchesItsProbabilityAndZeroMeansFalse) {
  for (unsigned percent : {0u, 1u, 25u, 50u, 99u, 100u}) {
    int hits = 0;
    for (int b = 0; b < 256; ++b) {
      const std::vector<uint8_t> bytes = {static_cast<uint8_t>(b)};
      ByteSource in(bytes);
      if (in.Percent(percent)) ++hits;
      if (b == 0 && percent < 100)
        EXPECT_FALSE(ByteSource(bytes).Percent(percent));
    }
    EXPECT_NEAR(hits, 256.0 * percent / 100, 1.0) << percent;
  }
}

TEST(ByteSourceTest, WeightedNeverDrawsZeroWeightsAndFollowsTheWeights) {
  std::array<int, 4> seen{};
  for (int b = 0; b < 256; ++b) {
    const std::vector<uint8_t> bytes = {static_cast<uint8_t>(b)};
    ByteSource in(bytes);
    ++seen[in.Weighted({0, 5, 0, 3})];
  }
  EXPECT_EQ(seen[0], 0);
  EXPECT_EQ(seen[2], 0);
  EXPECT_EQ(seen[1], 160);  // 256 * 5/8
  EXPECT_EQ(seen[3], 96);
  const std::vector<uint8_t> zero = {0};
  EXPECT_EQ(ByteSource(zero).Weighted({0, 5, 0, 3}), 1u);
}

TEST(ByteSourceDeathTest, WeightedWithNoPositiveWeightAborts) {
  EXPECT_DEATH(ByteSource({}).Weighted({0, 0}), "every weight is zero");
}

TEST(ByteSourceTest, SameBytesSameChoices) {
  std::vector<uint8_t> bytes;
  for (int i = 0; i < 64; ++i)
    bytes.push_back(static_cast<uint8_t>(i * 37 + 11));
  ByteSource a(bytes);
  ByteSource b(bytes);
  for (int i = 0; i < 40; ++i) {
    ASSERT_EQ(a.Below(1000), b.Below(1000));
    ASSERT_EQ(a.Weighted({1, 2, 3}), b.Weighted({1, 2, 3}));
  }
}

}  // namespace
}  // namespace tern::fuzz
