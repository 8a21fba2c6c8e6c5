#ifndef TERN_RUNTIME_VM_VM_H_
#define TERN_RUNTIME_VM_VM_H_

// The bytecode VM tier: compiles a resolved Program (compiler.h), verifies
// every chunk (verifier.h), and runs it on the GC heap (runtime/heap/).

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "runtime/ast.h"
#include "runtime/heap/heap.h"
#include "runtime/limits.h"
#include "runtime/outcome.h"
#include "runtime/vm/chunk.h"

namespace tern::vm {

// The collector of `tern run` and of the `vm` engine when no --gc= flag
// picks one (docs/vm.md says why this one; one line to change).
inline constexpr heap::GcMode kDefaultGcMode = heap::GcMode::kGen;

struct VmOptions {
  heap::GcConfig gc;
  // When set, receives the heap's statistics (heap::Heap::FormatStats) at
  // the end of the run: `--gc-stats`, printed on stderr by `tern run`.
  std::string* stats = nullptr;
  // Test-only: the register (absolute index in the register file) that the
  // VM's root scan skips: a planted lost root, which the census shows at
  // the next `(gc)`. SIZE_MAX (never a register) in every real engine.
  size_t drop_root_for_testing = SIZE_MAX;
};

// Compiles the defns, checks that every top-level expression compiles,
// then compiles, verifies and runs each top-level expression in turn,
// dropping its chunks once it has run (memory follows the largest form,
// not the program's length).
Outcome RunVm(const Program& program, const RunLimits& limits,
              const VmOptions& options);

// Runs an already compiled module; the verifier checks every chunk first
// (a rejected chunk is an internal fault naming the function and the pc).
Outcome RunModule(const Module& module, const RunLimits& limits,
                  const VmOptions& options);

// A compiled module and the verifier's verdict on it, made together once:
// the module cannot change afterwards, so the verdict holds for every run
// of it (the fuzz targets run one module on each VM engine).
class VerifiedModule {
 public:
  explicit VerifiedModule(Module module);
  const Module& module() const { return module_; }
  // Empty when every chunk and table is well formed; else the first
  // problem (VerifyModule).
  const std::string& problem() const { return problem_; }

 private:
  const Module module_;
  const std::string problem_;
};

// RunModule without verifying again: a module the verifier rejected is the
// same internal fault, and none of its chunks runs.
Outcome RunVerified(const VerifiedModule& module, const RunLimits& limits,
                    const VmOptions& options);

// The options of a VM engine by name ("vm", "vm-stress", "vm-verify",
// "vm-gen", "vm-gen-stress"); nullopt for any other name.
std::optional<VmOptions> EngineOptions(std::string_view engine);

// The engines of oracles/engine.cc.
Outcome RunVmDefault(const Program& program, const RunLimits& limits);
// Collection at every allocation.
Outcome RunVmStress(const Program& program, const RunLimits& limits);
// The heap verifier at every collection and arena exit, collections every
// 64 allocations.
Outcome RunVmVerify(const Program& program, const RunLimits& limits);
// Generational: a minor collection every 16 allocations, verifier on.
Outcome RunVmGen(const Program& program, const RunLimits& limits);
// Generational: a minor collection at every allocation, a full one at
// every 100th.
Outcome RunVmGenStress(const Program& program, const RunLimits& limits);

}  // namespace tern::vm

#endif  // TERN_RUNTIME_VM_VM_H_
