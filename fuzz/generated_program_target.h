#ifndef TERN_FUZZ_GENERATED_PROGRAM_TARGET_H_
#define TERN_FUZZ_GENERATED_PROGRAM_TARGET_H_

// The body of the fuzz targets that run generated programs
// (program_generator.h) through the differential oracle: the generator writes
// only valid programs, so a static error is a bug of the generator or the
// front end; the engines must agree, never fault, and be deterministic.

#include <string_view>
#include <vector>

#include "fuzz/program_generator.h"
#include "oracles/engine.h"

namespace tern::fuzz {

// Runs `generated` on `engines`; reports a finding (finding.h) and aborts
// when an oracle fails.
void CheckGeneratedProgram(std::string_view target,
                           const GeneratedProgram& generated,
                           const std::vector<Engine>& engines);

}  // namespace tern::fuzz

#endif  // TERN_FUZZ_GENERATED_PROGRAM_TARGET_H_
