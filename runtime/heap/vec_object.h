#ifndef TERN_RUNTIME_HEAP_VEC_OBJECT_H_
#define TERN_RUNTIME_HEAP_VEC_OBJECT_H_

// A vector: a fixed 24-byte object whose elements live in a separate
// backing store (a Buffer in the vector's region) so that the vector itself
// never moves when it grows. Growth goes through Heap::VecPush.

#include <cstdint>

#include "runtime/heap/object.h"
#include "runtime/heap/value.h"

namespace tern::heap {

struct VecObj {
  Object header;
  uint32_t length;
  uint32_t capacity;
  Value* elements;  // Buffer payload, or null when capacity == 0

  uint32_t size() const { return length; }
  Value* data() { return elements; }
  const Value* data() const { return elements; }
  // Preconditions: i < size(). No store-rule check: the caller checks.
  Value Get(uint32_t i) const { return elements[i]; }
  void Set(uint32_t i, Value v) { elements[i] = v; }
};

static_assert(sizeof(VecObj) == 24);

}  // namespace tern::heap

#endif  // TERN_RUNTIME_HEAP_VEC_OBJECT_H_
