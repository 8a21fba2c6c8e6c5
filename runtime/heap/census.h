#ifndef TERN_RUNTIME_HEAP_CENSUS_H_
#define TERN_RUNTIME_HEAP_CENSUS_H_

// The heap census (issue 7): live objects and live bytes per type right
// after a full collection, the GC heap and the live arenas counted apart.
// Bytes are logical sizes (Heap::LogicalSize: header, payload and backing
// store as the program shaped them, no allocator rounding), so a census
// depends only on what is reachable, never on which collector ran or when.

#include <array>
#include <cstdint>
#include <string>

#include "runtime/heap/object.h"

namespace tern::heap {

struct CensusCount {
  uint64_t objects = 0;
  uint64_t bytes = 0;
  bool operator==(const CensusCount&) const = default;
};

struct HeapCensus {
  // Indexed by ObjType (string, vec, map, closure).
  std::array<CensusCount, 4> heap{};
  std::array<CensusCount, 4> arena{};  // objects of every live arena
  bool operator==(const HeapCensus&) const = default;

  void Count(const Object* o, uint64_t logical_bytes) {
    CensusCount& c = (o->region == 0 ? heap : arena)[o->kind()];
    ++c.objects;
    c.bytes += logical_bytes;
  }
};

// One line, stable (for `tern run --census` and .expected files):
//   census: str 2/96 vec 1/120 map 0/0 closure 0/0 | arena str 0/0 ...
// (objects/bytes per type).
std::string FormatCensus(const HeapCensus& c);

}  // namespace tern::heap

#endif  // TERN_RUNTIME_HEAP_CENSUS_H_
