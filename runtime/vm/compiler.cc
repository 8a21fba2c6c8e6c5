#include "runtime/vm/compiler.h"

#include <cstring>
#include <span>
#include <limits>
#include <optional>
#include <utility>
#include <vector>

#include "runtime/vm/null_bounds.h"
#include "runtime/vm/superinstructions.h"

namespace tern::vm {
namespace {

constexpr uint32_t kMaxRegs = 65535;

// Thrown (inside this file only) when a function outgrows the format.
struct TooBig {
  std::string why;
};

// A form whose only write to its destination is its last instruction, after
// every operand has been read: it may target a variable's own register.
bool WritesDestinationLast(const Expr& e) {
  if (IsAtom(e)) return true;
  if (e.kind != ExprKind::kBuiltin && e.kind != ExprKind::kCall) return false;
  for (const auto& k : e.kids) {
    if (!IsAtom(*k)) return false;
  }
  return true;
}

bool FitsInt16(int64_t v) { return v >= INT16_MIN && v <= INT16_MAX; }
bool FitsInt32(int64_t v) { return v >= INT32_MIN && v <= INT32_MAX; }

// The fused compare-and-branch opcodes of a comparison builtin.
bool BranchOps(Builtin b, Op* reg_form, Op* imm_form) {
  switch (b) {
    case Builtin::kLt: *reg_form = Op::kBrNotLt; *imm_form = Op::kBrNotLtI; return true;
    case Builtin::kLe: *reg_form = Op::kBrNotLe; *imm_form = Op::kBrNotLeI; return true;
    case Builtin::kGt: *reg_form = Op::kBrNotGt; *imm_form = Op::kBrNotGtI; return true;
    case Builtin::kGe: *reg_form = Op::kBrNotGe; *imm_form = Op::kBrNotGeI; return true;
    case Builtin::kEq: *reg_form = Op::kBrNotEq; *imm_form = Op::kBrNotEqI; return true;
    case Builtin::kNe: *reg_form = Op::kBrNotNe; *imm_form = Op::kBrNotNeI; return true;
    default: return false;
  }
}

// The two-operand opcode of a builtin with a register fast path, and its
// int32-immediate form where it has one.
bool BinaryOp(Builtin b, Op* op, std::optional<Op>* imm_form) {
  *imm_form = std::nullopt;
  switch (b) {
    case Builtin::kAdd: *op = Op::kAdd; *imm_form = Op::kAddI; return true;
    case Builtin::kSub: *op = Op::kSub; *imm_form = Op::kSubI; return true;
    case Builtin::kMul: *op = Op::kMul; *imm_form = Op::kMulI; return true;
    case Builtin::kMod: *op = Op::kMod; *imm_form = Op::kModI; return true;
    case Builtin::kDiv: *op = Op::kDiv; return true;
    case Builtin::kLt: *op = Op::kLt; return true;
    case Builtin::kLe: *op = Op::kLe; return true;
    case Builtin::kGt: *op = Op::kGt; return true;
    case Builtin::kGe: *op = Op::kGe; return true;
    case Builtin::kEq: *op = Op::kEq; return true;
    case Builtin::kNe: *op = Op::kNe; return true;
    case Builtin::kGet: *op = Op::kGet; return true;
    default: return false;
  }
}

// The nodes of a chunk's body (its lambdas' bodies are chunks of their own)
// and those of them that may need a constant.
struct CodeSize {
  size_t nodes = 0;
  size_t constants = 0;

  void Add(const Expr& e) {
    ++nodes;
    switch (e.kind) {
      case ExprKind::kInt: constants += !FitsInt32(e.int_value); return;
      case ExprKind::kFloat:
      case ExprKind::kStr: ++constants; return;
      case ExprKind::kFn: return;
      case ExprKind::kLet:
        for (const LetBinding& b : e.bindings) Add(*b.init);
        break;
      default: break;
    }
    for (const ExprPtr& k : e.kids) Add(*k);
  }
};

// Buffers that every chunk of one compilation reuses.
struct Scratch {
  std::vector<size_t> patches;  // jumps awaiting their target, a stack
  std::vector<uint32_t> bounds;  // FillNullBounds
  std::vector<uint32_t> work;
};

class FnCompiler {
 public:
  // What the compiler needs of a function or a top-level form.
  struct Source {
    Chunk::Kind kind;
    std::string_view name;
    Pos pos;
    size_t num_params;
    uint32_t num_slots;
    std::span<const ExprPtr> body;
  };

  static Source Of(const Function& fn, Chunk::Kind kind) {
    return Source{kind,           fn.name,
                  fn.pos,         fn.params.size(),
                  fn.num_slots,   std::span<const ExprPtr>(fn.body.data(), fn.body.size())};
  }

  FnCompiler(Module* module, uint32_t index, const Source& source,
             Scratch* scratch)
      : module_(module), index_(index), fn_(source), scratch_(*scratch) {
    chunk_.kind = source.kind;
    chunk_.name = std::string(source.name);
    chunk_.pos = source.pos;
    if (source.num_params > kMaxRegs || source.num_slots >= kMaxRegs) {
      TooMany();
    }
    chunk_.num_params = static_cast<uint16_t>(source.num_params);
    next_reg_ = 1 + source.num_slots;
    chunk_.num_regs = next_reg_;
  }

  void Run() {
    const auto& body = fn_.body;
    // One allocation each for the code, its positions and the constants,
    // instead of a vector grown 1, 2, 4, ...: a node compiles to about one
    // instruction (an `if` or a loop to a few), so twice the node count
    // is rarely exceeded.
    CodeSize size;
    for (const ExprPtr& e : body) size.Add(*e);
    chunk_.code.reserve(2 * size.nodes + 2);
    chunk_.pos_table.reserve(2 * size.nodes + 2);
    chunk_.constants.reserve(size.constants);
    for (size_t i = 0; i + 1 < body.size(); ++i) Effect(*body[i]);
    if (body.empty()) {
      uint16_t result = Temp();
      Emit(Op::kLoadNull, fn_.pos, result);
      Emit(Op::kReturn, fn_.pos, result);
    } else {
      Tail(*body.back());
    }
    FillNullBounds(&chunk_, &scratch_.bounds, &scratch_.work);
    FuseSuperinstructions(&chunk_);
    module_->chunks[index_] = std::move(chunk_);
  }

  void SetCaptures(std::vector<CaptureSource> captures) {
    chunk_.captures = std::move(captures);
  }

 private:
  [[noreturn]] void TooMany() {
    throw TooBig{"function at " + std::to_string(fn_.pos.line) + ":" +
                 std::to_string(fn_.pos.col) +
                 " needs more than 65535 registers"};
  }

  uint16_t Temp() {
    if (next_reg_ >= kMaxRegs) TooMany();
    uint16_t r = static_cast<uint16_t>(next_reg_++);
    if (next_reg_ > chunk_.num_regs) chunk_.num_regs = next_reg_;
    return r;
  }
  // `n` consecutive temporaries; the first.
  uint16_t Temps(size_t n) {
    uint32_t first = next_reg_;
    for (size_t i = 0; i < n; ++i) Temp();
    return static_cast<uint16_t>(first);
  }

  static uint16_t SlotReg(uint32_t slot) {
    return static_cast<uint16_t>(1 + slot);
  }

  size_t Emit(Op op, Pos pos, uint16_t a = 0, uint16_t b = 0, uint16_t c = 0,
              int32_t d = 0) {
    chunk_.code.push_back(Instr{op, a, b, c, d});
    chunk_.pos_table.push_back(pos);
    return chunk_.code.size() - 1;
  }
  int32_t Here() const { return static_cast<int32_t>(chunk_.code.size()); }
  void PatchTo(size_t at, int32_t target) { chunk_.code[at].d = target; }

  uint16_t Constant(Constant c) {
    auto& pool = chunk_.constants;
    for (size_t i = 0; i < pool.size(); ++i) {
      const vm::Constant& k = pool[i];
      if (k.kind != c.kind) continue;
      bool same = c.kind == Constant::Kind::kInt   ? k.i == c.i
                  : c.kind == Constant::Kind::kStr ? k.s == c.s
                                                   : std::memcmp(&k.f, &c.f, sizeof c.f) == 0;
      if (same) return static_cast<uint16_t>(i);
    }
    if (pool.size() >= kMaxRegs) {
      throw TooBig{"function has more than 65535 constants"};
    }
    pool.push_back(std::move(c));
    return static_cast<uint16_t>(pool.size() - 1);
  }

  void LoadConstant(Pos pos, uint16_t dst, Constant::Kind kind, int64_t i,
                    double f, std::string_view str) {
    vm::Constant k;
    k.kind = kind;
    k.i = i;
    k.f = f;
    k.s = std::string(str);
    Emit(Op::kLoadK, pos, dst, Constant(std::move(k)));
  }

  // The register of a local variable read, or a temporary holding `e`.
  // `later_pure`: every operand evaluated after this one is a leaf, so a
  // variable's own register still holds its value when it is used.
  uint16_t Operand(const Expr& e, bool later_pure) {
    if (later_pure && e.kind == ExprKind::kVar &&
        e.var.scope == VarScope::kLocal) {
      return SlotReg(e.var.index);
    }
    uint16_t r = Temp();
    Into(e, r);
    return r;
  }
  uint16_t Any(const Expr& e) { return Operand(e, true); }

  // The first operand of a form that writes dst last: when dst is the top
  // temporary, nothing else reads it, so the operand can be evaluated into
  // it rather than into one more temporary (a smaller frame to clear).
  uint16_t FirstOperand(const Expr& e, bool later_pure, uint16_t dst) {
    const bool dst_is_top_temp =
        dst + 1u == next_reg_ && dst > fn_.num_slots;
    const bool own_register = later_pure && e.kind == ExprKind::kVar &&
                              e.var.scope == VarScope::kLocal;
    if (!dst_is_top_temp || own_register) return Operand(e, later_pure);
    Into(e, dst);
    return dst;
  }

  // Evaluates `e` and returns its value from the function: each arm of an
  // `if` (and the last form of a `let` or `do`) returns on its own, so a
  // result needs no move to a common register and no jump to one return.
  void Tail(const Expr& e) {
    uint32_t mark = next_reg_;
    switch (e.kind) {
      case ExprKind::kIf: {
        const size_t to_else = Cond(*e.kids[0]);
        Tail(*e.kids[1]);
        PatchTo(to_else, Here());
        if (e.kids.size() > 2) {
          Tail(*e.kids[2]);
        } else {
          uint16_t r = Temp();
          Emit(Op::kLoadNull, e.pos, r);
          Emit(Op::kReturn, fn_.pos, r);
        }
        break;
      }
      case ExprKind::kLet:
      case ExprKind::kDo:
        if (!e.kids.empty()) {
          if (e.kind == ExprKind::kLet) {
            for (const auto& b : e.bindings) Into(*b.init, SlotReg(b.slot));
          }
          for (size_t i = 0; i + 1 < e.kids.size(); ++i) Effect(*e.kids[i]);
          Tail(*e.kids.back());
          break;
        }
        [[fallthrough]];
      default: Emit(Op::kReturn, fn_.pos, Any(e)); break;
    }
    next_reg_ = mark;
  }

  // Evaluates `e` for its effects only.
  void Effect(const Expr& e) {
    uint32_t mark = next_reg_;
    switch (e.kind) {
      case ExprKind::kSet: Set(e, /*dst=*/-1); break;
      case ExprKind::kIf: {
        const size_t to_else = Cond(*e.kids[0]);
        Effect(*e.kids[1]);
        if (e.kids.size() > 2) {
          size_t to_end = Emit(Op::kJmp, e.pos);
          PatchTo(to_else, Here());
          Effect(*e.kids[2]);
          PatchTo(to_end, Here());
        } else {
          PatchTo(to_else, Here());
        }
        break;
      }
      case ExprKind::kLet:
        for (const auto& b : e.bindings) Into(*b.init, SlotReg(b.slot));
        for (const auto& k : e.kids) Effect(*k);
        break;
      case ExprKind::kDo:
        for (const auto& k : e.kids) Effect(*k);
        break;
      case ExprKind::kWhile: While(e, -1); break;
      case ExprKind::kFor: For(e, -1); break;
      case ExprKind::kInt:
      case ExprKind::kFloat:
      case ExprKind::kStr:
      case ExprKind::kBool:
      case ExprKind::kNull:
      case ExprKind::kVar: break;  // no effect, cannot fail
      default: Into(e, Temp()); break;
    }
    next_reg_ = mark;
  }

  // Evaluates exprs, the last one into dst (null if there are none).
  template <typename Exprs>
  void Sequence(const Exprs& exprs, size_t from, uint16_t dst, Pos pos) {
    if (from >= exprs.size()) {
      Emit(Op::kLoadNull, pos, dst);
      return;
    }
    for (size_t i = from; i + 1 < exprs.size(); ++i) Effect(*exprs[i]);
    Into(*exprs[exprs.size() - 1], dst);
  }

  // Evaluates `e` into register dst. dst is a temporary or a variable's
  // register that `e` cannot read (a fresh let slot).
  void Into(const Expr& e, uint16_t dst) {
    uint32_t mark = next_reg_;
    switch (e.kind) {
      case ExprKind::kInt:
        if (FitsInt32(e.int_value)) {
          Emit(Op::kLoadI, e.pos, dst, 0, 0, static_cast<int32_t>(e.int_value));
        } else {
          LoadConstant(e.pos, dst, Constant::Kind::kInt, e.int_value, 0, {});
        }
        break;
      case ExprKind::kFloat:
        LoadConstant(e.pos, dst, Constant::Kind::kFloat, 0, e.float_value, {});
        break;
      case ExprKind::kStr:
        LoadConstant(e.pos, dst, Constant::Kind::kStr, 0, 0, e.str_value);
        break;
      case ExprKind::kBool:
        Emit(e.bool_value ? Op::kLoadTrue : Op::kLoadFalse, e.pos, dst);
        break;
      case ExprKind::kNull: Emit(Op::kLoadNull, e.pos, dst); break;
      case ExprKind::kVar: Var(e, dst); break;
      case ExprKind::kSet: Set(e, dst); break;
      case ExprKind::kLet:
        for (const auto& b : e.bindings) Into(*b.init, SlotReg(b.slot));
        Sequence(e.kids, 0, dst, e.pos);
        break;
      case ExprKind::kIf: {
        const size_t to_else = Cond(*e.kids[0]);
        Into(*e.kids[1], dst);
        size_t to_end = Emit(Op::kJmp, e.pos);
        PatchTo(to_else, Here());
        if (e.kids.size() > 2) {
          Into(*e.kids[2], dst);
        } else {
          Emit(Op::kLoadNull, e.pos, dst);
        }
        PatchTo(to_end, Here());
        break;
      }
      case ExprKind::kAnd:
      case ExprKind::kOr: {
        bool is_and = e.kind == ExprKind::kAnd;
        if (e.kids.size() == 0) {
          Emit(is_and ? Op::kLoadTrue : Op::kLoadFalse, e.pos, dst);
          break;
        }
        // The exits wait on the shared stack (nested forms push above them
        // and pop back): no vector per form.
        std::vector<size_t>& exits = scratch_.patches;
        const size_t base = exits.size();
        for (size_t i = 0; i < e.kids.size(); ++i) {
          Into(*e.kids[i], dst);
          if (i + 1 < e.kids.size()) {
            exits.push_back(
                Emit(is_and ? Op::kJmpIfFalse : Op::kJmpIfTrue, e.pos, dst));
          }
        }
        for (size_t j = base; j < exits.size(); ++j) PatchTo(exits[j], Here());
        exits.resize(base);
        break;
      }
      case ExprKind::kNot: {
        uint16_t r = Any(*e.kids[0]);
        Emit(Op::kNot, e.pos, dst, r);
        break;
      }
      case ExprKind::kDo: Sequence(e.kids, 0, dst, e.pos); break;
      case ExprKind::kNoGc:
        Emit(Op::kEnterNoGc, e.pos);
        Sequence(e.kids, 0, dst, e.pos);
        Emit(Op::kExitNoGc, e.pos);
        break;
      case ExprKind::kWhile: While(e, dst); break;
      case ExprKind::kFor: For(e, dst); break;
      case ExprKind::kFn: Fn(e, dst); break;
      case ExprKind::kWithArena:
        Emit(Op::kEnterArena, e.pos);
        Sequence(e.kids, 0, dst, e.pos);
        Emit(Op::kExitArena, e.pos, dst);
        break;
      case ExprKind::kCall: Call(e, dst); break;
      case ExprKind::kBuiltin: BuiltinCall(e, dst); break;
    }
    next_reg_ = mark;
  }

  void Var(const Expr& e, uint16_t dst) {
    switch (e.var.scope) {
      case VarScope::kLocal:
        if (SlotReg(e.var.index) != dst) {
          Emit(Op::kMove, e.pos, dst, SlotReg(e.var.index));
        }
        return;
      case VarScope::kCapture:
        Emit(Op::kGetCap, e.pos, dst, static_cast<uint16_t>(e.var.index));
        return;
      case VarScope::kGlobal:
        Emit(Op::kLoadDefn, e.pos, dst, 0, 0,
             static_cast<int32_t>(e.var.index));
        return;
      case VarScope::kUnresolved: break;
    }
    throw TooBig{"unresolved variable reached the compiler"};
  }

  // dst < 0: the null result is not wanted.
  void Set(const Expr& e, int dst) {
    const Expr& value = *e.kids[0];
    if (e.var.scope == VarScope::kLocal) {
      uint16_t slot = SlotReg(e.var.index);
      if (WritesDestinationLast(value)) {
        Into(value, slot);
      } else {
        uint16_t t = Temp();
        Into(value, t);
        Emit(Op::kMove, e.pos, slot, t);
      }
    } else {
      uint16_t r = Any(value);
      Emit(Op::kSetCap, e.pos, r, static_cast<uint16_t>(e.var.index));
    }
    if (dst >= 0) Emit(Op::kLoadNull, e.pos, static_cast<uint16_t>(dst));
  }

  // Emits a test of `c` that jumps when it is falsy; the jump to patch.
  size_t Cond(const Expr& c) {
    Op reg_form, imm_form;
    if (c.kind == ExprKind::kBuiltin && c.kids.size() == 2 &&
        BranchOps(c.builtin, &reg_form, &imm_form)) {
      const Expr& rhs = *c.kids[1];
      uint16_t a = Operand(*c.kids[0], IsAtom(rhs));
      if (rhs.kind == ExprKind::kInt && FitsInt16(rhs.int_value)) {
        return Emit(imm_form, c.pos, a, 0,
                    static_cast<uint16_t>(rhs.int_value));
      }
      uint16_t b = Any(rhs);
      return Emit(reg_form, c.pos, a, b);
    }
    if (c.kind == ExprKind::kNot) {
      uint16_t r = Any(*c.kids[0]);
      return Emit(Op::kJmpIfTrue, c.pos, r);
    }
    uint16_t r = Any(c);
    return Emit(Op::kJmpIfFalse, c.pos, r);
  }

  void While(const Expr& e, int dst) {
    int32_t top = Here();
    uint32_t mark = next_reg_;
    const size_t exit = Cond(*e.kids[0]);
    next_reg_ = mark;
    Emit(Op::kFuel, e.pos);
    for (size_t i = 1; i < e.kids.size(); ++i) Effect(*e.kids[i]);
    Emit(Op::kJmp, e.pos, 0, 0, 0, top);
    PatchTo(exit, Here());
    if (dst >= 0) Emit(Op::kLoadNull, e.pos, static_cast<uint16_t>(dst));
  }

  void For(const Expr& e, int dst) {
    uint32_t mark = next_reg_;
    uint16_t pair = Temps(2);
    Into(*e.kids[0], pair);
    Into(*e.kids[1], static_cast<uint16_t>(pair + 1));
    uint16_t var = SlotReg(e.var.index);
    size_t prep = Emit(Op::kForPrep, e.pos, pair, 0, var);
    int32_t body = Here();
    for (size_t i = 2; i < e.kids.size(); ++i) Effect(*e.kids[i]);
    Emit(Op::kForLoop, e.pos, pair, 0, var, body);
    PatchTo(prep, Here());
    next_reg_ = mark;
    if (dst >= 0) Emit(Op::kLoadNull, e.pos, static_cast<uint16_t>(dst));
  }

  void Fn(const Expr& e, uint16_t dst) {
    const Function& lambda = *e.fn;
    auto index = static_cast<uint32_t>(module_->chunks.size());
    module_->chunks.emplace_back();
    FnCompiler inner(module_, index, Of(lambda, Chunk::Kind::kLambda),
                     &scratch_);
    std::vector<CaptureSource> sources;
    for (const auto& c : lambda.captures) {
      CaptureSource s;
      s.from_register = c.from == VarScope::kLocal;
      s.index = s.from_register ? SlotReg(c.index)
                                : static_cast<uint16_t>(c.index);
      s.name = std::string(c.name);
      sources.push_back(std::move(s));
    }
    if (sources.size() > kMaxRegs) TooMany();
    inner.SetCaptures(std::move(sources));
    inner.Run();
    Emit(Op::kClosure, e.pos, dst, 0, 0, static_cast<int32_t>(index));
  }

  void Call(const Expr& e, uint16_t dst) {
    size_t argc = e.kids.size() - 1;
    if (argc >= kMaxRegs) TooMany();
    // The callee's register is the window's first: when dst is the top
    // temporary the result lands in place, no copy.
    bool in_place = dst + 1u == next_reg_ && dst > fn_.num_slots;
    uint16_t window = in_place ? dst : Temps(argc + 1);
    if (in_place) Temps(argc);
    // Evaluating a defn name has no effect: a direct call skips it.
    if (e.direct_defn < 0) Into(*e.kids[0], window);
    for (size_t i = 1; i < e.kids.size(); ++i) {
      Into(*e.kids[i], static_cast<uint16_t>(window + i));
    }
    if (e.direct_defn >= 0) {
      Emit(Op::kCallDefn, e.pos, window, static_cast<uint16_t>(argc), 0,
           e.direct_defn);
    } else {
      Emit(Op::kCall, e.pos, window, static_cast<uint16_t>(argc));
    }
    if (window != dst) Emit(Op::kMove, e.pos, dst, window);
  }

  void BuiltinCall(const Expr& e, uint16_t dst) {
    size_t argc = e.kids.size();
    Op op;
    std::optional<Op> imm_op;
    if (argc == 2 && BinaryOp(e.builtin, &op, &imm_op)) {
      const Expr& rhs = *e.kids[1];
      if (imm_op && rhs.kind == ExprKind::kInt && FitsInt32(rhs.int_value)) {
        uint16_t a = FirstOperand(*e.kids[0], true, dst);
        Emit(*imm_op, e.pos, dst, a, 0, static_cast<int32_t>(rhs.int_value));
        return;
      }
      uint16_t a = FirstOperand(*e.kids[0], IsAtom(rhs), dst);
      uint16_t b = Any(rhs);
      Emit(op, e.pos, dst, a, b);
      return;
    }
    if (argc == 1 && e.builtin == Builtin::kLen) {
      Emit(Op::kLen, e.pos, dst, Any(*e.kids[0]));
      return;
    }
    if (argc >= kMaxRegs) TooMany();
    uint16_t window = Temps(argc);
    for (size_t i = 0; i < argc; ++i) {
      Into(*e.kids[i], static_cast<uint16_t>(window + i));
    }
    Emit(Op::kBuiltin, e.pos, dst, window, static_cast<uint16_t>(argc),
         static_cast<int32_t>(e.builtin));
  }

  Module* module_;
  uint32_t index_;
  Source fn_;
  Scratch& scratch_;
  Chunk chunk_;
  uint32_t next_reg_ = 1;
};


// A cheap proof that a top-level form fits the instruction format, without
// compiling it. Compiling a node takes at most one temporary for it as an
// operand plus max(2, its operand count) of its own (a call's window, a
// `for`'s pair), so a chunk of N body nodes needs at most 1 + slots + 4N
// registers (a register is the callee slot, a variable's slot or a
// temporary), at most N constants and calls of at most N arguments. A form
// whose nodes, slots, parameters and captures (its lambdas' included) are
// each at most kSmall therefore fits: 1 + kSmall + 4 * kSmall < 65535.
class FitsBound {
 public:
  static constexpr uint32_t kSmall = 12000;
  static_assert(1 + kSmall + 4 * kSmall + 2 < kMaxRegs);

  static bool Holds(const TopForm& form) {
    FitsBound bound;
    return form.num_slots() <= kSmall && bound.Small(*form.expr());
  }

 private:
  bool Small(const Expr& e) {
    if (++nodes_ > kSmall) return false;
    if (e.kind == ExprKind::kLet) {
      for (const auto& b : e.bindings) {
        if (!Small(*b.init)) return false;
      }
    }
    if (e.kind == ExprKind::kFn) {
      const Function& fn = *e.fn;
      if (fn.num_slots > kSmall || fn.params.size() > kSmall ||
          fn.captures.size() > kSmall) {
        return false;
      }
      for (const auto& k : fn.body) {
        if (!Small(*k)) return false;
      }
    }
    for (const auto& k : e.kids) {
      if (!Small(*k)) return false;
    }
    return true;
  }

  uint32_t nodes_ = 0;
};

bool CompileDefnsWith(const Program& program, Module* module, std::string* why,
                      Scratch* scratch) {
  try {
    size_t ndefns = program.defns.size();
    module->chunks.resize(ndefns);
    module->defn_chunks.reserve(ndefns);
    for (size_t i = 0; i < ndefns; ++i) {
      module->defn_chunks.push_back(static_cast<uint32_t>(i));
      FnCompiler(module, static_cast<uint32_t>(i),
                 FnCompiler::Of(*program.defns[i], Chunk::Kind::kDefn),
                 scratch)
          .Run();
    }
  } catch (const TooBig& e) {
    *why = e.why;
    return false;
  }
  return true;
}

std::optional<uint32_t> CompileTopLevelWith(const TopForm& form,
                                            Module* module, std::string* why,
                                            Scratch* scratch) {
  const ExprPtr body = form.expr();
  const Expr& expr = *body;
  auto index = static_cast<uint32_t>(module->chunks.size());
  try {
    module->chunks.emplace_back();
    FnCompiler(module, index,
               FnCompiler::Source{Chunk::Kind::kTopLevel, {}, expr.pos, 0,
                                  form.num_slots(),
                                  std::span<const ExprPtr>(&body, 1)},
               scratch)
        .Run();
  } catch (const TooBig& e) {
    module->chunks.resize(index);
    *why = e.why;
    return std::nullopt;
  }
  return index;
}

}  // namespace

bool CompileDefns(const Program& program, Module* module, std::string* why) {
  Scratch scratch;
  return CompileDefnsWith(program, module, why, &scratch);
}

std::optional<uint32_t> CompileTopLevel(const TopForm& form, Module* module,
                                        std::string* why) {
  Scratch scratch;
  return CompileTopLevelWith(form, module, why, &scratch);
}

bool TopLevelFits(const Program& program, std::string* why) {
  Module scratch_module;
  Scratch scratch;
  for (const TopForm& form : program.order) {
    if (form.is_defn() || FitsBound::Holds(form)) continue;
    if (!CompileTopLevelWith(form, &scratch_module, why, &scratch)) {
      return false;
    }
    scratch_module.chunks.clear();
  }
  return true;
}

std::optional<Module> CompileModule(const Program& program, std::string* why) {
  Module module;
  Scratch scratch;
  // Every defn and top-level expression is a chunk (lambdas add theirs).
  module.chunks.reserve(program.order.size());
  const size_t num_toplevel = program.order.size() - program.defns.size();
  module.toplevel_chunks.reserve(num_toplevel);
  module.toplevel_pos.reserve(num_toplevel);
  if (!CompileDefnsWith(program, &module, why, &scratch)) return std::nullopt;
  for (const TopForm& form : program.order) {
    if (form.is_defn()) continue;
    std::optional<uint32_t> index =
        CompileTopLevelWith(form, &module, why, &scratch);
    if (!index) return std::nullopt;
    module.toplevel_chunks.push_back(*index);
    module.toplevel_pos.push_back(form.expr()->pos);
  }
  return module;
}

}  // namespace tern::vm
