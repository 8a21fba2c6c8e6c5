// The bytecode verifier rejects corrupted chunks, naming the function and
// the pc, and the VM reports a rejected module as an internal fault instead
// of running it.

#include "runtime/vm/verifier.h"

#include <gtest/gtest.h>

#include <string>

#include "runtime/front/front_end.h"
#include "runtime/vm/compiler.h"
#include "runtime/vm/vm.h"

namespace tern::vm {
namespace {

constexpr std::string_view kSource =
    "(defn add3 (a b c) (+ a (+ b c)))\n"
    "(let ((k \"a string longer than 15\")) (for (i 0 3) (add3 i 1 2)) k)";

Module CompileOk() {
  CompileResult compiled = Compile(kSource);
  EXPECT_FALSE(compiled.error);
  std::string why;
  std::optional<Module> module = CompileModule(*compiled.program, &why);
  EXPECT_TRUE(module) << why;
  return std::move(*module);
}

size_t FindOp(const Chunk& chunk, Op op) {
  for (size_t pc = 0; pc < chunk.code.size(); ++pc) {
    if (chunk.code[pc].op == op) return pc;
  }
  ADD_FAILURE() << "no " << GetOpInfo(op).name;
  return 0;
}

// Turns every superinstruction of `chunk` back into its first opcode, so
// that a test can corrupt the second of a pair alone.
void Unfuse(Chunk& chunk) {
  for (Instr& in : chunk.code) {
    if (const Superinstruction* s = FindSuperinstruction(in.op)) {
      in.op = s->first;
    }
  }
}

TEST(VerifierTest, CompiledCodePasses) {
  Module m = CompileOk();
  EXPECT_EQ(VerifyModule(m), "");
  Outcome o = RunModule(m, RunLimits(), VmOptions());
  EXPECT_EQ(o.status, Status::kOk) << o.fault;
  EXPECT_EQ(o.value, "\"a string longer than 15\"");
}

TEST(VerifierTest, RegisterOutOfTheFrame) {
  Module m = CompileOk();
  Chunk& add3 = m.chunks[0];
  size_t pc = FindOp(add3, Op::kAdd);
  add3.code[pc].b = static_cast<uint16_t>(add3.num_regs);
  std::string problem = VerifyModule(m);
  EXPECT_NE(problem.find("defn add3, pc " + std::to_string(pc)),
            std::string::npos)
      << problem;
  EXPECT_NE(problem.find("outside the frame"), std::string::npos) << problem;

  // The VM refuses to run it: an internal fault, not memory corruption.
  Outcome o = RunModule(m, RunLimits(), VmOptions());
  EXPECT_EQ(o.status, Status::kInternalFault);
  EXPECT_NE(o.fault.find("defn add3, pc"), std::string::npos) << o.fault;
  EXPECT_EQ(o.out, "");
}

TEST(VerifierTest, JumpOutsideTheChunk) {
  Module m = CompileOk();
  Chunk& top = m.chunks[1];
  size_t pc = FindOp(top, Op::kForLoop);
  top.code[pc].d = static_cast<int32_t>(top.code.size());
  EXPECT_NE(VerifyModule(m).find("jump target"), std::string::npos);
  top.code[pc].d = -1;
  EXPECT_NE(VerifyModule(m).find("top-level expression at 2:1, pc " +
                                 std::to_string(pc)),
            std::string::npos)
      << VerifyModule(m);
}

TEST(VerifierTest, ConstantIndexOutOfRange) {
  Module m = CompileOk();
  Chunk& top = m.chunks[1];
  top.code[FindOp(top, Op::kLoadK)].b = 7;
  EXPECT_NE(VerifyModule(m).find("constant index"), std::string::npos);
}

TEST(VerifierTest, DirectCallWithWrongArgumentCount) {
  Module m = CompileOk();
  Chunk& top = m.chunks[1];
  top.code[FindOp(top, Op::kCallDefn)].b = 2;
  EXPECT_NE(VerifyModule(m).find("direct call with 2 arguments"),
            std::string::npos)
      << VerifyModule(m);
}

TEST(VerifierTest, CallWindowPastTheFrame) {
  Module m = CompileOk();
  Chunk& top = m.chunks[1];
  Instr& call = top.code[FindOp(top, Op::kCallDefn)];
  call.a = static_cast<uint16_t>(top.num_regs - 2);  // window of 4 > 2 left
  EXPECT_NE(VerifyModule(m).find("register window"), std::string::npos);
}

TEST(VerifierTest, CodeThatRunsPastItsEnd) {
  Module m = CompileOk();
  Chunk& add3 = m.chunks[0];
  Unfuse(add3);
  add3.code.pop_back();
  add3.pos_table.pop_back();
  EXPECT_NE(VerifyModule(m).find("no return"), std::string::npos)
      << VerifyModule(m);
}

TEST(VerifierTest, UnusedFieldsMustBeZeroAndOpcodesKnown) {
  Module m = CompileOk();
  Chunk& add3 = m.chunks[0];
  Unfuse(add3);
  EXPECT_EQ(VerifyModule(m), "");  // the unfused pair is valid code too
  Instr& ret = add3.code.back();
  ret.d = 1;
  EXPECT_NE(VerifyModule(m).find("unused field d"), std::string::npos);
  ret.d = 0;
  ret.op = static_cast<Op>(kOpCount);
  EXPECT_NE(VerifyModule(m).find("unknown opcode"), std::string::npos);
}

TEST(VerifierTest, SuperinstructionNeedsItsSecondOpcodeAtTheNextPc) {
  Module m = CompileOk();
  Chunk& add3 = m.chunks[0];
  // (+ a (+ b c)) in tail position: the outer sum is fused with the return.
  const size_t pc = FindOp(add3, Op::kAddReturn);
  ASSERT_EQ(add3.code[pc + 1].op, Op::kReturn);
  add3.code[pc + 1].op = Op::kJmp;
  add3.code[pc + 1].a = 0;
  add3.code[pc + 1].b = 0;
  add3.code[pc + 1].d = 0;
  EXPECT_EQ(VerifyModule(m),
            "defn add3, pc " + std::to_string(pc) +
                " (AddReturn): superinstruction not followed by Return");
  // Nor can one be the last instruction.
  add3.code.resize(pc + 1);
  add3.pos_table.resize(pc + 1);
  EXPECT_NE(VerifyModule(m).find("superinstruction not followed by Return"),
            std::string::npos);
}

TEST(VerifierTest, BuiltinArity) {
  Module m = CompileOk();
  Chunk& top = m.chunks[1];
  // The module has no kBuiltin: make one, `len` with two arguments.
  Instr& in = top.code[FindOp(top, Op::kLoadK)];
  in = Instr{Op::kBuiltin, 1, 1, 2, static_cast<int32_t>(Builtin::kLen)};
  EXPECT_NE(VerifyModule(m).find("builtin len given 2 arguments"),
            std::string::npos)
      << VerifyModule(m);
}

}  // namespace
}  // namespace tern::vm
