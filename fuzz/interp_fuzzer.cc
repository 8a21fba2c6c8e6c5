// Generated programs (program_generator.h) through every engine
// (oracles/differential.h): the generator writes only valid programs, so a
// static error is a bug of the generator or the front end; the engines must
// agree, never fault, and be deterministic.

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <span>

#include "fuzz/program_generator.h"
#include "oracles/differential.h"
#include "runtime/error.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const tern::fuzz::GeneratedProgram generated =
      tern::fuzz::GenerateProgram(std::span<const uint8_t>(data, size));
  const tern::DifferentialResult result =
      tern::RunDifferential(generated.source, generated.limits);
  std::string broken = result.disagreement;
  if (result.reference.status == tern::Status::kStaticError) {
    const tern::Error& e = *result.reference.error;
    broken += "a generated program is rejected: " +
              std::string(tern::ErrorKindName(e.kind)) + " at " +
              std::to_string(e.pos.line) + ":" + std::to_string(e.pos.col) +
              ": " + e.message + "\n";
  }
  if (!broken.empty()) {
    std::fprintf(stderr, "interp_fuzzer: %s--- program (fuel %llu) ---\n%s\n",
                 broken.c_str(),
                 static_cast<unsigned long long>(generated.limits.fuel),
                 generated.source.c_str());
    std::abort();
  }
  return 0;
}
