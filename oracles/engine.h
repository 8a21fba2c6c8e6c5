#ifndef TERN_ORACLES_ENGINE_H_
#define TERN_ORACLES_ENGINE_H_

// An engine is one way of running a program: a tier plus a mode (later: VM
// with GC stress, VM with heap verification, JIT eager, JIT tiered...).
// Oracles run one program through every engine and compare the outcomes.

#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "runtime/ast.h"
#include "runtime/limits.h"
#include "runtime/outcome.h"

namespace tern {

struct Engine {
  using RunFn = Outcome (*)(const Program& program, const RunLimits& limits);
  using Runner =
      std::function<Outcome(const Program& program, const RunLimits& limits)>;
  Engine(std::string engine_name, RunFn fn)
      : name(std::move(engine_name)), run(fn) {}
  // A closure over options (gc_engines.h: a GC engine with the heap verifier
  // switched on).
  Engine(std::string engine_name, Runner runner)
      : name(std::move(engine_name)), run(std::move(runner)) {}

  std::string name;  // e.g. "interp"; what `--tier=` names
  Runner run;

  // Optional, for the engines of a tier that compiles the tree before
  // running it (the VM: bytecode). The compiled form depends only on the
  // program, not on the engine's run-time options (collector, stress,
  // verifier), so the oracles make it once per program for every engine
  // with the same `compile` and hand it to `run_compiled`. Whenever set,
  // run_compiled(p, compile(p).get(), l) returns exactly run(p, l)
  // (tests/oracles/shared_compile_test.cc).
  using Compiled = std::shared_ptr<const void>;
  using CompileFn = Compiled (*)(const Program& program);
  using CompiledRunner = std::function<Outcome(
      const Program& program, const void* compiled, const RunLimits& limits)>;
  CompileFn compile = nullptr;
  CompiledRunner run_compiled;
};

// Runs engines on one program, compiling it once per `compile` function
// (Engine::compile) and sharing that among the engines that use it.
class SharedCompilation {
 public:
  explicit SharedCompilation(const Program& program) : program_(program) {}
  // Whether running `engine` would compile first (its compiled form is not
  // made yet): the throughput benchmark times that apart.
  bool WouldCompile(const Engine& engine) const;
  // The compiled form `engine` runs, made on first use; null for an engine
  // that runs the tree.
  const void* CompiledFor(const Engine& engine);
  Outcome Run(const Engine& engine, const RunLimits& limits);

 private:
  const Program& program_;
  std::vector<std::pair<Engine::CompileFn, Engine::Compiled>> made_;
};

// Every engine this build has, the reference interpreter first.
const std::vector<Engine>& AllEngines();

// nullptr if no engine has that name. Besides the engine list's names,
// NAME+verify names the GC engine NAME with the heap verifier forced on
// before and after every collection and at every arena exit (gc_fuzzer runs
// such engines, oracles/gc_engines.h); TERN_ENGINES and `tern repro
// --engines=` accept these names too.
const Engine* FindEngine(std::string_view name);

// ---- TERN_ENGINES: which engines the oracles use --------------------------
// The environment variable TERN_ENGINES chooses the engines that the fuzz
// targets and the differential oracle run, so that a tier can be switched off
// while its bug is fixed: a comma-separated list of names ("interp,vm"), or
// of exclusions ("-jit": every engine but jit). Unset or empty: AllEngines().
// Engines registered with RegisterExtraEngine (test-only engines, e.g. a
// deliberately broken one the campaign test plants) are never in the default
// and run only when named.

struct EngineSelection {
  std::vector<Engine> engines;  // AllEngines() order, extra engines last
  std::string error;            // non-empty: the spec is invalid, and why
};

// Parses a TERN_ENGINES value: unknown or duplicate names, or a list that
// leaves no engine, are an error naming the known engines.
EngineSelection SelectEngines(std::string_view spec);

// The engines TERN_ENGINES selects (read once). An invalid value is a usage
// error: the message goes to stderr and the process exits with status 64.
const std::vector<Engine>& SelectedEngines();

// Adds an engine that only TERN_ENGINES can select. For test binaries, from
// a static initializer; returns true so that it can initialise a global.
bool RegisterExtraEngine(Engine engine);

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
