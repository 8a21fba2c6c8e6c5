#include "fuzz/generated_program_target.h"

#include <string>

#include "fuzz/finding.h"
#include "oracles/differential.h"
#include "oracles/failure_signature.h"
#include "runtime/error.h"

namespace tern::fuzz {

void CheckGeneratedProgram(std::string_view target,
                           const GeneratedProgram& generated,
                           const std::vector<Engine>& engines) {
  const DifferentialResult result =
      RunDifferential(generated.source, generated.limits, engines);
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
