#ifndef TERN_RUNTIME_VM_NULL_BOUNDS_H_
#define TERN_RUNTIME_VM_NULL_BOUNDS_H_

// The null-bound analysis: for every instruction of a chunk, a register
// bound z such that every register R[z..] of the frame is null when the
// instruction starts. Calls and returns clear only R[..z) (their `Z`
// operand, opcodes.h), not the whole frame: a register the code has not
// written since the frame began (or since a call above it returned) is
// null already, and clearing it again changes nothing the collector sees.
//
// It is a forward data-flow over the code, sound for verified code given
// the frame invariant of docs/vm.md (a frame's registers beyond its
// arguments start null; after a call at window a, every register from
// a+1 up is null again):
//   entry: z = 1 + num_params (the callee and the arguments);
//   a call at window a: z = a + 1 (its result);
//   any other instruction: z = max(z, every register its operands name
//     + 1), whether read or written (reading proves nothing, so this only
//     over-approximates);
//   a join: the maximum.
// The compiler writes the bounds into the instructions; the verifier
// recomputes them and rejects an instruction whose Z operand is smaller.

#include <cstdint>
#include <vector>

#include "runtime/vm/chunk.h"

namespace tern::vm {

// z before each instruction (code.size() entries); unreachable
// instructions get 1 + num_params. The chunk's register fields must be
// in range (the verifier checks them first).
std::vector<uint32_t> NullBounds(const Chunk& chunk);
// The same into *bounds, with *work as the work list: callers analysing many
// chunks reuse both buffers (no allocation per chunk).
void NullBounds(const Chunk& chunk, std::vector<uint32_t>* bounds,
                std::vector<uint32_t>* work);

// Sets the Z operand of every Call, CallDefn and Return from NullBounds
// (optionally with the caller's buffers, as above).
void FillNullBounds(Chunk* chunk);
void FillNullBounds(Chunk* chunk, std::vector<uint32_t>* bounds,
                    std::vector<uint32_t>* work);

}  // namespace tern::vm

#endif  // TERN_RUNTIME_VM_NULL_BOUNDS_H_
