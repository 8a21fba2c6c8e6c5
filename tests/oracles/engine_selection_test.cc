// TERN_ENGINES (engine.h): which engines the oracles run.

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "oracles/engine.h"

namespace tern {
namespace {

Outcome Planted(const Program& p, const RunLimits& l) {
  return AllEngines().front().run(p, l);
}
const bool kRegistered = RegisterExtraEngine({"test-extra", &Planted});

std::vector<std::string> Names(const EngineSelection& s) {
  std::vector<std::string> names;
  for (const Engine& e : s.engines) names.push_back(e.name);
  return names;
}

std::vector<std::string> AllNames() {
  std::vector<std::string> names;
  for (const Engine& e : AllEngines()) names.push_back(e.name);
  return names;
}

TEST(SelectEngines, EmptyMeansEveryEngineButExtras) {
  ASSERT_TRUE(kRegistered);
  EngineSelection s = SelectEngines("");
  EXPECT_EQ(s.error, "");
  EXPECT_EQ(Names(s), AllNames());
}

TEST(SelectEngines, NamesKeepTheEngineListOrder) {
  const std::string first = AllEngines().front().name;
  EngineSelection s = SelectEngines(" test-extra , " + first);
  EXPECT_EQ(s.error, "");
  EXPECT_EQ(Names(s), (std::vector<std::string>{first, "test-extra"}));
}

TEST(SelectEngines, ExclusionsStartFromTheDefault) {
  const std::string first = AllEngines().front().name;
  EngineSelection s = SelectEngines("-" + first);
  if (AllEngines().size() == 1) {
    EXPECT_NE(s.error.find("leaves no engine"), std::string::npos) << s.error;
    EXPECT_TRUE(s.engines.empty());
  } else {
    EXPECT_EQ(s.error, "");
    std::vector<std::string> rest = AllNames();
    rest.erase(rest.begin());
    EXPECT_EQ(Names(s), rest);
  }
}

TEST(SelectEngines, UnknownNameIsAClearError) {
  EngineSelection s = SelectEngines("interp,warp-drive");
  EXPECT_TRUE(s.engines.empty());
  EXPECT_NE(s.error.find("unknown engine 'warp-drive'"), std::string::npos)
      << s.error;
  // The message lists what exists, extras included.
  EXPECT_NE(s.error.find("known engines: " + AllEngines().front().name),
            std::string::npos)
      << s.error;
  EXPECT_NE(s.error.find("test-extra"), std::string::npos) << s.error;
}

TEST(SelectEngines, MalformedListsAreErrors) {
  const std::string first = AllEngines().front().name;
  EXPECT_NE(SelectEngines(first + "," + first).error.find("twice"),
            std::string::npos);
  EXPECT_NE(SelectEngines(first + ",").error.find("empty name"),
            std::string::npos);
  EXPECT_NE(SelectEngines(first + ",-test-extra").error.find("mixes"),
            std::string::npos);
  EXPECT_NE(SelectEngines("-").error.find("empty name"), std::string::npos);
}

// The process-wide selection, read from the environment once.
TEST(SelectedEngines, FollowsTheEnvironmentAndRejectsUnknownNames) {
  EXPECT_EXIT(
      {
        setenv("TERN_ENGINES", "nonesuch", 1);
        SelectedEngines();
        std::exit(0);
      },
      testing::ExitedWithCode(64), "TERN_ENGINES=nonesuch: unknown engine");
  EXPECT_EXIT(
      {
        setenv("TERN_ENGINES", "test-extra", 1);
        std::exit(SelectedEngines().size() == 1 &&
                          SelectedEngines().front().name == "test-extra"
                      ? 0
                      : 1);
      },
      testing::ExitedWithCode(0), "");
}

}  // namespace
}  // namespace tern
