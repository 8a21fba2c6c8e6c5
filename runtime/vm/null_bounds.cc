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

void NullBounds(const Chunk& chunk, std::vector<uint32_t>* bounds,
                std::vector<uint32_t>* work) {
  const size_t size = chunk.code.size();
  const uint32_t entry = 1u + chunk.num_params;
  // 0 marks an instruction not reached yet (every bound is at least
  // entry >= 1), so no separate "seen" set is needed.
  std::vector<uint32_t>& z = *bounds;
  z.assign(size, 0);
  work->clear();
  if (size == 0) return;
  z[0] = entry;
  work->push_back(0);
  // Bounds only grow and stay below num_regs + 1: this terminates.
  auto flow = [&](size_t to, uint32_t bound) {
    if (to >= size) return;
    if (z[to] == 0 || bound > z[to]) {
      z[to] = std::max(std::max(z[to], entry), bound);
      work->push_back(static_cast<uint32_t>(to));
    }
  };
  while (!work->empty()) {
    const size_t pc = work->back();
    work->pop_back();
    const Instr& in = chunk.code[pc];
    if (in.op == Op::kReturn) continue;
    const uint32_t out = Transfer(in, z[pc]);
    const char* format = GetOpInfo(in.op).format;
    if (format[3] == 'J' && in.d >= 0) flow(static_cast<size_t>(in.d), out);
    if (in.op != Op::kJmp) flow(pc + 1, out);
  }
  for (uint32_t& bound : z) {
    if (bound == 0) bound = entry;  // unreachable
  }
}

std::vector<uint32_t> NullBounds(const Chunk& chunk) {
  std::vector<uint32_t> z, work;
  NullBounds(chunk, &z, &work);
  return z;
}

void FillNullBounds(Chunk* chunk, std::vector<uint32_t>* bounds,
                    std::vector<uint32_t>* work) {
  NullBounds(*chunk, bounds, work);
  const std::vector<uint32_t>& z = *bounds;
  for (size_t pc = 0; pc < chunk->code.size(); ++pc) {
    Instr& in = chunk->code[pc];
    const char* format = GetOpInfo(in.op).format;
    for (int f = 1; f < 3; ++f) {
      if (format[f] != 'Z') continue;
      (f == 1 ? in.b : in.c) = static_cast<uint16_t>(z[pc]);
    }
  }
}

void FillNullBounds(Chunk* chunk) {
  std::vector<uint32_t> z, work;
  FillNullBounds(chunk, &z, &work);
}

}  // namespace tern::vm
