// Generated programs on the reference interpreter alone (run twice by the
// differential oracle: it must be deterministic and never fault), or on the
// engines TERN_ENGINES names when it is set. Fast; diff_fuzzer compares
// every tier by default.

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <span>
#include <vector>

#include "fuzz/generated_program_target.h"
#include "fuzz/program_generator.h"
#include "oracles/engine.h"

namespace {

std::vector<tern::Engine> Engines() {
  if (std::getenv("TERN_ENGINES") != nullptr) return tern::SelectedEngines();
  return {tern::AllEngines().front()};
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const std::vector<tern::Engine> engines = Engines();
  tern::fuzz::CheckGeneratedProgram(
      "interp_fuzzer",
      tern::fuzz::GenerateProgram(std::span<const uint8_t>(data, size)),
      engines);
  return 0;
}
