#ifndef TERN_RUNTIME_OUTCOME_H_
#define TERN_RUNTIME_OUTCOME_H_

// The one result type every tier produces and every oracle compares.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "runtime/error.h"

namespace tern {

enum class Status : unsigned char {
  kOk,             // ran to the end; `value` is the program's value
  kStaticError,    // rejected before running; `error` says why
  kRuntimeError,   // stopped by a language error; `error` says why
  kInternalFault,  // a tier broke its own invariants; `fault` says how
  // The host ran out of a resource (memory: std::bad_alloc) before the
  // program finished; `fault` says which. Not the program's fault, nor a
  // tier's bug: every engine maps std::bad_alloc to this.
  kResourceExhausted,
};

std::string_view StatusName(Status s);

struct Outcome {
  Status status = Status::kOk;
  std::string out;              // stdout bytes
  std::optional<Error> error;   // static and runtime errors
  std::string value;            // display (quoted form) of the value, if ok
  std::string fault;            // internal faults, resource exhaustion
  // Engines with a GC only (nullopt for the interpreter): the heap census
  // taken at every `(gc)` outside no-gc, one heap::FormatCensus line each
  // ("census: str 1/36 vec ..."). Past kMaxCensusLines the rest fold into
  // one last line "census: N more, digest HEX". docs/vm.md defines what
  // is counted.
  std::optional<std::vector<std::string>> census;
  // Equal program behaviour (status, stdout, value, error, fault) and, when
  // BOTH have a census, equal censuses: an engine without a GC agrees with
  // any census. Not transitive across engines with and without a census;
  // the oracles compare censuses among GC engines themselves.
  friend bool operator==(const Outcome& a, const Outcome& b) {
    return a.status == b.status && a.out == b.out && a.error == b.error &&
           a.value == b.value && a.fault == b.fault &&
           (!a.census || !b.census || *a.census == *b.census);
  }
};

inline constexpr size_t kMaxCensusLines = 1024;

// Whether both outcomes carry a census and the censuses differ.
bool CensusDiffers(const Outcome& a, const Outcome& b);

// Exit code of `tern run` for an outcome: 0 ok, 1 runtime, 2 static, 3 fault,
// 4 resource exhausted.
int ExitCodeFor(const Outcome& o);
inline constexpr int kExitResourceExhausted = 4;
// The message of a resource-exhausted outcome caused by std::bad_alloc.
inline constexpr std::string_view kOutOfMemoryMessage =
    "out of memory: the host could not allocate more memory";

// The `.expected` file format (docs/outcome-format.md): a header of
// `key: value` lines, then `stdout:` and the raw stdout bytes to the end.
// With `with_census`, the census lines (if any) come before `stdout:`
// (isolated runs carry them so; .expected files of the corpus do not).
std::string FormatOutcome(const Outcome& o, bool with_census = false);
// What an `.expected` file demands. A file may leave out the `message:`
// line: then any message text matches (kind and position still must).
// A file may also fix the fuel the program runs with (`fuel: N`).
struct Expectation {
  Outcome outcome;
  bool any_message = false;
  std::optional<uint64_t> fuel;
};

// Parses FormatOutcome's text (or a hand-written `.expected` file); on
// failure returns nullopt and sets *why.
std::optional<Expectation> ParseExpectation(std::string_view text,
                                            std::string* why);

bool Matches(const Expectation& expected, const Outcome& actual);

// A human-readable list of the fields in which `actual` misses `expected`.
std::string DescribeDifference(const Expectation& expected,
                               const Outcome& actual,
                               std::string_view expected_name,
                               std::string_view actual_name);

}  // namespace tern

#endif  // TERN_RUNTIME_OUTCOME_H_
