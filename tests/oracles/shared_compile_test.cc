// Engines that share a compiled form (Engine::compile): running the shared
// form gives exactly the outcome the engine gets compiling for itself, the
// oracle compiles once per program for all of them, and the phase observer
// sees each step.

#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "oracles/differential.h"
#include "oracles/engine.h"
#include "runtime/front/front_end.h"

namespace tern {
namespace {

constexpr const char* kPrograms[] = {
    "(defn f (n) (if (< n 2) n (+ (f (- n 1)) (f (- n 2))))) (print (f 12))",
    "(let ((mut v [])) (for (i 0 50) (push! v (str i))) (gc) (len v))",
    "(with-arena a (let ((m {1 [2]})) (put! m 3 \"abcdefghijklmnopq\") (gc) (len m)))",
    "(let ((x 1)) (print (/ x 0)))",
    "(defn g (d) (g (+ d 1))) (g 0)",
};

TEST(SharedCompileTest, RunningTheSharedFormIsRunning) {
  std::vector<const Engine*> engines;
  for (const Engine& e : AllEngines()) engines.push_back(&e);
  engines.push_back(FindEngine("vm-stress+verify"));
  ASSERT_NE(engines.back(), nullptr);
  for (const char* source : kPrograms) {
    const CompileResult compiled = Compile(source);
    ASSERT_FALSE(compiled.error) << source;
    RunLimits limits;
    limits.fuel = 5'000;
    for (const Engine* e : engines) {
      if (e->compile == nullptr) continue;
      const Engine::Compiled form = e->compile(*compiled.program);
      const Outcome shared = e->run_compiled(*compiled.program, form.get(), limits);
      const Outcome own = e->run(*compiled.program, limits);
      EXPECT_EQ(shared, own) << e->name << ": " << source;
      EXPECT_EQ(shared.census, own.census) << e->name << ": " << source;
    }
  }
}

TEST(SharedCompileTest, EveryVmEngineSharesOneCompilation) {
  int vm_engines = 0;
  for (const Engine& e : AllEngines()) {
    if (e.compile == nullptr) continue;
    ++vm_engines;
    EXPECT_EQ(e.compile, AllEngines()[1].compile) << e.name;
  }
  EXPECT_GE(vm_engines, 1);
  EXPECT_EQ(AllEngines().front().compile, nullptr);  // the interpreter
}

int compilations = 0;

Engine::Compiled CountingCompile(const Program&) {
  ++compilations;
  return std::make_shared<const int>(41);
}

Outcome Fortyone(const Program&, const RunLimits&) {
  Outcome o;
  o.value = "41";
  return o;
}

Engine Counting(std::string name) {
  Engine e(std::move(name), &Fortyone);
  e.compile = &CountingCompile;
  e.run_compiled = [](const Program&, const void* form, const RunLimits&) {
    Outcome o;
    o.value = std::to_string(*static_cast<const int*>(form));
    return o;
  };
  return e;
}

class Recorder : public PhaseObserver {
 public:
  void Begin(std::string_view phase) override {
    EXPECT_FALSE(open_) << phase;
    open_ = true;
    phases.emplace_back(phase);
  }
  void End() override {
    EXPECT_TRUE(open_);
    open_ = false;
  }
  std::vector<std::string> phases;

 private:
  bool open_ = false;
};

TEST(SharedCompileTest, TheOracleCompilesOncePerProgram) {
  const std::vector<Engine> engines = {Counting("a"), Counting("b"),
                                       Counting("c")};
  compilations = 0;
  Recorder recorder;
  const DifferentialResult r =
      RunDifferential("41", RunLimits(), engines,
                      {.rerun_reference = true, .observer = &recorder});
  EXPECT_TRUE(r.ok()) << r.disagreement;
  EXPECT_EQ(compilations, 1);
  EXPECT_EQ(r.reference.value, "41");
  const std::vector<std::string> want = {"front end", "compile a", "run a",
                                         "run b",     "run c",     "second run a"};
  EXPECT_EQ(recorder.phases, want);
  // A static error: no compilation, no run phases.
  compilations = 0;
  Recorder rejected;
  RunDifferential("(", RunLimits(), engines,
                  {.rerun_reference = true, .observer = &rejected});
  EXPECT_EQ(compilations, 0);
  EXPECT_EQ(rejected.phases, std::vector<std::string>{"front end"});
}

}  // namespace
}  // namespace tern
