#ifndef TERN_RUNTIME_VM_SLOW_PATHS_H_
#define TERN_RUNTIME_VM_SLOW_PATHS_H_

// The VM's slow paths: everything an instruction does beyond its inline
// fast path (allocation, map access, display, stores under the arena rule,
// arithmetic on floats and strings, every error). Plain functions taking
// pointers and integers only, so that both the dispatch loop and the JIT's
// machine code can call them with the C calling convention.
//
// Convention: a slow path returns true on success. On a language error (or
// an internal fault) it records it in vm->pending and returns false; the
// caller stops the run at the current instruction, whose position is the
// error's. `args` and `dst` point into the register file (rooted); dst may
// alias an argument, and is written only after every argument is read.
// Host exceptions (std::bad_alloc, heap::HeapFault) propagate.

#include <cstdint>
#include <string_view>

#include "runtime/vm/vm_state.h"

namespace tern::vm {

// A new string in the current region. Inline (ShortStr, no allocation)
// only in the GC heap: a string made inside an arena is an arena object
// whatever its length, since strings have regions (docs/language.md §10)
// and the store rule must see them.
Value NewString(VmState* vm, std::string_view bytes);
// NewString of the concatenation of strings[0..count) (each a string value,
// their total length at most kMaxSequenceLength), written straight into
// the new string: one allocation and one copy, however long. The values
// must be rooted (e.g. registers): the allocation may collect.
Value NewStringJoined(VmState* vm, const Value* strings, uint32_t count);

// One step of + - * / % (builtin is one of those), for any operand types.
bool SlowArith(VmState* vm, uint32_t builtin, Value* dst, const Value* x,
               const Value* y);
// < <= > >= for any operand types; the answer in *result.
bool SlowCompare(VmState* vm, uint32_t builtin, const Value* x,
                 const Value* y, bool* result);
// `=` (never fails).
bool ValuesEqual(const Value* x, const Value* y);
// Builtin `builtin` applied to args[0..argc).
bool CallBuiltin(VmState* vm, uint32_t builtin, Value* dst, const Value* args,
                 uint32_t argc);
// A new closure of chunk `chunk`, its captures copied from the creating
// frame's registers `frame` (frame[0] is the creating closure, if any).
bool MakeClosure(VmState* vm, uint32_t chunk, Value* dst, const Value* frame);
// `set!` of capture `index` of the closure in frame[0] (the store rule).
bool SetCapture(VmState* vm, uint32_t index, const Value* frame,
                const Value* v);
// The errors of a call instruction, for the dispatch loop.
bool FailNotCallable(VmState* vm, const Value* callee);
bool FailArity(VmState* vm, uint32_t chunk, uint32_t argc);
bool FailOutOfFuel(VmState* vm);
bool FailStackOverflow(VmState* vm);
bool FailForBound(VmState* vm, const Value* from, const Value* to);
// Ends the innermost arena: checks that the block's value is not one of its
// objects, clears the frame's registers that refer to it (they are dead),
// then releases it.
bool ExitArena(VmState* vm, const Value* result, Value* frame,
               uint32_t num_regs);

}  // namespace tern::vm

#endif  // TERN_RUNTIME_VM_SLOW_PATHS_H_
