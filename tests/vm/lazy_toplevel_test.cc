// The VM compiles each top-level expression when the run reaches it and
// drops it after it ran (runtime/vm/vm.cc RunLazily): the outcome is the
// whole-module compile's, a compile error is still reported before anything
// runs, and a dropped chunk's constant pool is no longer a root.

#include <gtest/gtest.h>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "runtime/front/front_end.h"
#include "runtime/outcome.h"
#include "runtime/vm/compiler.h"
#include "runtime/vm/vm.h"

namespace tern::vm {
namespace {

const char* const kEngines[] = {"vm", "vm-stress", "vm-verify", "vm-gen",
                                "vm-gen-stress"};

std::unique_ptr<Program> Front(std::string_view source) {
  CompileResult r = Compile(source);
  EXPECT_FALSE(r.error.has_value()) << r.error->message;
  return std::move(r.program);
}

Outcome Lazy(const Program& p, const char* engine) {
  return RunVm(p, RunLimits{}, *EngineOptions(engine));
}

Outcome Whole(const Program& p, const char* engine) {
  std::string why;
  std::optional<Module> m = CompileModule(p, &why);
  EXPECT_TRUE(m.has_value()) << why;
  return RunModule(*m, RunLimits{}, *EngineOptions(engine));
}

// `[0 0 ... 0]` with n zeros: a builtin call needing n registers.
std::string WideVec(size_t n) {
  std::string s = "[";
  for (size_t i = 0; i < n; ++i) s += i ? " 0" : "0";
  return s + "]";
}

TEST(LazyTopLevel, SameOutcomeAsTheWholeModule) {
  const char* const programs[] = {
      "(print 1) (print 2) 3",
      "(defn f (x) (+ x 1)) (print (f 1)) (defn g () (f 2)) (g)",
      // A closure made by one form, the program's value displayed after it.
      "(print \"a long string literal, heap allocated\") (fn (x) x)",
      "(let ((k 5)) (fn () k))",
      // Lambdas in several forms (their chunk indices are reused).
      ("((fn (a) (print a)) 1) ((fn (a b) (print (+ a b))) 2 3) "
       "(let ((h (fn () \"another long string constant here\"))) (h))"),
      "(print \"x\") (+ 1 \"a\")",  // a runtime error in a later form
      "(with-arena a (print [1 2])) (gc) (len \"sixteen bytes!!!\")",
      // Censuses where forms before, at and after a (gc) hold long strings.
      ("(len \"a long string literal, heap allocated\") "
       "(let ((s \"another long string constant here\")) (gc) (len s)) "
       "(gc) (print \"and a third long string constant\") (gc)"),
  };
  for (const char* source : programs) {
    auto p = Front(source);
    for (const char* engine : kEngines) {
      Outcome lazy = Lazy(*p, engine);
      Outcome whole = Whole(*p, engine);
      EXPECT_EQ(FormatOutcome(lazy), FormatOutcome(whole))
          << engine << " on " << source;
      EXPECT_EQ(lazy.census, whole.census) << engine << " on " << source;
    }
  }
}

TEST(LazyTopLevel, ACompileErrorIsStillReportedBeforeAnythingRuns) {
  // A too-big top-level form after output, a too-big lambda in one, and a
  // too-big defn after both: the whole-module compile's first error, and no
  // output.
  const std::string big = WideVec(70000);
  const std::string sources[] = {
      "(print \"first\") " + big,
      "(print \"first\") (len [1 2]) (fn () " + big + ")",
      "(print \"first\") " + big + " (defn f () " + big + ")",
  };
  for (const std::string& source : sources) {
    auto p = Front(source);
    std::string why;
    ASSERT_FALSE(CompileModule(*p, &why).has_value());
    for (const char* engine : kEngines) {
      Outcome o = Lazy(*p, engine);
      EXPECT_EQ(o.status, Status::kInternalFault) << engine;
      EXPECT_EQ(o.fault, "vm compiler: " + why) << engine;
      EXPECT_EQ(o.out, "") << engine;
    }
  }
}

TEST(LazyTopLevel, FormsUnderTheSizeBoundCompile) {
  // Shapes that take many registers per node, just under the bound that
  // lets a form skip the trial compile (12000 nodes): each must compile
  // and run (a wrong bound would fault after the output).
  // Calls nested 200 deep (the reader's limit is 256), each with 50
  // arguments: every level's window is live at the innermost call.
  std::string nested_calls = "(defn f (";
  for (int i = 0; i < 50; ++i) nested_calls += " a" + std::to_string(i);
  nested_calls += ") 0) (print 0) ";
  for (int i = 0; i < 200; ++i) nested_calls += "(f";
  nested_calls += " 1";
  for (int i = 0; i < 200; ++i) {
    for (int j = 0; j < 49; ++j) nested_calls += " 1";
    nested_calls += ")";
  }
  std::string lets = "(print 0) (let (";
  for (int i = 0; i < 3900; ++i) lets += "(v" + std::to_string(i) + " [1]) ";
  lets += ") 1)";
  const std::string sources[] = {
      "(print 0) " + WideVec(11990),
      "(print 0) (fn () " + WideVec(11990) + ")",
      nested_calls,
      lets,
  };
  for (const std::string& source : sources) {
    auto p = Front(source);
    Outcome o = Lazy(*p, "vm");
    EXPECT_EQ(o.status, Status::kOk) << o.fault;
    EXPECT_EQ(o.out, "0\n");
  }
}

TEST(LazyTopLevel, ADroppedChunksConstantsAreNoLongerRoots) {
  // Form 1's long string constant is dropped with its chunk (its value is an
  // int); form 3's is not yet loaded at form 2's (gc). A defn's constants
  // stay for the whole run.
  auto p = Front(
      "(len \"a long string literal, heap allocated\") (gc) "
      "(len \"another long string literal here\")");
  auto d = Front(
      "(defn f () \"a long string literal in a defn\") (gc) (len (f))");
  for (const char* engine : kEngines) {
    Outcome o = Lazy(*p, engine);
    ASSERT_TRUE(o.census.has_value());
    ASSERT_EQ(o.census->size(), 1u);
    EXPECT_EQ(o.census->front().substr(0, 18), "census: str 0/0 ve")
        << engine << ": " << o.census->front();
    Outcome od = Lazy(*d, engine);
    ASSERT_TRUE(od.census.has_value());
    ASSERT_EQ(od.census->size(), 1u);
    EXPECT_EQ(od.census->front().substr(0, 16), "census: str 1/47")
        << engine << ": " << od.census->front();
    // A whole-module run loads and drops pools at the same points.
    EXPECT_EQ(Whole(*p, engine).census, o.census) << engine;
    EXPECT_EQ(Whole(*d, engine).census, od.census) << engine;
  }
}

}  // namespace
}  // namespace tern::vm
