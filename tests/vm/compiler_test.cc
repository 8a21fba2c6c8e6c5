// The compiler emits the fast instructions issue 6 asks for, and every chunk
// it emits passes the verifier.

#include "runtime/vm/compiler.h"

#include <gtest/gtest.h>

#include <string>

#include "runtime/front/front_end.h"
#include "runtime/vm/verifier.h"

namespace tern::vm {
namespace {

Module CompileOk(std::string_view source) {
  CompileResult compiled = Compile(source);
  EXPECT_FALSE(compiled.error) << source;
  std::string why;
  std::optional<Module> module = CompileModule(*compiled.program, &why);
  EXPECT_TRUE(module) << why;
  EXPECT_EQ(VerifyModule(*module), "") << source;
  return std::move(*module);
}

int Count(const Chunk& chunk, Op op) {
  int n = 0;
  for (const Instr& in : chunk.code) n += in.op == op;
  return n;
}

TEST(CompilerTest, ChunksForDefnsTopLevelFormsAndLambdas) {
  Module m = CompileOk("(defn f (x) x) (f 1) (fn (y) y) (defn g () 2)");
  // Defns first (in source order), then the top-level forms, then lambdas.
  ASSERT_EQ(m.chunks.size(), 5u);
  EXPECT_EQ(m.chunks[0].name, "f");
  EXPECT_EQ(m.chunks[1].name, "g");
  EXPECT_EQ(m.toplevel_chunks, (std::vector<uint32_t>{2, 3}));
  EXPECT_EQ(m.chunks[4].kind, Chunk::Kind::kLambda);
  EXPECT_EQ(m.chunks[0].num_params, 1);
}

TEST(CompilerTest, RecursiveFibUsesDirectCallsImmediatesAndFusedBranches) {
  Module m = CompileOk(
      "(defn fib (n) (if (< n 2) n (+ (fib (- n 1)) (fib (- n 2))))) (fib 10)");
  const Chunk& fib = m.chunks[0];
  EXPECT_EQ(Count(fib, Op::kCallDefn), 2);
  EXPECT_EQ(Count(fib, Op::kCall), 0);
  EXPECT_EQ(Count(fib, Op::kBrNotLtI), 1);
  // Each argument `(- n k)` is fused with its call, the sum with its
  // return (superinstructions, opcodes.h); the second of each pair stays.
  EXPECT_EQ(Count(fib, Op::kSubI), 0);
  EXPECT_EQ(Count(fib, Op::kSubICallDefn), 2);
  EXPECT_EQ(Count(fib, Op::kAdd), 0);
  EXPECT_EQ(Count(fib, Op::kAddReturn), 1);
  EXPECT_EQ(Count(fib, Op::kLt), 0);  // fused into the branch
  // Each arm of the tail `if` returns on its own: no move, no jump.
  EXPECT_EQ(Count(fib, Op::kReturn), 2);
  EXPECT_EQ(Count(fib, Op::kMove), 0);
  EXPECT_EQ(Count(fib, Op::kJmp), 0);
  // The sum's first operand (a call) lands in the sum's own register: r0,
  // n, that register, and the second call's window (callee, argument).
  EXPECT_EQ(fib.num_regs, 5u);
}

TEST(CompilerTest, ArithmeticWithAnIntRightOperandUsesImmediates) {
  Module m = CompileOk(
      "(defn f (x) [(+ x 1) (- x 2) (* x 3) (% x 4) (% x 100000) (* x 5.0)])");
  const Chunk& f = m.chunks[0];
  EXPECT_EQ(Count(f, Op::kAddI), 1);
  EXPECT_EQ(Count(f, Op::kSubI), 1);
  EXPECT_EQ(Count(f, Op::kMulI), 1);
  EXPECT_EQ(Count(f, Op::kModI), 2);
  EXPECT_EQ(Count(f, Op::kMod), 0);
  EXPECT_EQ(Count(f, Op::kMul), 1);  // a float operand stays a register
}

TEST(CompilerTest, AnIfForItsEffectsStoresNoResult) {
  Module m = CompileOk(
      "(let ((mut s 0)) (for (i 0 9) (if (= (% i 3) 0) (set! s (+ s i)) "
      "(set! s (- s 1)))) s)");
  const Chunk& top = m.chunks[0];
  EXPECT_EQ(Count(top, Op::kLoadNull), 0);
  EXPECT_EQ(Count(top, Op::kBrNotEqI), 1);
  EXPECT_EQ(Count(top, Op::kModI), 1);
}

TEST(CompilerTest, ForLoopIsAPrepLoopPair) {
  Module m = CompileOk("(let ((mut s 0)) (for (i 0 10) (set! s (+ s i))) s)");
  const Chunk& top = m.chunks[0];
  EXPECT_EQ(Count(top, Op::kForPrep), 1);
  EXPECT_EQ(Count(top, Op::kForLoop), 1);
  EXPECT_EQ(Count(top, Op::kFuel), 0);  // the pair consumes the fuel
  // `(set! s (+ s i))` writes s (r1) directly: no copy through a temporary.
  for (const Instr& in : top.code) {
    if (in.op == Op::kMove) EXPECT_NE(in.a, 1);
  }
}

TEST(CompilerTest, WhileConsumesFuelOncePerIteration) {
  Module m = CompileOk("(let ((mut i 0)) (while (< i 3) (set! i (+ i 1))) i)");
  const Chunk& top = m.chunks[0];
  EXPECT_EQ(Count(top, Op::kFuel), 1);
  EXPECT_EQ(Count(top, Op::kBrNotLtI), 1);
}

TEST(CompilerTest, ClosureCallsAndCaptures) {
  Module m = CompileOk("(let ((k 5) (f (fn (x) (+ x k)))) (f 1))");
  ASSERT_EQ(m.chunks.size(), 2u);
  EXPECT_EQ(Count(m.chunks[0], Op::kClosure), 1);
  EXPECT_EQ(Count(m.chunks[0], Op::kCall), 1);
  ASSERT_EQ(m.chunks[1].captures.size(), 1u);
  EXPECT_EQ(m.chunks[1].captures[0].name, "k");
  EXPECT_TRUE(m.chunks[1].captures[0].from_register);
  EXPECT_EQ(Count(m.chunks[1], Op::kGetCap), 1);
}

TEST(CompilerTest, LargeIntsAndFloatsAndStringsAreConstants) {
  Module m = CompileOk("[9000000000 1.5 \"s\" \"s\" 7]");
  const Chunk& top = m.chunks[0];
  // One constant per distinct value; 7 is an immediate.
  EXPECT_EQ(top.constants.size(), 3u);
  EXPECT_EQ(Count(top, Op::kLoadK), 4);
  EXPECT_EQ(Count(top, Op::kLoadI), 1);
}

TEST(CompilerTest, EvaluationOrderSurvivesRegisterOperands) {
  // x is read before the second operand assigns it: the operand must be a
  // copy, not x's register.
  Module m = CompileOk("(let ((mut x 1)) (+ x (do (set! x 10) x)))");
  EXPECT_GE(Count(m.chunks[0], Op::kMove), 1);
}

TEST(CompilerTest, PositionTableCoversEveryInstruction) {
  Module m = CompileOk("(defn f (v) (get v 3))\n(f [1 2])");
  for (const Chunk& c : m.chunks) {
    ASSERT_EQ(c.pos_table.size(), c.code.size());
  }
  const Chunk& f = m.chunks[0];
  for (size_t pc = 0; pc < f.code.size(); ++pc) {
    if (f.code[pc].op == Op::kGet) {
      EXPECT_EQ(f.pos_table[pc], (Pos{1, 13}));
    }
  }
}

}  // namespace
}  // namespace tern::vm
