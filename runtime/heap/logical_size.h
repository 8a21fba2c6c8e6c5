#ifndef TERN_RUNTIME_HEAP_LOGICAL_SIZE_H_
#define TERN_RUNTIME_HEAP_LOGICAL_SIZE_H_

// The logical size of an object with its backing store (issue 7's census):
// header, payload and store as the program shaped them, no allocator
// rounding. Here so that the sweeps can count a census (Heap::Census).

#include <cstdint>

#include "runtime/heap/map_object.h"
#include "runtime/heap/object.h"
#include "runtime/heap/value.h"
#include "runtime/heap/vec_object.h"

namespace tern::heap {

inline uint64_t LogicalSize(const Object* o) {
  uint64_t n = o->size;
  switch (o->type) {
    case ObjType::kVec: {
      const VecObj* v = reinterpret_cast<const VecObj*>(o);
      if (v->has_store()) {
        n += sizeof(Buffer) + uint64_t{v->capacity} * sizeof(Value);
      }
      break;
    }
    case ObjType::kMap: {
      const MapObj* m = reinterpret_cast<const MapObj*>(o);
      if (m->capacity > 0) n += sizeof(Buffer) + MapObj::StoreBytes(m->capacity);
      break;
    }
    case ObjType::kStr:
    case ObjType::kClosure:
      break;
  }
  return n;
}

}  // namespace tern::heap

#endif  // TERN_RUNTIME_HEAP_LOGICAL_SIZE_H_
