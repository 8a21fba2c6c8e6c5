#ifndef TERN_RUNTIME_VM_VM_STATE_H_
#define TERN_RUNTIME_VM_VM_STATE_H_

// The state of one VM run, shared by the dispatch loop and the slow paths
// (and later by JIT code, which keeps the same layout).
//
// Frame layout (docs/vm.md): the register file `regs` is one flat array of
// heap::Value. A frame is the window regs[base .. base + chunk.num_regs):
//   R[0]                  the callee (a closure or defn value; null for a
//                         top-level expression), so a running closure is
//                         always rooted
//   R[1 .. num_params]    the arguments
//   R[num_params+1 ..]    the Function's other slots, then temporaries
// A call of R[a] places the callee's frame at base + a: the arguments are
// already where the callee expects them, and the callee returns its value
// in its R[0], which is the caller's R[a]. On return every register of the
// callee but R[0] is set to null, so no register above the running frame's
// window is ever non-null; on entry, the caller's dead registers above the
// call window are (the callee's window may cover them), so every register
// of the callee beyond its arguments starts null.
// The file is reserved for the worst case (RegisterFile, BindChunks): the
// call depth limit plus one frames of the module's largest frame, plus
// kClearSlack, so a call never checks for room and frames never move while
// a run executes (a callee's window starts inside its caller's).
// The collector scans regs[0 .. top), top being the end of the running
// frame's window: exactly the live frames. The dispatch loop stores top
// before anything that can collect (every slow path), not at every call
// and return; machine code calling a slow path must do the same.

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "runtime/ast.h"
#include "runtime/error.h"
#include "runtime/heap/heap.h"
#include "runtime/output_sink.h"
#include "runtime/vm/chunk.h"
#include "runtime/vm/register_file.h"

namespace tern::vm {

using heap::Value;

// Registers beyond the running frame's top that always exist (and are
// null), so that a return may clear R[1 .. kClearSlack] with no loop.
inline constexpr size_t kClearSlack = 4;

// What a call or return needs of a chunk, one load away (the dispatch loop
// and JIT code index this table by chunk, not the Module's vectors).
struct ChunkCode {
  const Instr* code;
  const Value* constants;  // the chunk's materialised pool
  uint32_t num_regs;
  uint32_t num_params;
};

// A suspended caller: where to resume, its frame and its chunk. A return
// restores the three with no further look-up.
struct CallFrame {
  const Instr* return_ip;  // the instruction after its call
  Value* base;             // its frame, inside VmState::regs
  const ChunkCode* chunk;  // its chunk's entry of VmState::chunk_code
};

// Why a slow path stopped the run (it returned false).
struct Pending {
  bool is_fault = false;  // an internal fault rather than a language error
  ErrorKind kind = ErrorKind::kType;
  std::string message;
};

struct VmState final : heap::RootSource {
  VmState(const Module& m, const heap::GcConfig& gc, OutputSink* out,
          uint64_t fuel);
  ~VmState() override;
  VmState(const VmState&) = delete;
  VmState& operator=(const VmState&) = delete;

  void TraceRoots(heap::RootVisitor& v) override;
  std::string_view root_name() const override { return "vm registers"; }

  // Records a language error for the running instruction; returns false so
  // that a slow path can `return vm->Fail(...)`.
  bool Fail(ErrorKind kind, std::string message);
  bool Fault(std::string message);

  // `(gc)`: a full collection and its census, appended to the run's
  // census log (Outcome::census); inside no-gc only a deferred collection
  // and no census (none can be taken there).
  void CollectAndCensus();
  // The census log as Outcome::census lines.
  std::vector<std::string> CensusLines() const;
  // Fills chunk_code for the chunks from `from` on (those before keep
  // theirs), after their constant pools are materialised, and defn_code,
  // and reserves the register file for the largest frame.
  void BindChunks(size_t from = 0);

  const Module& module;
  heap::Heap heap;
  OutputSink* out;
  uint64_t fuel;
  RegisterFile regs;
  size_t top = 0;                  // regs[0, top) are roots
  // The suspended callers, frames[0 .. depth): a fixed array of
  // kMaxCallDepth, so that a call is a store and a bounds compare (no
  // growth). The dispatch loop keeps the depth in a local while it runs.
  std::unique_ptr<CallFrame[]> frames;
  // Per chunk, materialised; a top-level chunk's pool is dropped (and so no
  // longer a root) once the chunk has run (vm.cc).
  std::vector<std::vector<Value>> constants;
  std::vector<ChunkCode> chunk_code;          // per chunk, see BindChunks
  std::vector<const ChunkCode*> defn_code;    // per defn: its chunk's entry
  Value result;                    // the last top-level value (a root)
  uint32_t arena_depth = 0;        // with-arena blocks entered, not exited
  uint32_t no_gc_depth = 0;
  Pending pending;
  // Census lines, at most kMaxCensusLines; the later ones are counted and
  // folded into census_digest (FNV-1a over their text).
  std::vector<std::string> census;
  uint64_t census_more = 0;
  uint64_t census_digest = 14695981039346656037u;
  // Test-only (VmOptions::drop_root_for_testing): TraceRoots skips this
  // absolute register index, a planted lost root for the census tests.
  size_t dropped_register = SIZE_MAX;
};

}  // namespace tern::vm

#endif  // TERN_RUNTIME_VM_VM_STATE_H_
