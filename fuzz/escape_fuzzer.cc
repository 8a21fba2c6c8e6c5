// The escape-injection oracle (oracles/escape_oracle.h) on generated
// programs: each one the checker accepts runs on every engine (no engine
// may touch an ended arena: an internal fault is a finding, as is any
// disagreement), then gets one injected escape of each kind, which the
// checker must reject with arena-escape at the injected form.

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <span>
#include <string>

#include "fuzz/finding.h"
#include "fuzz/program_generator.h"
#include "fuzz/source_mutator.h"
#include "oracles/differential.h"
#include "oracles/escape_oracle.h"
#include "oracles/failure_signature.h"

namespace {

// "KIND escape FORM (expected ...): HOW ..." (CheckInjection) -> "escape
// KIND: accepted", "escape KIND: rejected with parse", "escape KIND:
// reported elsewhere": the kind and the verdict, not the form or positions.
std::string EscapeSignature(const std::string& wrong) {
  const std::string kind = wrong.substr(0, wrong.find(' '));
  std::string how = wrong.substr(std::min(wrong.size(), wrong.find("): ") + 3));
  if (how.rfind("rejected with ", 0) == 0) {
    how = how.substr(0, how.find(" at "));
  } else if (how.rfind("reported at", 0) == 0) {
    how = "reported elsewhere";
  } else {
    how = how.substr(0, how.find('\n'));
  }
  return "escape " + kind + ": " + how;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const tern::fuzz::GeneratedProgram generated =
      tern::fuzz::GenerateProgram(
          std::span<const uint8_t>(data, size),
          tern::fuzz::GeneratorOptionsFor("escape_fuzzer"));
  const tern::DifferentialResult result =
      tern::RunDifferential(generated.source, generated.limits);
  // A rejected generated program is interp_fuzzer's finding; here only
  // accepted programs are the oracle's input.
  if (result.reference.status == tern::Status::kStaticError) return 0;
  std::string broken = result.disagreement;
  std::string signature = tern::FailureSignature(result);
  // Where to inject: chosen by a hash of the input, so that libFuzzer's
  // mutations move the injection around too.
  uint64_t h = 0xcbf29ce484222325ull;
  for (size_t i = 0; i < size; ++i) h = (h ^ data[i]) * 0x100000001b3ull;
  tern::fuzz::Rng rng(h);
  for (const tern::Injection& inj : tern::InjectEscapes(
           generated.source, [&](size_t n) { return rng.Below(n); })) {
    const std::string wrong = tern::CheckInjection(inj);
    if (!wrong.empty()) {
      broken += wrong + "--- injected program ---\n" + inj.source;
      if (signature.empty()) signature = EscapeSignature(wrong);
    }
  }
  if (!broken.empty()) {
    tern::fuzz::ReportFinding(
        "escape_fuzzer", signature,
        broken + "\n--- program (fuel " +
            std::to_string(generated.limits.fuel) + ") ---\n" +
            generated.source);
  }
  return 0;
}
