#ifndef TERN_RUNTIME_VM_VERIFIER_H_
#define TERN_RUNTIME_VM_VERIFIER_H_

// The bytecode verifier, run on every chunk before the VM executes it.
// Checked against the operand formats of opcodes.h: register windows and
// constant, capture, chunk, defn and builtin indices in range, jump targets
// inside the chunk, argument counts consistent with their callee, and every
// path ending in a return. A chunk that passes cannot make the dispatch loop
// read or write outside its frame, pool or tables.

#include <string>

#include "runtime/vm/chunk.h"

namespace tern::vm {

// Empty when chunk `index` of `module` is well formed; else the first
// problem, naming the function and the pc.
std::string VerifyChunk(const Module& module, uint32_t index);

// Every chunk, and the module's tables; empty when all are well formed.
std::string VerifyModule(const Module& module);

// A top-level chunk compiled on its own, when the run reaches it: chunk
// `entry` (a top-level expression) and every chunk after it (its lambdas);
// empty when all are well formed.
std::string VerifyTopLevel(const Module& module, uint32_t entry);

// "defn fib", "lambda at 3:5", "top-level expression at 7:1".
std::string DescribeChunk(const Chunk& chunk);

}  // namespace tern::vm

#endif  // TERN_RUNTIME_VM_VERIFIER_H_
