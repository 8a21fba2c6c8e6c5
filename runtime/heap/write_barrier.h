#ifndef TERN_RUNTIME_HEAP_WRITE_BARRIER_H_
#define TERN_RUNTIME_HEAP_WRITE_BARRIER_H_

// The generational write barrier: the one function every store of a value
// into a heap object calls AFTER the store (vector slot, push, map key and
// value, closure capture). It records an old object that now holds a young
// reference in the remembered set, so that a minor collection, which does
// not trace old objects, still finds every young object they keep alive.
//
// Fast path (inline): one load and test of the container's header; in the
// full mode no object is ever old, so it never leaves the fast path. The
// slow path is C-callable (extern "C") for the JIT.
//
// Arena objects never carry kOldBit (they are scanned as roots at every
// collection while their arena lives), so stores into them never record.

#include "runtime/heap/object.h"
#include "runtime/heap/value.h"

namespace tern::heap {
class Heap;
}  // namespace tern::heap

// Records `container` (an old GC-heap object) in heap's remembered set.
extern "C" void tern_heap_remember(tern::heap::Heap* heap,
                                   tern::heap::Object* container);

namespace tern::heap {

// Call after storing v into container (any object, any region).
inline void WriteBarrier(Heap* heap, Object* container, Value v) {
  if ((container->flags & (kOldBit | kRememberedBit)) == kOldBit &&
      v.is_object() && !(v.as_object()->flags & kOldBit)) {
    tern_heap_remember(heap, container);
  }
}

}  // namespace tern::heap

#endif  // TERN_RUNTIME_HEAP_WRITE_BARRIER_H_
