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

}  // namespace

const OpInfo& GetOpInfo(Op op) {
  // Corrupted code may hold any byte: it names no opcode.
  static constexpr OpInfo kInvalid = {"invalid", "----", "not an opcode"};
  auto i = static_cast<size_t>(op);
  return i < std::size(kOpInfos) ? kOpInfos[i] : kInvalid;
}

}  // namespace tern::vm
