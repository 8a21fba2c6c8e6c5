#include "runtime/vm/opcodes.h"

#include <iterator>

namespace tern::vm {

namespace {

constexpr OpInfo kOpInfos[] = {
#define TERN_X(name, format, comment) {&#name[1], format, comment},
    TERN_OPCODES(TERN_X)
#undef TERN_X
};

// Every format names exactly the four fields a, b, c, d.
#define TERN_X(name, format, comment) \
  static_assert(sizeof(format) == 5, #name ": format needs 4 characters");
TERN_OPCODES(TERN_X)
#undef TERN_X

constexpr Superinstruction kSuperinstructions[] = {
#define TERN_X(fused, first, second) {Op::fused, Op::first, Op::second},
    TERN_SUPERINSTRUCTIONS(TERN_X)
#undef TERN_X
};

constexpr bool SameFormat(const char* x, const char* y) {
  for (int i = 0; i < 4; ++i) {
    if (x[i] != y[i]) return false;
  }
  return true;
}

// A fused instruction carries its first opcode's operands.
#define TERN_X(fused, first, second)                                     \
  static_assert(SameFormat(kOpInfos[static_cast<int>(Op::fused)].format, \
                           kOpInfos[static_cast<int>(Op::first)].format), \
                #fused ": format differs from " #first);
TERN_SUPERINSTRUCTIONS(TERN_X)
#undef TERN_X

}  // namespace

const Superinstruction* FindSuperinstruction(Op op) {
  for (const Superinstruction& s : kSuperinstructions) {
    if (s.fused == op) return &s;
  }
  return nullptr;
}

const OpInfo& GetOpInfo(Op op) {
  // Corrupted code may hold any byte: it names no opcode.
  static constexpr OpInfo kInvalid = {"invalid", "----", "not an opcode"};
  auto i = static_cast<size_t>(op);
  return i < std::size(kOpInfos) ? kOpInfos[i] : kInvalid;
}

}  // namespace tern::vm
