// Generated programs (program_generator.h) through every engine
// (oracles/differential.h): the generator writes only valid programs, so a
// static error is a bug of the generator or the front end; the engines must
// agree, never fault, and be deterministic.

#include <cstddef>
#include <cstdint>
#include <span>
#include <string>

#include "fuzz/finding.h"
#include "fuzz/program_generator.h"
#include "oracles/differential.h"
#include "oracles/failure_signature.h"
#include "runtime/error.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const tern::fuzz::GeneratedProgram generated =
      tern::fuzz::GenerateProgram(std::span<const uint8_t>(data, size));
  const tern::DifferentialResult result =
      tern::RunDifferential(generated.source, generated.limits);
  const std::string signature =
      tern::FailureSignature(result, /*generated=*/true);
  std::string broken = result.disagreement;
  if (result.reference.status == tern::Status::kStaticError) {
    const tern::Error& e = *result.reference.error;
    const std::string kind(tern::ErrorKindName(e.kind));
    broken += "a generated program is rejected: " + kind + " at " +
              std::to_string(e.pos.line) + ":" + std::to_string(e.pos.col) +
              ": " + e.message + "\n";
  }
  if (!signature.empty()) {
    tern::fuzz::ReportFinding(
        "interp_fuzzer", signature,
        broken + "--- program (fuel " +
            std::to_string(generated.limits.fuel) + ") ---\n" +
            generated.source);
  }
  return 0;
}
