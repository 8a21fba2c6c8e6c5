// Heap-mode generated programs (program_generator.h, GeneratorOptions::heap)
// through every GC engine TERN_ENGINES selects, each with the heap verifier
// on, beside the reference interpreter (oracles/gc_engines.h). Outcomes
// and heap censuses must agree; a verifier report is an internal fault.

#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

#include "fuzz/generated_program_target.h"
#include "fuzz/program_generator.h"
#include "oracles/engine.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const std::vector<tern::Engine> engines =
      tern::fuzz::TargetEngines("gc_fuzzer");
  tern::fuzz::CheckGeneratedProgram(
      "gc_fuzzer",
      tern::fuzz::GenerateProgram(std::span<const uint8_t>(data, size),
                                  tern::fuzz::GeneratorOptionsFor("gc_fuzzer")),
      engines);
  return 0;
}
