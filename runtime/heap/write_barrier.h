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

// The slow path: records that `slot` (a Value inside container, or null:
// anywhere in it) of `container`, an old GC-heap object, now holds a young
// reference: dirties the slot's card if the container has cards, else puts
// the container in the remembered set.
extern "C" void tern_heap_remember_slot(tern::heap::Heap* heap,
                                        tern::heap::Object* container,
                                        const tern::heap::Value* slot);
// tern_heap_remember_slot(heap, container, nullptr).
extern "C" void tern_heap_remember(tern::heap::Heap* heap,
                                   tern::heap::Object* container);

namespace tern::heap {

// Call after storing v into container (any object, any region), at `slot`
// (the address stored into) when known. A container with dirty cards keeps
// taking the slow path for young stores: each may dirty another card.
inline void WriteBarrier(Heap* heap, Object* container, Value v,
                         const Value* slot = nullptr) {
  if ((container->flags & (kOldBit | kRememberedBit)) == kOldBit &&
      v.is_object() && !(v.as_object()->flags & kOldBit)) {
    tern_heap_remember_slot(heap, container, slot);
  }
}

}  // namespace tern::heap

#endif  // TERN_RUNTIME_HEAP_WRITE_BARRIER_H_
