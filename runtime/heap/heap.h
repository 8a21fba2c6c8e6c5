#ifndef TERN_RUNTIME_HEAP_HEAP_H_
#define TERN_RUNTIME_HEAP_HEAP_H_

// The VM's heap: allocation in the current region (the innermost live arena,
// else the GC heap), a precise non-moving mark-sweep collector (full, or
// generational with sticky mark bits and a write barrier), handle scopes,
// arenas, the store rule, the census and the verifier. docs/heap.md describes
// the design; runtime/heap/README.md lists deviations from the contract.
//
// Safepoints: a collection runs only inside an allocating call (New*,
// VecPush, MapPut, MakeString) or Collect(). Across such a call every object
// the caller still needs must be reachable from a RootSource, a HandleScope
// handle or a live arena; the arguments of the call itself are kept alive
// by the heap.

#include <cstdint>
#include <deque>
#include <string>
#include <string_view>
#include <vector>

#include "runtime/heap/arena_stack.h"
#include "runtime/heap/census.h"
#include "runtime/heap/closure_object.h"
#include "runtime/heap/gc_stats.h"
#include "runtime/heap/large_space.h"
#include "runtime/heap/logical_size.h"
#include "runtime/heap/map_object.h"
#include "runtime/heap/nursery_policy.h"
#include "runtime/heap/object.h"
#include "runtime/heap/small_space.h"
#include "runtime/heap/string_object.h"
#include "runtime/heap/value.h"
#include "runtime/heap/vec_object.h"
#include "runtime/heap/write_barrier.h"

namespace tern::heap {

class Marker;

// A collection runs once the bytes allocated since the last one reach
// kGcGrowth times the live heap's size (the heap may triple: marking costs
// about the live size, so this bounds GC work per allocated byte), but never
// more often than every kMinGcThreshold bytes.
inline constexpr uint64_t kMinGcThreshold = uint64_t{4} << 20;
inline constexpr uint64_t kGcGrowth = 2;
// Gen mode: a minor collection once the nursery's cell bytes were allocated
// since the last collection; a full one instead once the old generation
// has grown since the last full collection by kGcGrowth times its size
// then, and by at least kMinOldGrowth. The nursery adapts between
// kNurseryBytes and kMaxNurseryBytes (nursery_policy.h).
inline constexpr uint64_t kNurseryBytes = uint64_t{4} << 20;
inline constexpr uint64_t kMaxNurseryBytes = uint64_t{32} << 20;
// A full collection costs the whole live heap, and reclaims only what died
// old; while the old generation is small, growing it by as much as one
// large nursery may promote keeps small live heaps from paying a full
// collection for a few MiB of old garbage.
inline constexpr uint64_t kMinOldGrowth = 2 * kMaxNurseryBytes;

enum class GcMode : uint8_t {
  kFull,  // every collection marks and sweeps the whole heap
  kGen,   // minor collections (young objects only) + full ones; callers
          // must call WriteBarrier after every raw store (docs/heap.md)
};

struct GcConfig {
  GcMode mode = GcMode::kFull;
  uint32_t stress_every = 0;  // collect at every N-th allocation (minor in
                              // gen mode, full in full mode); 0 = off
  uint32_t stress_full_every = 0;  // a full collection at every M-th
                                   // allocation (takes precedence); 0 = off
  // Gen mode: cell bytes allocated between minor collections, the
  // smallest nursery (0: kNurseryBytes). A minor's pause grows with it
  // (each young object is traced or freed); a small nursery promotes more.
  uint64_t nursery_bytes = 0;
  // The largest the nursery may grow to (nursery_policy.h). 0: fixed at
  // nursery_bytes when that is set, else kMaxNurseryBytes.
  uint64_t nursery_max_bytes = 0;
  bool verify = false;        // verifier before/after every collection and at
                              // every arena exit
  // Time every pause (GcStats's pause figures; `--gc-stats` and the
  // benches set it). Off, the clocks are not read (the thread CPU clock is
  // a real system call, once per collection: 1.7% of a fuzzing run) and
  // every pause counts as 0 ns.
  bool stats = false;
};

class RootVisitor {
 public:
  virtual ~RootVisitor() = default;
  virtual void Visit(Value* slot) = 0;
};

class RootSource {
 public:
  virtual ~RootSource() = default;
  virtual void TraceRoots(RootVisitor& v) = 0;
  // Names the source in verifier reports ("registers", "constants", ...).
  virtual std::string_view root_name() const { return "root source"; }
};

// Thrown by the verifier on a violation, and on any detected touch of an
// ended arena's object. The VM reports it as an internal fault.
struct HeapFault {
  std::string report;
};

class Heap {
 public:
  explicit Heap(const GcConfig& config = GcConfig());
  ~Heap();
  Heap(const Heap&) = delete;
  Heap& operator=(const Heap&) = delete;

  const GcConfig& config() const { return config_; }

  void AddRootSource(RootSource* source);
  void RemoveRootSource(RootSource* source);

  // ---- allocation (may collect first) -----------------------------------
  // Precondition for NewStr: bytes.size() > Value::kMaxShortString (use
  // MakeString for any length). Lengths are the VM's to limit (2^24).
  StrObj* NewStr(std::string_view bytes);
  // A StrObj of `length` bytes for the caller to write (chars()) before its
  // next heap call: a concatenation is built in place, without a temporary.
  StrObj* NewStrToFill(uint32_t length);
  // A ShortStr value for short bytes, else a new StrObj.
  Value MakeString(std::string_view bytes);
  // An empty vector with room for `capacity` elements.
  VecObj* NewVec(uint32_t capacity);
  // An empty map with room for `capacity` entries before it grows.
  MapObj* NewMap(uint32_t capacity);
  // Captures initialised to Null.
  ClosureObj* NewClosure(uint32_t function, uint32_t num_captures);

  // ---- mutation that may allocate (no store-rule check: see CanStore) ---
  // These store through the write barrier (so do VecSet and SetCapture).
  void VecPush(VecObj* v, Value x) {
    if (v->length < v->capacity && !config_.verify) {
      Value* slot = &v->elements[v->length++];  // no growth: no allocation
      *slot = x;
      WriteBarrier(this, &v->header, x, slot);
      return;
    }
    VecPushSlow(v, x);
  }
  // v->Set(i, x) plus the write barrier (precondition i < size).
  void VecSet(VecObj* v, uint32_t i, Value x) {
    v->elements[i] = x;
    WriteBarrier(this, &v->header, x, &v->elements[i]);
  }
  // c->captures()[i] = x plus the write barrier (i < num_captures).
  void SetCapture(ClosureObj* c, uint32_t i, Value x) {
    c->captures()[i] = x;
    WriteBarrier(this, &c->header, x, &c->captures()[i]);
  }
  Value VecPop(VecObj* v);  // precondition: v->size() > 0
  // Grows the vector to n elements (new ones `fill`) or truncates it.
  void VecResize(VecObj* v, uint32_t n, Value fill);
  void MapPut(MapObj* m, Value key, Value val);

  // docs/language.md §10.3: storing v into container is allowed iff v is
  // not an object or its region is the container's or an outer one.
  bool CanStore(const Object* container, Value v) const {
    return !v.is_object() || v.as_object()->region <= container->region;
  }

  // ---- collection and regions -------------------------------------------
  void Collect();  // a full collection now (`(gc)`); deferred inside no-gc
  // A full collection now, then the census of what survived. Throws
  // HeapFault inside no-gc (where a collection cannot run).
  HeapCensus Census();
  void EnterNoGc() { ++no_gc_depth_; }
  void ExitNoGc();
  bool in_no_gc() const { return no_gc_depth_ > 0; }
  // Every root must stop referring to the arena's objects before ExitArena
  // (also when an error unwinds through the block: pop the frames first).
  void EnterArena();
  void ExitArena();
  uint16_t current_region() const { return arenas_.depth(); }

  // ---- introspection ----------------------------------------------------
  const GcStats& stats() const { return stats_; }
  std::string FormatStats() const { return FormatGcStats(stats_); }
  // Throws HeapFault naming `when` on any violation (docs/heap.md).
  // `arena_exit`: the check just before the innermost arena is released,
  // which walks every cell of that arena.
  // The GC heap's and every arena's cells are walked whole only on
  // verifications 1, 2, 4, 8, ... (docs/heap.md, "Verifier, incrementally").
  void Verify(std::string_view when, bool arena_exit = false);
  // A verification that walks every cell (the end of a run; tests that
  // need a fault reported at an exact point).
  void VerifyFull(std::string_view when);
  uint64_t live_objects() const { return objects_; }
  uint64_t live_bytes() const { return logical_bytes_; }
  uint64_t heap_cell_bytes() const { return cell_bytes_; }
  size_t remembered_set_size() const { return remembered_.size(); }
  // Gen mode: cell bytes the next minor collection waits for.
  uint64_t nursery_bytes() const { return nursery_; }
  NurseryBounds nursery_bounds() const { return nursery_bounds_; }
  // Objects whose large store has dirty cards (card_table.h).
  size_t carded_objects() const { return carded_.size(); }
  // The write barrier's slow path (see write_barrier.h): an arena
  // container goes on its arena's recorded list; a GC-heap one gets slot's
  // card dirtied when it has cards and slot lies in its store, else is
  // remembered whole.
  void RememberSlot(Object* container, const Value* slot);
  void Remember(Object* container) {
    container->flags |= kRememberedBit;
    remembered_.push_back(container);
    ++stats_.remembered;
  }
  bool collecting() const { return collecting_; }

  // Logical size of an object with its backing store (issue 7's census).
  static uint64_t LogicalSize(const Object* o) {
    return heap::LogicalSize(o);
  }

 private:
  friend class HandleScope;
  friend class HeapTesting;
  friend class Marker;
  friend class Verifier;

  // Keeps up to three values alive across one internal allocation.
  class TempRoots;

  // A cell of `bytes` in `region`, header initialised; runs the safepoint
  // (stress, threshold) first. Counts it as an object or a buffer.
  Object* Allocate(uint32_t bytes, uint16_t region, uint8_t kind);
  Buffer* AllocateBuffer(uint64_t bytes, uint16_t region);
  // A backing store for owner (old at once if the owner is old).
  Buffer* AllocateStore(const Object* owner, uint64_t bytes);
  // Frees (or, in an arena, abandons) owner's backing store b.
  void FreeBuffer(const Object* owner, Buffer* b);
  void FreeCell(Object* o);  // a GC-heap cell, counters adjusted
  void VecPushSlow(VecObj* v, Value x);
  // Moves v's elements to a new store of `capacity` (> size) elements.
  void GrowVec(VecObj* v, uint32_t capacity);
  // After an old owner with dirty cards got a new store: records the young
  // references the copy holds (the old store's cards went with it).
  void RecordYoungAfterMove(Object* owner);
  // Minor collections: marks from the dirty cards of every carded object
  // (a remembered one is scanned whole instead), then cleans them all.
  void ScanDirtyCards(Marker& m);
  void CleanCards();
  // A collection is due at an allocation: run it, or defer it in no-gc.
  void Safepoint();
  // A full collection, or (gen mode) a minor one.
  void CollectNow(bool minor = false);
  void Mark(bool minor);
  void Sweep();
  // Gen mode: frees the unmarked young objects (and their stores), ages the
  // rest; returns the logical bytes promoted.
  uint64_t SweepYoung();
  // The collection a safepoint runs: minor unless the old generation is
  // due (or the mode is full).
  bool MinorDue() const;
  // After ExitArena's release, when Verify passed just before it: the
  // release changed nothing but ending the arena's cells, which a passing
  // heap lets only roots refer to, so what a full run would find is
  // exactly a root referring into the released chunks: only that is
  // checked.
  void VerifyRelease(std::string_view when);
  // Verify heaps only: throws HeapFault if o is no longer a live object.
  void CheckLive(const Object* o, const char* what) const {
    if (config_.verify) CheckLiveSlow(o, what);
  }
  void CheckLiveSlow(const Object* o, const char* what) const;

  GcConfig config_;
  SmallSpace small_;
  LargeSpace large_;
  ArenaStack arenas_;
  std::vector<RootSource*> root_sources_;
  std::deque<Value> handles_;  // HandleScope slots (stable addresses)
  Value temp_roots_[6];  // TempRoots never nest deeper than two
  int num_temp_roots_ = 0;

  // Counters of the GC heap (arenas excluded); the verifier re-derives them.
  uint64_t objects_ = 0;
  uint64_t buffers_ = 0;
  uint64_t logical_bytes_ = 0;
  uint64_t cell_bytes_ = 0;

  // Where the verifier's round-robin walk of checked GC-heap cells goes on
  // (an address, only compared).
  uintptr_t verify_cursor_ = 0;
  // Young-list entries (from the front) that a verification has checked
  // since the list was last emptied: the next run checks only those after
  // them (the list only grows between collections).
  size_t verify_young_done_ = 0;

  uint64_t allocated_since_gc_ = 0;  // cell bytes
  uint64_t threshold_;
  uint64_t allocations_ = 0;  // for stress_every
  // Gen mode: GC-heap objects allocated since the last collection (their
  // stores go with them), and old objects given young references.
  // Addresses, with kYoungLargeBit set on a large object's (cells are
  // 16-aligned): the minor sweep tells a small object's page from the
  // address alone.
  static constexpr uintptr_t kYoungLargeBit = 1;
  std::vector<uintptr_t> young_;
  void SetFreshPageLimit();  // gen mode, after every collection
  uint64_t NurseryBytes() const { return nursery_; }
  // After a collection: the nursery for the next one (nursery_policy.h).
  // old_before / cells_before: old and all cell bytes when it began.
  void ResizeNursery(bool minor, uint64_t old_before, uint64_t cells_before);
  NurseryBounds nursery_bounds_;
  uint64_t nursery_;
  uint64_t promoted_cells_since_full_ = 0;  // survivors of minors
  std::vector<Object*> remembered_;
  std::vector<Object*> carded_;  // objects with kCardsBit
  uint64_t old_limit_ = kMinOldGrowth;  // cell bytes: full when reached
  bool stress_full_ = false;  // the pending collection must be full
  int no_gc_depth_ = 0;
  bool gc_pending_ = false;
  bool collecting_ = false;
  // Set by Census for its collection: the full sweep counts into it.
  HeapCensus* census_ = nullptr;
  GcStats stats_;
};

// Stable root slots for C++ code that holds objects across an allocation.
// Scopes nest strictly (LIFO).
class HandleScope {
 public:
  explicit HandleScope(Heap& heap);
  ~HandleScope();
  HandleScope(const HandleScope&) = delete;
  HandleScope& operator=(const HandleScope&) = delete;

  // A root slot holding v, valid until this scope ends.
  Value* Protect(Value v);

 private:
  Heap& heap_;
  size_t base_;
};

}  // namespace tern::heap

#endif  // TERN_RUNTIME_HEAP_HEAP_H_
