// Arbitrary bytes into the front end: it must never crash or hang, must be
// deterministic, and its printer must round-trip (front_end_oracle.h).

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string_view>

#include "oracles/front_end_oracle.h"
#include "runtime/display.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view source(reinterpret_cast<const char*>(data), size);
  if (const auto broken = tern::CheckFrontEnd(source)) {
    std::fprintf(stderr, "parse_fuzzer: %s\n--- input (quoted) ---\n%s\n",
                 broken->c_str(), tern::Quote(source).c_str());
    std::abort();
  }
  return 0;
}
