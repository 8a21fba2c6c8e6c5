#ifndef TERN_FUZZ_FINDING_H_
#define TERN_FUZZ_FINDING_H_

// How a fuzz target reports what its oracle found, in one format the
// campaign (tools/campaign/) reads: a first line
//   ==tern-finding== TARGET: SIGNATURE
// (the signature is stable across inputs hitting the same bug, see
// oracles/failure_signature.h), the details, then abort() so that libFuzzer
// saves the input as a crash artifact.

#include <string_view>

namespace tern::fuzz {

[[noreturn]] void ReportFinding(std::string_view target,
                                std::string_view signature,
                                std::string_view details);

}  // namespace tern::fuzz

#endif  // TERN_FUZZ_FINDING_H_
