// A VerifiedModule carries the verifier's verdict, made once: running it
// is running the module (RunModule), and a module the verifier rejected
// never runs, whichever engine's options run it.

#include <gtest/gtest.h>

#include <optional>
#include <string>

#include "runtime/front/front_end.h"
#include "runtime/vm/compiler.h"
#include "runtime/vm/vm.h"

namespace tern::vm {
namespace {

constexpr const char* kEngines[] = {"vm", "vm-stress", "vm-verify", "vm-gen",
                                    "vm-gen-stress"};

Module CompileOk(std::string_view source) {
  CompileResult compiled = Compile(source);
  EXPECT_FALSE(compiled.error) << source;
  std::string why;
  std::optional<Module> module = CompileModule(*compiled.program, &why);
  EXPECT_TRUE(module) << why;
  return std::move(*module);
}

TEST(VerifiedModuleTest, RunningItIsRunningTheModule) {
  const Module m = CompileOk(
      "(defn f (n) (if (< n 2) n (+ (f (- n 1)) (f (- n 2)))))\n"
      "(print (f 10) \"a string longer than 15\")\n"
      "(let ((mut v [])) (for (i 0 40) (push! v (str i))) (gc) (len v))");
  const VerifiedModule verified{Module(m)};
  EXPECT_EQ(verified.problem(), "");
  for (const char* engine : kEngines) {
    const VmOptions options = *EngineOptions(engine);
    RunLimits limits;
    limits.fuel = 10'000;
    const Outcome once = RunVerified(verified, limits, options);
    const Outcome again = RunVerified(verified, limits, options);
    const Outcome own = RunModule(m, limits, options);
    EXPECT_EQ(once.status, Status::kOk) << engine << ": " << once.fault;
    EXPECT_EQ(once, own) << engine;
    EXPECT_EQ(once.census, own.census) << engine;
    EXPECT_EQ(again, once) << engine;
  }
}

TEST(VerifiedModuleTest, ARejectedModuleNeverRuns) {
  Module m = CompileOk("(print \"ran\") (+ 1 2)");
  ASSERT_FALSE(m.toplevel_chunks.empty());
  Chunk& first = m.chunks[m.toplevel_chunks.front()];
  ASSERT_FALSE(first.code.empty());
  first.code.back().op = static_cast<Op>(0xff);  // no such opcode
  const VerifiedModule verified{Module(m)};
  EXPECT_NE(verified.problem(), "");
  for (const char* engine : kEngines) {
    const Outcome o = RunVerified(verified, RunLimits(), *EngineOptions(engine));
    EXPECT_EQ(o.status, Status::kInternalFault) << engine;
    EXPECT_EQ(o.fault, "bytecode verifier: " + verified.problem()) << engine;
    EXPECT_EQ(o.out, "") << engine;  // not even the first form ran
    EXPECT_EQ(o, RunModule(m, RunLimits(), *EngineOptions(engine))) << engine;
  }
}

}  // namespace
}  // namespace tern::vm
