#ifndef TERN_RUNTIME_HEAP_CLOSURE_OBJECT_H_
#define TERN_RUNTIME_HEAP_CLOSURE_OBJECT_H_

// A closure: the VM's lambda index and its captured values, stored inline
// after a 16-byte prefix (the environment never grows).

#include <cstdint>

#include "runtime/heap/object.h"
#include "runtime/heap/value.h"

namespace tern::heap {

struct ClosureObj {
  Object header;
  uint32_t function_index;
  uint32_t capture_count;

  uint32_t function() const { return function_index; }
  uint32_t num_captures() const { return capture_count; }
  Value* captures() { return reinterpret_cast<Value*>(this + 1); }
  const Value* captures() const {
    return reinterpret_cast<const Value*>(this + 1);
  }

  static constexpr uint32_t SizeFor(uint32_t num_captures) {
    return static_cast<uint32_t>(sizeof(ClosureObj) +
                                 num_captures * sizeof(Value));
  }
};

static_assert(sizeof(ClosureObj) == 16);

}  // namespace tern::heap

#endif  // TERN_RUNTIME_HEAP_CLOSURE_OBJECT_H_
