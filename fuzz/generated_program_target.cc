#include "fuzz/generated_program_target.h"

#include <cstdlib>
#include <string>

#include "fuzz/finding.h"
#include "oracles/differential.h"
#include "oracles/failure_signature.h"
#include "oracles/gc_engines.h"
#include "runtime/error.h"

namespace tern::fuzz {

bool SampledForDeterminism(std::string_view source) {
  uint64_t h = 14695981039346656037ULL;  // FNV-1a
  for (unsigned char c : source) h = (h ^ c) * 1099511628211ULL;
  return h % kDeterminismEvery == 0;
}

std::vector<Engine> TargetEngines(std::string_view target) {
  // interp_fuzzer: the reference alone (fast), unless TERN_ENGINES is set.
  if (target == "interp_fuzzer") {
    if (std::getenv("TERN_ENGINES") != nullptr) return SelectedEngines();
    return {AllEngines().front()};
  }
  if (target == "diff_fuzzer") return SelectedEngines();
  if (target == "gc_fuzzer") return GcOracleEngines(SelectedEngines());
  return {};
}

void CheckGeneratedProgram(std::string_view target,
                           const GeneratedProgram& generated,
                           const std::vector<Engine>& engines,
                           PhaseObserver* observer) {
  const DifferentialResult result = RunDifferential(
      generated.source, generated.limits, engines,
      {.rerun_reference = SampledForDeterminism(generated.source),
       .observer = observer});
  const std::string signature = FailureSignature(result, /*generated=*/true);
  if (signature.empty()) return;
  std::string broken = result.disagreement;
  if (result.reference.status == Status::kStaticError) {
    const Error& e = *result.reference.error;
    broken += "a generated program is rejected: " +
              std::string(ErrorKindName(e.kind)) + " at " +
              std::to_string(e.pos.line) + ":" + std::to_string(e.pos.col) +
              ": " + e.message + "\n";
  }
  ReportFinding(target, signature,
                broken + "--- program (fuel " +
                    std::to_string(generated.limits.fuel) + ") ---\n" +
                    generated.source);
}

}  // namespace tern::fuzz
