#include "oracles/differential.h"

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
  DifferentialResult r;
  CompileResult compiled = Compile(source);
  auto run = [&](const Engine& engine) {
    if (!compiled.error) return engine.run(*compiled.program, limits);
    Outcome o;
    o.status = Status::kStaticError;
    o.error = compiled.error;
    return o;
  };
  for (const Engine& engine : engines) {
    r.outcomes.push_back({engine.name, run(engine)});
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
  if (!compiled.error) {
    EngineOutcome again{ref.engine + " (second run)",
                        run(engines.front())};
    if (again.outcome != ref.outcome) r.disagreement += Difference(ref, again);
    r.reference_again = std::move(again.outcome);
  }
  return r;
}

}  // namespace tern
