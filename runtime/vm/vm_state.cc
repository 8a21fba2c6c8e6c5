#include "runtime/vm/vm_state.h"

#include <algorithm>
#include <cstdio>
#include <utility>

#include "runtime/heap/poison.h"
#include "runtime/limits.h"
#include "runtime/outcome.h"

namespace tern::vm {
namespace {

// The call-frame array of this thread's last run, for its next one (a
// fuzzer makes several runs per program): a fresh one was a malloc and
// its first-touch page faults per run. A frame is written by the call
// that pushes it before any read, so the array is left as it is (not
// zeroed); poisoned while spare, so a stale frame pointer is reported.
constexpr size_t kFrameBytes = sizeof(CallFrame) * kMaxCallDepth;
struct SpareFrames {
  std::unique_ptr<CallFrame[]> frames;
  ~SpareFrames() {
    if (frames != nullptr) heap::Unpoison(frames.get(), kFrameBytes);
  }
};
thread_local SpareFrames spare;

std::unique_ptr<CallFrame[]> TakeFrames() {
  if (spare.frames != nullptr) {
    heap::Unpoison(spare.frames.get(), kFrameBytes);
    return std::move(spare.frames);
  }
  return std::unique_ptr<CallFrame[]>(new CallFrame[kMaxCallDepth]);
}

void GiveFrames(std::unique_ptr<CallFrame[]> frames) {
  if (frames == nullptr || spare.frames != nullptr) return;
  heap::Poison(frames.get(), kFrameBytes);
  spare.frames = std::move(frames);
}

}  // namespace

VmState::VmState(const Module& m, const heap::GcConfig& gc, OutputSink* o,
                 uint64_t f)
    : module(m), heap(gc), out(o), fuel(f) {
  constants.resize(m.chunks.size());
  frames = TakeFrames();
  heap.AddRootSource(this);
}

VmState::~VmState() {
  heap.RemoveRootSource(this);
  GiveFrames(std::move(frames));
}

void VmState::TraceRoots(heap::RootVisitor& v) {
  for (size_t i = 0; i < top; ++i) {
    if (i != dropped_register) v.Visit(&regs[i]);
  }
  for (auto& pool : constants) {
    for (Value& k : pool) v.Visit(&k);
  }
  v.Visit(&result);
}

void VmState::CollectAndCensus() {
  if (heap.in_no_gc()) {
    heap.Collect();  // deferred to the end of the outermost no-gc
    return;
  }
  std::string line = heap::FormatCensus(heap.Census());
  if (census.size() < kMaxCensusLines) {
    census.push_back(std::move(line));
    return;
  }
  ++census_more;
  for (char c : line + "\n") {
    census_digest = (census_digest ^ static_cast<unsigned char>(c)) *
                    1099511628211u;
  }
}

std::vector<std::string> VmState::CensusLines() const {
  std::vector<std::string> lines = census;
  if (census_more > 0) {
    char hex[17];
    std::snprintf(hex, sizeof hex, "%016llx",
                  static_cast<unsigned long long>(census_digest));
    lines.push_back("census: " + std::to_string(census_more) +
                    " more, digest " + hex);
  }
  return lines;
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

void VmState::BindChunks(size_t from) {
  chunk_code.resize(from);
  for (size_t c = from; c < module.chunks.size(); ++c) {
    const Chunk& ch = module.chunks[c];
    chunk_code.push_back(ChunkCode{ch.code.data(), constants[c].data(),
                                   ch.num_regs, ch.num_params});
  }
  defn_code.clear();
  for (uint32_t c : module.defn_chunks) defn_code.push_back(&chunk_code[c]);
  // A frame at depth k (k suspended callers) starts at most k * (largest
  // frame - 1) registers in (a call window lies inside its caller's frame)
  // and the depth is at most kMaxCallDepth.
  size_t largest = 1;
  for (const ChunkCode& cc : chunk_code) {
    largest = std::max<size_t>(largest, cc.num_regs);
  }
  regs.Reserve((size_t{kMaxCallDepth} + 1) * largest + kClearSlack, top);
}

}  // namespace tern::vm
