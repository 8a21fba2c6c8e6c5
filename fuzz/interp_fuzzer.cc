// Generated programs on the reference interpreter alone (run twice by the
// differential oracle: it must be deterministic and never fault). Fast; the
// tiers are compared by diff_fuzzer.

#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

#include "fuzz/generated_program_target.h"
#include "oracles/engine.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const std::vector<tern::Engine> engines = {tern::AllEngines().front()};
  tern::fuzz::RunGeneratedProgram(
      "interp_fuzzer", std::span<const uint8_t>(data, size), engines);
  return 0;
}
