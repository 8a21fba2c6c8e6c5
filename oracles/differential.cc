#include "oracles/differential.h"

#include <optional>
#include <string>

#include "runtime/front/front_end.h"

namespace tern {

namespace {

std::string Difference(const EngineOutcome& a, const EngineOutcome& b) {
  Expectation exact{a.outcome, false, std::nullopt};
  return a.engine + " and " + b.engine + " differ:\n" +
         DescribeDifference(exact, b.outcome, a.engine, b.engine);
}

}  // namespace

const EngineOutcome* CensusReference(const std::vector<EngineOutcome>& all) {
  for (const EngineOutcome& eo : all) {
    if (eo.outcome.census) return &eo;
  }
  return nullptr;
}

DifferentialResult RunDifferential(std::string_view source,
                                   const RunLimits& limits) {
  return RunDifferential(source, limits, SelectedEngines());
}

DifferentialResult RunDifferential(std::string_view source,
                                   const RunLimits& limits,
                                   const std::vector<Engine>& engines) {
  return RunDifferential(source, limits, engines, DifferentialOptions{});
}

DifferentialResult RunDifferential(std::string_view source,
                                   const RunLimits& limits,
                                   const std::vector<Engine>& engines,
                                   const DifferentialOptions& options) {
  DifferentialResult r;
  PhaseObserver* observer = options.observer;
  auto phase = [observer](std::string_view what, const auto& step) {
    if (observer) observer->Begin(what);
    auto result = step();
    if (observer) observer->End();
    return result;
  };
  const CompileResult compiled =
      phase("front end", [&] { return Compile(source); });
  std::optional<SharedCompilation> shared;
  if (!compiled.error) shared.emplace(*compiled.program);
  auto run = [&](const Engine& engine, std::string_view what) {
    if (compiled.error) {
      Outcome o;
      o.status = Status::kStaticError;
      o.error = compiled.error;
      return o;
    }
    if (shared->WouldCompile(engine)) {
      phase("compile " + engine.name,
            [&] { return shared->CompiledFor(engine); });
    }
    return phase(std::string(what) + engine.name,
                 [&] { return shared->Run(engine, limits); });
  };
  for (const Engine& engine : engines) {
    r.outcomes.push_back({engine.name, run(engine, "run ")});
  }
  const EngineOutcome& ref = r.outcomes.front();
  r.reference = ref.outcome;
  const EngineOutcome* census_ref = CensusReference(r.outcomes);
  for (const EngineOutcome& eo : r.outcomes) {
    if (eo.outcome.status == Status::kInternalFault) {
      r.disagreement +=
          eo.engine + ": internal fault: " + eo.outcome.fault + "\n";
    } else if (eo.outcome != ref.outcome) {
      r.disagreement += Difference(ref, eo);
    } else if (census_ref && CensusDiffers(census_ref->outcome, eo.outcome)) {
      r.disagreement += Difference(*census_ref, eo);
    }
  }
  if (!compiled.error && options.rerun_reference) {
    EngineOutcome again{ref.engine + " (second run)",
                        run(engines.front(), "second run ")};
    if (again.outcome != ref.outcome) r.disagreement += Difference(ref, again);
    r.reference_again = std::move(again.outcome);
  }
  return r;
}

}  // namespace tern
