#ifndef TERN_TOOLS_PROGRAM_CHECK_H_
#define TERN_TOOLS_PROGRAM_CHECK_H_

// What `tern check` does with one program: run it on the chosen engines,
// compare their outcomes with each other and with `NAME.expected` when it
// exists, and say what was compared.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "oracles/engine.h"
#include "runtime/outcome.h"

namespace tern {

struct CheckOptions {
  std::optional<uint64_t> fuel;  // overrides the .expected file's fuel
  bool verbose = false;          // show each program's outcome in full
  std::vector<Engine> engines;   // non-empty; the first is the reference
};

struct ProgramReport {
  enum class Verdict { kPassed, kFailed, kNotCompared };
  Verdict verdict = Verdict::kFailed;
  // "ok   PATH: STATUS; WHAT WAS COMPARED", then indented details.
  std::string text;
};

ProgramReport CheckProgram(const std::string& path, const CheckOptions& options);

// The program's status in a few words: `ok 3`, `runtime-error type 2:1`.
std::string StatusSummary(const Outcome& o);

// Two outcomes (FormatOutcome) in two columns, `*` on the lines that differ,
// then the first differing line in full.
std::string SideBySide(const std::string& a_name, const Outcome& a,
                       const std::string& b_name, const Outcome& b);

}  // namespace tern

#endif  // TERN_TOOLS_PROGRAM_CHECK_H_
