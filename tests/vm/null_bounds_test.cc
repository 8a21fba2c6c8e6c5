// The null-bound analysis (runtime/vm/null_bounds.h): the bounds the
// compiler writes into calls and returns, the verifier's check of them,
// and that runs clearing only below them keep every outcome and census.

#include "runtime/vm/null_bounds.h"

#include <gtest/gtest.h>

#include <string>
#include <string_view>

#include "runtime/front/front_end.h"
#include "runtime/vm/compiler.h"
#include "runtime/vm/verifier.h"
#include "runtime/vm/vm.h"

namespace tern::vm {
namespace {

Module CompileOk(std::string_view source) {
  CompileResult compiled = Compile(source);
  EXPECT_FALSE(compiled.error);
  std::string why;
  std::optional<Module> module = CompileModule(*compiled.program, &why);
  EXPECT_TRUE(module) << why;
  return std::move(*module);
}

constexpr std::string_view kFib =
    "(defn fib (n) (if (< n 2) n (+ (fib (- n 1)) (fib (- n 2)))))\n"
    "(fib 10)";

// fib's chunk (docs/vm.md):
//   0 BrNotLtI r1 2 ->2   1 Return r1        2 SubI r3 r1 1
//   3 CallDefn r2 n1      4 SubI r4 r1 2     5 CallDefn r3 n1
//   6 Add r2 r2 r3        7 Return r2
TEST(NullBounds, FibClearsOnlyWhatItWrote) {
  Module m = CompileOk(kFib);
  const Chunk& fib = m.chunks[m.defn_chunks[0]];
  ASSERT_EQ(fib.code.size(), 8u);
  std::vector<uint32_t> z = NullBounds(fib);
  // Entry: the callee and the argument.
  EXPECT_EQ(z[0], 2u);
  // The base case returns having written nothing: only R[1] to clear.
  EXPECT_EQ(fib.code[1].op, Op::kReturn);
  EXPECT_EQ(fib.code[1].b, 2u);
  // Each call's window tops the written registers: nothing to clear at
  // entry beyond the argument.
  EXPECT_EQ(fib.code[3].op, Op::kCallDefn);
  EXPECT_EQ(fib.code[3].c, 4u);  // R[3] (its argument) + 1
  EXPECT_EQ(fib.code[5].c, 5u);
  // After the second call returns, R[4..] are null again.
  EXPECT_EQ(z[6], 4u);
  EXPECT_EQ(fib.code[7].b, 4u);
  EXPECT_LT(fib.code[7].b, fib.num_regs);
}

TEST(NullBounds, LoopsJoinToTheMaximum) {
  // The loop body's temporaries reach the loop head through the back
  // edge: the bound there covers them.
  Module m = CompileOk(
      "(defn f (n) (let ((mut s 0)) (for (i 0 n) (set! s (+ s (* i 2))))"
      " (g s)))\n(defn g (x) x)\n(f 3)");
  const Chunk& f = m.chunks[m.defn_chunks[0]];
  std::vector<uint32_t> z = NullBounds(f);
  size_t loop = 0;
  for (size_t pc = 0; pc < f.code.size(); ++pc) {
    if (f.code[pc].op == Op::kForLoop) loop = pc;
  }
  ASSERT_GT(loop, 0u);
  const size_t head = static_cast<size_t>(f.code[loop].d);
  EXPECT_GE(z[head], z[loop]);
  EXPECT_EQ(VerifyModule(m), "");
}

TEST(NullBounds, VerifierRejectsABoundTooLow) {
  Module m = CompileOk(kFib);
  Chunk& fib = m.chunks[m.defn_chunks[0]];
  fib.code[7].b = 3;  // would leave R[3], the second call's result
  std::string problem = VerifyModule(m);
  EXPECT_NE(problem.find("defn fib, pc 7 (Return): null bound 3 below 4"),
            std::string::npos)
      << problem;
  Outcome o = RunModule(m, RunLimits(), VmOptions());
  EXPECT_EQ(o.status, Status::kInternalFault);

  Module m2 = CompileOk(kFib);
  Chunk& fib2 = m2.chunks[m2.defn_chunks[0]];
  fib2.code[3].c = 3;
  EXPECT_NE(VerifyModule(m2).find("pc 3 (CallDefn): null bound 3 below 4"),
            std::string::npos)
      << VerifyModule(m2);
  fib2.code[3].c = static_cast<uint16_t>(fib2.num_regs + 1);
  EXPECT_NE(VerifyModule(m2).find("beyond the frame"), std::string::npos)
      << VerifyModule(m2);
}

TEST(NullBounds, HigherBoundsAreSoundAndAccepted) {
  // Clearing more than needed is allowed (a bound of the frame size is
  // what the VM did before the analysis).
  Module m = CompileOk(kFib);
  Chunk& fib = m.chunks[m.defn_chunks[0]];
  fib.code[1].b = static_cast<uint16_t>(fib.num_regs);
  fib.code[3].c = static_cast<uint16_t>(fib.num_regs);
  EXPECT_EQ(VerifyModule(m), "");
  Outcome o = RunModule(m, RunLimits(), VmOptions());
  EXPECT_EQ(o.status, Status::kOk) << o.fault;
  EXPECT_EQ(o.value, "55");
}

// Dead temporaries above a call window (left by an earlier nested call)
// are cleared at the call, up to the bound, and the census at (gc) inside
// the callee sees none of them.
TEST(NullBounds, DeadTemporariesAboveAWindowAreCleared) {
  Module m = CompileOk(
      "(defn h (x) (do (gc) x))\n"
      "(defn k (a b) a)\n"
      "(defn f () (k (+ 1 (len [1 2 3 (len [4 5])])) (h 7)))\n"
      "(f)");
  EXPECT_EQ(VerifyModule(m), "");
  Outcome o = RunModule(m, RunLimits(), VmOptions());
  ASSERT_EQ(o.status, Status::kOk) << o.fault;
  EXPECT_EQ(o.value, "5");
  ASSERT_TRUE(o.census.has_value());
  ASSERT_EQ(o.census->size(), 1u);
  // The vectors were temporaries of f; every one is dead by the (gc) in h.
  EXPECT_EQ((*o.census)[0].substr(0, 26), "census: str 0/0 vec 0/0 ma")
      << (*o.census)[0];
}

}  // namespace
}  // namespace tern::vm
