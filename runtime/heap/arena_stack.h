#ifndef TERN_RUNTIME_HEAP_ARENA_STACK_H_
#define TERN_RUNTIME_HEAP_ARENA_STACK_H_

// The live arenas, innermost last. Each arena is a bump allocator over its
// own chunks: 64 KiB first, each further chunk twice the previous (or as
// big as one oversized object needs). Cells are 16-byte aligned; under ASan
// a poisoned 16-byte red zone follows each one. Exit releases every chunk of
// the innermost arena: poisoned (ASan) or filled (verify heaps), then kept
// in a small pool of first-size chunks for the next arena or freed.
//
// Each arena also keeps, so that no collection or census walks its cells:
// - the recorded list: every object of the arena that may hold a GC-heap
//   reference (the write barrier's slow path records a container the first
//   time a heap reference is stored into it; kRememberedBit marks it
//   recorded). A collection marks from these only: an arena object holding
//   no heap reference keeps nothing in the GC heap alive (what it reaches
//   in outer arenas is recorded there). Entries stay until the arena ends.
// - census counts: objects and logical bytes per type (stores counted to
//   their owner's type), kept as cells and stores are made and abandoned.

#include <array>
#include <cstddef>
#include <cstdint>
#include <vector>

#include "runtime/heap/census.h"
#include "runtime/heap/object.h"
#include "runtime/heap/poison.h"

namespace tern::heap {

inline constexpr size_t kFirstChunkSize = 64 * 1024;
inline constexpr size_t kArenaRedZone = kAsan ? 16 : 0;
inline constexpr size_t kMaxArenaDepth = 65535;  // region is a uint16_t

class ArenaStack {
 public:
  struct Chunk {
    char* base;
    size_t size;
    size_t used;
  };

  explicit ArenaStack(bool fill) : fill_(fill) {}
  ~ArenaStack();
  ArenaStack(const ArenaStack&) = delete;
  ArenaStack& operator=(const ArenaStack&) = delete;

  // Region of the innermost live arena; 0 when none.
  uint16_t depth() const { return static_cast<uint16_t>(arenas_.size()); }
  // Throws std::bad_alloc past kMaxArenaDepth or when out of memory.
  void Enter();
  // Precondition: depth() > 0.
  void Exit();

  // A 16-byte-aligned cell of `bytes` in the arena of `region` (1..depth).
  void* Allocate(uint16_t region, size_t bytes) {
    Arena& a = arenas_[region - 1];
    size_t step = (bytes + 15) / 16 * 16 + kArenaRedZone;
    if (a.chunks.empty() ||
        a.chunks.back().size - a.chunks.back().used < step) {
      AddChunk(a, step);
    }
    Chunk& c = a.chunks.back();
    char* p = c.base + c.used;
    c.used += step;
    a.bytes += bytes;
    Unpoison(p, bytes);
    return p;
  }
  // Records an object of a live arena that may now hold a GC-heap
  // reference (precondition: not yet recorded).
  void Record(Object* cell) {
    cell->flags |= kRememberedBit;
    arenas_[cell->region - 1].recorded.push_back(cell);
    ++recorded_count_;
  }
  // The recorded objects of arena `region` (1..depth).
  const std::vector<Object*>& recorded(uint16_t region) const {
    return arenas_[region - 1].recorded;
  }
  size_t recorded_count() const { return recorded_count_; }
  // Census counts: `bytes` more logical bytes (and `objects` more objects)
  // of type `kind` in arena `region` (negative deltas when a store is
  // abandoned).
  void CountCensus(uint16_t region, uint8_t kind, int64_t objects,
                   int64_t bytes) {
    CensusCount& a = arenas_[region - 1].census[kind];
    CensusCount& t = census_[kind];
    a.objects += static_cast<uint64_t>(objects);
    a.bytes += static_cast<uint64_t>(bytes);
    t.objects += static_cast<uint64_t>(objects);
    t.bytes += static_cast<uint64_t>(bytes);
  }
  // Objects and logical bytes per type of every live arena (HeapCensus's
  // arena half), and of arena `region` alone.
  const std::array<CensusCount, 4>& census() const { return census_; }
  const std::array<CensusCount, 4>& census(uint16_t region) const {
    return arenas_[region - 1].census;
  }

  // The verifier's index of an arena's cells, kept from one verification to
  // the next (arena cells never move or die before their arena ends, so
  // each verification walks only the cells allocated since the last):
  // bits[i] has one bit per 16 bytes of chunk i, set at each cell start the
  // verifier walked; its last successful walk ended at `offset` in chunk
  // `chunk`, after `cells` cells. Unused outside verify heaps.
  struct CellStarts {
    std::vector<std::vector<uint64_t>> bits;
    size_t chunk = 0;
    size_t offset = 0;
    uint32_t cells = 0;
  };
  CellStarts& cell_starts(uint16_t region) {
    return arenas_[region - 1].starts;
  }
  // Numbers the verifications of this heap's arenas: 1, 2, ...
  uint64_t NextVerification() { return ++verifications_; }
  uint64_t verifications() const { return verifications_; }

  // Gives up a cell that stays in the chunk until exit (a backing store
  // replaced on growth): its header becomes kFreeKind, the rest poisoned or
  // filled, so the chunk walk skips it.
  void Abandon(Object* cell);

  // Calls f(Object* cell) for every cell of arena `region`, in allocation
  // order, abandoned ones included (kind kFreeKind).
  template <typename F>
  void ForEachCell(uint16_t region, F&& f) const;
  // The chunks of arena `region` (1..depth), in allocation order.
  const std::vector<Chunk>& chunks(uint16_t region) const {
    return arenas_[region - 1].chunks;
  }
  // The region whose chunks contain p, or 0.
  uint16_t RegionContaining(const void* p) const;
  // Whether p lies in a chunk released by one of the last kEndedMemory
  // arena exits (for reports only).
  bool InRecentlyEnded(const void* p) const;
  // Whether p lies in a chunk the last Exit released.
  bool InLastExit(const void* p) const;
  // Logical bytes and chunk bytes of the live arenas.
  uint64_t live_chunk_bytes() const { return live_chunk_bytes_; }
  const std::vector<Chunk>& pool() const { return pool_; }
  // Fill arenas (verify, no ASan): the verifier checks a pooled chunk's
  // pattern once, at its first run after the release (the pool entries
  // from unchecked_pool() on), and the chunk is checked again only when
  // an arena takes it: a broken pattern found there is kept for the
  // verifier to report. Each ended byte is checked O(1) times.
  size_t unchecked_pool() const { return checked_pool_; }
  void PoolChecked() { checked_pool_ = pool_.size(); }
  bool TakeStaleWrite() {
    bool stale = stale_write_;
    stale_write_ = false;
    return stale;
  }
  bool fills() const { return fill_; }

 private:
  struct Arena {
    std::vector<Chunk> chunks;
    size_t next_size = kFirstChunkSize;
    uint64_t bytes = 0;
    std::vector<Object*> recorded;
    std::array<CensusCount, 4> census{};
    CellStarts starts;
  };
  struct Range {
    uintptr_t begin, end;
  };
  static constexpr size_t kPoolChunks = 4;
  static constexpr size_t kEndedMemory = 64;

  void AddChunk(Arena& a, size_t at_least);
  void ReleaseChunk(Chunk c);

  bool fill_;
  std::vector<Arena> arenas_;
  std::vector<Chunk> pool_;   // first-size chunks, poisoned or filled
  std::vector<Range> ended_;  // ring of recently released chunk ranges
  size_t ended_next_ = 0;
  std::vector<Range> last_exit_;  // the chunks the last Exit released
  size_t checked_pool_ = 0;       // pool_[0, checked_pool_) were checked
  bool stale_write_ = false;
  uint64_t live_chunk_bytes_ = 0;
  size_t recorded_count_ = 0;  // over every live arena
  uint64_t verifications_ = 0;
  std::array<CensusCount, 4> census_{};  // sum over every live arena
};

// The distance to the next cell: never 0, so that a walk over a corrupt
// header still ends (at the chunk's end).
inline size_t ArenaCellStep(const Object* cell) {
  return (size_t{cell->size} + 15) / 16 * 16 + kArenaRedZone +
         (cell->size == 0 ? 16 : 0);
}

template <typename F>
void ArenaStack::ForEachCell(uint16_t region, F&& f) const {
  const Arena& a = arenas_[region - 1];
  for (const Chunk& c : a.chunks) {
    size_t off = 0;
    while (off < c.used) {
      Object* cell = reinterpret_cast<Object*>(c.base + off);
      off += ArenaCellStep(cell);
      f(cell);
    }
  }
}

}  // namespace tern::heap

#endif  // TERN_RUNTIME_HEAP_ARENA_STACK_H_
