#ifndef TERN_RUNTIME_INTERP_REGION_H_
#define TERN_RUNTIME_INTERP_REGION_H_

// Regions: where objects live. The heap is the outermost region and lasts
// for the whole run; each dynamically entered `with-arena` pushes a region
// that dies when the block ends. Allocation goes to the innermost region.
//
// The interpreter has no GC: every object is owned by its region and freed
// when the run ends. A dead region releases its objects' payloads at once but
// keeps their headers, so that touching one is detected, never undefined.

#include <cstdint>
#include <memory>
#include <utility>
#include <vector>

#include "runtime/interp/object.h"
#include "runtime/interp/value.h"

namespace tern {

struct Expr;

namespace interp {

struct Region {
  Region(uint32_t d, const Expr* b) : depth(d), block(b) {}
  const uint32_t depth;     // 0: the heap; nested arenas count up
  const Expr* const block;  // the with-arena form; null for the heap
  bool alive = true;
  std::vector<std::unique_ptr<Object>> objects;
};

class Regions {
 public:
  Regions();
  Regions(const Regions&) = delete;
  Regions& operator=(const Regions&) = delete;

  Region* heap() const { return live_.front(); }
  Region* innermost() const { return live_.back(); }

  // Allocates in `region` (default: the innermost).
  template <typename T, typename... Args>
  T* New(Args&&... args) {
    return NewIn<T>(innermost(), std::forward<Args>(args)...);
  }
  template <typename T, typename... Args>
  T* NewIn(Region* region, Args&&... args) {
    auto obj = std::make_unique<T>(region, std::forward<Args>(args)...);
    T* raw = obj.get();
    region->objects.push_back(std::move(obj));
    return raw;
  }

  // Opens the region of a `with-arena` block.
  void Enter(const Expr* block);
  // Ends the innermost arena (one opened by Enter; the heap never ends):
  // its objects' payloads are released and the region is marked dead.
  void Exit();

 private:
  // Every region ever entered, dead ones included: their tombstones point
  // at them until the run ends.
  std::vector<std::unique_ptr<Region>> all_;
  std::vector<Region*> live_;  // live_[0] is the heap
};

inline bool IsLive(const Object* o) { return o->region->alive; }

// The dynamic store rule: a reference to `v` may be stored into a container
// living in `container` iff v is not an object or lives in the same region
// or an outer one. Both must be live (the caller has checked).
inline bool MayStore(const Region* container, Value v) {
  return !v.IsObject() || v.obj->region->depth <= container->depth;
}

}  // namespace interp
}  // namespace tern

#endif  // TERN_RUNTIME_INTERP_REGION_H_
