#ifndef TERN_ORACLES_ENGINE_H_
#define TERN_ORACLES_ENGINE_H_

// An engine is one way of running a program: a tier plus a mode (later: VM
// with GC stress, VM with heap verification, JIT eager, JIT tiered...).
// Oracles run one program through every engine and compare the outcomes.

#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "runtime/ast.h"
#include "runtime/limits.h"
#include "runtime/outcome.h"

namespace tern {

struct Engine {
  std::string name;  // e.g. "interp"; what `--tier=` names
  Outcome (*run)(const Program& program, const RunLimits& limits);
};

// Every engine this build has, the reference interpreter first.
const std::vector<Engine>& AllEngines();

// nullptr if no engine has that name.
const Engine* FindEngine(std::string_view name);

// Compiles and runs `source` on one engine. A static error is an outcome
// too (status kStaticError), identical for every engine.
Outcome RunSource(const Engine& engine, std::string_view source,
                  const RunLimits& limits);
// The same with a tier given as a function, e.g. the VM with options of
// its own (`tern run --gc-stress=N`).
Outcome RunSourceWith(std::string_view source,
                      const std::function<Outcome(const Program&)>& run);

}  // namespace tern

#endif  // TERN_ORACLES_ENGINE_H_
