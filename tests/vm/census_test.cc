// The heap census (issue 7 §2): what `(gc)` records, that it depends only on
// the program and its bytecode (never on the collector or on when other
// collections ran), and that a lost root shows in it alone.

#include <gtest/gtest.h>

#include <string>
#include <string_view>
#include <vector>

#include "oracles/differential.h"
#include "oracles/engine.h"
#include "oracles/failure_signature.h"
#include "runtime/front/front_end.h"
#include "runtime/vm/vm.h"

namespace tern {
namespace {

Outcome RunWith(std::string_view source, const vm::VmOptions& options) {
  return RunSourceWith(source, [&](const Program& program) {
    return vm::RunVm(program, RunLimits(), options);
  });
}

std::vector<std::string> CensusOf(std::string_view source,
                                  const vm::VmOptions& options) {
  Outcome o = RunWith(source, options);
  EXPECT_NE(o.status, Status::kInternalFault) << o.fault;
  EXPECT_TRUE(o.census.has_value());
  return o.census.value_or(std::vector<std::string>{});
}

constexpr std::string_view kEmptyArena =
    " | arena str 0/0 vec 0/0 map 0/0 closure 0/0";

TEST(Census, OneLinePerGcOutsideNoGc) {
  vm::VmOptions options;
  // Two (gc) outside no-gc, one inside (deferred: no census there).
  std::vector<std::string> c = CensusOf(
      "(let ((v [1 2 3]))"
      "  (gc)"
      "  (no-gc (gc))"
      "  (push! v \"a string of twenty bytes\")"
      "  (gc)"
      "  (len v))",
      options);
  ASSERT_EQ(c.size(), 2u);
  // The long literal is a constant (a root) from the start of the run.
  EXPECT_EQ(c[0], "census: str 1/40 vec 1/72 map 0/0 closure 0/0" +
                      std::string(kEmptyArena));
  EXPECT_EQ(c[1].substr(0, 19), "census: str 1/40 ve") << c[1];
}

TEST(Census, InterpreterHasNone) {
  Outcome o = RunSource(*FindEngine("interp"), "(gc)", RunLimits());
  EXPECT_FALSE(o.census.has_value());
  Outcome v = RunSource(*FindEngine("vm"), "(gc)", RunLimits());
  ASSERT_TRUE(v.census.has_value());
  EXPECT_EQ(v.census->size(), 1u);
}

TEST(Census, LongSequencesFoldIntoADigest) {
  vm::VmOptions options;
  const std::string loop = "(for (i 0 " +
                           std::to_string(kMaxCensusLines + 5) +
                           ") (gc))";
  std::vector<std::string> c = CensusOf(loop, options);
  ASSERT_EQ(c.size(), kMaxCensusLines + 1);
  EXPECT_EQ(c.back().substr(0, 23), "census: 5 more, digest ") << c.back();
}

// Programs whose heap shape at each (gc) is delicate: temporaries left in
// registers, closures capturing heap values and mutating their copies,
// arenas, maps with deletes, deep calls whose windows overlap the caller's
// dead temporaries, errors unwinding through arenas.
const char* const kPrograms[] = {
    "(do (len [1 2 3]) (gc) (let ((s (str \"x\" 12345678901234567))) (gc) s))",
    "(defn mk (n) (let ((v [])) (for (i 0 n) (push! v [i (str \"item-long-"
    "enough-\" i)])) v))"
    "(let ((a (mk 50)) (mut b (mk 3))) (gc) (set! b null) (gc) (put! a 0 (mk 4))"
    " (gc) (len a))",
    "(defn adder (k) (let ((mut acc [k])) (fn (x) (set! acc [x acc]) acc)))"
    "(let ((f (adder 1))) (for (i 0 20) (f (vec i i))) (gc) (f 0) (gc) 0)",
    "(let ((m {})) (for (i 0 100) (put! m i (str \"value number \" i)))"
    " (for (i 0 90) (del! m i)) (gc) (keys m) (gc) (len m))",
    "(defn f (n) (if (< n 1) (do (gc) 0) (+ 1 (f (- n 1)))))"
    "(let ((keep [1 2])) (f 30) (let ((t [3 4 5 6])) (f 5)) (gc) keep)",
    "(let ((outer [1])) (with-arena a (let ((v [outer outer])) (gc)"
    " (with-arena b (let ((w [v])) (gc) (len w))))) (gc) outer)",
    "(let ((v [])) (for (i 0 300) (push! v (str \"s-\" i \"-padding-pad\")))"
    " (for (i 0 250) (pop! v)) (gc) (len v))",
    "(let ((x [1])) (with-arena a (let ((y [2])) (gc) (get y 5) 0)))",
};

// The census depends only on the program: every collector and stress
// schedule gives the same sequence (the other collections they run in
// between change nothing that (gc) then counts).
TEST(Census, SameUnderEveryCollectorAndSchedule) {
  for (const char* program : kPrograms) {
    vm::VmOptions base;
    const Outcome want = RunWith(program, base);
    ASSERT_TRUE(want.census.has_value()) << program;
    EXPECT_FALSE(want.census->empty()) << program;
    for (heap::GcMode mode : {heap::GcMode::kFull, heap::GcMode::kGen}) {
      for (uint32_t every : {0u, 1u, 2u, 3u, 7u, 16u, 64u}) {
        for (uint32_t full_every : {0u, 5u}) {
          vm::VmOptions o;
          o.gc.mode = mode;
          o.gc.stress_every = every;
          o.gc.stress_full_every = full_every;
          o.gc.verify = every == 3;
          Outcome got = RunWith(program, o);
          EXPECT_EQ(got.census, want.census)
              << program << "\nmode " << static_cast<int>(mode) << " every "
              << every << " full_every " << full_every;
          EXPECT_EQ(FormatOutcome(got), FormatOutcome(want)) << program;
        }
      }
    }
  }
}

// A register is a root until its frame returns, also when the program
// never reads it again: the temporary holding [1 2 3] counts.
TEST(Census, DeadTemporaryCountsUntilItsFrameReturns) {
  vm::VmOptions options;
  std::vector<std::string> c = CensusOf("(do (len [1 2 3]) (gc) 0)", options);
  ASSERT_EQ(c.size(), 1u);
  EXPECT_EQ(c[0].substr(0, 27), "census: str 0/0 vec 1/72 ma") << c[0];
  // After the call returns, its frame's vector is garbage.
  c = CensusOf("(defn f () (len [1 2 3])) (do (f) (gc) 0)", options);
  ASSERT_EQ(c.size(), 1u);
  EXPECT_EQ(c[0].substr(0, 26), "census: str 0/0 vec 0/0 ma") << c[0];
}

// ---- a lost root, caught by the census alone ----------------------------

// r1 of the top-level frame holds `a` (see the disassembly in the test);
// the engine's root scan skips it, as a VM that forgot a register would.
Outcome RunLosingRegister1(const Program& program, const RunLimits& limits) {
  vm::VmOptions options = *vm::EngineOptions("vm-verify");
  options.drop_root_for_testing = 1;
  return vm::RunVm(program, limits, options);
}

constexpr std::string_view kLostRootProgram =
    "(let ((a [1 2 3]) (n 5))\n"
    "  (gc)\n"
    "  (gc)\n"
    "  n)\n";

TEST(Census, ALostRootIsCaughtByTheCensusAlone) {
  // The program never reads `a` after the (gc) that frees it: every output
  // is the same, and the verifier (on in this engine) sees nothing, since
  // it checks the roots the VM reports.
  const Engine lossy{"vm-lost-root", &RunLosingRegister1};
  Outcome good = RunSource(*FindEngine("vm"), kLostRootProgram, RunLimits());
  Outcome bad = RunSource(lossy, kLostRootProgram, RunLimits());
  EXPECT_EQ(bad.status, Status::kOk) << bad.fault;
  EXPECT_EQ(FormatOutcome(bad), FormatOutcome(good));
  ASSERT_TRUE(good.census && bad.census);
  EXPECT_EQ((*good.census)[0].substr(0, 27), "census: str 0/0 vec 1/72 ma");
  EXPECT_EQ((*bad.census)[0].substr(0, 26), "census: str 0/0 vec 0/0 ma");

  DifferentialResult r = RunDifferential(
      kLostRootProgram, RunLimits(),
      {*FindEngine("interp"), *FindEngine("vm"), *FindEngine("vm-gen"), lossy});
  EXPECT_FALSE(r.ok());
  EXPECT_EQ(FailureSignature(r), "differ vm/vm-lost-root: census")
      << r.disagreement;
  EXPECT_NE(r.disagreement.find("census at (gc) #1"), std::string::npos)
      << r.disagreement;
  // Without the lost root the same engines agree.
  DifferentialResult fine = RunDifferential(
      kLostRootProgram, RunLimits(),
      {*FindEngine("interp"), *FindEngine("vm"), *FindEngine("vm-gen")});
  EXPECT_TRUE(fine.ok()) << fine.disagreement;
}

TEST(Census, EveryGcEngineIsListed) {
  for (const char* name : {"vm-gen", "vm-gen-stress"}) {
    ASSERT_NE(FindEngine(name), nullptr) << name;
  }
  auto gen = vm::EngineOptions("vm-gen");
  ASSERT_TRUE(gen);
  EXPECT_EQ(gen->gc.mode, heap::GcMode::kGen);
  EXPECT_EQ(gen->gc.stress_every, 16u);
  EXPECT_TRUE(gen->gc.verify);
  auto stress = vm::EngineOptions("vm-gen-stress");
  ASSERT_TRUE(stress);
  EXPECT_EQ(stress->gc.mode, heap::GcMode::kGen);
  EXPECT_EQ(stress->gc.stress_every, 1u);
  EXPECT_EQ(stress->gc.stress_full_every, 100u);
  EXPECT_EQ(vm::EngineOptions("vm")->gc.mode, vm::kDefaultGcMode);
  EXPECT_EQ(vm::EngineOptions("vm-stress")->gc.mode, heap::GcMode::kFull);
}

}  // namespace
}  // namespace tern
