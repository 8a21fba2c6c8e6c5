#ifndef TERN_RUNTIME_HEAP_NURSERY_POLICY_H_
#define TERN_RUNTIME_HEAP_NURSERY_POLICY_H_

// Gen mode's adaptive nursery (docs/heap.md, "Nursery sizing"): how many
// cell bytes the next minor collection waits for, from what the last
// collections observed. Pure functions of byte counts, never of time, so
// the collection schedule stays deterministic.
//
// Why it adapts: a minor collection's cost is what it traces (the young
// survivors) plus one step per young object; what it promotes dies old and
// is paid again by a full collection. A nursery smaller than a workload's
// short-lived structures (binary trees' in-progress tree) promotes them
// all; one much larger than what survives makes every pause longer for
// nothing (a 100 MiB live heap with churn: each minor frees ~everything).
// So, as V8's new space and HotSpot's adaptive sizing do: grow while a
// large share survives, shrink while little does, and go back to the
// minimum when a full collection finds that what minors promoted was
// really long-lived (a bigger nursery would have promoted it anyway).

#include <algorithm>
#include <cstdint>

namespace tern::heap {

struct NurseryBounds {
  uint64_t min;
  uint64_t max;  // >= min; min == max: a fixed nursery
};

// Survival at a minor (survived / allocated cell bytes): at least 1/4
// doubles the nursery, below 1/32 halves it. The band is wide so that a
// workload whose survivors are a steady few MiB settles at a size instead
// of oscillating (at 1/4 and 1/32, a nursery 8x the survivors is stable).
inline constexpr uint64_t kGrowSurvivalDivisor = 4;
inline constexpr uint64_t kShrinkSurvivalDivisor = 32;

inline uint64_t NurseryAfterMinor(uint64_t nursery, NurseryBounds b,
                                  uint64_t allocated, uint64_t survived) {
  if (allocated == 0) {  // a stress-schedule minor right after another
    return std::clamp(nursery, b.min, b.max);
  }
  if (survived * kGrowSurvivalDivisor >= allocated) {
    nursery = nursery > b.max / 2 ? b.max : nursery * 2;
  } else if (survived * kShrinkSurvivalDivisor < allocated) {
    nursery /= 2;
  }
  return std::clamp(nursery, b.min, b.max);
}

// At a full collection: `promoted` cell bytes were aged by minors since the
// previous full one and `freed_old` old cell bytes were freed by this one.
// If less than half of the promoted bytes died, promotion was not
// premature: back to the minimum (short pauses). Otherwise keep the size.
inline uint64_t NurseryAfterFull(uint64_t nursery, NurseryBounds b,
                                 uint64_t promoted, uint64_t freed_old) {
  if (freed_old * 2 < promoted) return b.min;
  return std::clamp(nursery, b.min, b.max);
}

}  // namespace tern::heap

#endif  // TERN_RUNTIME_HEAP_NURSERY_POLICY_H_
