#ifndef TERN_TOOLS_FINDING_H_
#define TERN_TOOLS_FINDING_H_

// One program through every engine, each in its own child process
// (tools/isolated_run.h), and the signature of what went wrong: the oracle
// that failed and how. `tern repro` prints it, `tern reduce` keeps it fixed
// while shrinking, campaigns deduplicate findings by it.
//
// Signature grammar (parts sorted, joined by "; ", empty when all is well):
//   crash ENGINE: KIND [in FRAME]   a sanitizer report (its kind and first
//                                   project frame) or a fatal signal
//   timeout ENGINE                  the engine did not finish in time
//   fault ENGINE: TEXT              an internal fault (digits folded to N)
//   differ REF/ENGINE: FIELDS       outcomes disagree in FIELDS
//                                   (status,stdout,value,error,message,fault)
//   nondeterministic REF: FIELDS    the reference's second run differs
//   rejected KIND                   a generated program the front end
//                                   rejects (generator-bytes inputs only)

#include <string>
#include <string_view>
#include <vector>

#include "oracles/engine.h"
#include "oracles/failure_signature.h"
#include "tools/isolated_run.h"

namespace tern {

struct EngineRun {
  std::string engine;
  IsolatedRun run;
};

struct ProgramRuns {
  std::vector<EngineRun> runs;  // the engines in order; the reference first
  EngineRun reference_again;    // the reference engine's second run
  bool generated = false;       // a static error is then a finding
  std::string signature;
};

// `in_process` runs without forking (for a debugger); a crash then ends
// the caller.
ProgramRuns RunEverywhere(std::string_view source, const RunLimits& limits,
                          const std::vector<Engine>& engines, bool generated,
                          int timeout_seconds, bool in_process = false);

std::string Signature(const ProgramRuns& runs);


// 1-based number and text of the first line where FormatOutcome(a) and
// FormatOutcome(b) differ; empty when equal.
std::string FirstDifferingLine(const Outcome& a, const Outcome& b);

// "KIND in FRAME" from a sanitizer report or abort message; empty if none.
std::string CrashKind(std::string_view stderr_text);

// FNV-1a 64 of the bytes, as 16 hex digits.
std::string Digest(std::string_view bytes);

// Engines named by a comma-separated list (oracles/engine.h SelectEngines:
// names or -exclusions); nullopt (and *why) on an unknown name. An empty
// list means the engines TERN_ENGINES selects.
std::optional<std::vector<Engine>> SelectEngines(std::string_view names,
                                                 std::string* why);

}  // namespace tern

#endif  // TERN_TOOLS_FINDING_H_
