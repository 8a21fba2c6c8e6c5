#ifndef TERN_TOOLS_ESCAPE_STATS_H_
#define TERN_TOOLS_ESCAPE_STATS_H_

// The static arena checker's false-positive rate (`tern escape-stats`).
//
// Population: programs of the generator with relax_arena_rules
// (fuzz/program_generator.h), which now and then draws a block's result,
// a set! value or a stored value from an inner arena, so that some
// programs escape and some only look as if they might.
// Dynamic truth: each program runs on the reference interpreter with the
// static check skipped (parse, resolve, arena numbering; the interpreter
// itself is untouched). It escapes at run time when the run touches an
// object of an ended arena or a block returns its own object (internal
// faults of the interpreter, which checks both), or a store trips the
// dynamic store rule (runtime arena-escape: an escape attempt, refused;
// the checker leaves some of these to the run-time rule by design, e.g.
// arena-made map keys and stores into closure environments).
// The run is what is observed: a reference into an ended arena that the
// program never uses again does not count, so the rate is an upper bound.
// False-positive rate: of the programs that do not escape at run time, the
// share the checker rejects. A program the checker accepts whose run
// touches an ended arena or returns a block's own object is a soundness
// bug of the checker (`unsound`); one whose store is refused at run time
// is the design (`accepted_refused`).

#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace tern {

struct EscapeStats {
  uint64_t programs = 0;
  uint64_t accepted_clean = 0;     // accepted, no escape at run time
  uint64_t rejected_clean = 0;     // rejected, no escape: false positives
  uint64_t rejected_escaping = 0;  // rejected, escapes: true positives
  uint64_t accepted_refused = 0;   // accepted, a store refused at run time
  uint64_t accepted_escaping = 0;  // accepted, an ended arena touched: bugs
  uint64_t other_static = 0;       // other static errors (generator bugs)
  // False positives by reason: the form at the reported position and the
  // checker's message with names folded.
  std::map<std::string, uint64_t> reasons;
  std::vector<std::string> unsound_examples;  // sources, a few
  double FalsePositiveRate() const;
};

EscapeStats MeasureEscapeStats(uint64_t programs, uint64_t seed);

std::string EscapeStatsText(const EscapeStats& s);
std::string EscapeStatsJson(const EscapeStats& s);

}  // namespace tern

#endif  // TERN_TOOLS_ESCAPE_STATS_H_
