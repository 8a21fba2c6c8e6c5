#include "runtime/heap/gc_stats.h"

#include <cstdio>

namespace tern::heap {

std::string FormatGcStats(const GcStats& s) {
  char buf[512];
  std::snprintf(
      buf, sizeof buf,
      "gc: collections %llu, pause total %.3f ms, longest %.3f ms\n"
      "gc: allocated %llu objects, %llu bytes; peak live %llu bytes, peak "
      "heap %llu bytes\n"
      "gc: arenas %llu, arena bytes %llu, peak arena chunks %llu bytes\n",
      static_cast<unsigned long long>(s.collections),
      static_cast<double>(s.total_pause_ns) / 1e6,
      static_cast<double>(s.max_pause_ns) / 1e6,
      static_cast<unsigned long long>(s.objects_allocated),
      static_cast<unsigned long long>(s.bytes_allocated),
      static_cast<unsigned long long>(s.peak_live_bytes),
      static_cast<unsigned long long>(s.peak_heap_bytes),
      static_cast<unsigned long long>(s.arenas_entered),
      static_cast<unsigned long long>(s.arena_bytes),
      static_cast<unsigned long long>(s.peak_arena_chunk_bytes));
  return buf;
}

}  // namespace tern::heap
