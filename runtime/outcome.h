#ifndef TERN_RUNTIME_OUTCOME_H_
#define TERN_RUNTIME_OUTCOME_H_

// The one result type every tier produces and every oracle compares.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

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
  friend bool operator==(const Outcome&, const Outcome&) = default;
};

// Exit code of `tern run` for an outcome: 0 ok, 1 runtime, 2 static, 3 fault,
// 4 resource exhausted.
int ExitCodeFor(const Outcome& o);
inline constexpr int kExitResourceExhausted = 4;
// The message of a resource-exhausted outcome caused by std::bad_alloc.
inline constexpr std::string_view kOutOfMemoryMessage =
    "out of memory: the host could not allocate more memory";

// The `.expected` file format (docs/outcome-format.md): a header of
// `key: value` lines, then `stdout:` and the raw stdout bytes to the end.
std::string FormatOutcome(const Outcome& o);
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
