#ifndef TERN_RUNTIME_VM_SUPERINSTRUCTIONS_H_
#define TERN_RUNTIME_VM_SUPERINSTRUCTIONS_H_

// The compiler's last pass: every pair of opcodes listed in
// TERN_SUPERINSTRUCTIONS (opcodes.h) becomes its superinstruction, the
// first of the pair rewritten in place (operands, positions and the second
// instruction unchanged).

#include "runtime/vm/chunk.h"

namespace tern::vm {

void FuseSuperinstructions(Chunk* chunk);

}  // namespace tern::vm

#endif  // TERN_RUNTIME_VM_SUPERINSTRUCTIONS_H_
