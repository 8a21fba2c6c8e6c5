// RapidCheck properties of the VM over generated programs:
//   - tier equivalence: the VM's outcome is the interpreter's, byte for byte
//     (a failure shrinks, through the generator's bytes, to a small program);
//   - GC transparency: collecting at every allocation (and verifying the
//     heap) changes no outcome;
//   - arena transparency: wrapping a top-level expression in `with-arena`,
//     when the static rules accept it (its value is then not an object of
//     the block: an immediate or an older object), changes no outcome.

#include <gtest/gtest.h>
#include <rapidcheck/gtest.h>

#include <string>
#include <vector>

#include "fuzz/program_generator.h"
#include "fuzz/rc_program.h"
#include "oracles/engine.h"
#include "runtime/front/front_end.h"
#include "runtime/outcome.h"

namespace tern {
namespace {

Outcome RunOn(const char* engine, const std::string& source,
              const RunLimits& limits) {
  return RunSource(*FindEngine(engine), source, limits);
}

RC_GTEST_PROP(VmProperty, VmGivesTheInterpretersOutcome, ()) {
  const fuzz::GeneratedProgram p = *fuzz::ArbitraryProgram();
  const Outcome want = RunOn("interp", p.source, p.limits);
  const Outcome got = RunOn("vm", p.source, p.limits);
  RC_ASSERT(FormatOutcome(got) == FormatOutcome(want));
  RC_TAG(StatusName(want.status));
}

RC_GTEST_PROP(VmProperty, CollectingAtEveryAllocationChangesNothing, ()) {
  const fuzz::GeneratedProgram p = *fuzz::ArbitraryProgram();
  const Outcome plain = RunOn("vm", p.source, p.limits);
  RC_ASSERT(plain.status != Status::kInternalFault);
  RC_ASSERT(FormatOutcome(RunOn("vm-stress", p.source, p.limits)) ==
            FormatOutcome(plain));
  RC_ASSERT(FormatOutcome(RunOn("vm-verify", p.source, p.limits)) ==
            FormatOutcome(plain));
}

// Byte offset of a line:col position (columns count code points).
size_t OffsetOf(const std::string& source, Pos pos) {
  size_t i = 0;
  for (int line = 1; line < pos.line && i < source.size(); ++i) {
    if (source[i] == '\n') ++line;
  }
  for (int col = 1; col < pos.col && i < source.size(); ++col) {
    ++i;
    while (i < source.size() && (source[i] & 0xC0) == 0x80) ++i;
  }
  return i;
}

// `source` with top-level form `k` wrapped in a with-arena block that
// shifts no position: the block opens at the end of the line before the
// form and closes at the end of the form's text. Empty when that layout
// is not possible.
std::string WrapForm(const std::string& source, const Program& program,
                     size_t k) {
  const TopForm& form = program.order[k];
  Pos start = form.expr()->pos;
  if (start.line < 2) return "";
  size_t begin = OffsetOf(source, start);
  size_t end = source.size();
  if (k + 1 < program.order.size()) {
    const TopForm& next = program.order[k + 1];
    Pos next_pos = next.is_defn() ? program.defns[next.index()]->pos
                                  : next.expr()->pos;
    if (next_pos.line == start.line) return "";
    end = OffsetOf(source, next_pos);
  }
  while (end > begin && (source[end - 1] == '\n' || source[end - 1] == ' ')) {
    --end;
  }
  size_t line_end = source.rfind('\n', begin);
  if (line_end == std::string::npos) return "";
  // A `;` comment on the previous line would swallow the opening bracket.
  size_t prev_start = source.rfind('\n', line_end - 1);
  prev_start = prev_start == std::string::npos ? 0 : prev_start + 1;
  if (source.find(';', prev_start) < line_end) return "";
  return source.substr(0, line_end) + " (with-arena rc_arena" +
         source.substr(line_end, end - line_end) + ")" + source.substr(end);
}

RC_GTEST_PROP(VmProperty, WithArenaAroundAnImmediateChangesNothing, ()) {
  const fuzz::GeneratedProgram p = *fuzz::ArbitraryProgram();
  const CompileResult compiled = Compile(p.source);
  RC_PRE(!compiled.error);
  // The last top-level expression whose wrapping the static rules accept.
  std::string wrapped;
  for (size_t k = compiled.program->order.size(); k-- > 0;) {
    if (compiled.program->order[k].is_defn()) continue;
    std::string candidate = WrapForm(p.source, *compiled.program, k);
    if (!candidate.empty() && !Compile(candidate).error) {
      wrapped = std::move(candidate);
      break;
    }
  }
  RC_PRE(!wrapped.empty());
  for (const char* engine : {"interp", "vm", "vm-verify"}) {
    Outcome before = RunOn(engine, p.source, p.limits);
    Outcome after = RunOn(engine, wrapped, p.limits);
    RC_ASSERT(FormatOutcome(after) == FormatOutcome(before));
  }
}

}  // namespace
}  // namespace tern
