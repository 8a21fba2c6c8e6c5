#ifndef TERN_RUNTIME_VM_OPCODES_H_
#define TERN_RUNTIME_VM_OPCODES_H_

// The VM's instruction set, one line per opcode: name, operand format,
// what it does. The compiler's emitter, the verifier, the disassembler and
// the dispatch loop are generated from or checked against this table (and
// so will the JIT be).
//
// An instruction (runtime/vm/chunk.h) has four operand fields a, b, c (16
// bits each) and d (32 bits). The format is one character per field, in the
// order a b c d:
//   R  a register of the frame (< the chunk's register count)
//   W  the first register of a call window R[x..x+n] (callee and n args),
//      n being the field marked N
//   V  the first register of an argument window R[x..x+n-1] (n from N)
//   P  the first of two consecutive registers (for-loop counter, limit)
//   K  a constant-pool index
//   I  a signed immediate (c: int16, d: int32)
//   J  a jump target: an instruction index inside the chunk
//   N  an argument count
//   C  a capture index of the running closure
//   F  a chunk index (a lambda's code)
//   D  a defn index
//   B  a builtin (runtime/builtins.h)
//   Z  a null bound: every register of the frame from Z up is null when the
//      instruction starts (runtime/vm/null_bounds.h; the compiler fills it,
//      the verifier checks it), so a call or return clears only below it
//   -  unused (must be 0)
// "R[x]" is register x of the running frame, K[x] constant x.
// Every instruction that can raise an error or consume fuel has the source
// position docs/language.md fixes for it in the chunk's position table.
#include <cstdint>

#define TERN_OPCODES(X)                                                       \
  X(kLoadK, "RK--", "R[a] = K[b]")                                            \
  X(kLoadI, "R--I", "R[a] = int d")                                           \
  X(kLoadNull, "R---", "R[a] = null")                                         \
  X(kLoadTrue, "R---", "R[a] = true")                                         \
  X(kLoadFalse, "R---", "R[a] = false")                                       \
  X(kLoadDefn, "R--D", "R[a] = defn d as a value")                            \
  X(kMove, "RR--", "R[a] = R[b]")                                             \
  X(kGetCap, "RC--", "R[a] = capture b of the running closure")               \
  X(kSetCap, "RC--", "capture b = R[a] (store rule: arena-escape)")           \
  X(kAdd, "RRR-", "R[a] = R[b] + R[c] (int fast path, else slow path)")       \
  X(kSub, "RRR-", "R[a] = R[b] - R[c]")                                       \
  X(kMul, "RRR-", "R[a] = R[b] * R[c]")                                       \
  X(kDiv, "RRR-", "R[a] = R[b] / R[c]")                                       \
  X(kMod, "RRR-", "R[a] = R[b] % R[c]")                                       \
  X(kAddI, "RR-I", "R[a] = R[b] + d")                                         \
  X(kSubI, "RR-I", "R[a] = R[b] - d")                                         \
  X(kMulI, "RR-I", "R[a] = R[b] * d")                                         \
  X(kModI, "RR-I", "R[a] = R[b] % d")                                         \
  X(kLt, "RRR-", "R[a] = R[b] < R[c]")                                        \
  X(kLe, "RRR-", "R[a] = R[b] <= R[c]")                                       \
  X(kGt, "RRR-", "R[a] = R[b] > R[c]")                                        \
  X(kGe, "RRR-", "R[a] = R[b] >= R[c]")                                       \
  X(kEq, "RRR-", "R[a] = R[b] = R[c]")                                        \
  X(kNe, "RRR-", "R[a] = R[b] != R[c]")                                       \
  X(kNot, "RR--", "R[a] = not R[b]")                                          \
  X(kJmp, "---J", "goto d")                                                   \
  X(kJmpIfFalse, "R--J", "if R[a] is falsy goto d")                           \
  X(kJmpIfTrue, "R--J", "if R[a] is truthy goto d")                           \
  X(kBrNotLt, "RR-J", "unless R[a] < R[b] goto d")                            \
  X(kBrNotLe, "RR-J", "unless R[a] <= R[b] goto d")                           \
  X(kBrNotGt, "RR-J", "unless R[a] > R[b] goto d")                            \
  X(kBrNotGe, "RR-J", "unless R[a] >= R[b] goto d")                           \
  X(kBrNotEq, "RR-J", "unless R[a] = R[b] goto d")                            \
  X(kBrNotNe, "RR-J", "unless R[a] != R[b] goto d")                           \
  X(kBrNotLtI, "R-IJ", "unless R[a] < c goto d")                              \
  X(kBrNotLeI, "R-IJ", "unless R[a] <= c goto d")                             \
  X(kBrNotGtI, "R-IJ", "unless R[a] > c goto d")                              \
  X(kBrNotGeI, "R-IJ", "unless R[a] >= c goto d")                             \
  X(kBrNotEqI, "R-IJ", "unless R[a] = c goto d")                              \
  X(kBrNotNeI, "R-IJ", "unless R[a] != c goto d")                             \
  X(kForPrep, "P-RJ",                                                         \
    "check R[a], R[a+1] are ints; if R[a] < R[a+1]: fuel, R[c] = R[a] "       \
    "else goto d")                                                            \
  X(kForLoop, "P-RJ",                                                         \
    "R[a] += 1; if R[a] < R[a+1]: fuel, R[c] = R[a], goto d")                 \
  X(kFuel, "----", "consume one unit of fuel (a while iteration)")            \
  X(kCall, "WNZ-",                                                            \
    "call R[a] with R[a+1..a+b]: type, arity, fuel, depth; R[a+b+1..c) "      \
    "nulled; result in R[a]")                                                 \
  X(kCallDefn, "WNZD",                                                        \
    "call defn d with R[a+1..a+b] (arity checked statically): fuel, depth; "  \
    "R[a+b+1..c) nulled; result in R[a]")                                     \
  X(kBuiltin, "RVNB", "R[a] = builtin d applied to R[b..b+c-1]")              \
  X(kGet, "RRR-", "R[a] = (get R[b] R[c]) (vec/int fast path)")               \
  X(kLen, "RR--", "R[a] = (len R[b])")                                        \
  X(kClosure, "R--F", "R[a] = new closure of chunk d, captures copied")       \
  X(kReturn, "RZ--", "return R[a] to the caller, R[1..b) nulled")             \
  X(kEnterArena, "----", "enter a new arena region")                          \
  X(kExitArena, "R---",                                                       \
    "end the innermost arena; R[a], the block's value, must not be in it")    \
  X(kEnterNoGc, "----", "collections wait until the outermost no-gc ends")    \
  X(kExitNoGc, "----", "end a no-gc block")                                   \
  /* Superinstructions (TERN_SUPERINSTRUCTIONS below). */                     \
  X(kSubICallDefn, "RR-I", "kSubI, then the kCallDefn at pc+1")               \
  X(kAddReturn, "RRR-", "kAdd, then the kReturn at pc+1")

// Superinstructions, one line each: the fused opcode, the first and the
// second opcode of the pair it runs. A fused instruction takes the place of
// the first of the pair, with its operands (and its format), and the second
// stays where it was, at pc+1: the fused handler runs the first, then the
// second (its operands read at pc+1) with no dispatch between. So the
// position table, jump targets (a jump to pc+1 runs the second alone) and
// null bounds are those of the unfused pair, and an error of the second
// part is reported at pc+1, exactly as without fusion. The compiler fuses
// every such pair (superinstructions.h); the verifier checks that pc+1
// holds the second opcode. One saves a dispatch per pair: both pairs end
// each recursive step of fib (`(f (- n 1))`, `(+ a b)` in tail position).
#define TERN_SUPERINSTRUCTIONS(X)       \
  X(kSubICallDefn, kSubI, kCallDefn)    \
  X(kAddReturn, kAdd, kReturn)


namespace tern::vm {

enum class Op : uint8_t {
#define TERN_X(name, format, comment) name,
  TERN_OPCODES(TERN_X)
#undef TERN_X
};

inline constexpr int kOpCount = 0
#define TERN_X(name, format, comment) +1
    TERN_OPCODES(TERN_X)
#undef TERN_X
    ;

struct OpInfo {
  const char* name;    // "kAdd" without the k: "Add"
  const char* format;  // four characters, see above
  const char* comment;
};

// Out-of-range values get an "invalid" entry (the verifier rejects them).
const OpInfo& GetOpInfo(Op op);

struct Superinstruction {
  Op fused;
  Op first;
  Op second;
};
// The superinstruction `op` is, or null if it is not one.
const Superinstruction* FindSuperinstruction(Op op);

}  // namespace tern::vm

#endif  // TERN_RUNTIME_VM_OPCODES_H_
