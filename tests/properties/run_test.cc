// Generated programs are accepted by the front end (the generator writes only
// valid programs), run without internal faults, and run deterministically.

#include <gtest/gtest.h>
#include <rapidcheck/gtest.h>

#include "fuzz/program_generator.h"
#include "fuzz/rc_program.h"
#include "runtime/front/front_end.h"
#include "runtime/interp/interpreter.h"
#include "runtime/outcome.h"

namespace tern {
namespace {

RC_GTEST_PROP(RunProperty, GeneratedProgramsAreAcceptedAndNeverFault, ()) {
  const fuzz::GeneratedProgram generated = *fuzz::ArbitraryProgram();
  const CompileResult compiled = Compile(generated.source);
  RC_ASSERT(!compiled.error);
  const Outcome outcome = Interpret(*compiled.program, generated.limits);
  RC_ASSERT(outcome.status != Status::kInternalFault);
  RC_TAG(StatusName(outcome.status));
}

RC_GTEST_PROP(RunProperty, RunningTwiceGivesTheSameOutcome, ()) {
  const fuzz::GeneratedProgram generated = *fuzz::ArbitraryProgram();
  const CompileResult compiled = Compile(generated.source);
  RC_PRE(!compiled.error);
  const Outcome first = Interpret(*compiled.program, generated.limits);
  const Outcome second = Interpret(*compiled.program, generated.limits);
  RC_ASSERT(first == second);
}

}  // namespace
}  // namespace tern
