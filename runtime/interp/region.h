#ifndef TERN_RUNTIME_INTERP_REGION_H_
#define TERN_RUNTIME_INTERP_REGION_H_

// Regions: where objects live. The heap is the outermost region and lasts
// for the whole run; each dynamically entered `with-arena` pushes a region
// that dies when the block ends. Allocation goes to the innermost region.
//
// Memory (see also runtime/interp/value.h):
// - An object is freed as soon as its last reference goes (reference
//   counting). Freeing never recurses on the host stack: objects released
//   by a freed object are queued and freed by one loop, so dropping a
//   vector nested 10^6 deep or a long chain of closures is safe.
// - Each region keeps a list of its live objects. Only objects in a cycle
//   outlive their last outside reference; they stay listed until their
//   region ends.
// - When an arena ends, every object of it releases its payload (the
//   references it holds and its storage). That frees the arena's cycles and
//   everything only they kept. What is still referenced (by dead frame
//   slots, if the arena rules hold) is an empty header, kept until its last
//   reference goes; the region's small record lives as long as its last
//   object. Touching such an object is detected from the record (`alive`)
//   and reported as an internal fault. So nothing of an ended arena is kept
//   beyond what is still referenced.
// - When the run ends (~Regions), the still-open regions release their
//   objects' payloads the same way, which frees every remaining cycle:
//   nothing is left for the host to reclaim.

#include <cstdint>
#include <utility>
#include <vector>

#include "runtime/interp/object.h"
#include "runtime/interp/value.h"

namespace tern {

struct Expr;

namespace interp {

class Regions;

// An intrusive doubly linked list of objects, through Object::prev/next,
// with the sentinel in the list itself (so it must not move).
class ObjectList {
 public:
  ObjectList() { head_.prev = head_.next = &head_; }
  ObjectList(const ObjectList&) = delete;
  ObjectList& operator=(const ObjectList&) = delete;

  bool empty() const { return head_.next == &head_; }
  Object* front() const { return head_.next; }
  void PushBack(Object* o) {
    o->prev = head_.prev;
    o->next = &head_;
    head_.prev->next = o;
    head_.prev = o;
  }
  // Moves every object of `from` to this (empty) list.
  void TakeAll(ObjectList* from);
  // Unlinks `o` from whichever list holds it.
  static void Unlink(Object* o) {
    o->prev->next = o->next;
    o->next->prev = o->prev;
    o->prev = o->next = nullptr;
  }

 private:
  struct Sentinel : Object {
    Sentinel() : Object(Tag::kNull, nullptr) {}
  };
  Sentinel head_;
};

struct Region {
  Region(Regions* o, uint32_t d, const Expr* b)
      : owner(o), depth(d), block(b) {}
  Regions* const owner;
  const uint32_t depth;     // 0: the heap; nested arenas count up
  const Expr* const block;  // the with-arena form; null for the heap
  bool alive = true;
  // Objects of this region not yet freed, plus one while it is open: the
  // record is deleted when this reaches zero.
  uint64_t refs = 1;
  ObjectList objects;
};

// Counters for tests and tools: they show what the run kept.
struct MemoryStats {
  uint64_t allocated = 0;     // objects made during the run
  uint64_t live = 0;          // objects not yet freed
  uint64_t peak_live = 0;     // the most live at once
  uint64_t regions = 0;       // region records not yet freed (heap included)
  uint64_t peak_regions = 0;  // the most at once
  uint64_t left_for_end = 0;  // live when EndRun began: kept by cycles only
};

class Regions {
 public:
  // `report`, if given, receives the final stats when the regions go.
  explicit Regions(MemoryStats* report = nullptr);
  ~Regions();
  Regions(const Regions&) = delete;
  Regions& operator=(const Regions&) = delete;

  Region* heap() const { return live_.front(); }
  Region* innermost() const { return live_.back(); }

  // A new object in `region` (default: the innermost), with no reference
  // yet: wrap it in a Value (Value::Ref) at once.
  template <typename T, typename... Args>
  T* New(Args&&... args) {
    return NewIn<T>(innermost(), std::forward<Args>(args)...);
  }
  template <typename T, typename... Args>
  T* NewIn(Region* region, Args&&... args) {
    T* obj = new T(region, std::forward<Args>(args)...);
    region->objects.PushBack(obj);
    ++region->refs;
    ++stats_.allocated;
    if (++stats_.live > stats_.peak_live) stats_.peak_live = stats_.live;
    return obj;
  }

  // Opens the region of a `with-arena` block.
  void Enter(const Expr* block);
  // Ends the innermost arena (one opened by Enter; the heap never ends):
  // it is marked dead and its objects release their payloads.
  void Exit();

  // Ends the run: every open region ends, and so every object still alive
  // is freed, cycles included. Every Value outside the objects must be gone
  // first. Nothing may be allocated afterwards. The destructor calls it.
  void EndRun();

  const MemoryStats& stats() const { return stats_; }

  // FreeObject's work: unlinks `o` and frees it, and then whatever that
  // releases, iteratively.
  void Free(Object* o) noexcept;

 private:
  // Every object of `r` releases its payload; those no longer referenced
  // are freed.
  void ReleaseAll(Region* r) noexcept;
  void DropRegion(Region* r) noexcept;

  std::vector<Region*> live_;  // open regions; live_[0] is the heap
  // Objects whose count reached zero, linked through Object::next, waiting
  // for the loop in Free; `freeing_` while that loop runs.
  Object* to_free_ = nullptr;
  bool freeing_ = false;
  MemoryStats stats_;
  MemoryStats* report_;
};

inline bool IsLive(const Object* o) { return o->region->alive; }

// The dynamic store rule: a reference to `v` may be stored into a container
// living in `container` iff v is not an object or lives in the same region
// or an outer one. Both must be live (the caller has checked).
inline bool MayStore(const Region* container, const Value& v) {
  return !v.IsObject() || v.obj->region->depth <= container->depth;
}

}  // namespace interp
}  // namespace tern

#endif  // TERN_RUNTIME_INTERP_REGION_H_
