#include "runtime/front/resolver.h"

#include <stdexcept>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "runtime/builtins.h"
#include "runtime/display.h"

namespace tern {
namespace {

// Every message of name resolution.
namespace msg {

std::string PosText(Pos p) {
  return std::to_string(p.line) + ":" + std::to_string(p.col);
}

std::string Quoted(std::string_view name) { return QuoteName(name); }

std::string Unbound(std::string_view name) {
  if (BuiltinFromName(name)) {
    return Quoted(name) + " is a builtin operator, not a variable";
  }
  if (IsSpecialFormName(name)) {
    return Quoted(name) + " is a special form, not a variable";
  }
  return "unbound name " + Quoted(name);
}

std::string Reserved(std::string_view name) {
  return Quoted(name) + " is a reserved name and cannot be bound";
}

std::string DuplicateDefn(std::string_view name, Pos first) {
  return "duplicate defn " + Quoted(name) + " (first defined at " +
         PosText(first) + ")";
}

std::string DuplicateParam(std::string_view name) {
  return "duplicate parameter " + Quoted(name);
}

std::string SetOfDefn(std::string_view name) {
  return "cannot set! " + Quoted(name) + ": it names a defn";
}

std::string SetOfParam(std::string_view name) {
  return "cannot set! parameter " + Quoted(name) + ": parameters are immutable";
}

std::string SetOfLoopVar(std::string_view name) {
  return "cannot set! loop variable " + Quoted(name) +
         ": loop variables are immutable";
}

std::string SetOfImmutable(std::string_view name) {
  return "cannot set! " + Quoted(name) + ": it is not declared mut";
}

std::string Args(size_t n) {
  return std::to_string(n) + (n == 1 ? " argument" : " arguments");
}

std::string Arity(std::string_view name, size_t expected, size_t got) {
  return Quoted(name) + " takes " + Args(expected) + ", got " +
         std::to_string(got);
}

std::string ArityAtLeast(std::string_view name, size_t min, size_t got) {
  return Quoted(name) + " takes at least " + Args(min) + ", got " +
         std::to_string(got);
}

std::string ArityRange(std::string_view name, size_t min, size_t max,
                       size_t got) {
  return Quoted(name) + " takes " + std::to_string(min) + " to " + Args(max) +
         ", got " + std::to_string(got);
}

std::string ArityEven(std::string_view name, size_t got) {
  return Quoted(name) + " takes an even number of arguments, got " +
         std::to_string(got);
}

}  // namespace msg

enum class VarKind : unsigned char { kLet, kParam, kLoop };

// A variable in scope.
struct Binding {
  std::string_view name;  // points into the tree
  uint32_t fn_depth;      // index into Resolver::fns_ of its function
  uint32_t slot;
  bool is_mut;
  VarKind kind;
  uint32_t shadowed;  // the binding of the same name it hides, or kNone
};

constexpr uint32_t kNone = UINT32_MAX;

// Below this many parameters a duplicate is found by comparing each with the
// ones before it: no hash set to allocate for the common short list.
constexpr size_t kLinearParamCheck = 16;

class Resolver {
 public:
  explicit Resolver(Program* program) : program_(*program) {}

  std::optional<Error> Run() {
    if (!CheckDefnHeaders()) return error_;
    for (TopForm& form : program_.order) {
      if (form.is_defn()) {
        if (!ResolveFunction(program_.defns[form.index()])) return error_;
        continue;
      }
      PushFn();
      const bool ok = Walk(form.expr());
      if (!form.set_num_slots(TopFn().num_slots)) {
        // The parser's "binds nothing" disagrees with the slot count.
        throw std::logic_error("top-level form built inline has slots");
      }
      PopFn();
      Unbind(0);
      if (!ok) return error_;
    }
    return std::nullopt;
  }

 private:
  // The function being resolved at each lambda nesting depth.
  // (Its frame and captures are collected here, then stored in the arena.)
  struct FnContext {
    uint32_t num_slots = 0;
    std::vector<bool> slot_is_mut;
    std::vector<Capture> captures;
    // Binding index -> index in captures.
    std::unordered_map<uint32_t, uint32_t> captured;
  };

  bool Fail(ErrorKind kind, Pos pos, std::string message) {
    error_ = Error{kind, pos, std::move(message)};
    return false;
  }

  // The contexts of finished functions are kept and reused, so resolving a
  // function allocates nothing once the deepest nesting has been seen.
  void PushFn() {
    if (depth_ == fns_.size()) {
      fns_.emplace_back();
    } else {
      FnContext& fn = fns_[depth_];
      fn.num_slots = 0;
      fn.slot_is_mut.clear();
      fn.captures.clear();
      fn.captured.clear();
    }
    ++depth_;
  }
  void PopFn() { --depth_; }
  FnContext& TopFn() { return fns_[depth_ - 1]; }

  bool CheckDefnHeaders();
  bool CheckParams(const List<Param>& params);
  bool ResolveFunction(Function* f);
  bool ResolveLambda(Function* f);
  bool Walk(Expr* e);
  bool WalkAll(ExprList& exprs, size_t from = 0);
  bool WalkLet(Expr* e);
  bool WalkFor(Expr* e);
  bool WalkSet(Expr* e);
  bool WalkCall(Expr* e);
  bool CheckBuiltinArity(const Expr& e);
  bool CheckNotReserved(std::string_view name, Pos pos);

  // Brings a new variable of the innermost function into scope.
  uint32_t Bind(std::string_view name, bool is_mut, VarKind kind);
  // Ends the scope of the variables bound since `mark` (bindings_.size()).
  void Unbind(size_t mark);
  const Binding* Lookup(std::string_view name) const;
  VarRef RefTo(uint32_t binding);
  uint32_t CaptureIndex(uint32_t depth, uint32_t binding);

  Program& program_;
  Error error_;
  std::unordered_map<std::string_view, uint32_t> defn_index_;
  std::vector<FnContext> fns_;  // [0, depth_) are the functions being resolved
  size_t depth_ = 0;
  std::vector<Binding> bindings_;
  struct NameInfo {
    uint32_t innermost = kNone;  // index into bindings_, or kNone
    signed char reserved = -1;   // IsReservedName, once asked (-1: not yet)
  };
  // Name -> its innermost visible variable (the entry outlives the scope, so
  // a name's node is allocated once; the variables it hides are chained
  // through Binding::shadowed).
  std::unordered_map<std::string_view, NameInfo> visible_;
};

bool Resolver::CheckDefnHeaders() {
  for (uint32_t i = 0; i < program_.defns.size(); ++i) {
    const Function& f = *program_.defns[i];
    if (!CheckNotReserved(f.name, f.name_pos)) return false;
    auto [it, inserted] = defn_index_.emplace(f.name, i);
    if (!inserted) {
      return Fail(
          ErrorKind::kDuplicate, f.name_pos,
          msg::DuplicateDefn(f.name, program_.defns[it->second]->name_pos));
    }
    if (!CheckParams(f.params)) return false;
  }
  return true;
}

bool Resolver::CheckParams(const List<Param>& params) {
  std::unordered_set<std::string_view> seen;
  for (size_t i = 0; i < params.size(); ++i) {
    const Param& p = params[i];
    if (!CheckNotReserved(p.name, p.pos)) return false;
    bool duplicate = false;
    if (params.size() <= kLinearParamCheck) {
      for (size_t j = 0; j < i && !duplicate; ++j) {
        duplicate = params[j].name == p.name;
      }
    } else {
      duplicate = !seen.insert(p.name).second;
    }
    if (duplicate) {
      return Fail(ErrorKind::kDuplicate, p.pos, msg::DuplicateParam(p.name));
    }
  }
  return true;
}

bool Resolver::CheckNotReserved(std::string_view name, Pos pos) {
  NameInfo& info = visible_.try_emplace(name).first->second;
  if (info.reserved < 0) info.reserved = IsReservedName(name) ? 1 : 0;
  if (info.reserved == 0) return true;
  return Fail(ErrorKind::kReserved, pos, msg::Reserved(name));
}

uint32_t Resolver::Bind(std::string_view name, bool is_mut, VarKind kind) {
  FnContext& fn = TopFn();
  const uint32_t slot = fn.num_slots++;
  fn.slot_is_mut.push_back(is_mut);
  const auto index = static_cast<uint32_t>(bindings_.size());
  uint32_t& innermost = visible_.try_emplace(name).first->second.innermost;
  bindings_.push_back(Binding{name, static_cast<uint32_t>(depth_ - 1), slot,
                              is_mut, kind, innermost});
  innermost = index;
  return slot;
}

void Resolver::Unbind(size_t mark) {
  while (bindings_.size() > mark) {
    const Binding& b = bindings_.back();
    visible_.find(b.name)->second.innermost = b.shadowed;
    bindings_.pop_back();
  }
}

const Binding* Resolver::Lookup(std::string_view name) const {
  auto it = visible_.find(name);
  return it == visible_.end() || it->second.innermost == kNone
             ? nullptr
             : &bindings_[it->second.innermost];
}

VarRef Resolver::RefTo(uint32_t binding) {
  const auto depth = static_cast<uint32_t>(depth_ - 1);
  if (bindings_[binding].fn_depth == depth) {
    return VarRef{VarScope::kLocal, bindings_[binding].slot};
  }
  return VarRef{VarScope::kCapture, CaptureIndex(depth, binding)};
}

// The capture of `binding` in the lambda at `depth`, added on first use
// together with the captures of the lambdas in between (recursion is bounded
// by the nesting of lambdas, itself bounded by the nesting limit).
uint32_t Resolver::CaptureIndex(uint32_t depth, uint32_t binding) {
  FnContext& ctx = fns_[depth];
  if (auto it = ctx.captured.find(binding); it != ctx.captured.end()) {
    return it->second;
  }
  const Binding& b = bindings_[binding];
  Capture capture;
  capture.name = program_.NewStr(b.name);
  capture.is_mut = b.is_mut;
  if (b.fn_depth == depth - 1) {
    capture.from = VarScope::kLocal;
    capture.index = b.slot;
  } else {
    capture.from = VarScope::kCapture;
    capture.index = CaptureIndex(depth - 1, binding);
  }
  // (fns_ does not change size during the recursion: `ctx` stays valid.)
  const auto index = static_cast<uint32_t>(ctx.captures.size());
  ctx.captures.push_back(capture);
  ctx.captured.emplace(binding, index);
  return index;
}

bool Resolver::ResolveFunction(Function* f) {
  const size_t mark = bindings_.size();
  PushFn();
  for (const Param& p : f->params) Bind(p.name, false, VarKind::kParam);
  const bool ok = WalkAll(f->body);
  FnContext& ctx = TopFn();
  f->num_slots = ctx.num_slots;
  f->slot_is_mut = program_.NewList(ctx.slot_is_mut);
  f->captures = program_.NewList(ctx.captures);
  PopFn();
  Unbind(mark);
  return ok;
}

bool Resolver::ResolveLambda(Function* f) {
  return CheckParams(f->params) && ResolveFunction(f);
}

bool Resolver::WalkAll(ExprList& exprs, size_t from) {
  for (size_t i = from; i < exprs.size(); ++i) {
    if (!Walk(exprs[i])) return false;
  }
  return true;
}

bool Resolver::Walk(Expr* e) {
  switch (e->kind) {
    case ExprKind::kInt:
    case ExprKind::kFloat:
    case ExprKind::kStr:
    case ExprKind::kBool:
    case ExprKind::kNull: return true;
    case ExprKind::kVar: {
      if (const Binding* b = Lookup(e->name)) {
        e->var = RefTo(static_cast<uint32_t>(b - bindings_.data()));
        return true;
      }
      if (auto it = defn_index_.find(e->name); it != defn_index_.end()) {
        e->var = VarRef{VarScope::kGlobal, it->second};
        return true;
      }
      return Fail(ErrorKind::kUnbound, e->pos, msg::Unbound(e->name));
    }
    case ExprKind::kSet: return WalkSet(e);
    case ExprKind::kLet: return WalkLet(e);
    case ExprKind::kFor: return WalkFor(e);
    case ExprKind::kFn: return ResolveLambda(e->fn);
    case ExprKind::kCall: return WalkCall(e);
    case ExprKind::kBuiltin: return CheckBuiltinArity(*e) && WalkAll(e->kids);
    case ExprKind::kNot:
      if (e->kids.size() != 1) {
        return Fail(ErrorKind::kArity, e->pos,
                    msg::Arity("not", 1, e->kids.size()));
      }
      return Walk(e->kids[0]);
    case ExprKind::kIf:
    case ExprKind::kAnd:
    case ExprKind::kOr:
    case ExprKind::kDo:
    case ExprKind::kWhile:
    case ExprKind::kWithArena:  // the label is not a variable
    case ExprKind::kNoGc: return WalkAll(e->kids);
  }
  return true;
}

bool Resolver::WalkSet(Expr* e) {
  const Binding* b = Lookup(e->name);
  if (b == nullptr) {
    if (defn_index_.count(e->name) != 0) {
      return Fail(ErrorKind::kImmutable, e->pos, msg::SetOfDefn(e->name));
    }
    return Fail(ErrorKind::kUnbound, program_.NamePos(*e), msg::Unbound(e->name));
  }
  if (!b->is_mut) {
    std::string why = b->kind == VarKind::kParam ? msg::SetOfParam(e->name)
                      : b->kind == VarKind::kLoop
                          ? msg::SetOfLoopVar(e->name)
                          : msg::SetOfImmutable(e->name);
    return Fail(ErrorKind::kImmutable, e->pos, std::move(why));
  }
  // A captured mut variable is the closure's own copy: assigning it is fine.
  e->var = RefTo(static_cast<uint32_t>(b - bindings_.data()));
  return Walk(e->kids[0]);
}

bool Resolver::WalkLet(Expr* e) {
  const size_t mark = bindings_.size();
  bool ok = true;
  for (LetBinding& b : e->bindings) {
    // Source order: the name comes before its value.
    ok = CheckNotReserved(b.name, b.pos) && Walk(b.init);
    if (!ok) break;
    b.slot = Bind(b.name, b.is_mut, VarKind::kLet);
  }
  ok = ok && WalkAll(e->kids);
  Unbind(mark);
  return ok;
}

bool Resolver::WalkFor(Expr* e) {
  if (!CheckNotReserved(e->name, program_.NamePos(*e)) || !Walk(e->kids[0]) ||
      !Walk(e->kids[1])) {
    return false;
  }
  const size_t mark = bindings_.size();
  e->var = VarRef{VarScope::kLocal, Bind(e->name, false, VarKind::kLoop)};
  const bool ok = WalkAll(e->kids, 2);
  Unbind(mark);
  return ok;
}

bool Resolver::WalkCall(Expr* e) {
  Expr& callee = *e->kids[0];
  if (!Walk(&callee)) return false;
  if (callee.kind == ExprKind::kVar && callee.var.scope == VarScope::kGlobal) {
    const Function& target = *program_.defns[callee.var.index];
    const size_t got = e->kids.size() - 1;
    if (got != target.params.size()) {
      return Fail(ErrorKind::kArity, e->pos,
                  msg::Arity(target.name, target.params.size(), got));
    }
    e->direct_defn = static_cast<int32_t>(callee.var.index);
  }
  return WalkAll(e->kids, 1);
}

bool Resolver::CheckBuiltinArity(const Expr& e) {
  const BuiltinInfo& info = GetBuiltinInfo(e.builtin);
  const size_t got = e.kids.size();
  const auto min = static_cast<size_t>(info.min_args);
  if (info.max_args < 0) {
    if (got < min) {
      return Fail(ErrorKind::kArity, e.pos,
                  msg::ArityAtLeast(info.name, min, got));
    }
  } else if (const auto max = static_cast<size_t>(info.max_args);
             got < min || got > max) {
    return Fail(ErrorKind::kArity, e.pos,
                min == max ? msg::Arity(info.name, min, got)
                           : msg::ArityRange(info.name, min, max, got));
  }
  if (e.builtin == Builtin::kMap && got % 2 != 0) {
    return Fail(ErrorKind::kArity, e.pos, msg::ArityEven(info.name, got));
  }
  return true;
}

}  // namespace

std::optional<Error> Resolve(Program* program) {
  return Resolver(program).Run();
}

}  // namespace tern
