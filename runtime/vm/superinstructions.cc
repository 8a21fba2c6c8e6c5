#include "runtime/vm/superinstructions.h"

#include "runtime/vm/opcodes.h"

namespace tern::vm {

void FuseSuperinstructions(Chunk* chunk) {
  std::vector<Instr>& code = chunk->code;
  // The second of a pair is skipped: it must stay what it is (the
  // verifier checks that pc+1 holds it), so it never starts a pair.
  for (size_t pc = 0; pc + 1 < code.size(); ++pc) {
#define TERN_X(fused, first, second)                                  \
    if (code[pc].op == Op::first && code[pc + 1].op == Op::second) {  \
      code[pc++].op = Op::fused;                                      \
      continue;                                                       \
    }
    TERN_SUPERINSTRUCTIONS(TERN_X)
#undef TERN_X
  }
}

}  // namespace tern::vm
