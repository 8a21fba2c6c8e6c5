#ifndef TERN_RUNTIME_INTERP_INTERPRETER_H_
#define TERN_RUNTIME_INTERP_INTERPRETER_H_

// The reference tier: walks the resolved tree. Host-managed memory
// (reference counting, runtime/interp/region.h), no GC.

#include <cstdint>

#include "runtime/ast.h"
#include "runtime/limits.h"
#include "runtime/outcome.h"

namespace tern {

// Runs a program that Compile accepted. Never throws; a broken invariant is
// an Outcome with Status::kInternalFault.
Outcome Interpret(const Program& program, const RunLimits& limits);

namespace interp {
struct MemoryStats;
}
// The same; *stats receives the run's object counts, taken when the run has
// freed everything it allocated (runtime/interp/region.h). For tests.
Outcome Interpret(const Program& program, const RunLimits& limits,
                  interp::MemoryStats* stats);

}  // namespace tern

#endif  // TERN_RUNTIME_INTERP_INTERPRETER_H_
