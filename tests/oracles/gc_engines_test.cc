// The GC engines are found by property, and NAME+verify engines run the
// heap verifier: a verifier report on a planted heap inconsistency is not
// needed here, only that the variant runs, agrees and is nameable.

#include "oracles/gc_engines.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "oracles/engine.h"
#include "runtime/outcome.h"

namespace tern {
namespace {

std::vector<std::string> Names(const std::vector<Engine>& engines) {
  std::vector<std::string> names;
  for (const Engine& e : engines) names.push_back(e.name);
  return names;
}

TEST(GcEnginesTest, EveryVmEngineHasAGcAndTheInterpreterNone) {
  EXPECT_FALSE(HasGc(AllEngines().front()));
  const std::vector<Engine> gc = GcEngines(AllEngines());
  EXPECT_EQ(gc.size(), AllEngines().size() - 1);
  for (const Engine& e : gc) EXPECT_EQ(e.name.rfind("vm", 0), 0u) << e.name;
}

TEST(GcEnginesTest, OracleEnginesAreTheReferenceThenVerifiedGcEngines) {
  const std::vector<Engine> engines = GcOracleEngines(AllEngines());
  ASSERT_EQ(engines.size(), AllEngines().size());
  EXPECT_EQ(engines.front().name, "interp");
  const std::vector<std::string> names = Names(engines);
  for (const std::string& name : names) {
    if (name == "interp") continue;
    // Every GC engine but those collecting at every allocation verifies.
    const Engine* e = FindEngine(name);
    ASSERT_NE(e, nullptr) << name;
  }
  EXPECT_NE(std::find(names.begin(), names.end(), "vm+verify"), names.end());
  EXPECT_NE(std::find(names.begin(), names.end(), "vm-verify"), names.end());
  // No GC engine selected: nothing to run.
  EXPECT_TRUE(GcOracleEngines({AllEngines().front()}).empty());
}

TEST(GcEnginesTest, VerifiedVariantsAreNameableAndAgree) {
  const Engine* verified = FindEngine("vm+verify");
  ASSERT_NE(verified, nullptr);
  EXPECT_EQ(FindEngine("vm+verify"), verified);  // made once
  EXPECT_EQ(FindEngine("interp+verify"), nullptr);   // no GC
  EXPECT_EQ(FindEngine("vm-verify+verify"), nullptr);  // verifies already
  EXPECT_EQ(FindEngine("nonesuch+verify"), nullptr);
  const char* source =
      "(let ((v [])) (for (i 0 200) (push! v [i (str \"a-long-string-\" i)]))"
      " (gc) (len v))";
  const Outcome plain = RunSource(*FindEngine("vm"), source, {});
  const Outcome checked = RunSource(*verified, source, {});
  EXPECT_EQ(plain.status, Status::kOk);
  EXPECT_EQ(FormatOutcome(checked), FormatOutcome(plain));
  const EngineSelection s = SelectEngines("interp,vm+verify");
  ASSERT_EQ(s.error, "");
  EXPECT_EQ(Names(s.engines),
            (std::vector<std::string>{"interp", "vm+verify"}));
  EXPECT_NE(SelectEngines("-vm+verify").error, "");
}

}  // namespace
}  // namespace tern
