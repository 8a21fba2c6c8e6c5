#include "runtime/heap/cell_index.h"

#include <algorithm>

namespace tern::heap {

CellIndex::CellIndex(const SmallSpace& small, const LargeSpace& large,
                     const ArenaStack& arenas, bool build)
    : small_(small), arenas_(arenas) {
  if (!build) return;
  small.ForEachPage([&](const Page* p) {
    uintptr_t b = reinterpret_cast<uintptr_t>(p);
    spans_.push_back({b, b + kPageSize, 0, 0, Kind::kSmallPage});
  });
  large.ForEachCell([&](const Object* cell, uint64_t bytes) {
    uintptr_t b = reinterpret_cast<uintptr_t>(cell);
    spans_.push_back({b, b + bytes, 0, 0, Kind::kLargeCell});
  });
  size_t words = 0;
  for (uint16_t r = 1; r <= arenas.depth(); ++r) {
    for (const ArenaStack::Chunk& c : arenas.chunks(r)) {
      if (c.used == 0) continue;
      uintptr_t b = reinterpret_cast<uintptr_t>(c.base);
      spans_.push_back(
          {b, b + c.used, static_cast<uint32_t>(words), r, Kind::kArenaChunk});
      words += (c.used / 16 + 63) / 64;
    }
  }
  starts_.assign(words, 0);
  std::sort(spans_.begin(), spans_.end(),
            [](const Span& x, const Span& y) { return x.begin < y.begin; });
}

const CellIndex::Span* CellIndex::Find(uintptr_t a) const {
  if (last_ != nullptr && a >= last_->begin && a < last_->end) return last_;
  // The last span beginning at or below a.
  auto it =
      std::upper_bound(spans_.begin(), spans_.end(), a,
                       [](uintptr_t x, const Span& s) { return x < s.begin; });
  if (it == spans_.begin()) return nullptr;
  --it;
  if (a >= it->end) return nullptr;
  last_ = &*it;
  return last_;
}

CellIndex::Where CellIndex::Locate(const void* p, uint16_t* region) const {
  *region = 0;
  uintptr_t a = reinterpret_cast<uintptr_t>(p);
  if (a % 8 != 0) return Where::kNowhere;
  if (const Span* s = Find(a)) {
    switch (s->kind) {
      case Kind::kSmallPage:
        switch (small_.StateInPage(p)) {
          case SmallSpace::CellState::kAllocated:
            return Where::kHeap;
          case SmallSpace::CellState::kFree:
            return Where::kFreedHeapCell;
          case SmallSpace::CellState::kInterior:
          case SmallSpace::CellState::kNotInPages:
            return Where::kInsideCell;
        }
        break;
      case Kind::kLargeCell:
        return a == s->begin ? Where::kHeap : Where::kInsideCell;
      case Kind::kArenaChunk:
        if ((a - s->begin) % 16 != 0 || !IsStart(*s, a)) {
          return Where::kInsideCell;
        }
        *region = s->region;
        return static_cast<const Object*>(p)->kind() == kFreeKind
                   ? Where::kAbandonedArenaCell
                   : Where::kArena;
    }
  }
  // Only reports get here: the ring of recently ended chunks is short.
  if (arenas_.InRecentlyEnded(p)) return Where::kEndedArena;
  return Where::kNowhere;
}

}  // namespace tern::heap
