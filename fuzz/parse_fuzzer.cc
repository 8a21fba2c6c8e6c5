// Arbitrary bytes into the front end: it must never crash or hang, must be
// deterministic, and its printer must round-trip (front_end_oracle.h).

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "fuzz/finding.h"
#include "oracles/failure_signature.h"
#include "oracles/front_end_oracle.h"
#include "runtime/display.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view source(reinterpret_cast<const char*>(data), size);
  if (const auto broken = tern::CheckFrontEnd(source)) {
    // What broke, up to the first ':' (after it come positions and texts).
    const std::string how =
        tern::StableLine(broken->substr(0, broken->find(':')));
    tern::fuzz::ReportFinding("parse_fuzzer", "front-end " + how,
                              *broken + "\n--- input (quoted) ---\n" +
                                  tern::Quote(source));
  }
  return 0;
}
