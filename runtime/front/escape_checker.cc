#include "runtime/front/escape_checker.h"

#include <algorithm>
#include <array>
#include <bit>
#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_set>
#include <utility>
#include <vector>

#include "runtime/builtins.h"
#include "runtime/display.h"
#include "runtime/limits.h"

namespace tern {
namespace {

// Every message of the arena-escape check.
namespace msg {

std::string Quoted(std::string_view s) { return QuoteName(s); }

std::string BlockResult(std::string_view label) {
  return "the result of with-arena " + Quoted(label) +
         " may be allocated in its arena, which ends with the block";
}

std::string SetOuter(std::string_view var, std::string_view label) {
  return "set! of " + Quoted(var) + ", declared outside with-arena " +
         Quoted(label) + ", to a value that may be allocated in that arena";
}

std::string StoreOuter(std::string_view op, std::string_view label) {
  return std::string(op) + " of a value that may be allocated in with-arena " +
         Quoted(label) + " into a container that may not be";
}

}  // namespace msg

// A set of positions in the block stack (0: the outermost block). Blocks are
// brackets, so the stack is never deeper than the nesting limit.
class StackSet {
 public:
  static constexpr size_t kCapacity = 256;
  static_assert(kMaxNesting <= kCapacity);

  // Positions 0..n-1: every block of a stack of n blocks.
  static StackSet FirstN(size_t n) {
    StackSet s;
    for (size_t w = 0; w < s.words_.size() && n > 0; ++w) {
      const size_t k = std::min<size_t>(n, 64);
      s.words_[w] = k == 64 ? ~uint64_t{0} : (uint64_t{1} << k) - 1;
      n -= k;
    }
    return s;
  }

  void Add(size_t pos) { words_[pos / 64] |= uint64_t{1} << (pos % 64); }
  void Remove(size_t pos) { words_[pos / 64] &= ~(uint64_t{1} << (pos % 64)); }
  bool Has(size_t pos) const { return (words_[pos / 64] >> (pos % 64)) & 1; }
  StackSet& operator|=(const StackSet& o) {
    for (size_t w = 0; w < words_.size(); ++w) words_[w] |= o.words_[w];
    return *this;
  }
  StackSet Minus(const StackSet& o) const {
    StackSet s;
    for (size_t w = 0; w < words_.size(); ++w) {
      s.words_[w] = words_[w] & ~o.words_[w];
    }
    return s;
  }
  // The highest position >= `from` in the set, or -1.
  int Highest(size_t from = 0) const {
    for (size_t w = words_.size(); w-- > 0;) {
      uint64_t bits = words_[w];
      if (from > w * 64) {
        const size_t skip = from - w * 64;
        if (skip >= 64) return -1;
        bits &= ~uint64_t{0} << skip;
      }
      if (bits != 0) {
        return static_cast<int>(w * 64 + 63 - std::countl_zero(bits));
      }
    }
    return -1;
  }

 private:
  std::array<uint64_t, kCapacity / 64> words_{};
};

// Maps resolved variable references to program-wide variable numbers. Both
// passes of the checker walk the tree in the same order and so number the
// variables identically.
class Variables {
 public:
  void Restart() {
    next_ = 0;
    frames_.clear();
    vars_.clear();
  }

  // `stack_len`: the number of blocks around the declaration.
  void EnterFunction(const Function& f, size_t stack_len) {
    EnterFrame(f.num_slots, f.captures, f.params.size(), stack_len);
  }
  // A frame of `num_slots` slots whose first `num_params` are parameters.
  void EnterFrame(uint32_t num_slots, const List<Capture>& captures,
                  size_t num_params, size_t stack_len) {
    // Every frame's numbers live in one stack (slots, then captures), so a
    // frame allocates nothing once the deepest nesting has been seen.
    Frame frame;
    frame.slots = vars_.size();
    frame.captures = frame.slots + num_slots;
    vars_.resize(frame.captures, 0);
    for (const Capture& c : captures) {
      const Frame& outer = frames_.back();
      const uint32_t var = vars_[c.from == VarScope::kLocal
                                     ? outer.slots + c.index
                                     : outer.captures + c.index];
      vars_.push_back(var);
    }
    frames_.push_back(frame);
    for (uint32_t i = 0; i < num_params; ++i) Declare(i, stack_len);
  }
  void ExitFunction() {
    vars_.resize(frames_.back().slots);
    frames_.pop_back();
  }

  uint32_t Declare(uint32_t slot, size_t stack_len) {
    const uint32_t id = next_++;
    if (id == decl_len_.size()) {
      decl_len_.push_back(static_cast<uint32_t>(stack_len));
    }
    vars_[frames_.back().slots + slot] = id;
    return id;
  }

  // A kLocal or kCapture reference.
  uint32_t Lookup(const VarRef& ref) const {
    const Frame& f = frames_.back();
    return vars_[ref.scope == VarScope::kLocal ? f.slots + ref.index
                                               : f.captures + ref.index];
  }

  size_t count() const { return decl_len_.size(); }
  // The number of blocks around the variable's declaration.
  uint32_t DeclStackLen(uint32_t var) const { return decl_len_[var]; }

 private:
  // Where a frame's slot and capture variable numbers start in vars_.
  struct Frame {
    size_t slots;
    size_t captures;
  };
  std::vector<Frame> frames_;
  std::vector<uint32_t> vars_;
  std::vector<uint32_t> decl_len_;
  uint32_t next_ = 0;
};

struct Block {
  Pos pos;
  std::string_view label;
  uint32_t depth = 0;  // its position in the block stack
  uint32_t last = 0;   // the highest id nested in it (ids are pre-order)
};

// prov(var) ⊇ prov(value) ∩ S(source): a read of `from` is a possible
// result of a value stored into `to` at a source whose innermost block is
// `filter`, so `from`'s block B flows to `to` iff B encloses `filter`.
struct Edge {
  uint32_t from;
  uint32_t to;
  uint32_t filter;
};

// The value of an expression being walked in pass 1 flows into `var` (its
// initial value or a `set!`), at a source with `stack_len` blocks around it.
struct Sink {
  uint32_t var;
  size_t stack_len;
  bool seeded = false;  // its blocks have been added to `var`
};

class EscapeChecker {
 public:
  explicit EscapeChecker(Program* program) : program_(*program) {}

  std::optional<Error> Run() {
    blocks_.emplace_back();  // ids are 1-based
    for (const TopForm& form : program_.order) CollectForm(form);
    program_.num_arenas = static_cast<uint32_t>(blocks_.size() - 1);
    if (program_.num_arenas == 0) return std::nullopt;
    Solve();
    vars_.Restart();
    for (const TopForm& form : program_.order) JudgeForm(form);
    return first_violation_;
  }

 private:
  // Pass 1: number the blocks and variables, collect the flow graph.
  void CollectForm(const TopForm& form);
  void CollectFunction(Function& f);
  void Collect(Expr& e, Sink* sink);
  void CollectBody(ExprList& body, size_t from, Sink* sink);
  void Seed(Sink* sink);
  void AddFact(uint32_t var, uint32_t block);

  // Between the passes: the fixed point of the variables' provenance.
  void Solve();

  // Pass 2: provenance of every expression; the rules.
  void JudgeForm(const TopForm& form);
  void JudgeFunction(const Function& f);
  StackSet Judge(const Expr& e);
  StackSet JudgeBody(const ExprList& body, size_t from);
  StackSet VarProvenance(uint32_t var) const;
  void CheckStore(const Expr& e, const StackSet& container,
                  const StackSet& value);
  void Report(Pos pos, std::string message);

  std::string_view LabelAt(int stack_pos) const {
    return blocks_[stack_[static_cast<size_t>(stack_pos)]].label;
  }
  static uint64_t FactKey(uint32_t var, uint32_t block) {
    return (uint64_t{var} << 32) | block;
  }

  Program& program_;
  Variables vars_;
  std::vector<Block> blocks_;    // by arena id
  std::vector<uint32_t> stack_;  // ids of the blocks around the walk
  std::vector<Edge> edges_;
  // The facts "block B is in prov(var)", as a set and as per-variable lists.
  std::unordered_set<uint64_t> facts_;
  std::vector<std::vector<uint32_t>> var_blocks_;
  std::vector<std::pair<uint32_t, uint32_t>> pending_;
  std::optional<Error> first_violation_;
};

void EscapeChecker::CollectForm(const TopForm& form) {
  if (form.is_defn()) return CollectFunction(*program_.defns[form.index()]);
  vars_.EnterFrame(form.num_slots(), {}, 0, stack_.size());
  Collect(*form.expr(), nullptr);
  vars_.ExitFunction();
}

void EscapeChecker::CollectFunction(Function& f) {
  vars_.EnterFunction(f, stack_.size());
  for (ExprPtr& e : f.body) Collect(*e, nullptr);
  vars_.ExitFunction();
}

void EscapeChecker::Seed(Sink* sink) {
  if (sink == nullptr || sink->seeded) return;
  sink->seeded = true;
  for (size_t i = 0; i < sink->stack_len; ++i) AddFact(sink->var, stack_[i]);
}

void EscapeChecker::AddFact(uint32_t var, uint32_t block) {
  if (!facts_.insert(FactKey(var, block)).second) return;
  if (var >= var_blocks_.size()) var_blocks_.resize(var + 1);
  var_blocks_[var].push_back(block);
  pending_.emplace_back(var, block);
}

void EscapeChecker::CollectBody(ExprList& body, size_t from,
                                Sink* sink) {
  for (size_t i = from; i < body.size(); ++i) {
    Collect(*body[i], i + 1 == body.size() ? sink : nullptr);
  }
}

void EscapeChecker::Collect(Expr& e, Sink* sink) {
  ExprList& kids = e.kids;
  switch (e.kind) {
    case ExprKind::kInt:
    case ExprKind::kFloat:
    case ExprKind::kStr:
    case ExprKind::kBool:
    case ExprKind::kNull: return;
    case ExprKind::kVar:
      if (sink != nullptr && sink->stack_len > 0 &&
          e.var.scope != VarScope::kGlobal) {
        edges_.push_back(
            Edge{vars_.Lookup(e.var), sink->var, stack_[sink->stack_len - 1]});
      }
      return;
    case ExprKind::kSet: {
      Sink value{vars_.Lookup(e.var), stack_.size()};
      Collect(*kids[0], &value);
      return;
    }
    case ExprKind::kLet:
      for (LetBinding& b : e.bindings) {
        Sink init{vars_.Declare(b.slot, stack_.size()), stack_.size()};
        Collect(*b.init, &init);
      }
      CollectBody(kids, 0, sink);
      return;
    case ExprKind::kFor:
      Collect(*kids[0], nullptr);
      Collect(*kids[1], nullptr);
      vars_.Declare(e.var.index, stack_.size());
      CollectBody(kids, 2, nullptr);
      return;
    case ExprKind::kIf:
      Collect(*kids[0], nullptr);
      for (size_t i = 1; i < kids.size(); ++i) Collect(*kids[i], sink);
      return;
    case ExprKind::kAnd:
    case ExprKind::kOr:
      for (ExprPtr& k : kids) Collect(*k, sink);
      return;
    case ExprKind::kDo:
    case ExprKind::kNoGc: CollectBody(kids, 0, sink); return;
    case ExprKind::kWhile:
    case ExprKind::kNot: CollectBody(kids, 0, nullptr); return;
    case ExprKind::kWithArena: {
      const auto id = static_cast<uint32_t>(blocks_.size());
      e.arena_id = id;
      blocks_.push_back(
          Block{e.pos, e.name, static_cast<uint32_t>(stack_.size()), 0});
      stack_.push_back(id);
      CollectBody(kids, 0, sink);
      stack_.pop_back();
      blocks_[id].last = static_cast<uint32_t>(blocks_.size() - 1);
      return;
    }
    case ExprKind::kFn:
      CollectFunction(*e.fn);
      Seed(sink);
      return;
    case ExprKind::kCall:
      CollectBody(kids, 0, nullptr);
      Seed(sink);
      return;
    case ExprKind::kBuiltin:
      if (e.builtin == Builtin::kGet || e.builtin == Builtin::kPop) {
        Collect(*kids[0], sink);
        CollectBody(kids, 1, nullptr);
        return;
      }
      for (ExprPtr& k : kids) Collect(*k, nullptr);
      if (GetBuiltinInfo(e.builtin).allocates) Seed(sink);
      return;
  }
}

void EscapeChecker::Solve() {
  var_blocks_.resize(vars_.count());
  // Out-edges grouped by source variable, each group sorted by filter block:
  // the blocks nested in B (B included) are the ids B..last(B).
  std::sort(edges_.begin(), edges_.end(), [](const Edge& a, const Edge& b) {
    return std::pair(a.from, a.filter) < std::pair(b.from, b.filter);
  });
  std::vector<size_t> first(vars_.count() + 1, 0);
  for (const Edge& e : edges_) ++first[e.from + 1];
  for (size_t v = 0; v < vars_.count(); ++v) first[v + 1] += first[v];
  while (!pending_.empty()) {
    auto [var, block] = pending_.back();
    pending_.pop_back();
    auto begin = edges_.begin() + static_cast<ptrdiff_t>(first[var]);
    auto end = edges_.begin() + static_cast<ptrdiff_t>(first[var + 1]);
    auto it = std::lower_bound(
        begin, end, block,
        [](const Edge& e, uint32_t b) { return e.filter < b; });
    for (; it != end && it->filter <= blocks_[block].last; ++it) {
      AddFact(it->to, block);
    }
  }
}

void EscapeChecker::JudgeForm(const TopForm& form) {
  if (form.is_defn()) return JudgeFunction(*program_.defns[form.index()]);
  vars_.EnterFrame(form.num_slots(), {}, 0, stack_.size());
  Judge(*form.expr());
  vars_.ExitFunction();
}

void EscapeChecker::JudgeFunction(const Function& f) {
  vars_.EnterFunction(f, stack_.size());
  for (const ExprPtr& e : f.body) Judge(*e);
  vars_.ExitFunction();
}

StackSet EscapeChecker::VarProvenance(uint32_t var) const {
  StackSet s;
  const std::vector<uint32_t>& known = var_blocks_[var];
  if (known.size() <= stack_.size()) {
    for (uint32_t b : known) {
      const uint32_t depth = blocks_[b].depth;
      if (depth < stack_.size() && stack_[depth] == b) s.Add(depth);
    }
  } else {
    for (size_t i = 0; i < stack_.size(); ++i) {
      if (facts_.count(FactKey(var, stack_[i])) != 0) s.Add(i);
    }
  }
  return s;
}

StackSet EscapeChecker::JudgeBody(const ExprList& body,
                                  size_t from) {
  StackSet last;
  for (size_t i = from; i < body.size(); ++i) last = Judge(*body[i]);
  return last;
}

void EscapeChecker::Report(Pos pos, std::string message) {
  if (!first_violation_ || pos < first_violation_->pos) {
    first_violation_ = Error{ErrorKind::kArenaEscape, pos, std::move(message)};
  }
}

void EscapeChecker::CheckStore(const Expr& e, const StackSet& container,
                               const StackSet& value) {
  const int escaping = value.Minus(container).Highest();
  if (escaping >= 0) {
    Report(e.pos,
           msg::StoreOuter(GetBuiltinInfo(e.builtin).name, LabelAt(escaping)));
  }
}

StackSet EscapeChecker::Judge(const Expr& e) {
  const ExprList& kids = e.kids;
  switch (e.kind) {
    case ExprKind::kInt:
    case ExprKind::kFloat:
    case ExprKind::kStr:
    case ExprKind::kBool:
    case ExprKind::kNull: return {};
    case ExprKind::kVar:
      if (e.var.scope == VarScope::kGlobal) return {};
      return VarProvenance(vars_.Lookup(e.var));
    case ExprKind::kSet: {
      const StackSet value = Judge(*kids[0]);
      const uint32_t var = vars_.Lookup(e.var);
      const int escaping = value.Highest(vars_.DeclStackLen(var));
      if (escaping >= 0) {
        Report(e.pos, msg::SetOuter(e.name, LabelAt(escaping)));
      }
      return {};
    }
    case ExprKind::kLet:
      for (const LetBinding& b : e.bindings) {
        vars_.Declare(b.slot, stack_.size());
        Judge(*b.init);
      }
      return JudgeBody(kids, 0);
    case ExprKind::kFor:
      Judge(*kids[0]);
      Judge(*kids[1]);
      vars_.Declare(e.var.index, stack_.size());
      JudgeBody(kids, 2);
      return {};
    case ExprKind::kIf: {
      Judge(*kids[0]);
      StackSet result;
      for (size_t i = 1; i < kids.size(); ++i) result |= Judge(*kids[i]);
      return result;
    }
    case ExprKind::kAnd:
    case ExprKind::kOr: {
      StackSet result;
      for (const ExprPtr& k : kids) result |= Judge(*k);
      return result;
    }
    case ExprKind::kDo:
    case ExprKind::kNoGc: return JudgeBody(kids, 0);
    case ExprKind::kWhile:
    case ExprKind::kNot: JudgeBody(kids, 0); return {};
    case ExprKind::kWithArena: {
      const size_t depth = stack_.size();
      stack_.push_back(e.arena_id);
      StackSet result = JudgeBody(kids, 0);
      if (result.Has(depth)) Report(e.pos, msg::BlockResult(e.name));
      result.Remove(depth);  // outside, the block is not on the stack
      stack_.pop_back();
      return result;
    }
    case ExprKind::kFn:
      JudgeFunction(*e.fn);
      return StackSet::FirstN(stack_.size());
    case ExprKind::kCall:
      JudgeBody(kids, 0);
      return StackSet::FirstN(stack_.size());
    case ExprKind::kBuiltin:
      switch (e.builtin) {
        case Builtin::kGet:
        case Builtin::kPop: {
          StackSet container = Judge(*kids[0]);
          JudgeBody(kids, 1);
          return container;
        }
        case Builtin::kPut: {
          const StackSet container = Judge(*kids[0]);
          Judge(*kids[1]);  // a key is left to the dynamic rule
          CheckStore(e, container, Judge(*kids[2]));
          return {};
        }
        case Builtin::kPush: {
          const StackSet container = Judge(*kids[0]);
          CheckStore(e, container, Judge(*kids[1]));
          return {};
        }
        default:
          JudgeBody(kids, 0);
          if (GetBuiltinInfo(e.builtin).allocates) {
            return StackSet::FirstN(stack_.size());
          }
          return {};
      }
  }
  return {};
}

}  // namespace

std::optional<Error> CheckArenaEscapes(Program* program) {
  return EscapeChecker(program).Run();
}

}  // namespace tern
