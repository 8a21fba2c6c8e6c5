#ifndef TERN_ORACLES_FAILURE_SIGNATURE_H_
#define TERN_ORACLES_FAILURE_SIGNATURE_H_

// A failure's signature: one stable line naming the oracle and how it
// failed, with nothing that varies between two programs hitting the same bug
// (no values, positions or addresses). The fuzz targets print it first
// (fuzz/finding.h), campaigns deduplicate findings by it, `tern repro`
// prints it and `tern reduce` keeps it fixed (tools/finding.h, which adds
// the parts only an isolated run can see: crash, timeout).
//
// Grammar (parts sorted, joined by "; ", empty when all is well):
//   differ REF/ENGINE: FIELDS       outcomes disagree in FIELDS
//                                   (status,stdout,value,error,message,fault,
//                                   census: REF is then the first GC engine)
//   fault ENGINE: TEXT              an internal fault (digits folded to N)
//   nondeterministic REF: FIELDS    the reference's second run differs
//   rejected KIND                   a generated program the front end rejects

#include <cstddef>
#include <string>
#include <string_view>

#include "oracles/differential.h"
#include "runtime/outcome.h"

namespace tern {

// `generated`: the program came from the generator, so a static error is a
// finding ("rejected KIND").
std::string FailureSignature(const DifferentialResult& result,
                             bool generated = false);

// The fields of `b` that differ from `a`, comma-separated, in the order of
// the grammar above.
std::string DifferingFields(const Outcome& a, const Outcome& b);

// Digits vary between otherwise equal reports (addresses, sizes, line
// numbers): each run of digits (and a 0x... number) becomes one N.
std::string FoldDigits(std::string_view text);

// The first line of a message, digits folded, cut at `max` bytes: for
// oracles whose failure is a text (the front-end oracle).
std::string StableLine(std::string_view message, size_t max = 60);

}  // namespace tern

#endif  // TERN_ORACLES_FAILURE_SIGNATURE_H_
