#include "runtime/vm/vm_state.h"

#include <utility>

#include "runtime/limits.h"

namespace tern::vm {

VmState::VmState(const Module& m, const heap::GcConfig& gc, OutputSink* o,
                 uint64_t f)
    : module(m), heap(gc), out(o), fuel(f) {
  constants.resize(m.chunks.size());
  frames.reserve(kMaxCallDepth);
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

void VmState::EnsureRegisters(size_t n) {
  if (n <= regs.size()) return;
  size_t size = regs.size() < 256 ? 256 : regs.size();
  while (size < n) size *= 2;
  regs.resize(size);
}

}  // namespace tern::vm
