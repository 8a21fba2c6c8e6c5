#ifndef TERN_RUNTIME_HEAP_GC_STATS_H_
#define TERN_RUNTIME_HEAP_GC_STATS_H_

// Collector statistics for `--gc-stats` (printed on stderr; never part of
// an outcome, since pauses are wall-clock times).

#include <array>
#include <cstdint>
#include <string>

namespace tern::heap {

// Pause times in log-linear buckets (8 per power of two: a percentile is
// reported as its bucket's upper bound, within 12.5%); bounded memory
// however many collections run (stress modes run millions).
class PauseHistogram {
 public:
  void Add(uint64_t ns);
  // The p-th percentile (0 < p <= 1), capped at the largest pause; 0 if
  // nothing was recorded.
  uint64_t Percentile(double p) const;
  uint64_t count() const { return count_; }
  uint64_t max() const { return max_; }

 private:
  static constexpr int kSub = 8;
  static constexpr int kBuckets = 64 * kSub;
  static int BucketOf(uint64_t ns);
  static uint64_t UpperBound(int bucket);

  std::array<uint64_t, kBuckets> buckets_{};
  uint64_t count_ = 0;
  uint64_t max_ = 0;
};

struct GcStats {
  uint64_t collections = 0;        // minor + full
  uint64_t minor_collections = 0;  // gen mode only
  uint64_t full_collections = 0;
  uint64_t total_pause_ns = 0;
  uint64_t max_pause_ns = 0;
  PauseHistogram minor_pauses;  // wall clock
  PauseHistogram full_pauses;
  // The same pauses in the collecting thread's CPU time (without the time
  // slices other processes took on a loaded machine).
  uint64_t total_pause_cpu_ns = 0;
  PauseHistogram minor_cpu_pauses;
  PauseHistogram full_cpu_pauses;
  uint64_t objects_allocated = 0;  // heap objects (not backing stores)
  uint64_t bytes_allocated = 0;    // logical bytes, heap objects + stores
  uint64_t peak_live_bytes = 0;    // most logical bytes surviving a GC
  uint64_t peak_heap_bytes = 0;    // most logical bytes allocated and not
                                   // yet freed, at any moment
  uint64_t promoted_bytes = 0;     // logical bytes minor collections aged
  uint64_t remembered = 0;         // objects recorded by the write barrier
  uint64_t peak_remembered_set = 0;  // largest remembered set at a minor
  uint64_t cards_dirtied = 0;        // card bytes the barrier set
  uint64_t card_slots_scanned = 0;   // Values minors scanned on dirty cards
  uint64_t peak_nursery_bytes = 0;    // gen mode: largest nursery reached
  uint64_t arenas_entered = 0;
  uint64_t arena_bytes = 0;             // logical bytes allocated in arenas
  uint64_t peak_arena_chunk_bytes = 0;  // host memory held by live arenas
};

std::string FormatGcStats(const GcStats& s);

}  // namespace tern::heap

#endif  // TERN_RUNTIME_HEAP_GC_STATS_H_
