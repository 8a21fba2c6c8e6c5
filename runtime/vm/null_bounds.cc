#include "runtime/vm/null_bounds.h"

#include <algorithm>

#include "runtime/vm/opcodes.h"

namespace tern::vm {
namespace {

// The N field's value (a window's count), 0 if the format has none.
uint32_t Count(const char* format, const uint32_t fields[4]) {
  for (int f = 0; f < 4; ++f) {
    if (format[f] == 'N') return fields[f];
  }
  return 0;
}

// z after `in`, given z before it.
uint32_t Transfer(const Instr& in, uint32_t z) {
  const char* format = GetOpInfo(in.op).format;
  const uint32_t fields[4] = {in.a, in.b, in.c, 0};
  const uint32_t n = Count(format, fields);
  for (int f = 0; f < 3; ++f) {
    switch (format[f]) {
      case 'W': return fields[f] + 1;  // a call: see null_bounds.h
      case 'R': z = std::max(z, fields[f] + 1); break;
      case 'P': z = std::max(z, fields[f] + 2); break;
      case 'V': z = std::max(z, fields[f] + n); break;
      default: break;
    }
  }
  return z;
}

}  // namespace

std::vector<uint32_t> NullBounds(const Chunk& chunk) {
  const size_t size = chunk.code.size();
  const uint32_t entry = 1u + chunk.num_params;
  std::vector<uint32_t> z(size, entry);
  if (size == 0) return z;
  std::vector<bool> seen(size, false);
  std::vector<size_t> work = {0};
  seen[0] = true;
  // Bounds only grow and stay below num_regs + 1: this terminates.
  auto flow = [&](size_t to, uint32_t bound) {
    if (to >= size) return;
    if (!seen[to] || bound > z[to]) {
      seen[to] = true;
      z[to] = std::max(z[to], bound);
      work.push_back(to);
    }
  };
  while (!work.empty()) {
    const size_t pc = work.back();
    work.pop_back();
    const Instr& in = chunk.code[pc];
    if (in.op == Op::kReturn) continue;
    const uint32_t out = Transfer(in, z[pc]);
    const char* format = GetOpInfo(in.op).format;
    if (format[3] == 'J' && in.d >= 0) flow(static_cast<size_t>(in.d), out);
    if (in.op != Op::kJmp) flow(pc + 1, out);
  }
  return z;
}

void FillNullBounds(Chunk* chunk) {
  const std::vector<uint32_t> z = NullBounds(*chunk);
  for (size_t pc = 0; pc < chunk->code.size(); ++pc) {
    Instr& in = chunk->code[pc];
    const char* format = GetOpInfo(in.op).format;
    for (int f = 1; f < 3; ++f) {
      if (format[f] != 'Z') continue;
      (f == 1 ? in.b : in.c) = static_cast<uint16_t>(z[pc]);
    }
  }
}

}  // namespace tern::vm
