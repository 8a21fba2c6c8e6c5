#ifndef TERN_FUZZ_GENERATED_PROGRAM_TARGET_H_
#define TERN_FUZZ_GENERATED_PROGRAM_TARGET_H_

// The body of the fuzz targets that run generated programs
// (program_generator.h) through the differential oracle: the generator writes
// only valid programs, so a static error is a bug of the generator or the
// front end; the engines must agree, never fault, and be deterministic.

#include <cstdint>
#include <string_view>
#include <vector>

#include "fuzz/program_generator.h"
#include "oracles/differential.h"
#include "oracles/engine.h"

namespace tern::fuzz {

// Whether the determinism check (the reference engine's second run) runs
// for this program: one program in kDeterminismEvery, chosen by a hash of
// the source, so the same input always makes the same choice (a finding
// reproduces) and the choice does not follow libFuzzer's mutations. The
// rerun was a fifth of all the fuzzing time; a nondeterministic engine shows
// on many programs, so sampling still finds it within a few executions.
inline constexpr uint64_t kDeterminismEvery = 4;
bool SampledForDeterminism(std::string_view source);

// The engines the target `target` (interp_fuzzer, diff_fuzzer, gc_fuzzer)
// runs its programs on, from TERN_ENGINES (SelectedEngines); each target
// and the throughput benchmark ask here. Empty for any other target.
std::vector<Engine> TargetEngines(std::string_view target);

// Runs `generated` on `engines`; reports a finding (finding.h) and aborts
// when an oracle fails. `observer` (the throughput benchmark's) sees the
// oracle's steps.
void CheckGeneratedProgram(std::string_view target,
                           const GeneratedProgram& generated,
                           const std::vector<Engine>& engines,
                           PhaseObserver* observer = nullptr);

}  // namespace tern::fuzz

#endif  // TERN_FUZZ_GENERATED_PROGRAM_TARGET_H_
