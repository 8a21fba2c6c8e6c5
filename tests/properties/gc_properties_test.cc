// RapidCheck properties of the collectors, over programs of the
// generator's heap mode (gc_fuzzer's programs):
//   - GC engine agreement: every GC engine of the engine list (found by
//     property, oracles/gc_engines.h) gives the same outcome, census
//     included, and none faults (the verifier engines among them);
//   - collector transparency: the VM with the full collector and with the
//     generational one (--gc=full, --gc=gen) gives the same outcome and
//     census, with and without stress collections.
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
#include "runtime/front/front_end.h"
#include "runtime/heap/heap.h"
#include "runtime/outcome.h"
#include "runtime/vm/vm.h"

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
  // The oracle compares censuses; here, directly: every GC engine has one,
  // and they are one sequence.
  for (const EngineOutcome& eo : r.outcomes) {
    RC_ASSERT(eo.outcome.census.has_value());
    RC_ASSERT(*eo.outcome.census == *r.reference.census);
  }
  RC_TAG(StatusName(r.reference.status));
  RC_TAG(r.reference.census->empty() ? "no census" : "census");
}

RC_GTEST_PROP(GcProperty, FullAndGenerationalCollectorsAreTransparent, ()) {
  const fuzz::GeneratedProgram p =
      *fuzz::ArbitraryProgram(fuzz::HeapGeneratorOptions());
  // No stress (collections at the heap's own thresholds), or a collection
  // every N-th allocation: minor ones in gen, full ones in full.
  const uint32_t stress = *rc::gen::element(0u, 1u, 5u, 64u);
  const CompileResult compiled = Compile(p.source);
  RC_ASSERT(!compiled.error);
  vm::VmOptions full;
  full.gc.mode = heap::GcMode::kFull;
  full.gc.stress_every = stress;
  vm::VmOptions gen = full;
  gen.gc.mode = heap::GcMode::kGen;
  gen.gc.verify = stress != 1;  // the verifier at every allocation: too slow
  const Outcome a = vm::RunVm(*compiled.program, p.limits, full);
  const Outcome b = vm::RunVm(*compiled.program, p.limits, gen);
  RC_ASSERT(a.status != Status::kInternalFault);
  RC_ASSERT(b.status != Status::kInternalFault);
  RC_ASSERT(a.census.has_value() && b.census.has_value());
  RC_ASSERT(FormatOutcome(b, /*with_census=*/true) ==
            FormatOutcome(a, /*with_census=*/true));
  RC_TAG(stress);
}

}  // namespace
}  // namespace tern
