// The collectors: mark from the roots with an explicit stack (so a
// structure nested 10^6 deep needs no host recursion), then sweep. A full
// collection sweeps the small and large spaces; a minor one (gen mode)
// marks only young objects (old ones count as marked: the sticky mark),
// traces the remembered set and the dirty cards of large stores as extra
// roots, and sweeps only the list of
// objects allocated since the last collection. Arena objects are never
// marked or freed here: the objects of the live arenas that may hold heap
// references (each arena's recorded list, filled by the write barrier) are
// scanned as roots, which finds all the heap objects arena objects refer
// to; the rest of the arenas' cells are not touched.

#include <time.h>

#include <algorithm>
#include <chrono>
#include <cstring>
#include <vector>

#include "runtime/heap/card_table.h"
#include "runtime/heap/heap.h"

namespace tern::heap {
namespace {

// This thread's CPU time: a pause without the time slices other processes
// took while it ran (the machine is shared; wall pauses include them).
uint64_t ThreadCpuNs() {
  timespec ts;
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return static_cast<uint64_t>(ts.tv_sec) * 1000000000u +
         static_cast<uint64_t>(ts.tv_nsec);
}

}  // namespace

// References go onto the mark stack unexamined; Drain moves them through a
// small FIFO, prefetching each header on entry, and marks and scans an
// object only when it leaves the FIFO, by which time its header is
// usually in cache (marking is bound by those misses).
class Marker final : public RootVisitor {
 public:
  // minor: old objects are not traced; young ones reached become old at
  // once, with their stores (the minor sweep frees the rest).
  explicit Marker(bool minor)
      : skip_(minor ? kMarkBit | kOldBit : kMarkBit), minor_(minor) {}

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
      if (o->region != 0 || (o->flags & skip_)) continue;
      if (minor_) {
        // A minor marks only young objects, and its mark is their
        // promotion (the sweep then writes no survivor); count them on
        // their fresh page.
        o->flags |= kOldBit;
        if (o->size <= kMaxSmallSize) ++Page::Of(o)->young_marked;
      } else {
        o->flags |= kMarkBit;
      }
      Scan(o);
    }
  }

 private:
  static constexpr uint32_t kFifo = 8;

  // A full collection marks a heap object's store; a minor promotes it
  // with its owner (an old owner's store is old already).
  void MarkStore(const Object* owner, void* payload) const {
    if (owner->region == 0) {
      Buffer::FromPayload(payload)->header.flags |= minor_ ? kOldBit : kMarkBit;
    }
  }

  const uint8_t skip_;
  const bool minor_;
  std::vector<Object*> stack_;
  Object* fifo_[kFifo];
  uint32_t fifo_head_ = 0;
  uint32_t fifo_count_ = 0;
};

void Heap::Mark(bool minor) {
  Marker m(minor);
  if (minor) {
    for (Object* o : remembered_) m.Scan(o);
    ScanDirtyCards(m);
    m.Drain();
  }
  for (RootSource* s : root_sources_) {
    s->TraceRoots(m);
    m.Drain();
  }
  for (Value& v : handles_) m.MarkValue(v);
  for (int i = 0; i < num_temp_roots_; ++i) m.MarkValue(temp_roots_[i]);
  m.Drain();
  // Of the live arenas' objects only the recorded ones can hold GC-heap
  // references (the write barrier records them; the verifier checks it).
  for (uint16_t r = 1; r <= arenas_.depth(); ++r) {
    for (Object* cell : arenas_.recorded(r)) m.Scan(cell);
    m.Drain();
  }
}

void Heap::ScanDirtyCards(Marker& m) {
  uint64_t scanned = 0;
  for (Object* o : carded_) {
    o->flags &= static_cast<uint8_t>(~kCardsBit);
    StoreCards cards = CardsOf(o);
    if (cards.bytes == nullptr) continue;  // moved to a small store: whole
    // A remembered owner is scanned whole; its cards only need cleaning.
    bool whole = (o->flags & kRememberedBit) != 0;
    for (uint32_t c = 0; c < cards.count; ++c) {
      // Skip clean cards eight at a time (a big store is mostly clean).
      if (c % 8 == 0 && c + 8 <= cards.count) {
        uint64_t word;
        std::memcpy(&word, cards.bytes + c, sizeof word);
        if (word == 0) {
          c += 7;
          continue;
        }
      }
      if (cards.bytes[c] == 0) continue;
      cards.bytes[c] = 0;
      if (whole) continue;
      if (o->type == ObjType::kVec) {
        VecObj* v = reinterpret_cast<VecObj*>(o);
        constexpr uint32_t kPer = kCardBytes / sizeof(Value);
        uint32_t end = std::min(v->length, (c + 1) * kPer);
        for (uint32_t i = c * kPer; i < end; ++i) m.MarkValue(v->elements[i]);
        scanned += end > c * kPer ? end - c * kPer : 0;
      } else {
        MapObj* mp = reinterpret_cast<MapObj*>(o);
        constexpr uint32_t kPer = kCardBytes / sizeof(MapEntry);
        uint32_t end = std::min(mp->used, (c + 1) * kPer);
        for (uint32_t i = c * kPer; i < end; ++i) {
          m.MarkValue(mp->entries[i].key);
          m.MarkValue(mp->entries[i].value);
        }
        scanned += end > c * kPer ? 2 * (end - c * kPer) : 0;
      }
    }
  }
  carded_.clear();
  stats_.card_slots_scanned += scanned;
}

void Heap::CleanCards() {
  for (Object* o : carded_) {
    o->flags &= static_cast<uint8_t>(~kCardsBit);
    StoreCards cards = CardsOf(o);
    if (cards.bytes != nullptr) std::fill_n(cards.bytes, cards.count, 0);
  }
  carded_.clear();
}

void Heap::Sweep() {
  uint8_t age = config_.mode == GcMode::kGen ? kOldBit : 0;
  SweepTally t = small_.Sweep(age, census_);
  SweepTally l = large_.Sweep(age, census_);
  objects_ -= t.objects + l.objects;
  buffers_ -= t.buffers + l.buffers;
  logical_bytes_ -= t.logical_bytes + l.logical_bytes;
  cell_bytes_ -= t.cell_bytes + l.cell_bytes;
}

uint64_t Heap::SweepYoung() {
  // Objects on fresh pages with nothing marked are freed with their page
  // below, unread; those on fresh pages with everything marked are old
  // already (the marker promotes) and own no store: skipped unread too,
  // their bytes counted per page. ClassifyFreshPages flags both kinds in
  // the page headers (a few dozen lines, in cache), and a young entry's
  // tag bit tells a large object, whose Page::Of is no page, without
  // reading it. (A binary search of the dead pages behind a 16-entry page
  // cache cost 4.5% of live_churn's run, half its GC time: perf.)
  uint64_t promoted = 0;
  const std::vector<Page*> dead = small_.ClassifyFreshPages(&promoted);
  auto skipped = [](uintptr_t e) {
    return (e & kYoungLargeBit) == 0 &&
           Page::Of(reinterpret_cast<const void*>(e))->fresh >= kDeadFresh;
  };
  // Each young header is read (and a dead cell written onto its free list)
  // once: cache misses when the mutator has touched other memory since
  // they were made. Prefetching a few ahead overlaps them (perf: the minor
  // sweep was most of a minor's time on gen_bench's map updates).
  constexpr size_t kAhead = 16;
  const size_t n = young_.size();
  for (size_t i = 0; i < n; ++i) {
    if (i + kAhead < n && !skipped(young_[i + kAhead])) {
      __builtin_prefetch(
          reinterpret_cast<const void*>(young_[i + kAhead] & ~kYoungLargeBit),
          1);
    }
    const uintptr_t e = young_[i];
    if (skipped(e)) continue;
    Object* o = reinterpret_cast<Object*>(e & ~kYoungLargeBit);
    void* store = nullptr;
    if (o->type == ObjType::kVec) {
      VecObj* v = reinterpret_cast<VecObj*>(o);
      if (v->has_store()) store = v->elements;
    } else if (o->type == ObjType::kMap) {
      store = reinterpret_cast<MapObj*>(o)->entries;
    }
    if (o->flags & kOldBit) {  // marked, so promoted (with its store)
      promoted += LogicalSize(o);
    } else {
      if (store != nullptr) FreeCell(&Buffer::FromPayload(store)->header);
      FreeCell(o);
    }
  }
  young_.clear();
  verify_young_done_ = 0;
  SweepTally t = small_.FreeFreshPages(dead);
  objects_ -= t.objects;
  logical_bytes_ -= t.logical_bytes;
  cell_bytes_ -= t.cell_bytes;
  return promoted;
}

void Heap::CollectNow(bool minor) {
  if (collecting_) return;
  if (config_.verify) {
    Verify(minor ? "before minor collection" : "before collection");
  }
  // Pauses are timed only when asked for (GcConfig::stats).
  const bool timed = config_.stats;
  std::chrono::steady_clock::time_point start{};
  uint64_t cpu_start = 0;
  if (timed) {
    start = std::chrono::steady_clock::now();
    cpu_start = ThreadCpuNs();
  }
  const uint64_t cells_before = cell_bytes_;
  const uint64_t old_before =
      cell_bytes_ - std::min(cell_bytes_, allocated_since_gc_);
  collecting_ = true;
  stats_.peak_remembered_set =
      std::max<uint64_t>(stats_.peak_remembered_set, remembered_.size());
  Mark(minor);
  if (!minor) CleanCards();  // before the sweep frees any carded owner
  // Every young object is now marked (it becomes old) or freed, so no old
  // object keeps a young reference: the remembered set empties.
  for (Object* o : remembered_) {
    o->flags &= static_cast<uint8_t>(~kRememberedBit);
  }
  remembered_.clear();
  if (minor) {
    stats_.promoted_bytes += SweepYoung();
  } else {
    young_.clear();  // the full sweep frees or ages them all
    verify_young_done_ = 0;
    Sweep();
    stress_full_ = false;
    old_limit_ = cell_bytes_ + std::max(kMinOldGrowth, kGcGrowth * cell_bytes_);
  }
  collecting_ = false;
  int64_t pause = 0;
  uint64_t cpu = 0;
  if (timed) {
    pause = std::chrono::duration_cast<std::chrono::nanoseconds>(
                std::chrono::steady_clock::now() - start)
                .count();
    cpu = ThreadCpuNs() - cpu_start;
  }
  gc_pending_ = false;
  if (config_.mode == GcMode::kGen) {
    ResizeNursery(minor, old_before, cells_before);
  }
  allocated_since_gc_ = 0;
  if (!minor) threshold_ = std::max(kMinGcThreshold, kGcGrowth * cell_bytes_);
  if (config_.mode == GcMode::kGen) SetFreshPageLimit();
  ++stats_.collections;
  if (minor) {
    ++stats_.minor_collections;
    stats_.minor_pauses.Add(static_cast<uint64_t>(pause));
    stats_.minor_cpu_pauses.Add(cpu);
  } else {
    ++stats_.full_collections;
    stats_.full_pauses.Add(static_cast<uint64_t>(pause));
    stats_.full_cpu_pauses.Add(cpu);
  }
  stats_.peak_live_bytes = std::max(stats_.peak_live_bytes, logical_bytes_);
  stats_.total_pause_ns += static_cast<uint64_t>(pause);
  stats_.total_pause_cpu_ns += cpu;
  stats_.max_pause_ns =
      std::max(stats_.max_pause_ns, static_cast<uint64_t>(pause));
  if (config_.verify) {
    Verify(minor ? "after minor collection" : "after collection");
  }
}

}  // namespace tern::heap
