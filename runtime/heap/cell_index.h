#ifndef TERN_RUNTIME_HEAP_CELL_INDEX_H_
#define TERN_RUNTIME_HEAP_CELL_INDEX_H_

// The verifier's map of what an address is, built at the start of each run
// from the allocators' own structures instead of a table of every object:
// one sorted span per small page, large cell and live-arena chunk (found by
// binary search), the page's allocation bitmap for small cells, and for
// arena chunks a bitmap of cell starts set as the verifier walks and checks
// each arena cell. That bitmap is the arena's (ArenaStack::CellStarts) and
// outlives the index: a cell is walked once, not at every verification.
// Building the index costs O(pages + large cells + chunks); a lookup
// touches no object it has not located first (safe on a corrupt heap and
// under ASan).

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <vector>

#include "runtime/heap/arena_stack.h"
#include "runtime/heap/large_space.h"
#include "runtime/heap/object.h"
#include "runtime/heap/small_space.h"

namespace tern::heap {

class CellIndex {
 public:
  enum class Where {
    kHeap,
    kArena,
    kFreedHeapCell,
    kAbandonedArenaCell,
    kInsideCell,
    kEndedArena,
    kNowhere,
  };

  // Spans for every page, large cell and live-arena chunk (none unless
  // `build`); the arena cells known are those AddArenaCell recorded, in
  // this run or an earlier one.
  CellIndex(const SmallSpace& small, const LargeSpace& large,
            ArenaStack& arenas, bool build = true);

  // The span of a live-arena chunk with used bytes (for AddArenaCell).
  size_t ChunkSpan(const void* base) const {
    return static_cast<size_t>(Find(reinterpret_cast<uintptr_t>(base)) -
                               spans_.data());
  }
  // Records a checked cell of that chunk so that Locate accepts it.
  void AddArenaCell(size_t span, const Object* cell) {
    const Span& s = spans_[span];
    uint64_t g = (reinterpret_cast<uintptr_t>(cell) - s.begin) / 16;
    s.starts[g / 64] |= uint64_t{1} << (g % 64);
  }
  // What p points at; *region is the arena's for an arena cell, else 0.
  Where Locate(const void* p, uint16_t* region) const;

  // Calls f(const Object* cell) for the allocated GC-heap cells (small and
  // large) in address order, starting at the first at or after address
  // `from` and wrapping around once, until f returns false or every cell
  // was visited; returns the address to start from next time (any address:
  // only compared, never read).
  template <typename F>
  uintptr_t ForEachHeapCellFrom(uintptr_t from, F&& f) const;

 private:
  enum class Kind : uint8_t { kSmallPage, kLargeCell, kArenaChunk };
  struct Span {
    uintptr_t begin;
    uintptr_t end;  // exclusive: a page's end, a cell's bytes, a chunk's use
    uint64_t* starts;  // arena chunks: their cell-start bits
    uint16_t region;
    Kind kind;
  };

  // The span containing address a, or null.
  const Span* Find(uintptr_t a) const;
  bool IsStart(const Span& s, uintptr_t a) const {
    uint64_t g = (a - s.begin) / 16;
    return (s.starts[g / 64] >> (g % 64)) & 1;
  }

  const SmallSpace& small_;
  mutable const Span* last_ = nullptr;  // lookups cluster: tried first
  const ArenaStack& arenas_;
  std::vector<Span> spans_;  // sorted by begin, disjoint
};

template <typename F>
uintptr_t CellIndex::ForEachHeapCellFrom(uintptr_t from, F&& f) const {
  auto first =
      std::lower_bound(spans_.begin(), spans_.end(), from,
                       [](const Span& s, uintptr_t x) { return s.end <= x; });
  size_t start = static_cast<size_t>(first - spans_.begin());
  for (size_t n = 0; n <= spans_.size() && !spans_.empty(); ++n) {
    const Span& s = spans_[(start + n) % spans_.size()];
    // The start span once more at the end: its cells before `from`.
    bool again = n == spans_.size();
    if (s.kind == Kind::kLargeCell) {
      if (again) break;
      if (s.begin >= from || n > 0) {
        if (!f(reinterpret_cast<const Object*>(s.begin))) return s.begin + 1;
      }
    } else if (s.kind == Kind::kSmallPage) {
      // The allocation bits are set exactly at the allocated cells' starts.
      const Page* p = reinterpret_cast<const Page*>(s.begin);
      for (size_t w = 0; w < Page::kBitWords; ++w) {
        for (uint64_t bits = p->alloc_bits[w]; bits != 0; bits &= bits - 1) {
          uintptr_t a = s.begin + (w * 64 + __builtin_ctzll(bits)) * kGranule;
          if (n == 0 && a < from) continue;
          if (again && a >= from) return from;
          if (!f(reinterpret_cast<const Object*>(a))) return a + 1;
        }
      }
    }
  }
  return from;
}

}  // namespace tern::heap

#endif  // TERN_RUNTIME_HEAP_CELL_INDEX_H_
