#include "runtime/heap/small_space.h"

#include <algorithm>
#include <cstdlib>
#include <mutex>
#include <new>
#include <vector>

#include "runtime/heap/logical_size.h"

namespace tern::heap {
namespace {

constexpr std::array<uint32_t, kNumSizeClasses> kSizes = {
    16,  32,  48,  64,  80,  96,  112, 128,  160,  192,  224,  256,
    320, 384, 448, 512, 640, 768, 896, 1024, 1280, 1536, 1792, 2048};

constexpr std::array<int8_t, kMaxSmallSize / 16 + 1> MakeClassOf() {
  std::array<int8_t, kMaxSmallSize / 16 + 1> t{};
  int c = 0;
  for (uint32_t i = 0; i < t.size(); ++i) {
    while (kSizes[c] < i * 16) ++c;
    t[i] = static_cast<int8_t>(c);
  }
  return t;
}

constexpr uint32_t kFirstCell =
    (sizeof(Page) + kGranule - 1) / kGranule * kGranule;
// Empty pages kept for reuse after a sweep instead of going back to the
// host: up to as many as are in use (a heap cycling through its threshold
// reuses the same pages without faulting them in again), at least 4 MiB
// worth; bounded so that a shrinking heap returns its memory.
constexpr size_t kMinSparePages = 64;

// Pages of heaps that have ended, for the next heap of the process (the
// fuzz targets make several heaps per program): a fresh 64 KiB aligned
// page costs a mapping under ASan (an aligned block beyond its primary
// allocator), its page faults and shadow set-up. Pooled pages stay
// poisoned but for their header.
constexpr size_t kMaxPooledPages = 64;
struct PagePool {
  std::mutex mu;
  std::vector<Page*> pages;
};
PagePool& Pool() {
  static auto* pool = new PagePool;  // never destroyed: heaps may outlive statics
  return *pool;
}

void Retire(Page* page) {
  PagePool& pool = Pool();
  {
    std::lock_guard<std::mutex> lock(pool.mu);
    if (pool.pages.size() < kMaxPooledPages) {
      Unpoison(page, kFirstCell);
      Poison(page->base() + kFirstCell, kPageSize - kFirstCell);
      pool.pages.push_back(page);
      return;
    }
  }
  Unpoison(page, kPageSize);
  std::free(page);
}

Page* FromPool() {
  PagePool& pool = Pool();
  std::lock_guard<std::mutex> lock(pool.mu);
  if (pool.pages.empty()) return nullptr;
  Page* page = pool.pages.back();
  pool.pages.pop_back();
  return page;
}

}  // namespace

const std::array<uint32_t, kNumSizeClasses> SmallSpace::kClassSizes = kSizes;
const std::array<int8_t, kMaxSmallSize / 16 + 1> SmallSpace::kClassOf =
    MakeClassOf();

SmallSpace::SmallSpace(bool fill) : fill_(fill) {
  for (int i = 0; i < kNumSizeClasses; ++i) {
    classes_[i].cell_size = kSizes[i];
  }
}

SmallSpace::~SmallSpace() {
  for (SizeClass& c : classes_) {
    for (Page* p = c.pages; p != nullptr;) {
      Page* next = p->next;
      Retire(p);
      p = next;
    }
  }
  for (Page* p : spare_pages_) Retire(p);
}

Page* SmallSpace::AcquirePage(int cls) {
  Page* page;
  if (!spare_pages_.empty()) {
    page = spare_pages_.back();
    spare_pages_.pop_back();
  } else if (Page* pooled = FromPool()) {
    page = pooled;
  } else {
    void* mem = std::aligned_alloc(kPageSize, kPageSize);
    if (mem == nullptr) throw std::bad_alloc();
    page = static_cast<Page*>(mem);
  }
  SizeClass& c = classes_[cls];
  page->cell_size = c.cell_size;
  page->size_class = static_cast<uint32_t>(cls);
  page->first = kFirstCell;
  page->limit =
      kFirstCell + (kPageSize - kFirstCell) / c.cell_size * c.cell_size;
  page->fresh = 1;
  page->young_objects = 0;
  page->young_logical = 0;
  page->young_marked = 0;
  for (uint64_t& w : page->alloc_bits) w = 0;
  Poison(page->base() + kFirstCell, kPageSize - kFirstCell);
  page->prev = nullptr;
  page->next = c.pages;
  if (c.pages != nullptr) c.pages->prev = page;
  c.pages = page;
  pages_.insert(reinterpret_cast<uintptr_t>(page));
  fresh_pages_.push_back(page);
  return page;
}

void SmallSpace::Unlink(Page* page) {
  if (page->prev != nullptr) {
    page->prev->next = page->next;
  } else {
    classes_[page->size_class].pages = page->next;
  }
  if (page->next != nullptr) page->next->prev = page->prev;
}

void SmallSpace::EndFreshEpoch() {
  for (Page* p : fresh_pages_) p->fresh = 0;
  fresh_pages_.clear();
}

std::vector<Page*> SmallSpace::ClassifyFreshPages(uint64_t* promoted) {
  std::vector<Page*> dead;
  for (Page* p : fresh_pages_) {
    if (!p->fresh) continue;
    if (p->young_marked == 0 && p != classes_[p->size_class].bump_page) {
      p->fresh = kDeadFresh;
      dead.push_back(p);
    } else if (p->young_marked == p->young_objects) {
      p->fresh = kLiveFresh;
      *promoted += p->young_logical;
    }
  }
  return dead;
}

SweepTally SmallSpace::FreeFreshPages(const std::vector<Page*>& dead) {
  EndFreshEpoch();
  SweepTally tally;
  for (Page* p : dead) {
    tally.objects += p->young_objects;
    tally.logical_bytes += p->young_logical;
    tally.cell_bytes += uint64_t{p->young_objects} * p->cell_size;
    Unlink(p);
    ReleasePage(p);
  }
  return tally;
}

void SmallSpace::ReleasePage(Page* page) {
  pages_.erase(reinterpret_cast<uintptr_t>(page));
  if (spare_pages_.size() < std::max(kMinSparePages, pages_.size())) {
    Poison(page->base() + kFirstCell, kPageSize - kFirstCell);
    spare_pages_.push_back(page);
    return;
  }
  Unpoison(page, kPageSize);
  std::free(page);
}

void* SmallSpace::AllocateSlow(int cls, uint32_t bytes) {
  SizeClass& c = classes_[cls];
  Page* page = AcquirePage(cls);
  c.bump_page = page;
  c.bump = page->base() + page->first + c.cell_size;
  c.bump_end = page->base() + page->limit;
  char* cell = page->base() + page->first;
  Unpoison(cell, bytes);
  return cell;
}

uint32_t SmallSpace::CarvedLimit(const Page* page) const {
  const SizeClass& c = classes_[page->size_class];
  if (page == c.bump_page) {
    return static_cast<uint32_t>(c.bump - reinterpret_cast<const char*>(page));
  }
  return page->limit;
}

void SmallSpace::PushFree(FreeCell** list, char* cell, uint32_t cell_size,
                          bool refill) {
  Unpoison(cell, cell_size);
  if (fill_ && refill) {
    Fill(cell, cell_size);
    freed_.push_back(cell);
  }
  FreeCell* f = reinterpret_cast<FreeCell*>(cell);
  f->next = *list;
  *list = f;
  Poison(cell, cell_size);
}

void SmallSpace::Free(void* cell) {
  Page* page = Page::Of(cell);
  page->fresh = 0;  // the cell goes onto the free list
  page->ClearAllocated(Page::OffsetOf(cell));
  SizeClass& c = classes_[page->size_class];
  PushFree(&c.free, static_cast<char*>(cell), c.cell_size, true);
}

// Two passes per page: the first only reads (counts the live cells,
// tallies the dead), so that a page with nothing live goes
// back whole without a write to any of its cells (common: short-lived
// structures die together); the second, on pages that keep something,
// unmarks the live cells and threads the dead ones onto the free list.
// A class none of whose pages goes back keeps its free list and only gains
// the newly dead cells: re-threading every free cell at every sweep made a
// collection O(free cells) — under --gc-stress, a full collection at every
// allocation, that was most of a run (a gc_fuzzer program: 63% of 19 s in
// the sweep). When a page goes back, its free cells are on the list, so
// that class's list is rebuilt from the pages that stay.
SweepTally SmallSpace::Sweep(uint8_t age, HeapCensus* census) {
  EndFreshEpoch();
  SweepTally tally;
  std::vector<bool> goes_back;  // per page of the class, in list order
  for (SizeClass& c : classes_) {
    bool releases = false;
    goes_back.clear();
    for (Page* p = c.pages; p != nullptr; p = p->next) {
      uint32_t end = CarvedLimit(p);
      uint32_t live = 0;
      for (uint32_t off = p->first; off < end; off += c.cell_size) {
        if (!p->IsAllocated(off)) continue;
        const Object* o = reinterpret_cast<const Object*>(p->base() + off);
        if (o->flags & kMarkBit) {
          ++live;
          if (census != nullptr && IsObjectKind(o->kind())) {
            census->Count(o, LogicalSize(o));
          }
          continue;
        }
        if (IsObjectKind(o->kind())) {
          ++tally.objects;
        } else {
          ++tally.buffers;
        }
        tally.logical_bytes += o->size;
        tally.cell_bytes += c.cell_size;
      }
      goes_back.push_back(live == 0 && p != c.bump_page);
      releases = releases || goes_back.back();
    }
    if (releases) c.free = nullptr;
    size_t index = 0;
    for (Page* next = c.pages; Page* p = next; ++index) {
      next = p->next;
      uint32_t end = CarvedLimit(p);
      if (goes_back[index]) {
        if (fill_) {  // the cells free before this sweep: their last check
          for (uint32_t off = p->first; off < end; off += c.cell_size) {
            if (!p->IsAllocated(off)) CheckFill(p->base() + off, c.cell_size);
          }
        }
        Unlink(p);
        ReleasePage(p);
        continue;
      }
      FreeCell* local = nullptr;
      FreeCell* local_tail = nullptr;
      for (uint32_t off = p->first; off < end; off += c.cell_size) {
        char* cell = p->base() + off;
        bool was_free = !p->IsAllocated(off);
        if (was_free && !releases) continue;  // already on the kept list
        if (!was_free) {
          Object* o = reinterpret_cast<Object*>(cell);
          if (o->flags & kMarkBit) {
            o->flags = static_cast<uint8_t>((o->flags & ~kMarkBit) | age);
            continue;
          }
          p->ClearAllocated(off);
        }
        PushFree(&local, cell, c.cell_size, !was_free);
        if (local_tail == nullptr) local_tail = local;
      }
      if (local_tail != nullptr) {
        Unpoison(local_tail, sizeof(FreeCell));
        local_tail->next = c.free;
        Poison(local_tail, c.cell_size);
        c.free = local;
      }
    }
  }
  return tally;
}

SmallSpace::CellState SmallSpace::StateInPage(const void* p) const {
  const Page* page = Page::Of(p);
  uint32_t off = Page::OffsetOf(p);
  if (off < page->first || off >= CarvedLimit(page) ||
      (off - page->first) % page->cell_size != 0) {
    return CellState::kInterior;
  }
  return page->IsAllocated(off) ? CellState::kAllocated : CellState::kFree;
}

}  // namespace tern::heap
