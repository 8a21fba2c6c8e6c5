// Generated programs (program_generator.h) through every engine — the
// interpreter and the VM in each of its heap modes — via the differential
// oracle (oracles/differential.h). A difference, an internal fault (a heap
// verifier report included), a nondeterministic engine or a sanitizer
// finding is a crash.
//
// TERN_ENGINES=interp,vm (a comma-separated list, the reference first)
// restricts the engines, e.g. to switch a tier off while its bug is fixed.

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "fuzz/program_generator.h"
#include "oracles/differential.h"
#include "oracles/engine.h"
#include "runtime/error.h"

namespace {

std::vector<tern::Engine> ChosenEngines() {
  const char* env = std::getenv("TERN_ENGINES");
  if (env == nullptr || *env == '\0') return tern::AllEngines();
  std::vector<tern::Engine> engines;
  std::string_view list = env;
  while (!list.empty()) {
    size_t comma = list.find(',');
    std::string_view name = list.substr(0, comma);
    const tern::Engine* e = tern::FindEngine(name);
    if (e == nullptr) {
      std::fprintf(stderr, "diff_fuzzer: TERN_ENGINES names no engine '%.*s'\n",
                   static_cast<int>(name.size()), name.data());
      std::exit(2);
    }
    engines.push_back(*e);
    list = comma == std::string_view::npos ? "" : list.substr(comma + 1);
  }
  return engines;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const std::vector<tern::Engine> engines = ChosenEngines();
  const tern::fuzz::GeneratedProgram generated =
      tern::fuzz::GenerateProgram(std::span<const uint8_t>(data, size));
  const tern::DifferentialResult result =
      tern::RunDifferential(generated.source, generated.limits, engines);
  std::string broken = result.disagreement;
  if (result.reference.status == tern::Status::kStaticError) {
    const tern::Error& e = *result.reference.error;
    broken += "a generated program is rejected: " +
              std::string(tern::ErrorKindName(e.kind)) + " at " +
              std::to_string(e.pos.line) + ":" + std::to_string(e.pos.col) +
              ": " + e.message + "\n";
  }
  if (!broken.empty()) {
    std::fprintf(stderr, "diff_fuzzer: %s--- program (fuel %llu) ---\n%s\n",
                 broken.c_str(),
                 static_cast<unsigned long long>(generated.limits.fuel),
                 generated.source.c_str());
    std::abort();
  }
  return 0;
}
