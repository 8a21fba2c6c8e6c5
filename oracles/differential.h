#ifndef TERN_ORACLES_DIFFERENTIAL_H_
#define TERN_ORACLES_DIFFERENTIAL_H_

// The differential oracle: one program, every engine, one verdict.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "oracles/engine.h"
#include "runtime/outcome.h"

namespace tern {

struct EngineOutcome {
  std::string engine;
  Outcome outcome;
};

struct DifferentialResult {
  // The reference (first engine's) outcome: what the program does.
  Outcome reference;
  std::vector<EngineOutcome> outcomes;  // every engine, in AllEngines order
  // The first engine's second run (absent when the program did not compile).
  std::optional<Outcome> reference_again;
  // Empty when every engine agrees (outcomes, and censuses among the GC
  // engines) and none faulted; else what went wrong.
  std::string disagreement;
  bool ok() const { return disagreement.empty(); }
};

// The first outcome with a census (a GC engine's): every other GC engine's
// census must equal it (docs/vm.md). nullptr when no engine has a GC.
const EngineOutcome* CensusReference(const std::vector<EngineOutcome>& all);

// Compiles once and runs the same tree on every engine (the engines that
// compile it further share that too: Engine::compile), then runs the first
// engine once more: outcomes must not depend on anything but the program
// (addresses, timing, hash order). An internal fault on any engine is a
// failure even when all engines fault alike. Runs SelectedEngines()
// (TERN_ENGINES, engine.h).
DifferentialResult RunDifferential(std::string_view source,
                                   const RunLimits& limits);
// The same on a chosen, non-empty list of engines, the reference first.
DifferentialResult RunDifferential(std::string_view source,
                                   const RunLimits& limits,
                                   const std::vector<Engine>& engines);

// Told where the oracle's time goes, for the throughput benchmark
// (bench/fuzz_phases.cc): every step is bracketed by Begin and End. The
// steps: "front end" (Compile), "compile ENGINE" (a compiled form several
// engines share, Engine::compile, made for the first of them), "run ENGINE",
// "second run ENGINE". It only observes: outcomes do not depend on it.
class PhaseObserver {
 public:
  virtual ~PhaseObserver() = default;
  virtual void Begin(std::string_view phase) = 0;
  virtual void End() = 0;
};

struct DifferentialOptions {
  // Run the reference a second time (the determinism check). Fuzz targets
  // sample it deterministically per program (generated_program_target.h).
  bool rerun_reference = true;
  PhaseObserver* observer = nullptr;
};
DifferentialResult RunDifferential(std::string_view source,
                                   const RunLimits& limits,
                                   const std::vector<Engine>& engines,
                                   const DifferentialOptions& options);

}  // namespace tern

#endif  // TERN_ORACLES_DIFFERENTIAL_H_
