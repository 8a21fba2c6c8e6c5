// Generated programs on the reference interpreter alone (run twice by the
// differential oracle: it must be deterministic and never fault), or on the
// engines TERN_ENGINES names when it is set. Fast; diff_fuzzer compares
// every tier by default.

#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

#include "fuzz/generated_program_target.h"
#include "fuzz/program_generator.h"
#include "oracles/engine.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const std::vector<tern::Engine> engines =
      tern::fuzz::TargetEngines("interp_fuzzer");
  tern::fuzz::CheckGeneratedProgram(
      "interp_fuzzer",
      tern::fuzz::GenerateProgram(
          std::span<const uint8_t>(data, size),
          tern::fuzz::GeneratorOptionsFor("interp_fuzzer")),
      engines);
  return 0;
}
