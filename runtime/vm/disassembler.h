#ifndef TERN_RUNTIME_VM_DISASSEMBLER_H_
#define TERN_RUNTIME_VM_DISASSEMBLER_H_

// `tern disasm`: every chunk of a module as text — its header, constants and
// captures, then one line per instruction: pc, opcode, operands (named by
// their format in opcodes.h) and source position.

#include <string>

#include "runtime/vm/chunk.h"

namespace tern::vm {

std::string Disassemble(const Module& module);
std::string DisassembleChunk(const Module& module, uint32_t index);

}  // namespace tern::vm

#endif  // TERN_RUNTIME_VM_DISASSEMBLER_H_
