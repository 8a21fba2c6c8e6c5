#ifndef TERN_RUNTIME_VM_DISPATCH_H_
#define TERN_RUNTIME_VM_DISPATCH_H_

// The dispatch loop: one handler per opcode of opcodes.h, inline fast
// paths, everything else through slow_paths.h.

#include <cstdint>

#include "runtime/vm/vm_state.h"

namespace tern::vm {

// Where a run stopped with an error.
struct ErrorSite {
  uint32_t chunk = 0;
  uint32_t pc = 0;
};

// Runs top-level chunk `entry` (depth 0, a fresh register window at 0) to
// its return. Returns false on a language error or fault, recorded in
// vm->pending, with the failing instruction in *site. The module must have
// passed the verifier.
bool Execute(VmState* vm, uint32_t entry, Value* result, ErrorSite* site);

}  // namespace tern::vm

#endif  // TERN_RUNTIME_VM_DISPATCH_H_
