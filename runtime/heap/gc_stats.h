#ifndef TERN_RUNTIME_HEAP_GC_STATS_H_
#define TERN_RUNTIME_HEAP_GC_STATS_H_

// Collector statistics for `--gc-stats` (printed on stderr; never part of
// an outcome, since pauses are wall-clock times).

#include <cstdint>
#include <string>

namespace tern::heap {

struct GcStats {
  uint64_t collections = 0;
  uint64_t total_pause_ns = 0;
  uint64_t max_pause_ns = 0;
  uint64_t objects_allocated = 0;  // heap objects (not backing stores)
  uint64_t bytes_allocated = 0;    // logical bytes, heap objects + stores
  uint64_t peak_live_bytes = 0;    // most logical bytes surviving a GC
  uint64_t peak_heap_bytes = 0;    // most logical bytes allocated and not
                                   // yet freed, at any moment
  uint64_t arenas_entered = 0;
  uint64_t arena_bytes = 0;             // logical bytes allocated in arenas
  uint64_t peak_arena_chunk_bytes = 0;  // host memory held by live arenas
};

std::string FormatGcStats(const GcStats& s);

}  // namespace tern::heap

#endif  // TERN_RUNTIME_HEAP_GC_STATS_H_
