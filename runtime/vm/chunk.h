#ifndef TERN_RUNTIME_VM_CHUNK_H_
#define TERN_RUNTIME_VM_CHUNK_H_

// Compiled code: one chunk per Function (defn, lambda, top-level
// expression), a module per program. Chunks hold no heap values: constants
// are plain data, materialised into heap Values when the VM loads the module
// (long strings are then heap objects rooted by the VM's constant pools).

#include <cstdint>
#include <string>
#include <vector>

#include "runtime/pos.h"
#include "runtime/vm/opcodes.h"

namespace tern::vm {

// 12 bytes; field meanings per opcode in opcodes.h.
struct Instr {
  Op op = Op::kReturn;
  uint16_t a = 0;
  uint16_t b = 0;
  uint16_t c = 0;  // an int16 immediate in the *I formats with I in c
  int32_t d = 0;
};
static_assert(sizeof(Instr) == 12);

struct Constant {
  enum class Kind : uint8_t { kInt, kFloat, kStr };
  Kind kind = Kind::kInt;
  int64_t i = 0;
  double f = 0;
  std::string s;
};

// How a closure's capture is initialised when kClosure runs in the chunk
// that creates it: from a register of that frame or from a capture of the
// creating closure.
struct CaptureSource {
  bool from_register = true;
  uint16_t index = 0;
  std::string name;  // the variable's name (arena-escape messages)
};

struct Chunk {
  enum class Kind : uint8_t { kDefn, kLambda, kTopLevel };
  Kind kind = Kind::kTopLevel;
  std::string name;  // defn name; empty for lambdas and top-level forms
  Pos pos;           // the function's form
  uint16_t num_params = 0;
  // Frame size: R[0] holds the callee, R[1..num_params] the arguments, then
  // the Function's other slots, then temporaries.
  uint32_t num_regs = 1;
  std::vector<Instr> code;
  std::vector<Pos> pos_table;  // one per instruction
  std::vector<Constant> constants;
  std::vector<CaptureSource> captures;  // lambdas only
};

struct Module {
  std::vector<Chunk> chunks;
  std::vector<uint32_t> defn_chunks;      // defn index -> chunk
  std::vector<uint32_t> toplevel_chunks;  // in program order
  std::vector<Pos> toplevel_pos;          // each expression's position
};

}  // namespace tern::vm

#endif  // TERN_RUNTIME_VM_CHUNK_H_
