#ifndef TERN_TOOLS_ISOLATED_RUN_H_
#define TERN_TOOLS_ISOLATED_RUN_H_

// Runs work in a forked child, so that a crash (a sanitizer report, a
// signal), a hang or an abort of the code under test becomes a result the
// caller can report, compare and reduce instead of ending the caller.
// Used by `tern repro` and `tern reduce`.

#include <functional>
#include <string>
#include <string_view>

#include "oracles/engine.h"
#include "runtime/outcome.h"

namespace tern {

struct IsolatedRun {
  enum class End : unsigned char {
    kOutcome,   // the child produced an Outcome
    kCrashed,   // killed by a signal or exited without a result
    kTimedOut,  // exceeded the wall-clock limit (killed)
  };
  End end = End::kOutcome;
  Outcome outcome;       // kOutcome only
  int signal = 0;        // kCrashed by a signal: its number
  int exit_code = 0;     // kCrashed by exiting: the code
  std::string stderr_text;  // everything the child wrote to stderr
};

// Runs `work` in a child; whatever it writes to *result travels back.
// Returns false only if the child could not be started (*why set).
struct ChildResult {
  bool finished = false;  // the child returned from `work`
  bool timed_out = false;
  int signal = 0;
  int exit_code = 0;
  std::string payload;  // what `work` returned
  std::string stderr_text;
};
bool RunInChild(const std::function<std::string()>& work, int timeout_seconds,
                ChildResult* result, std::string* why);

// RunSource on one engine in a child.
IsolatedRun RunEngineIsolated(const Engine& engine, std::string_view source,
                              const RunLimits& limits, int timeout_seconds);

// A short name for a signal ("SIGSEGV"), or "signal N".
std::string SignalName(int signal);

}  // namespace tern

#endif  // TERN_TOOLS_ISOLATED_RUN_H_
