#ifndef TERN_RUNTIME_HEAP_SMALL_SPACE_H_
#define TERN_RUNTIME_HEAP_SMALL_SPACE_H_

// Size-class pages for small cells (<= kMaxSmallSize bytes). A page is
// kPageSize bytes, aligned to its size, holding cells of one size class
// after a header with an allocation bitmap (one bit per 16-byte granule,
// set at the start of every allocated cell). Allocation pops the class's
// free list or bumps through the class's newest page; a sweep frees every
// allocated cell whose header is unmarked, rebuilds the free lists and
// returns empty pages (a few are kept for reuse).
//
// Gen mode: a page acquired since the last collection is "fresh" (every
// cell on it is young) until it holds a store, the owner of one, or an
// explicitly freed cell; the heap counts its young objects and bytes at
// allocation and the minor marker counts the ones it marks, so a fresh
// page with none marked is freed whole by the minor sweep without reading
// a single dead cell (those reads, cache misses, were most of a minor).

#include <array>
#include <cstddef>
#include <cstdint>
#include <unordered_set>
#include <vector>

#include "runtime/heap/census.h"
#include "runtime/heap/object.h"
#include "runtime/heap/poison.h"

namespace tern::heap {

inline constexpr size_t kPageSize = 64 * 1024;
inline constexpr size_t kGranule = 16;
inline constexpr uint32_t kMaxSmallSize = 2048;
inline constexpr int kNumSizeClasses = 24;
// Page::fresh during a minor sweep (ClassifyFreshPages): nothing on the
// page was marked, or everything was.
inline constexpr uint32_t kDeadFresh = 2;
inline constexpr uint32_t kLiveFresh = 3;

struct Page {
  static constexpr size_t kBitWords = kPageSize / kGranule / 64;

  uint32_t cell_size;
  uint32_t size_class;
  uint32_t first;  // offset of the first cell
  uint32_t limit;  // offset past the last cell that fits
  Page* next;      // the class's page list (doubly linked)
  Page* prev;
  // Gen mode (see above): fresh is 1 while the page is fresh (kDeadFresh
  // or kLiveFresh during a minor sweep); the young
  // objects (never buffers) allocated on it and their logical bytes; the
  // objects a minor marked on it (meaningful while fresh).
  uint32_t fresh;
  uint32_t young_objects;
  uint32_t young_logical;
  uint32_t young_marked;
  uint64_t alloc_bits[kBitWords];

  char* base() { return reinterpret_cast<char*>(this); }
  static Page* Of(const void* p) {
    return reinterpret_cast<Page*>(reinterpret_cast<uintptr_t>(p) &
                                   ~(uintptr_t{kPageSize} - 1));
  }
  static uint32_t OffsetOf(const void* p) {
    return static_cast<uint32_t>(reinterpret_cast<uintptr_t>(p) &
                                 (kPageSize - 1));
  }
  bool IsAllocated(uint32_t offset) const {
    uint32_t g = offset / kGranule;
    return (alloc_bits[g / 64] >> (g % 64)) & 1;
  }
  void SetAllocated(uint32_t offset) {
    uint32_t g = offset / kGranule;
    alloc_bits[g / 64] |= uint64_t{1} << (g % 64);
  }
  void ClearAllocated(uint32_t offset) {
    uint32_t g = offset / kGranule;
    alloc_bits[g / 64] &= ~(uint64_t{1} << (g % 64));
  }
};

// What a sweep freed, for the heap's counters.
struct SweepTally {
  uint64_t objects = 0;
  uint64_t buffers = 0;
  uint64_t logical_bytes = 0;
  uint64_t cell_bytes = 0;
};

class SmallSpace {
 public:
  // `fill`: fill freed cells with kFillByte (verify heaps without ASan).
  explicit SmallSpace(bool fill);
  ~SmallSpace();
  SmallSpace(const SmallSpace&) = delete;
  SmallSpace& operator=(const SmallSpace&) = delete;

  // The size class for a cell of `bytes` (1..kMaxSmallSize).
  static int ClassFor(uint32_t bytes) { return kClassOf[(bytes + 15) / 16]; }
  static uint32_t ClassSize(int cls) { return kClassSizes[cls]; }

  // A cell of class `cls` for `bytes` (>= 16) bytes: those unpoisoned, the
  // cell's slack beyond them still poisoned; contents unspecified. Throws
  // std::bad_alloc when no page can be had.
  void* Allocate(int cls, uint32_t bytes) {
    SizeClass& c = classes_[cls];
    char* cell;
    if (c.free != nullptr &&
        (fresh_limit_ == 0 ||
         (c.bump >= c.bump_end && pages_.size() >= fresh_limit_))) {
      cell = reinterpret_cast<char*>(c.free);
      Unpoison(cell, bytes);
      c.free = c.free->next;
      if (fill_) CheckFill(cell, c.cell_size);
    } else if (c.bump < c.bump_end) {
      cell = c.bump;
      c.bump += c.cell_size;
      Unpoison(cell, bytes);
    } else {
      cell = static_cast<char*>(AllocateSlow(cls, bytes));
    }
    Page::Of(cell)->SetAllocated(Page::OffsetOf(cell));
    return cell;
  }

  // Gen mode (the heap sets it after every collection): while fewer than
  // `pages` pages are in use, a class whose bump page is used up takes a
  // new (fresh) page before its free list, and bumps through it, so that a
  // minor can free the nursery's short-lived objects page by page
  // (ClassifyFreshPages); beyond that the free list comes first again. The
  // limit must follow the live cells, not the pages in use: reset to
  // "pages in use + a nursery" at every minor it ratcheted (young values
  // stored into an old map leave a few survivors on each fresh page: 4 MiB
  // more pages a minor, 1.8 GiB peak RSS instead of 166 MiB, measured).
  void SetFreshPageLimit(size_t pages) { fresh_limit_ = pages; }

  // Frees one allocated cell now (a backing store replaced on growth).
  void Free(void* cell);

  // Gen mode, after a minor's marking, flags each fresh page until
  // FreeFreshPages: kDeadFresh if none of its objects was marked (never a
  // class's bump page), kLiveFresh if all were (adding their logical bytes
  // to *promoted). Returns the kDeadFresh pages.
  std::vector<Page*> ClassifyFreshPages(uint64_t* promoted);
  // Ends the fresh epoch: frees `dead` (from ClassifyFreshPages) whole and
  // tallies their cells (all objects); no page is fresh afterwards.
  SweepTally FreeFreshPages(const std::vector<Page*>& dead);

  // Frees every allocated cell whose header lacks kMarkBit, clears the mark
  // of the others and sets `age` (kOldBit in gen mode, else 0) on them.
  // With `census`, counts the surviving objects into it (Heap::Census: no
  // second walk of the heap).
  SweepTally Sweep(uint8_t age, HeapCensus* census = nullptr);

  // For the verifier: what p points at.
  enum class CellState { kNotInPages, kAllocated, kFree, kInterior };
  CellState StateOf(const void* p) const {
    return InPages(p) ? StateInPage(p) : CellState::kNotInPages;
  }
  // StateOf for a p known to lie in one of this space's pages.
  CellState StateInPage(const void* p) const;
  bool IsLiveCell(const void* p) const {
    return StateOf(p) == CellState::kAllocated;
  }
  // Whether p lies inside one of this space's pages (any offset).
  bool InPages(const void* p) const {
    return pages_.contains(reinterpret_cast<uintptr_t>(Page::Of(p)));
  }
  // Calls f(const Page* page) for every page in use.
  template <typename F>
  void ForEachPage(F&& f) const {
    for (const SizeClass& c : classes_) {
      for (const Page* p = c.pages; p != nullptr; p = p->next) f(p);
    }
  }
  // Calls f(Object* cell, uint32_t cell_size) for every allocated cell.
  template <typename F>
  void ForEachCell(F&& f) const;
  // Calls f(char* cell, uint32_t cell_size) for every free cell (on a free
  // list); used to check the fill pattern.
  template <typename F>
  void ForEachFreeCell(F&& f) const;

  // Fill heaps (verify, no ASan): each freed cell's pattern is checked by
  // the verifier once after the free (the cells freed since it last
  // looked), then again only when the cell is reused or its page released;
  // a broken pattern found there is kept for the verifier to report (the
  // cell size; 0 when none), so each freed byte is checked O(1) times.
  const std::vector<char*>& freed_since_check() const { return freed_; }
  void ClearFreedSinceCheck() { freed_.clear(); }
  uint32_t TakeStaleWrite() {
    uint32_t size = stale_write_;
    stale_write_ = 0;
    return size;
  }
  // Whether a free cell still holds the pattern (but its free-list link).
  static bool StillFilled(const char* cell, uint32_t cell_size) {
    return IsFilled(cell, 8) && IsFilled(cell + 16, cell_size - 16);
  }

  size_t page_count() const { return pages_.size(); }
  bool fills() const { return fill_; }

  // Test hook: frees a cell as a buggy sweep would, leaving references.
  void FreeForTesting(void* cell) { Free(cell); }

 private:
  struct FreeCell {
    uint64_t header_word;  // fill pattern (or poisoned)
    FreeCell* next;
  };
  struct SizeClass {
    uint32_t cell_size = 0;
    FreeCell* free = nullptr;
    char* bump = nullptr;
    char* bump_end = nullptr;
    Page* bump_page = nullptr;
    Page* pages = nullptr;
  };

  static const std::array<uint32_t, kNumSizeClasses> kClassSizes;
  static const std::array<int8_t, kMaxSmallSize / 16 + 1> kClassOf;

  void* AllocateSlow(int cls, uint32_t bytes);
  // f(char* cell, uint32_t cell_size, bool allocated) for every cell carved
  // so far, page by page.
  template <typename F>
  void ForEachCarvedCell(F&& f) const;
  Page* AcquirePage(int cls);
  void ReleasePage(Page* page);
  void Unlink(Page* page);
  void EndFreshEpoch();
  // Offset past the last carved cell of `page` (cells beyond were never
  // handed out).
  uint32_t CarvedLimit(const Page* page) const;
  void CheckFill(const char* cell, uint32_t cell_size) {
    if (stale_write_ == 0 && !StillFilled(cell, cell_size)) {
      stale_write_ = cell_size;
    }
  }
  // Threads a free cell onto a list (fill, then poison).
  void PushFree(FreeCell** list, char* cell, uint32_t cell_size, bool refill);

  bool fill_;
  size_t fresh_limit_ = 0;  // SetFreshPages
  SizeClass classes_[kNumSizeClasses];
  std::unordered_set<uintptr_t> pages_;
  std::vector<Page*> spare_pages_;
  std::vector<Page*> fresh_pages_;  // acquired since the last collection
  std::vector<char*> freed_;  // fill heaps: filled since the verifier looked
  uint32_t stale_write_ = 0;
};

template <typename F>
void SmallSpace::ForEachCarvedCell(F&& f) const {
  for (const SizeClass& c : classes_) {
    for (Page* p = c.pages; p != nullptr; p = p->next) {
      uint32_t end = CarvedLimit(p);
      for (uint32_t off = p->first; off < end; off += c.cell_size) {
        f(p->base() + off, c.cell_size, p->IsAllocated(off));
      }
    }
  }
}

template <typename F>
void SmallSpace::ForEachCell(F&& f) const {
  ForEachCarvedCell([&f](char* cell, uint32_t size, bool allocated) {
    if (allocated) f(reinterpret_cast<Object*>(cell), size);
  });
}

template <typename F>
void SmallSpace::ForEachFreeCell(F&& f) const {
  ForEachCarvedCell([&f](char* cell, uint32_t size, bool allocated) {
    if (!allocated) f(cell, size);
  });
}

}  // namespace tern::heap

#endif  // TERN_RUNTIME_HEAP_SMALL_SPACE_H_
