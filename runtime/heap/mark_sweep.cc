// The full collector: mark from the roots with an explicit stack (so a
// structure nested 10^6 deep needs no host recursion), then sweep the small
// and large spaces. Arena objects are never marked or freed here: every
// object of a live arena is scanned as a root, which finds all the heap
// objects arena objects refer to.

#include <algorithm>
#include <chrono>
#include <vector>

#include "runtime/heap/heap.h"

namespace tern::heap {

// References go onto the mark stack unexamined; Drain moves them through a
// small FIFO, prefetching each header on entry, and marks and scans an
// object only when it leaves the FIFO, by which time its header is
// usually in cache (marking is bound by those misses).
class Marker final : public RootVisitor {
 public:
  void Visit(Value* slot) override { MarkValue(*slot); }

  void MarkValue(Value v) {
    if (v.is_object()) stack_.push_back(v.as_object());
  }

  // Marks the children of o (any region); a heap object's store too.
  void Scan(Object* o) {
    switch (o->type) {
      case ObjType::kStr:
        break;
      case ObjType::kVec: {
        VecObj* v = reinterpret_cast<VecObj*>(o);
        if (v->has_store()) MarkStore(o, v->elements);
        for (uint32_t i = 0; i < v->length; ++i) MarkValue(v->elements[i]);
        break;
      }
      case ObjType::kMap: {
        MapObj* m = reinterpret_cast<MapObj*>(o);
        if (m->entries == nullptr) break;
        MarkStore(o, m->entries);
        for (uint32_t i = 0; i < m->used; ++i) {
          MarkValue(m->entries[i].key);
          MarkValue(m->entries[i].value);
        }
        break;
      }
      case ObjType::kClosure: {
        ClosureObj* c = reinterpret_cast<ClosureObj*>(o);
        Value* caps = c->captures();
        for (uint32_t i = 0; i < c->capture_count; ++i) MarkValue(caps[i]);
        break;
      }
    }
  }

  void Drain() {
    for (;;) {
      while (fifo_count_ < kFifo && !stack_.empty()) {
        Object* o = stack_.back();
        stack_.pop_back();
        __builtin_prefetch(o, 1);
        fifo_[(fifo_head_ + fifo_count_++) % kFifo] = o;
      }
      if (fifo_count_ == 0) return;
      Object* o = fifo_[fifo_head_];
      fifo_head_ = (fifo_head_ + 1) % kFifo;
      --fifo_count_;
      if (o->region != 0 || (o->flags & kMarkBit)) continue;
      o->flags |= kMarkBit;
      Scan(o);
    }
  }

 private:
  static constexpr uint32_t kFifo = 8;

  static void MarkStore(const Object* owner, void* payload) {
    if (owner->region == 0)
      Buffer::FromPayload(payload)->header.flags |= kMarkBit;
  }

  std::vector<Object*> stack_;
  Object* fifo_[kFifo];
  uint32_t fifo_head_ = 0;
  uint32_t fifo_count_ = 0;
};

void Heap::Mark() {
  Marker m;
  for (RootSource* s : root_sources_) {
    s->TraceRoots(m);
    m.Drain();
  }
  for (Value& v : handles_) m.MarkValue(v);
  for (int i = 0; i < num_temp_roots_; ++i) m.MarkValue(temp_roots_[i]);
  m.Drain();
  for (uint16_t r = 1; r <= arenas_.depth(); ++r) {
    arenas_.ForEachCell(r, [&m](Object* cell) {
      if (IsObjectKind(cell->kind())) m.Scan(cell);
    });
    m.Drain();
  }
}

void Heap::Sweep() {
  SweepTally t = small_.Sweep();
  SweepTally l = large_.Sweep();
  objects_ -= t.objects + l.objects;
  buffers_ -= t.buffers + l.buffers;
  logical_bytes_ -= t.logical_bytes + l.logical_bytes;
  cell_bytes_ -= t.cell_bytes + l.cell_bytes;
}

void Heap::CollectNow() {
  if (collecting_) return;
  if (config_.verify) Verify("before collection");
  auto start = std::chrono::steady_clock::now();
  collecting_ = true;
  Mark();
  Sweep();
  collecting_ = false;
  auto pause = std::chrono::duration_cast<std::chrono::nanoseconds>(
                   std::chrono::steady_clock::now() - start)
                   .count();
  gc_pending_ = false;
  allocated_since_gc_ = 0;
  threshold_ = std::max(kMinGcThreshold, kGcGrowth * cell_bytes_);
  ++stats_.collections;
  stats_.peak_live_bytes = std::max(stats_.peak_live_bytes, logical_bytes_);
  stats_.total_pause_ns += static_cast<uint64_t>(pause);
  stats_.max_pause_ns =
      std::max(stats_.max_pause_ns, static_cast<uint64_t>(pause));
  if (config_.verify) Verify("after collection");
}

}  // namespace tern::heap
