#ifndef TERN_RUNTIME_HEAP_HEAP_TESTING_H_
#define TERN_RUNTIME_HEAP_HEAP_TESTING_H_

// Test-only hooks that plant the bugs the verifier exists to catch, and
// expose internals tests measure. Never used by the VM (testonly target).

#include <cstdint>

#include "runtime/heap/card_table.h"
#include "runtime/heap/heap.h"

namespace tern::heap {

class HeapTesting {
 public:
  // Frees an object's cell as a buggy sweep would (counters adjusted the
  // same way), leaving every reference to it dangling.
  static void FreeObject(Heap& h, Object* o) {
    if (o->size <= kMaxSmallSize) {
      h.cell_bytes_ -= SmallSpace::ClassSize(SmallSpace::ClassFor(o->size));
      --h.objects_;
      h.logical_bytes_ -= o->size;
      h.small_.FreeForTesting(o);
    }
  }
  static void SetMarkBit(Object* o) { o->flags |= kMarkBit; }
  static void SkewObjectCounter(Heap& h, int64_t delta) {
    h.objects_ += static_cast<uint64_t>(delta);
  }
  static void SkewByteCounter(Heap& h, int64_t delta) {
    h.logical_bytes_ += static_cast<uint64_t>(delta);
  }
  static uint64_t threshold(const Heap& h) { return h.threshold_; }
  // A store that bypasses the write barrier (the bug the gen verifier
  // catches).
  static void StoreWithoutBarrier(VecObj* v, uint32_t i, Value x) {
    v->elements[i] = x;
  }
  // A capture store that bypasses the write barrier (into an arena
  // closure: the verifier must report the missed arena record).
  static void SetCaptureWithoutBarrier(ClosureObj* c, uint32_t i, Value x) {
    c->captures()[i] = x;
  }
  static size_t arena_recorded(const Heap& h) {
    return h.arenas_.recorded_count();
  }
  // Cleans every card of o's store, as a barrier that dirtied the wrong
  // card (or none) would leave it.
  static void CleanCards(Object* o) {
    StoreCards cards = CardsOf(o);
    for (uint32_t c = 0; c < cards.count; ++c) cards.bytes[c] = 0;
  }
  static uint32_t DirtyCards(Object* o) {
    StoreCards cards = CardsOf(o);
    uint32_t n = 0;
    for (uint32_t c = 0; c < cards.count; ++c) n += cards.bytes[c];
    return n;
  }
  // Whether the cell at o is free now (page bitmap / large-cell set only:
  // never reads the cell).
  static bool IsFreed(const Heap& h, const Object* o) {
    if (h.small_.InPages(o)) {
      return h.small_.StateOf(o) == SmallSpace::CellState::kFree;
    }
    return !h.large_.IsLiveCell(o);
  }
  static size_t young_count(const Heap& h) { return h.young_.size(); }
  // How many verifications the heap has run (the next is numbered one
  // more; numbers 1, 2, 4, 8, ... walk every cell).
  static uint64_t verifications(const Heap& h) {
    return h.arenas_.verifications();
  }
  // Benches: measure one phase of a run.
  static void ResetStats(Heap& h) { h.stats_ = GcStats(); }
  static size_t page_count(const Heap& h) { return h.small_.page_count(); }
  static uint64_t arena_chunk_bytes(const Heap& h) {
    return h.arenas_.live_chunk_bytes();
  }
  static size_t pooled_chunks(const Heap& h) { return h.arenas_.pool().size(); }
  // The census of a walk of every GC-heap cell, as Heap::Census took it
  // before its sweep counted it (the arena half as Census has it).
  static HeapCensus WalkCensus(const Heap& h) {
    HeapCensus c;
    auto count = [&c](Object* cell, uint64_t) {
      if (IsObjectKind(cell->kind())) c.Count(cell, Heap::LogicalSize(cell));
    };
    h.small_.ForEachCell(count);
    h.large_.ForEachCell(count);
    c.arena = h.arenas_.census();
    return c;
  }
};

}  // namespace tern::heap

#endif  // TERN_RUNTIME_HEAP_HEAP_TESTING_H_
