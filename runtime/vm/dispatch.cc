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

// An int's high word is its tag and nothing else (runtime/heap/value.h:
// bytes 8..14 are zero but in short strings), so one compare tests it.
inline bool IsInt(const Value& x) {
  return x.hi_word() == uint64_t{static_cast<uint8_t>(Tag::kInt)} << 56;
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
inline void CopyValue(Value* dst, const Value* src) {
  uint64_t lo, hi;
  std::memcpy(&lo, src, 8);
  std::memcpy(&hi, reinterpret_cast<const char*>(src) + 8, 8);
  asm("" : "+r"(lo), "+r"(hi));
  std::memcpy(static_cast<void*>(dst), &lo, 8);
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

inline bool Truthy(const Value& v) {
  Tag t = v.tag();
  return !(t == Tag::kNull || (t == Tag::kBool && !v.as_bool()));
}

}  // namespace

bool Execute(VmState* vm, uint32_t entry, Value* result, ErrorSite* site) {
  const Module& module = vm->module;
  const ChunkCode* const table = vm->chunk_code.data();
  uint32_t cur = entry;
  const ChunkCode* cc = &table[cur];
  size_t base = 0;
  // The suspended callers are frames[0 .. fp - frames].
  CallFrame* const frames = vm->frames.get();
  CallFrame* const frames_end = frames + kMaxCallDepth;
  CallFrame* fp = frames;
  vm->EnsureRegisters(cc->num_regs);
  Value* R = vm->regs.data();
  ClearRegisters(R, 0, cc->num_regs);
  vm->top = cc->num_regs;
  const Instr* code = cc->code;
  const Instr* ip = code;
  const Value* K = cc->constants;
  uint64_t fuel = vm->fuel;
  uint32_t target = 0;  // the chunk a call enters

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
#define JUMP(target_pc)      \
  do {                       \
    ip = code + (target_pc); \
    DISPATCH();              \
  } while (0)
#define SLOW(call)            \
  do {                        \
    if (!(call)) goto failed; \
  } while (0)

#if TERN_COMPUTED_GOTO
  DISPATCH();
#else
dispatch:
  switch (ip->op) {
#endif

  OP(kLoadK) {
    CopyValue(&R[ip->a], &K[ip->b]);
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

#define ARITH(name, builtin, overflow_op, float_op)                       \
  OP(name) {                                                              \
    const Value& x = R[ip->b];                                            \
    const Value& y = R[ip->c];                                            \
    if (BothInt(x, y)) {                                                  \
      int64_t r;                                                          \
      if (!overflow_op(x.as_int(), y.as_int(), &r)) {                     \
        R[ip->a] = Value::Int(r);                                         \
        NEXT();                                                           \
      }                                                                   \
    } else if (BothFloat(x, y)) {                                         \
      R[ip->a] = Value::Float(x.as_float() float_op y.as_float());        \
      NEXT();                                                             \
    }                                                                     \
    SLOW(SlowArith(vm, B(builtin), &R[ip->a], &x, &y));                   \
    NEXT();                                                               \
  }
  ARITH(kAdd, Builtin::kAdd, __builtin_add_overflow, +)
  ARITH(kSub, Builtin::kSub, __builtin_sub_overflow, -)
  ARITH(kMul, Builtin::kMul, __builtin_mul_overflow, *)
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

#define ARITH_IMM(name, builtin, overflow_op)                \
  OP(name) {                                                 \
    const Value& x = R[ip->b];                               \
    if (IsInt(x)) {                                          \
      int64_t r;                                             \
      if (!overflow_op(x.as_int(), int64_t{ip->d}, &r)) {    \
        R[ip->a] = Value::Int(r);                            \
        NEXT();                                              \
      }                                                      \
    }                                                        \
    const Value imm = Value::Int(ip->d);                     \
    SLOW(SlowArith(vm, B(builtin), &R[ip->a], &x, &imm));    \
    NEXT();                                                  \
  }
  ARITH_IMM(kAddI, Builtin::kAdd, __builtin_add_overflow)
  ARITH_IMM(kSubI, Builtin::kSub, __builtin_sub_overflow)
  ARITH_IMM(kMulI, Builtin::kMul, __builtin_mul_overflow)
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
#define BRANCH_IMM(name, builtin, op)                           \
  OP(name) {                                                    \
    const Value& x = R[ip->a];                                  \
    const Value y = Value::Int(static_cast<int16_t>(ip->c));    \
    WITH_COMPARISON(x, y, builtin, op, BRANCH_UNLESS(true))     \
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
    const Value y = Value::Int(static_cast<int16_t>(ip->c));     \
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
    if (fuel == 0) {
      FailOutOfFuel(vm);
      goto failed;
    }
    --fuel;
    CopyValue(&R[ip->c], &p[0]);
    NEXT();
  }
  OP(kForLoop) {
    Value* p = &R[ip->a];
    // p[0] < p[1] <= INT64_MAX: the increment cannot overflow (computed
    // unsigned all the same, so no bytecode can make it undefined).
    auto i = static_cast<int64_t>(static_cast<uint64_t>(p[0].as_int()) + 1);
    if (i < p[1].as_int()) {
      if (fuel == 0) {
        FailOutOfFuel(vm);
        goto failed;
      }
      --fuel;
      p[0] = Value::Int(i);
      // Written afresh, not copied from p[0]: a 16-byte load of a value
      // just stored as two 8-byte halves cannot be store-forwarded.
      R[ip->c] = Value::Int(i);
      JUMP(ip->d);
    }
    NEXT();
  }
  OP(kFuel) {
    if (fuel == 0) {
      FailOutOfFuel(vm);
      goto failed;
    }
    --fuel;
    NEXT();
  }

  OP(kCall) {
    const Value& callee = R[ip->a];
    if (callee.tag() == Tag::kClosure) {
      target = callee.as_closure()->function();
    } else if (callee.tag() == Tag::kDefn) {
      target = module.defn_chunks[callee.as_defn()];
    } else {
      FailNotCallable(vm, &callee);
      goto failed;
    }
    if (table[target].num_params != ip->b) {
      FailArity(vm, target, ip->b);
      goto failed;
    }
    goto enter;
  }
  OP(kCallDefn) {
    target = module.defn_chunks[static_cast<uint32_t>(ip->d)];
    R[ip->a] = Value::Defn(static_cast<uint32_t>(ip->d));
    goto enter;
  }
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
  OP(kReturn) {
    Value v;
    CopyValue(&v, &R[ip->a]);
    if (fp == frames) {
      // The top-level frame's registers die too (the next top-level form
      // may have fewer): nothing above top stays non-null.
      ClearRegisters(R, 0, cc->num_regs);
      *result = v;
      vm->fuel = fuel;
      return true;
    }
    --fp;
    // The callee's registers die with it: cleared, so that no register
    // above the running frame's window is ever non-null. Otherwise a
    // caller whose window reaches above this one would scan them as roots
    // (stale objects of an arena that has ended included).
    ClearRegisters(R, 1, cc->num_regs);
    CopyValue(&R[0], &v);  // the caller's call register
    base = fp->base;
    cur = fp->chunk;
    cc = &table[cur];
    R = vm->regs.data() + base;
    vm->top = base + cc->num_regs;
    code = cc->code;
    K = cc->constants;
    JUMP(fp->return_pc);
  }
  OP(kEnterArena) {
    vm->heap.EnterArena();
    ++vm->arena_depth;
    NEXT();
  }
  OP(kExitArena) {
    SLOW(ExitArena(vm, &R[ip->a], R, cc->num_regs));
    NEXT();
  }
  OP(kEnterNoGc) {
    vm->heap.EnterNoGc();
    ++vm->no_gc_depth;
    NEXT();
  }
  OP(kExitNoGc) {
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

enter: {
  // docs/language.md §4.6, after the type and arity checks: fuel, then
  // depth.
  if (fuel == 0) {
    FailOutOfFuel(vm);
    goto failed;
  }
  if (fp == frames_end) {
    FailStackOverflow(vm);
    goto failed;
  }
  --fuel;
  const uint32_t argc = ip->b;
  fp->chunk = cur;
  fp->return_pc = static_cast<uint32_t>(ip - code) + 1;
  fp->base = static_cast<uint32_t>(base);
  ++fp;
  const size_t caller_top = vm->top;
  base += ip->a;
  cur = target;
  cc = &table[cur];
  const size_t callee_top = base + cc->num_regs;
  if (callee_top > vm->regs.size()) vm->EnsureRegisters(callee_top);
  R = vm->regs.data() + base;
  // Null from the arguments' end to the caller's top: the caller's dead
  // temporaries above the call window, which the callee's window may
  // cover, and which the collector will not see while the callee runs, so
  // must not still hold an object when the caller's window is scanned
  // again. Everything above the caller's top is null already (every
  // return clears its frame).
  if (caller_top > base + 1 + argc) {
    ClearRegisters(R, 1 + argc, caller_top - base);
  }
  vm->top = callee_top;
  code = cc->code;
  K = cc->constants;
  ip = code;
  DISPATCH();
}

failed:
  site->chunk = cur;
  site->pc = static_cast<uint32_t>(ip - code);
  vm->fuel = fuel;
  return false;

#undef OP
#undef DISPATCH
#undef NEXT
#undef JUMP
#undef SLOW
}

}  // namespace tern::vm
