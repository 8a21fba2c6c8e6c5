#include "runtime/vm/vm_state.h"

#include <utility>

#include "runtime/limits.h"

namespace tern::vm {

VmState::VmState(const Module& m, const heap::GcConfig& gc, OutputSink* o,
                 uint64_t f)
    : module(m), heap(gc), out(o), fuel(f) {
  constants.resize(m.chunks.size());
  frames = std::make_unique<CallFrame[]>(kMaxCallDepth);
  heap.AddRootSource(this);
}

VmState::~VmState() { heap.RemoveRootSource(this); }

void VmState::TraceRoots(heap::RootVisitor& v) {
  for (size_t i = 0; i < top; ++i) v.Visit(&regs[i]);
  for (auto& pool : constants) {
    for (Value& k : pool) v.Visit(&k);
  }
  v.Visit(&result);
}

bool VmState::Fail(ErrorKind kind, std::string message) {
  pending.is_fault = false;
  pending.kind = kind;
  pending.message = std::move(message);
  return false;
}

bool VmState::Fault(std::string message) {
  pending.is_fault = true;
  pending.message = std::move(message);
  return false;
}

void VmState::BindChunks() {
  chunk_code.clear();
  for (size_t c = 0; c < module.chunks.size(); ++c) {
    const Chunk& ch = module.chunks[c];
    chunk_code.push_back(ChunkCode{ch.code.data(), constants[c].data(),
                                   ch.num_regs, ch.num_params});
  }
}

void VmState::EnsureRegisters(size_t n) {
  if (n <= regs.size()) return;
  size_t size = regs.size() < 256 ? 256 : regs.size();
  while (size < n) size *= 2;
  regs.resize(size);
}

}  // namespace tern::vm
