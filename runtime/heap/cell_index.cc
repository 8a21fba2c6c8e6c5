#include "runtime/heap/cell_index.h"

#include <algorithm>

namespace tern::heap {

CellIndex::CellIndex(const SmallSpace& small, const LargeSpace& large,
                     ArenaStack& arenas, bool build)
    : small_(small), arenas_(arenas) {
  if (!build) return;
  small.ForEachPage([&](const Page* p) {
    uintptr_t b = reinterpret_cast<uintptr_t>(p);
    spans_.push_back({b, b + kPageSize, nullptr, 0, Kind::kSmallPage});
  });
  large.ForEachCell([&](const Object* cell, uint64_t bytes) {
    uintptr_t b = reinterpret_cast<uintptr_t>(cell);
    spans_.push_back({b, b + bytes, nullptr, 0, Kind::kLargeCell});
  });
  for (uint16_t r = 1; r <= arenas.depth(); ++r) {
    const std::vector<ArenaStack::Chunk>& chunks = arenas.chunks(r);
    std::vector<std::vector<uint64_t>>& bits = arenas.cell_starts(r).bits;
    if (bits.size() < chunks.size()) bits.resize(chunks.size());
    for (size_t i = 0; i < chunks.size(); ++i) {
      const ArenaStack::Chunk& c = chunks[i];
      if (c.used == 0) continue;
      // Sized for the whole chunk once: the cells it gains later fit.
      if (bits[i].empty()) bits[i].assign((c.size / 16 + 63) / 64, 0);
      uintptr_t b = reinterpret_cast<uintptr_t>(c.base);
      spans_.push_back({b, b + c.used, bits[i].data(), r, Kind::kArenaChunk});
    }
  }
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
