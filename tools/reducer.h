#ifndef TERN_TOOLS_REDUCER_H_
#define TERN_TOOLS_REDUCER_H_

// Test-case reduction on the S-expression tree (fuzz/sexpr.h), driven by
// an interestingness test, as in C-Reduce and Perses: greedy, to a fixed
// point, over the edits of tools/reduce_candidates.h — first runs of
// top-level forms, then every node in pre-order. A candidate is kept when
// it is interesting; the first interesting candidate of a node wins, so the
// result does not depend on --jobs (candidates of one batch run in
// parallel, in forked children, and the earliest interesting one is taken).

#include <functional>
#include <string>
#include <string_view>

namespace tern::reduce {

struct Progress {
  double seconds = 0;
  size_t tests = 0;      // interestingness tests run
  size_t accepted = 0;   // candidates kept
  size_t bytes = 0;      // of the current best
  size_t lines = 0;
  bool done = false;
};

struct Options {
  double seconds = 300;  // budget; the best so far is returned when spent
  int jobs = 1;
  // Candidates must pass the static checker (compile) before they are
  // tested: set when the original program does.
  bool require_compiles = false;
  // Called after every accepted candidate and about once a second.
  std::function<void(const Progress&)> progress;
};

// The interestingness test. With jobs > 1 it runs in forked children, so
// it must not rely on state changed by earlier calls.
using Interesting = std::function<bool(const std::string& source)>;

struct Result {
  std::string source;  // the smallest interesting program found (printed)
  Progress progress;
  bool original_interesting = false;  // false: nothing was reduced
};

Result Reduce(std::string_view source, const Interesting& interesting,
              const Options& options);

size_t CountLines(std::string_view text);

}  // namespace tern::reduce

#endif  // TERN_TOOLS_REDUCER_H_
