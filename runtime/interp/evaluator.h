#ifndef TERN_RUNTIME_INTERP_EVALUATOR_H_
#define TERN_RUNTIME_INTERP_EVALUATOR_H_

// The tree walker: evaluates a resolved Program (runtime/ast.h).
// Recurses on the host stack once or twice per nesting level and per user
// call, so it must run on a big stack (Interpret arranges that).

#include <cstdint>
#include <string>
#include <unordered_map>
#include <vector>

#include "runtime/ast.h"
#include "runtime/interp/builtins_impl.h"
#include "runtime/interp/object.h"
#include "runtime/interp/region.h"
#include "runtime/interp/value.h"
#include "runtime/limits.h"

namespace tern::interp {

class Evaluator {
 public:
  // Output of `print` is written to *out. When the evaluator goes, it frees
  // everything the run allocated and, if `stats` is given, reports there.
  Evaluator(const Program& program, const RunLimits& limits, OutputSink* out,
            MemoryStats* stats = nullptr);
  Evaluator(const Evaluator&) = delete;
  Evaluator& operator=(const Evaluator&) = delete;

  // Runs every top-level form in order and returns the display (quoted
  // form) of the program's value. Throws RuntimeError or InternalFault
  // (runtime/interp/signals.h).
  std::string Run();

 private:
  Value Eval(const Expr& e);
  // Evaluates exprs[from..] in order; the last value, or null if none.
  Value EvalSequence(const ExprList& exprs, size_t from);

  Value EvalStr(const Expr& e);
  Value EvalVar(const Expr& e);
  Value EvalSet(const Expr& e);
  Value EvalLet(const Expr& e);
  Value EvalIf(const Expr& e);
  Value EvalAndOr(const Expr& e);
  Value EvalWhile(const Expr& e);
  Value EvalFor(const Expr& e);
  Value EvalFn(const Expr& e);
  Value EvalWithArena(const Expr& e);
  Value EvalCall(const Expr& e);
  Value EvalBuiltin(const Expr& e);

  // Runs `fn` with its arguments at stack_[args_base..]; `closure` is null
  // for a defn.
  Value Invoke(const Function& fn, ClosureObj* closure, size_t args_base);
  void ConsumeFuel(Pos pos);

  // Slots of the running frame and captures of the running closure, bounds
  // checked: a bad index is a resolver bug, reported as a fault.
  Value& Local(uint32_t slot, Pos pos);
  Value& Captured(uint32_t index, Pos pos);

  const Program& program_;
  uint64_t fuel_;
  int depth_ = 0;  // user-function frames
  // Before every member holding Values: destroyed after them, it then
  // frees what only cycles keep.
  Regions regions_;
  BuiltinOps builtins_;

  // Frames of the active calls, innermost last; also holds the arguments of
  // builtin calls while they are evaluated.
  static constexpr size_t kInitialStack = 64;
  std::vector<Value> stack_;
  size_t frame_base_ = 0;
  size_t frame_size_ = 0;
  // The running lambda's closure, if any; the callee Value of its call
  // keeps it alive.
  ClosureObj* closure_ = nullptr;

  // String literals: one heap string per literal, made on first use.
  std::unordered_map<const Expr*, Value> literals_;
};

}  // namespace tern::interp

#endif  // TERN_RUNTIME_INTERP_EVALUATOR_H_
