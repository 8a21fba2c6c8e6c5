#include "tools/escape_stats.h"

#include "gtest/gtest.h"

namespace tern {
namespace {

TEST(EscapeStatsTest, ClassifiesEveryProgramAndFindsTheCheckerSound) {
  const EscapeStats s = MeasureEscapeStats(80, 7);
  EXPECT_EQ(s.programs, 80u);
  EXPECT_EQ(s.accepted_clean + s.rejected_clean + s.rejected_escaping +
                s.accepted_refused + s.accepted_escaping + s.other_static,
            s.programs);
  EXPECT_EQ(s.accepted_escaping, 0u) << EscapeStatsText(s);
  EXPECT_EQ(s.other_static, 0u);
  // The relaxed generator yields programs of every class that matters.
  EXPECT_GT(s.accepted_clean, 0u);
  EXPECT_GT(s.rejected_clean, 0u);
  EXPECT_GT(s.rejected_escaping, 0u);
  uint64_t by_reason = 0;
  for (const auto& [reason, n] : s.reasons) by_reason += n;
  EXPECT_EQ(by_reason, s.rejected_clean);
  EXPECT_GT(s.FalsePositiveRate(), 0.0);
  EXPECT_LT(s.FalsePositiveRate(), 1.0);
}

TEST(EscapeStatsTest, IsDeterministicAndPrintsJson) {
  const EscapeStats a = MeasureEscapeStats(20, 3), b = MeasureEscapeStats(20, 3);
  EXPECT_EQ(EscapeStatsJson(a), EscapeStatsJson(b));
  const std::string json = EscapeStatsJson(a);
  EXPECT_EQ(json.rfind("{\"programs\":20,", 0), 0u) << json;
  EXPECT_NE(json.find("\"false_positive_rate\":"), std::string::npos);
  EXPECT_NE(EscapeStatsText(a).find("false-positive rate"), std::string::npos);
}

}  // namespace
}  // namespace tern
