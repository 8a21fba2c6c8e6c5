#include "fuzz/finding.h"

#include <cstdio>
#include <cstdlib>

namespace tern::fuzz {

void ReportFinding(std::string_view target, std::string_view signature,
                   std::string_view details) {
  std::fprintf(stderr, "==tern-finding== %.*s: %.*s\n%.*s\n",
               static_cast<int>(target.size()), target.data(),
               static_cast<int>(signature.size()), signature.data(),
               static_cast<int>(details.size()), details.data());
  std::fflush(stderr);
  std::abort();
}

}  // namespace tern::fuzz
