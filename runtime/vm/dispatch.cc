#include "runtime/vm/dispatch.h"

#include <algorithm>
#include <cstring>

#include "runtime/builtins.h"
#include "runtime/limits.h"
#include "runtime/vm/slow_paths.h"

// Computed-goto dispatch (a jump table of label addresses, one indirect
// jump per handler) where the compiler has it; a switch otherwise, or when
// TERN_VM_SWITCH_DISPATCH is defined.
#if defined(__GNUC__) && !defined(TERN_VM_SWITCH_DISPATCH)
#define TERN_COMPUTED_GOTO 1
#else
#define TERN_COMPUTED_GOTO 0
#endif

namespace tern::vm {
namespace {

using heap::Tag;

constexpr uint32_t B(Builtin b) { return static_cast<uint32_t>(b); }

// Byte 15 of a value is its tag, with a short string's length in the high
// nibble (runtime/heap/value.h): an int's byte 15 is its tag alone, so one
// compare of a byte in memory with an immediate tests it. (A compare of
// the whole high word needs the 64-bit constant in a register, and the
// dispatch loop has none to spare: it held one at the cost of spilling
// the frame stack pointer.)
inline bool IsInt(const Value& x) {
  uint8_t tag;
  std::memcpy(&tag, reinterpret_cast<const char*>(&x) + 15, 1);
  return tag == static_cast<uint8_t>(Tag::kInt);
}
inline bool BothInt(const Value& x, const Value& y) {
  return IsInt(x) && IsInt(y);
}
inline bool BothFloat(const Value& x, const Value& y) {
  return x.tag() == Tag::kFloat && y.tag() == Tag::kFloat;
}
// Copies a register as two 8-byte words. Results are stored as two 8-byte
// halves (they are built in general registers); a 16-byte load of such a
// value, which a plain struct copy compiles to, cannot be store-forwarded
// and stalls for ~15 cycles (measured with perf on fib and loop). The empty
// asm keeps the words in general registers.
// One word at a time, so that only one general register is needed (a
// pair held across both stores was spilled in the return handler).
inline void CopyValue(Value* dst, const Value* src) {
  uint64_t lo, hi;
  std::memcpy(&lo, src, 8);
  asm("" : "+r"(lo));
  std::memcpy(static_cast<void*>(dst), &lo, 8);
  std::memcpy(&hi, reinterpret_cast<const char*>(src) + 8, 8);
  asm("" : "+r"(hi));
  std::memcpy(reinterpret_cast<char*>(dst) + 8, &hi, 8);
}

// Nulls R[from .. to). Frames are a few registers: an inline loop, kept
// from becoming a call of memset (whose set-up costs more than the stores;
// measured 12% of fib) by the empty volatile asm.
inline void ClearRegisters(Value* R, size_t from, size_t to) {
  for (size_t i = from; i < to; ++i) {
    R[i] = Value::Null();
    asm volatile("");
  }
}

// Outside optimised builds (tests, sanitizers, fuzzing), every call and
// return checks its null bound: R[from .. to) must be null already, or the
// analysis (runtime/vm/null_bounds.cc) is wrong and the run stops with an
// internal fault instead of keeping a stale root.
#ifdef NDEBUG
inline bool NullAbove(const Value*, size_t, size_t) { return true; }
#else
inline bool NullAbove(const Value* R, size_t from, size_t to) {
  for (size_t i = from; i < to; ++i) {
    if (!R[i].is_null()) return false;
  }
  return true;
}
#endif

// Nulls R[1 .. bound) of a returning frame. Most bounds are small: up to
// kClearSlack it stores R[1 .. kClearSlack] unconditionally, no loop: the
// registers from the bound up are null already (the null bound, and above
// the frame's top because every return clears its frame), and the
// register file always has kClearSlack registers beyond the running
// frame's top (vm_state.h).
inline void ClearBelowBound(Value* R, size_t bound) {
  if (bound <= kClearSlack + 1) {
    for (size_t i = 1; i <= kClearSlack; ++i) R[i] = Value::Null();
    return;
  }
  ClearRegisters(R, 1, bound);
}

inline bool Truthy(const Value& v) {
  Tag t = v.tag();
  return !(t == Tag::kNull || (t == Tag::kBool && !v.as_bool()));
}

// The register file is reserved for the deepest possible chain of the
// module's frames (VmState::BindChunks), so calls never check for room.
// Outside optimised builds every call checks it all the same, and stops
// the run with an internal fault rather than write outside the file.
#ifdef NDEBUG
inline bool FitsRegisters(VmState*, const Value*, size_t) {
  return true;
}
#else
inline bool FitsRegisters(VmState* vm, const Value* window, size_t n) {
  return window + n + kClearSlack <= vm->regs.data() + vm->regs.size();
}
#endif

}  // namespace

bool Execute(VmState* vm, uint32_t entry, Value* result, ErrorSite* site) {
  const ChunkCode* const table = vm->chunk_code.data();
  const ChunkCode* const* const defn_code = vm->defn_code.data();
  // The hot state lives in locals (registers) across handlers: the running
  // chunk's table entry, code and constants, the frame, the instruction
  // pointer, and the innermost suspended caller.
  const ChunkCode* cc = &table[entry];
  // The suspended callers are frames[0 .. fp - frames].
  CallFrame* const frames = vm->frames.get();
  CallFrame* const frames_end = frames + kMaxCallDepth;
  CallFrame* fp = frames;
  Value* R = vm->regs.data();
  if (!FitsRegisters(vm, R, cc->num_regs)) {
    site->chunk = entry;
    site->pc = 0;
    return vm->Fault("register file not reserved for the module");
  }
  ClearRegisters(R, 0, cc->num_regs);
  vm->top = cc->num_regs;
  const Instr* ip = cc->code;
  const ChunkCode* callee = nullptr;  // the chunk a call enters

#if TERN_COMPUTED_GOTO
  static const void* const kLabels[] = {
#define TERN_X(name, format, comment) &&L_##name,
      TERN_OPCODES(TERN_X)
#undef TERN_X
  };
#define OP(name) L_##name:
#define DISPATCH() goto* kLabels[static_cast<uint8_t>(ip->op)]
#else
#define OP(name) case Op::name:
#define DISPATCH() goto dispatch
#endif
#define NEXT()  \
  do {          \
    ++ip;       \
    DISPATCH(); \
  } while (0)
#define JUMP(target_pc)          \
  do {                           \
    ip = cc->code + (target_pc); \
    DISPATCH();                  \
  } while (0)
// Keeps the compiler from rewriting fp as an index into frames (which it
// then turns back into a pointer at every dispatch: two instructions per
// handler, measured on fib).
#define LAUNDER(p) asm volatile("" : "+r"(p))
// vm->top (the end of the roots the collector scans) is kept up to date
// only where something can collect: before every slow path, not at every
// call and return (docs/vm.md "Frames and values").
#define SYNC_TOP() \
  (vm->top = static_cast<size_t>(R - vm->regs.data()) + cc->num_regs)
#define SLOW(call)            \
  do {                        \
    SYNC_TOP();               \
    if (__builtin_expect(!(call), 0)) goto failed; \
  } while (0)

// Consumes a unit of fuel, or stops the run out of fuel. The fuel stays
// in VmState (a decrement in memory and a branch on its borrow) rather
// than in a local: the dispatch loop has more hot state than the x86-64
// callee-saved registers, and a local was spilled anyway, at the cost of a
// load, a test and a store (docs/vm.md "Dispatch").
#define TAKE_FUEL()                                                   \
  do {                                                                \
    if (__builtin_expect(vm->fuel-- == 0, 0)) {                      \
      vm->fuel = 0;                                                   \
      FailOutOfFuel(vm);                                              \
      goto failed;                                                    \
    }                                                                 \
  } while (0)
// Enters `callee` for the call instruction at ip (its window at R[a], b
// arguments, null bound c). Expanded in each call handler rather than
// shared: a shared block makes the register allocator shuffle the hot
// state at the join (measured: a dozen moves per call).
// Fuel, then depth (docs/language.md §4.6, after the type and arity
// checks). Then the caller's registers from the arguments' end to its null
// bound c are nulled: its dead temporaries above the call window, which
// the callee's window may cover, and which the collector will not see
// while the callee runs, so must not still hold an object when the
// caller's window is scanned again. Everything above is null already (the
// caller's registers from c up by the null bound, those above its top
// because every return clears its frame). (The window itself, R[a .. a+b],
// is written: the run-time check of the bound starts above it.)
#define ENTER() \
  do { \
    if (__builtin_expect(vm->fuel == 0, 0)) { \
      FailOutOfFuel(vm); \
      goto failed; \
    } \
    if (__builtin_expect(fp == frames_end, 0)) { \
      FailStackOverflow(vm); \
      goto failed; \
    } \
    if (__builtin_expect(!NullAbove(R, std::max<size_t>(ip->c, \
                                                      ip->a + 1u + ip->b), \
                                    cc->num_regs), 0)) { \
      vm->Fault("null bound of a call too low"); \
      goto failed; \
    } \
    --vm->fuel; \
    fp->return_ip = ip + 1; \
    fp->base = R; \
    fp->chunk = cc; \
    ++fp; \
    LAUNDER(fp); \
    Value* const window = R + ip->a; \
    if (__builtin_expect(!FitsRegisters(vm, window, callee->num_regs), 0)) { \
      vm->Fault("register file too small for a call"); \
      goto failed; \
    } \
    { \
      const uint32_t args_end = ip->a + 1u + ip->b; \
      if (__builtin_expect(ip->c > args_end, 0)) { \
        ClearRegisters(R, args_end, ip->c); \
      } \
    } \
    R = window; \
    cc = callee; \
    ip = cc->code; \
    DISPATCH(); \
  } while (0)

// kCallDefn's handler body (also the second half of kSubICallDefn).
#define CALL_DEFN() \
  do { \
    callee = defn_code[static_cast<uint32_t>(ip->d)]; \
    R[ip->a] = Value::Defn(static_cast<uint32_t>(ip->d)); \
    ENTER(); \
  } while (0)
// kReturn's handler body (also the second half of kAddReturn).
// At the top-level frame, its registers die too (the next top-level form
// may have fewer): nothing above top stays non-null.
// Otherwise the callee's registers die with it: cleared, so that no
// register above the running frame's window is ever non-null. Otherwise a
// caller whose window reaches above this one would scan them as roots
// (stale objects of an arena that has ended included). R[b..] are null
// already (the null bound, runtime/vm/null_bounds.h); checked into the
// slack above the frame too, which ClearBelowBound stores into. The result
// goes to R[0], the caller's call register, first: it may be one of the
// registers cleared.
#define RETURN() \
  do { \
    if (__builtin_expect(fp == frames, 0)) { \
      *result = R[ip->a]; \
      ClearRegisters(R, 0, cc->num_regs); \
      return true; \
    } \
    --fp; \
    LAUNDER(fp); \
    if (__builtin_expect(!NullAbove(R, ip->b, cc->num_regs + kClearSlack), \
                         0)) { \
      vm->Fault("null bound of a return too low"); \
      goto failed; \
    } \
    CopyValue(&R[0], &R[ip->a]); \
    ClearBelowBound(R, ip->b); \
    R = fp->base; \
    cc = fp->chunk; \
    ip = fp->return_ip; \
    DISPATCH(); \
  } while (0)

#if TERN_COMPUTED_GOTO
  DISPATCH();
#else
dispatch:
  switch (ip->op) {
#endif

  OP(kLoadK) {
    CopyValue(&R[ip->a], &cc->constants[ip->b]);
    NEXT();
  }
  OP(kLoadI) {
    R[ip->a] = Value::Int(ip->d);
    NEXT();
  }
  OP(kLoadNull) {
    R[ip->a] = Value::Null();
    NEXT();
  }
  OP(kLoadTrue) {
    R[ip->a] = Value::Bool(true);
    NEXT();
  }
  OP(kLoadFalse) {
    R[ip->a] = Value::Bool(false);
    NEXT();
  }
  OP(kLoadDefn) {
    R[ip->a] = Value::Defn(static_cast<uint32_t>(ip->d));
    NEXT();
  }
  OP(kMove) {
    CopyValue(&R[ip->a], &R[ip->b]);
    NEXT();
  }
  OP(kGetCap) {
    CopyValue(&R[ip->a], &R[0].as_closure()->captures()[ip->b]);
    NEXT();
  }
  OP(kSetCap) {
    SLOW(SetCapture(vm, ip->b, R, &R[ip->a]));
    NEXT();
  }

// `then` ends the fast path: NEXT(), or for a superinstruction the second
// instruction's handler body (opcodes.h) after ++ip. A slow path always
// ends with NEXT(): a superinstruction's second part then runs alone, from
// its own handler.
#define ARITH(name, builtin, overflow_op, float_op, then)                 \
  OP(name) {                                                              \
    const Value& x = R[ip->b];                                            \
    const Value& y = R[ip->c];                                            \
    if (BothInt(x, y)) {                                                  \
      int64_t r;                                                          \
      if (__builtin_expect(!overflow_op(x.as_int(), y.as_int(), &r), 1)) {                 \
        R[ip->a] = Value::Int(r);                                         \
        then;                                                             \
      }                                                                   \
    } else if (BothFloat(x, y)) {                                         \
      R[ip->a] = Value::Float(x.as_float() float_op y.as_float());        \
      then;                                                               \
    }                                                                     \
    SLOW(SlowArith(vm, B(builtin), &R[ip->a], &x, &y));                   \
    NEXT();                                                               \
  }
  ARITH(kAdd, Builtin::kAdd, __builtin_add_overflow, +, NEXT())
  ARITH(kSub, Builtin::kSub, __builtin_sub_overflow, -, NEXT())
  ARITH(kMul, Builtin::kMul, __builtin_mul_overflow, *, NEXT())
  ARITH(kAddReturn, Builtin::kAdd, __builtin_add_overflow, +,
        ++ip; RETURN())
#undef ARITH

  OP(kDiv) {
    const Value& x = R[ip->b];
    const Value& y = R[ip->c];
    // C++ `/` truncates toward zero, as the language does; zero divisors
    // and INT64_MIN / -1 take the slow path to their errors.
    if (BothInt(x, y) && y.as_int() != 0 &&
        !(y.as_int() == -1 && x.as_int() == INT64_MIN)) {
      R[ip->a] = Value::Int(x.as_int() / y.as_int());
      NEXT();
    }
    SLOW(SlowArith(vm, B(Builtin::kDiv), &R[ip->a], &x, &y));
    NEXT();
  }
  OP(kMod) {
    const Value& x = R[ip->b];
    const Value& y = R[ip->c];
    // C++ `%` takes the dividend's sign, as the language does.
    if (BothInt(x, y) && y.as_int() != 0 && y.as_int() != -1) {
      R[ip->a] = Value::Int(x.as_int() % y.as_int());
      NEXT();
    }
    SLOW(SlowArith(vm, B(Builtin::kMod), &R[ip->a], &x, &y));
    NEXT();
  }

#define ARITH_IMM(name, builtin, overflow_op, then)          \
  OP(name) {                                                 \
    const Value& x = R[ip->b];                               \
    if (IsInt(x)) {                                          \
      int64_t r;                                             \
      if (__builtin_expect(!overflow_op(x.as_int(), int64_t{ip->d}, &r), 1)) {    \
        R[ip->a] = Value::Int(r);                            \
        then;                                                \
      }                                                      \
    }                                                        \
    const Value imm = Value::Int(ip->d);                     \
    SLOW(SlowArith(vm, B(builtin), &R[ip->a], &x, &imm));    \
    NEXT();                                                  \
  }
  ARITH_IMM(kAddI, Builtin::kAdd, __builtin_add_overflow, NEXT())
  ARITH_IMM(kSubI, Builtin::kSub, __builtin_sub_overflow, NEXT())
  ARITH_IMM(kMulI, Builtin::kMul, __builtin_mul_overflow, NEXT())
  ARITH_IMM(kSubICallDefn, Builtin::kSub, __builtin_sub_overflow,
            ++ip; CALL_DEFN())
#undef ARITH_IMM
  OP(kModI) {
    const Value& x = R[ip->b];
    const int64_t d = ip->d;
    if (IsInt(x) && d != 0 && d != -1) {
      R[ip->a] = Value::Int(x.as_int() % d);
      NEXT();
    }
    const Value imm = Value::Int(d);
    SLOW(SlowArith(vm, B(Builtin::kMod), &R[ip->a], &x, &imm));
    NEXT();
  }

  // A comparison of x and y as `r`, then `use` (which ends the handler):
  // the int/int fast path inline, anything else through SlowCompare.
#define WITH_COMPARISON(x, y, builtin, op, use)        \
  if (BothInt(x, y)) {                                 \
    const bool r = (x).as_int() op (y).as_int();       \
    use;                                               \
  } else {                                             \
    bool r;                                            \
    SLOW(SlowCompare(vm, B(builtin), &(x), &(y), &r)); \
    use;                                               \
  }
  // An equality: ints inline, anything else through ValuesEqual.
#define WITH_EQUALITY(x, y, use)                                \
  {                                                             \
    const bool r = BothInt(x, y) ? (x).as_int() == (y).as_int() \
                                 : ValuesEqual(&(x), &(y));     \
    use;                                                        \
  }
#define STORE_BOOL(want)               \
  R[ip->a] = Value::Bool(r == (want)); \
  NEXT()
  // Fused compare-and-branch: jump to d unless the comparison holds.
#define BRANCH_UNLESS(want)     \
  if (r != (want)) JUMP(ip->d); \
  NEXT()

#define COMPARE(name, builtin, op)                       \
  OP(name) {                                             \
    const Value& x = R[ip->b];                           \
    const Value& y = R[ip->c];                           \
    WITH_COMPARISON(x, y, builtin, op, STORE_BOOL(true)) \
  }
#define BRANCH(name, builtin, op)                           \
  OP(name) {                                                \
    const Value& x = R[ip->a];                              \
    const Value& y = R[ip->b];                              \
    WITH_COMPARISON(x, y, builtin, op, BRANCH_UNLESS(true)) \
  }
  // The immediate stays an integer on the fast path (no Value is built).
#define BRANCH_IMM(name, builtin, op)                           \
  OP(name) {                                                    \
    const Value& x = R[ip->a];                                  \
    const int64_t imm = static_cast<int16_t>(ip->c);            \
    if (IsInt(x)) {                                             \
      if (!(x.as_int() op imm)) JUMP(ip->d);                    \
      NEXT();                                                   \
    }                                                           \
    const Value y = Value::Int(imm);                            \
    bool r;                                                     \
    SLOW(SlowCompare(vm, B(builtin), &x, &y, &r));              \
    BRANCH_UNLESS(true);                                        \
  }
  COMPARE(kLt, Builtin::kLt, <)
  COMPARE(kLe, Builtin::kLe, <=)
  COMPARE(kGt, Builtin::kGt, >)
  COMPARE(kGe, Builtin::kGe, >=)
  BRANCH(kBrNotLt, Builtin::kLt, <)
  BRANCH(kBrNotLe, Builtin::kLe, <=)
  BRANCH(kBrNotGt, Builtin::kGt, >)
  BRANCH(kBrNotGe, Builtin::kGe, >=)
  BRANCH_IMM(kBrNotLtI, Builtin::kLt, <)
  BRANCH_IMM(kBrNotLeI, Builtin::kLe, <=)
  BRANCH_IMM(kBrNotGtI, Builtin::kGt, >)
  BRANCH_IMM(kBrNotGeI, Builtin::kGe, >=)
#undef COMPARE
#undef BRANCH
#undef BRANCH_IMM

#define EQUALITY(name, want)                    \
  OP(name) {                                    \
    const Value& x = R[ip->b];                  \
    const Value& y = R[ip->c];                  \
    WITH_EQUALITY(x, y, STORE_BOOL(want))       \
  }
#define BRANCH_EQUALITY(name, want)             \
  OP(name) {                                    \
    const Value& x = R[ip->a];                  \
    const Value& y = R[ip->b];                  \
    WITH_EQUALITY(x, y, BRANCH_UNLESS(want))    \
  }
#define BRANCH_EQUALITY_IMM(name, want)                          \
  OP(name) {                                                     \
    const Value& x = R[ip->a];                                   \
    const int64_t imm = static_cast<int16_t>(ip->c);             \
    if (IsInt(x)) {                                              \
      if ((x.as_int() == imm) != (want)) JUMP(ip->d);            \
      NEXT();                                                    \
    }                                                            \
    const Value y = Value::Int(imm);                             \
    WITH_EQUALITY(x, y, BRANCH_UNLESS(want))                     \
  }
  EQUALITY(kEq, true)
  EQUALITY(kNe, false)
  BRANCH_EQUALITY(kBrNotEq, true)
  BRANCH_EQUALITY(kBrNotNe, false)
  BRANCH_EQUALITY_IMM(kBrNotEqI, true)
  BRANCH_EQUALITY_IMM(kBrNotNeI, false)
#undef EQUALITY
#undef BRANCH_EQUALITY
#undef BRANCH_EQUALITY_IMM
#undef WITH_COMPARISON
#undef WITH_EQUALITY
#undef STORE_BOOL
#undef BRANCH_UNLESS

  OP(kNot) {
    R[ip->a] = Value::Bool(!Truthy(R[ip->b]));
    NEXT();
  }
  OP(kJmp) { JUMP(ip->d); }
  OP(kJmpIfFalse) {
    if (!Truthy(R[ip->a])) JUMP(ip->d);
    NEXT();
  }
  OP(kJmpIfTrue) {
    if (Truthy(R[ip->a])) JUMP(ip->d);
    NEXT();
  }

  OP(kForPrep) {
    Value* p = &R[ip->a];
    if (!BothInt(p[0], p[1])) {
      FailForBound(vm, &p[0], &p[1]);
      goto failed;
    }
    if (p[0].as_int() >= p[1].as_int()) JUMP(ip->d);
    TAKE_FUEL();
    CopyValue(&R[ip->c], &p[0]);
    NEXT();
  }
  OP(kForLoop) {
    Value* p = &R[ip->a];
    // p[0] < p[1] <= INT64_MAX: the increment cannot overflow (computed
    // unsigned all the same, so no bytecode can make it undefined).
    auto i = static_cast<int64_t>(static_cast<uint64_t>(p[0].as_int()) + 1);
    if (i < p[1].as_int()) {
      TAKE_FUEL();
      p[0] = Value::Int(i);
      // Written afresh, not copied from p[0]: a 16-byte load of a value
      // just stored as two 8-byte halves cannot be store-forwarded.
      R[ip->c] = Value::Int(i);
      JUMP(ip->d);
    }
    NEXT();
  }
  OP(kFuel) {
    TAKE_FUEL();
    NEXT();
  }

  OP(kCall) {
    const Value& f = R[ip->a];
    if (f.tag() == Tag::kClosure) {
      callee = &table[f.as_closure()->function()];
    } else if (f.tag() == Tag::kDefn) {
      callee = defn_code[f.as_defn()];
    } else {
      FailNotCallable(vm, &f);
      goto failed;
    }
    if (callee->num_params != ip->b) {
      FailArity(vm, static_cast<uint32_t>(callee - table), ip->b);
      goto failed;
    }
    ENTER();
  }
  OP(kCallDefn) { CALL_DEFN(); }
  OP(kBuiltin) {
    SLOW(CallBuiltin(vm, static_cast<uint32_t>(ip->d), &R[ip->a], &R[ip->b],
                     ip->c));
    NEXT();
  }
  OP(kGet) {
    const Value& c = R[ip->b];
    const Value& k = R[ip->c];
    if (c.tag() == Tag::kVec && k.tag() == Tag::kInt &&
        static_cast<uint64_t>(k.as_int()) < c.as_vec()->size()) {
      CopyValue(&R[ip->a], &c.as_vec()->data()[k.as_int()]);
      NEXT();
    }
    // `get` never allocates: copies of the operands need no rooting.
    const Value args[2] = {c, k};
    SLOW(CallBuiltin(vm, B(Builtin::kGet), &R[ip->a], args, 2));
    NEXT();
  }
  OP(kLen) {
    const Value& c = R[ip->b];
    if (c.tag() == Tag::kVec) {
      R[ip->a] = Value::Int(c.as_vec()->size());
      NEXT();
    }
    const Value arg = c;
    SLOW(CallBuiltin(vm, B(Builtin::kLen), &R[ip->a], &arg, 1));
    NEXT();
  }
  OP(kClosure) {
    SLOW(MakeClosure(vm, static_cast<uint32_t>(ip->d), &R[ip->a], R));
    NEXT();
  }
  OP(kReturn) { RETURN(); }
  OP(kEnterArena) {
    SYNC_TOP();
    vm->heap.EnterArena();
    ++vm->arena_depth;
    NEXT();
  }
  OP(kExitArena) {
    SLOW(ExitArena(vm, &R[ip->a], R, cc->num_regs));
    NEXT();
  }
  OP(kEnterNoGc) {
    SYNC_TOP();
    vm->heap.EnterNoGc();
    ++vm->no_gc_depth;
    NEXT();
  }
  OP(kExitNoGc) {
    SYNC_TOP();  // a deferred collection may run now
    --vm->no_gc_depth;
    vm->heap.ExitNoGc();
    NEXT();
  }

#if !TERN_COMPUTED_GOTO
  }
  // Unreachable for verified code.
  vm->Fault("unknown opcode");
  goto failed;
#endif

failed:
  SYNC_TOP();
  site->chunk = static_cast<uint32_t>(cc - table);
  site->pc = static_cast<uint32_t>(ip - cc->code);
  return false;

#undef OP
#undef DISPATCH
#undef NEXT
#undef JUMP
#undef SLOW
#undef ENTER
#undef TAKE_FUEL
#undef CALL_DEFN
#undef RETURN
#undef SYNC_TOP
#undef LAUNDER
}

}  // namespace tern::vm
