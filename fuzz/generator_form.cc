// Forms that nest code: let, if, do, no-gc, with-arena; calls and lambdas.

#include <algorithm>
#include <string>

#include "fuzz/generator.h"

namespace tern::fuzz {

Code Generator::FormExpr(const Type& want, int m) {
  // A with-arena block's result may not carry the block's own provenance:
  // inside, the most it may carry is min(m, depth outside the block), which
  // only a literal or an outer variable can satisfy for some types.
  const int inner_m = std::min(m, depth_);
  const bool arena_ok = depth_ < kMaxArenaDepth &&
                        (want.kind != Kind::kVec && want.kind != Kind::kMap &&
                                 want.kind != Kind::kFn
                             ? true
                             : AnyFitting(want, inner_m));
  enum { kIf, kLet, kDo, kNoGc, kArena };
  switch (in_.Weighted({When(On(Feature::kIf), 6), When(On(Feature::kLet), 6),
                        2, When(On(Feature::kNoGc), 1),
                        When(arena_ok && On(Feature::kWithArena), 3)})) {
    case kIf:
      return IfExpr(want, m);
    case kLet:
      return LetExpr(want, m);
    case kDo:
    case kNoGc: {
      const bool do_form = in_.Percent(70);
      Use(do_form ? Feature::kDo : Feature::kNoGc);
      const std::string body = Stmts(2);
      const Code result = Expr(want, m);
      return Code{
          Cat({(do_form ? "(do" : "(no-gc"), body, " ", result.text, ")"}),
          result.lo, result.hi};
    }
    default:
      return ArenaExpr(want, m);
  }
}

Code Generator::LetExpr(const Type& want, int m) {
  Use(Feature::kLet);
  const size_t mark = scope_.Mark();
  std::string bindings;
  const int n = static_cast<int>(in_.Below(4));
  for (int i = 0; i < n; ++i) {
    if (i > 0) bindings += ' ';
    bindings += Binding();
  }
  const std::string body = Stmts(2);
  const Code result = Expr(want, m);
  scope_.PopTo(mark);
  return Code{Cat({"(let (", bindings, ")", body, " ", result.text, ")"}),
              result.lo, result.hi};
}

std::string Generator::Binding() {
  Type type = RandomType(2);
  if (type.kind == Kind::kFn)
    type.calls_defns = may_call_defns_ && in_.Percent(40);
  const bool is_mut = in_.Percent(35);
  const Code init = Expr(type, depth_);
  Var var;
  var.type = type;
  var.assignable = is_mut;
  var.shadowable = true;
  var.fn_level = fn_level_;
  var.prov_lo = init.lo;
  var.prov_hi = init.hi;
  // A mut variable's provenance grows with what is set! into it; widening
  // the bound up front lets later set!s store allocations of this block.
  if (is_mut && depth_ > 0 && in_.Percent(30)) var.prov_hi = depth_;
  // Only variables of types a literal can stand in for are shadowed: hiding
  // the one variable that could supply a container or a function would
  // leave a pending expression with nothing to write.
  const auto shadowable = scope_.Find([](const Var& v) {
    return v.shadowable && v.type.kind != Kind::kVec &&
           v.type.kind != Kind::kMap && v.type.kind != Kind::kFn;
  });
  if (!shadowable.empty() && in_.Percent(10)) {
    Use(Feature::kShadowing);
    var.name = scope_.at(Pick(shadowable)).name;
  } else {
    var.name = NewName();
  }
  std::string text =
      std::string(is_mut ? "(mut " : "(") + var.name + ' ' + init.text + ')';
  scope_.Declare(std::move(var));
  return text;
}

Code Generator::IfExpr(const Type& want, int m) {
  Use(Feature::kIf);
  const Code cond = Cond();
  const Code then = Expr(want, m);
  if ((want.kind == Kind::kAny || want.kind == Kind::kNull) &&
      in_.Percent(30)) {
    return Code{Cat({"(if ", cond.text, " ", then.text, ")"}), then.lo,
                then.hi};
  }
  const Code other = Expr(want, m);
  return Code{Cat({"(if ", cond.text, " ", then.text, " ", other.text, ")"}),
              std::max(then.lo, other.lo), std::max(then.hi, other.hi)};
}

Code Generator::ArenaExpr(const Type& want, int m) {
  const int result_m =
      options_.relax_arena_rules ? Relaxed(std::min(m, depth_), depth_ + 1)
                                 : std::min(m, depth_);
  const std::string label = NewLabel();
  Saved<int> saved(depth_);
  ++depth_;
  Use(Feature::kWithArena);
  if (depth_ > 1) Use(Feature::kNestedArena);
  const std::string body = Stmts(4);
  const Code result = Expr(want, result_m);
  return Code{Cat({"(with-arena ", label, body, " ", result.text, ")"}),
              result.lo, result.hi};
}

Code Generator::Cond() {
  return Expr(in_.Percent(85) ? TypeOf(Kind::kBool) : TypeOf(Kind::kAny),
              depth_);
}

Code Generator::CallExpr(const Type& want, int m) {
  // A call's result has the provenance of every enclosing block.
  if (!CanAlloc(m)) Bug("call where no provenance is allowed");
  IndexList defns;
  if (may_call_defns_) {
    for (size_t i = 0; i < defns_.size(); ++i) {
      if (Fits(sigs_.Get(defns_[i].sig).result, want)) defns.push_back(i);
    }
  }
  const auto fns = scope_.Find([&](const Var& v) {
    return v.type.kind == Kind::kFn &&
           Fits(sigs_.Get(v.type.sig).result, want) &&
           (may_call_defns_ || !v.type.calls_defns);
  });
  if (depth_ > 0) Use(Feature::kArenaCall);
  enum { kImmediate, kDefn, kClosure };
  switch (in_.Weighted({1, When(!defns.empty(), 6), When(!fns.empty(), 6)})) {
    case kImmediate: {
      Use(Feature::kImmediateCall);
      Signature sig;
      const int params = static_cast<int>(in_.Below(3));
      for (int i = 0; i < params; ++i) sig.params.push_back(RandomType(0));
      sig.result = want.kind == Kind::kAny ? RandomType(1) : want;
      if (sig.result.kind == Kind::kFn) sig.result.calls_defns = false;
      const int index = sigs_.Intern(sig);
      const Code callee = Lambda(index, may_call_defns_ && in_.Percent(30));
      return Code{Cat({"(", callee.text, Args(index), ")"}), depth_, depth_};
    }
    case kDefn:
      return CallDefn(defns[in_.Below(defns.size())], want, m);
    default: {
      Use(Feature::kClosureCall);
      const size_t index = Pick(fns);
      const int sig = scope_.at(index).type.sig;
      const Code callee = UseVar(index);
      return Code{Cat({"(", callee.text, Args(sig), ")"}), depth_, depth_};
    }
  }
}

Code Generator::CallDefn(size_t index, const Type& want, int m) {
  Use(Feature::kDefnCall);
  const std::string name = defns_[index].name;
  const int sig = defns_[index].sig;
  if (defn_ < 0) {
    // From top-level code: a small constant depth budget.
    const int64_t budget =
        in_.Percent(90) ? in_.InRange(0, std::min(3, max_call_depth_))
                        : in_.InRange(std::min(4, max_call_depth_),
                                      max_call_depth_);
    return Code{Cat({"(", name, " ", std::to_string(budget), Args(sig), ")"}),
                depth_, depth_};
  }
  // Between defns: spend one unit of the caller's budget `d`.
  calls_[static_cast<size_t>(defn_)].insert(index);
  const std::string args = Args(sig);
  const Code fallback = Expr(want, m);
  return Code{
      Cat({"(if (> d 0) (", name, " (- d 1)", args, ") ", fallback.text, ")"}),
      std::max(depth_, fallback.lo), std::max(depth_, fallback.hi)};
}

std::string Generator::Args(int sig_index) {
  // Stable while emitting interns more (SignatureTable never moves them).
  const Signature& sig = sigs_.Get(sig_index);
  std::string out;
  for (const Type& param : sig.params) {
    if (param.kind == Kind::kFn) Use(Feature::kHigherOrder);
    AddSpaced(out, Expr(param, depth_).text);
  }
  return out;
}

Code Generator::Lambda(int sig_index, bool calls_defns) {
  Use(Feature::kLambda);
  if (lambda_depth_ > 0) Use(Feature::kNestedLambda);
  const Signature& sig = sigs_.Get(sig_index);
  Saved<int> s1(fn_level_), s2(loop_depth_), s3(lambda_depth_);
  Saved<bool> s4(may_call_defns_);
  ++fn_level_;
  loop_depth_ = 0;
  ++lambda_depth_;
  may_call_defns_ = calls_defns;

  const size_t mark = scope_.Mark();
  std::string params;
  for (const Type& type : sig.params) {
    Var param;
    param.name = NewParamName();
    param.type = type;
    param.fn_level = fn_level_;
    if (!params.empty()) params += ' ';
    params += param.name;
    scope_.Declare(std::move(param));
  }
  const std::string body = Stmts(2);
  // A lambda's own result is not constrained by the arena rules: the call's
  // result carries provenance instead.
  const Code result = Expr(sig.result, depth_);
  scope_.PopTo(mark);
  return Alloc(Cat({"(fn (", params, ")", body, " ", result.text, ")"}));
}

}  // namespace tern::fuzz
