#ifndef TERN_RUNTIME_HEAP_VEC_OBJECT_H_
#define TERN_RUNTIME_HEAP_VEC_OBJECT_H_

// A vector: a 24-byte prefix, then room for the capacity it was created
// with (inline elements: one allocation for a vector literal). When it grows
// past that, its elements move to a separate backing store (a Buffer in the
// vector's region) so that the vector itself never moves; the inline room is
// then unused. Growth goes through Heap::VecPush.

#include <cstdint>

#include "runtime/heap/object.h"
#include "runtime/heap/value.h"

namespace tern::heap {

struct VecObj {
  Object header;
  uint32_t length;
  uint32_t capacity;
  Value* elements;  // inline_elements(), a Buffer payload, or null (capacity 0)

  uint32_t size() const { return length; }
  Value* data() { return elements; }
  const Value* data() const { return elements; }
  // Preconditions: i < size(). No store-rule check: the caller checks.
  Value Get(uint32_t i) const { return elements[i]; }
  void Set(uint32_t i, Value v) { elements[i] = v; }

  Value* inline_elements() { return reinterpret_cast<Value*>(this + 1); }
  const Value* inline_elements() const {
    return reinterpret_cast<const Value*>(this + 1);
  }
  // Whether the elements live in a separate Buffer.
  bool has_store() const {
    return elements != nullptr && elements != inline_elements();
  }
  static constexpr uint32_t SizeFor(uint32_t inline_capacity) {
    return static_cast<uint32_t>(sizeof(VecObj) +
                                 inline_capacity * sizeof(Value));
  }
};

// Vectors created with at most this capacity keep their elements inline.
inline constexpr uint32_t kMaxInlineElements = 16;

static_assert(sizeof(VecObj) == 24);

}  // namespace tern::heap

#endif  // TERN_RUNTIME_HEAP_VEC_OBJECT_H_
