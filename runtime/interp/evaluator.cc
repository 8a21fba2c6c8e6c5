#include "runtime/interp/evaluator.h"

#include <span>
#include <utility>

#include "runtime/interp/signals.h"
#include "runtime/interp/value_display.h"
#include "runtime/messages.h"

namespace tern::interp {
namespace {

// Out of line: the message string would otherwise be built (and its stack
// guarded) in every loop and call.
[[noreturn, gnu::noinline, gnu::cold]] void RaiseOutOfFuel(Pos pos) {
  Raise(ErrorKind::kOutOfFuel, pos, OutOfFuelMessage());
}

}  // namespace

Evaluator::Evaluator(const Program& program, const RunLimits& limits,
                     OutputSink* out, MemoryStats* stats)
    : program_(program),
      fuel_(limits.fuel),
      regions_(stats),
      builtins_(&regions_, out) {
  // Room for typical programs' frames up front: growing from empty costs a
  // reallocation per doubling, each run.
  stack_.reserve(kInitialStack);
}

std::string Evaluator::Run() {
  Value last;
  Pos last_pos;
  for (const TopForm& form : program_.order) {
    if (form.is_defn()) continue;
    if (form.expr() == nullptr) Fault({}, "top-level form without expression");
    stack_.assign(form.num_slots(), Value());
    frame_base_ = 0;
    frame_size_ = form.num_slots();
    closure_ = nullptr;
    last = Eval(*form.expr());
    last_pos = form.expr()->pos;
  }
  stack_.clear();
  std::string text;
  DisplayResult r = AppendDisplay(&text, last, StringStyle::kQuoted,
                                  static_cast<size_t>(kMaxDisplayLength));
  if (r.status == DisplayStatus::kDeadObject) FaultDeadObject(r.dead, last_pos);
  if (r.status == DisplayStatus::kTooLong) {
    Raise(ErrorKind::kLimit, last_pos, DisplayLimitMessage());
  }
  return text;
}

Value Evaluator::Eval(const Expr& e) {
  switch (e.kind) {
    case ExprKind::kInt: return Value::Int(e.int_value);
    case ExprKind::kFloat: return Value::Float(e.float_value);
    case ExprKind::kStr: return EvalStr(e);
    case ExprKind::kBool: return Value::Bool(e.bool_value);
    case ExprKind::kNull: return Value::Null();
    case ExprKind::kVar: return EvalVar(e);
    case ExprKind::kSet: return EvalSet(e);
    case ExprKind::kLet: return EvalLet(e);
    case ExprKind::kIf: return EvalIf(e);
    case ExprKind::kAnd:
    case ExprKind::kOr: return EvalAndOr(e);
    case ExprKind::kNot: return Value::Bool(!Eval(*e.kids.at(0)).IsTruthy());
    case ExprKind::kDo:
    case ExprKind::kNoGc: return EvalSequence(e.kids, 0);
    case ExprKind::kWhile: return EvalWhile(e);
    case ExprKind::kFor: return EvalFor(e);
    case ExprKind::kFn: return EvalFn(e);
    case ExprKind::kWithArena: return EvalWithArena(e);
    case ExprKind::kCall: return EvalCall(e);
    case ExprKind::kBuiltin: return EvalBuiltin(e);
  }
  Fault(e.pos, "unknown expression kind");
}

Value Evaluator::EvalSequence(const ExprList& exprs, size_t from) {
  if (from >= exprs.size()) return Value();
  for (size_t i = from; i + 1 < exprs.size(); ++i) Eval(*exprs[i]);
  return Eval(*exprs.back());
}

Value Evaluator::EvalStr(const Expr& e) {
  Value& s = literals_[&e];
  if (s.tag == Tag::kNull) {
    s = Value::Ref(
        regions_.NewIn<StrObj>(regions_.heap(), std::string(e.str_value)));
  }
  return s;
}

Value Evaluator::EvalVar(const Expr& e) {
  switch (e.var.scope) {
    case VarScope::kLocal: return Local(e.var.index, e.pos);
    case VarScope::kCapture: return Captured(e.var.index, e.pos);
    case VarScope::kGlobal:
      if (e.var.index >= program_.defns.size()) Fault(e.pos, "bad defn index");
      return Value::Defn(program_.defns[e.var.index]);
    case VarScope::kUnresolved: break;
  }
  FaultNamed(e.pos, "unresolved variable", e.name);
}

Value Evaluator::EvalSet(const Expr& e) {
  Value v = Eval(*e.kids.at(0));
  switch (e.var.scope) {
    case VarScope::kLocal:
      Local(e.var.index, e.pos) = std::move(v);
      return Value::Null();
    case VarScope::kCapture: {
      // The closure's environment is a container: the store rule applies.
      Value& slot = Captured(e.var.index, e.pos);
      CheckLive(v, e.pos);
      if (!MayStore(closure_->region, v)) {
        Raise(ErrorKind::kArenaEscape, e.pos,
              ArenaEscapeMessage("set!", StoreTarget::kCapture, e.name));
      }
      slot = std::move(v);
      return Value::Null();
    }
    default: break;
  }
  FaultNamed(e.pos, "set! of a non-local", e.name);
}

Value Evaluator::EvalLet(const Expr& e) {
  for (const LetBinding& b : e.bindings) {
    Value v = Eval(*b.init);
    Local(b.slot, b.pos) = std::move(v);
  }
  return EvalSequence(e.kids, 0);
}

Value Evaluator::EvalIf(const Expr& e) {
  if (Eval(*e.kids.at(0)).IsTruthy()) return Eval(*e.kids.at(1));
  return e.kids.size() > 2 ? Eval(*e.kids[2]) : Value::Null();
}

Value Evaluator::EvalAndOr(const Expr& e) {
  bool is_and = e.kind == ExprKind::kAnd;
  Value v = Value::Bool(is_and);
  for (const ExprPtr& kid : e.kids) {
    v = Eval(*kid);
    if (v.IsTruthy() != is_and) break;  // the deciding value
  }
  return v;
}

Value Evaluator::EvalWhile(const Expr& e) {
  while (Eval(*e.kids.at(0)).IsTruthy()) {
    ConsumeFuel(e.pos);
    EvalSequence(e.kids, 1);
  }
  return Value::Null();
}

Value Evaluator::EvalFor(const Expr& e) {
  Value from = Eval(*e.kids.at(0));
  Value to = Eval(*e.kids.at(1));
  if (from.tag != Tag::kInt) {
    Raise(ErrorKind::kType, e.pos, ForBoundMessage(false, TypeName(from)));
  }
  if (to.tag != Tag::kInt) {
    Raise(ErrorKind::kType, e.pos, ForBoundMessage(true, TypeName(to)));
  }
  // i < to.i <= INT64_MAX, so ++i cannot overflow.
  for (int64_t i = from.i; i < to.i; ++i) {
    ConsumeFuel(e.pos);
    Local(e.var.index, e.pos) = Value::Int(i);
    EvalSequence(e.kids, 2);
  }
  return Value::Null();
}

Value Evaluator::EvalFn(const Expr& e) {
  if (!e.fn) Fault(e.pos, "fn without a function");
  const Function& fn = *e.fn;
  std::vector<Value> captures;
  captures.reserve(fn.captures.size());
  for (const Capture& c : fn.captures) {
    captures.push_back(c.from == VarScope::kLocal ? Local(c.index, e.pos)
                                                  : Captured(c.index, e.pos));
  }
  // Every live object is in the innermost region or an outer one, so the
  // copies obey the store rule without a check. (A dead one can only be here
  // if a rule is broken; it is caught where it is touched.)
  return Value::Ref(regions_.New<ClosureObj>(&fn, std::move(captures)));
}

Value Evaluator::EvalWithArena(const Expr& e) {
  regions_.Enter(&e);
  Value v = EvalSequence(e.kids, 0);
  // The static check guarantees the result is not an object of this arena
  // (nor of an inner one, dead already). Anything else is its bug.
  if (v.IsObject() &&
      (!IsLive(v.obj) || v.obj->region == regions_.innermost())) {
    FaultNamed(e.pos, "the result of with-arena", e.name,
               " is an object of an arena that ends with it");
  }
  regions_.Exit();
  return v;
}

Value Evaluator::EvalCall(const Expr& e) {
  Value callee = Eval(*e.kids.at(0));
  size_t args_base = stack_.size();
  for (size_t i = 1; i < e.kids.size(); ++i) {
    Value arg = Eval(*e.kids[i]);
    stack_.push_back(std::move(arg));
  }
  size_t argc = e.kids.size() - 1;
  const Function* fn;
  ClosureObj* closure = nullptr;
  if (callee.tag == Tag::kDefn) {
    fn = callee.defn;
  } else if (callee.tag == Tag::kClosure) {
    CheckLive(callee, e.pos);
    closure = callee.closure();
    fn = closure->fn;
  } else {
    Raise(ErrorKind::kType, e.pos, NotCallableMessage(TypeName(callee)));
  }
  if (argc != fn->params.size()) {
    Raise(ErrorKind::kArity, e.pos,
          ArityMessage(fn->name, fn->params.size(), argc));
  }
  ConsumeFuel(e.pos);
  if (depth_ >= kMaxCallDepth) {
    Raise(ErrorKind::kStackOverflow, e.pos, StackOverflowMessage());
  }
  return Invoke(*fn, closure, args_base);
}

Value Evaluator::Invoke(const Function& fn, ClosureObj* closure,
                        size_t args_base) {
  if (fn.num_slots < fn.params.size()) Fault(fn.pos, "frame too small");
  stack_.resize(args_base + fn.num_slots);
  size_t saved_base = frame_base_;
  size_t saved_size = frame_size_;
  ClosureObj* saved_closure = closure_;
  frame_base_ = args_base;
  frame_size_ = fn.num_slots;
  closure_ = closure;
  ++depth_;
  Value result = EvalSequence(fn.body, 0);
  --depth_;
  frame_base_ = saved_base;
  frame_size_ = saved_size;
  closure_ = saved_closure;
  stack_.resize(args_base);
  return result;
}

Value Evaluator::EvalBuiltin(const Expr& e) {
  // Arity is checked statically; BuiltinOps relies on it.
  const BuiltinInfo& info = GetBuiltinInfo(e.builtin);
  auto argc = static_cast<int64_t>(e.kids.size());
  if (argc < info.min_args || (info.max_args >= 0 && argc > info.max_args)) {
    Fault(e.pos, "builtin called with a wrong argument count");
  }
  size_t base = stack_.size();
  for (const ExprPtr& kid : e.kids) {
    Value arg = Eval(*kid);
    stack_.push_back(std::move(arg));
  }
  // Builtins never run user code, so stack_ stays put while they read it.
  Value result = builtins_.Call(
      e.builtin, std::span<const Value>(stack_.data() + base, e.kids.size()),
      e.pos);
  stack_.resize(base);
  return result;
}

void Evaluator::ConsumeFuel(Pos pos) {
  if (fuel_ == 0) RaiseOutOfFuel(pos);
  --fuel_;
}

Value& Evaluator::Local(uint32_t slot, Pos pos) {
  if (slot >= frame_size_) Fault(pos, "local slot out of range");
  return stack_[frame_base_ + slot];
}

Value& Evaluator::Captured(uint32_t index, Pos pos) {
  if (closure_ == nullptr || index >= closure_->captures.size()) {
    Fault(pos, "capture index out of range");
  }
  return closure_->captures[index];
}

}  // namespace tern::interp
