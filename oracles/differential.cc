#include "oracles/differential.h"

#include "runtime/front_end.h"

namespace tern {

DifferentialResult RunDifferential(std::string_view source,
                                   const RunLimits& limits) {
  DifferentialResult r;
  CompileResult compiled = Compile(source);
  for (const Engine& engine : AllEngines()) {
    Outcome o;
    if (compiled.error) {
      o.status = Status::kStaticError;
      o.error = compiled.error;
    } else {
      o = engine.run(*compiled.program, limits);
    }
    r.outcomes.push_back({engine.name, std::move(o)});
  }
  r.reference = r.outcomes.front().outcome;
  const EngineOutcome& ref = r.outcomes.front();
  for (const EngineOutcome& eo : r.outcomes) {
    if (eo.outcome.status == Status::kInternalFault) {
      r.disagreement += eo.engine + ": internal fault: " + eo.outcome.fault + "\n";
    } else if (!(eo.outcome == ref.outcome)) {
      Expectation exact{ref.outcome, false, std::nullopt};
      r.disagreement += ref.engine + " and " + eo.engine + " differ:\n" +
                        DescribeDifference(exact, eo.outcome, ref.engine,
                                           eo.engine);
    }
  }
  return r;
}

}  // namespace tern
