// Generated programs through every engine TERN_ENGINES selects (all by
// default: the interpreter and the VM in each of its heap modes). A
// difference, an internal fault (a heap verifier report included), a
// nondeterministic engine or a sanitizer finding is a crash.

#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

#include "fuzz/generated_program_target.h"
#include "fuzz/program_generator.h"
#include "oracles/engine.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const std::vector<tern::Engine> engines =
      tern::fuzz::TargetEngines("diff_fuzzer");
  tern::fuzz::CheckGeneratedProgram(
      "diff_fuzzer",
      tern::fuzz::GenerateProgram(std::span<const uint8_t>(data, size),
                                  tern::fuzz::GeneratorOptionsFor("diff_fuzzer")),
      engines);
  return 0;
}
