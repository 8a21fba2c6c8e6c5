#ifndef TERN_ORACLES_FAILURE_SIGNATURE_H_
#define TERN_ORACLES_FAILURE_SIGNATURE_H_

// A differential failure's signature: one stable line naming the oracle and
// how it failed, with nothing that varies between two programs hitting the
// same bug (no values, no positions, no addresses). Campaigns deduplicate
// findings by it, and a reducer keeps candidates that fail with the same one.
//   "differential: vm!=interp status,stdout"
//   "differential: vm internal-fault 'register out of range'"
//   "differential: interp nondeterministic stdout"

#include <cstddef>
#include <string>
#include <string_view>

#include "oracles/differential.h"

namespace tern {

// Empty when the result is ok.
std::string FailureSignature(const DifferentialResult& result);

// The first line of a message without what varies between occurrences:
// digit runs become N; cut at `max` bytes. For oracles whose failure is a
// text (the front-end oracle).
std::string StableLine(std::string_view message, size_t max = 60);

}  // namespace tern

#endif  // TERN_ORACLES_FAILURE_SIGNATURE_H_
