#ifndef TERN_RUNTIME_HEAP_WRITE_BARRIER_H_
#define TERN_RUNTIME_HEAP_WRITE_BARRIER_H_

// The write barrier: the one function every store of a value into an
// object calls AFTER the store (vector slot, push, map key and value,
// closure capture), in every mode and every region. It records:
// - generational mode: an old GC-heap object that now holds a young
//   reference (the remembered set or a dirty card), so that a minor
//   collection, which does not trace old objects, still finds every young
//   object they keep alive;
// - any mode: an arena object that now holds a GC-heap reference (its
//   arena's recorded list, arena_stack.h), so that a collection marks from
//   those arena objects only, not from every cell of every live arena.
//
// Fast path (inline): the container's region and flags and the value's
// header; a recorded arena object, a store of a non-object, and (full
// mode) any store into a GC-heap object never leave it. The slow path is
// C-callable (extern "C") for the JIT. Arena objects never carry kOldBit.

#include "runtime/heap/object.h"
#include "runtime/heap/value.h"

namespace tern::heap {
class Heap;
}  // namespace tern::heap

// The slow path: records that `slot` (a Value inside container, or null:
// anywhere in it) of `container`, an old GC-heap object, now holds a young
// reference: dirties the slot's card if the container has cards, else puts
// the container in the remembered set. For an arena container (holding a
// GC-heap reference now): puts it in its arena's recorded list.
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
  if (!v.is_object() || (container->flags & kRememberedBit)) return;
  const Object* target = v.as_object();
  if (container->region == 0
          ? (container->flags & kOldBit) && !(target->flags & kOldBit)
          : target->region == 0) {
    tern_heap_remember_slot(heap, container, slot);
  }
}

}  // namespace tern::heap

#endif  // TERN_RUNTIME_HEAP_WRITE_BARRIER_H_
