#ifndef TERN_RUNTIME_HEAP_CARD_TABLE_H_
#define TERN_RUNTIME_HEAP_CARD_TABLE_H_

// Cards for large backing stores (gen mode): a store in the large space
// (a vector's elements or a map's entries, more than kMaxSmallSize bytes)
// carries one card byte per kCardBytes of payload, right after the cell
// (LargeSpace). The write barrier, given the slot it stored into, dirties
// only that slot's card, so a minor collection rescans the dirty cards of
// a big old container instead of all of it. Smaller containers (at most
// 128 values) are remembered whole. A byte is 0 (clean) or 1 (dirty: the
// card may hold a young reference); its owner then carries kCardsBit and
// is on the heap's dirty-card list.

#include <cstdint>

#include "runtime/heap/large_space.h"
#include "runtime/heap/map_object.h"
#include "runtime/heap/object.h"
#include "runtime/heap/small_space.h"
#include "runtime/heap/value.h"
#include "runtime/heap/vec_object.h"

namespace tern::heap {

// 8 vector elements or 4 map entries per card: a minor collection reads
// the header of every object a dirty card refers to (to see whether it is
// young), a cache miss each in a big old container, so small cards pay;
// the table is 0.8% of the store.
inline constexpr uint32_t kCardBytes = 128;

// Card bytes a store of `payload_bytes` gets (0: it is small, no cards).
inline uint32_t CardsForStore(uint64_t payload_bytes) {
  if (sizeof(Buffer) + payload_bytes <= kMaxSmallSize) return 0;
  return static_cast<uint32_t>((payload_bytes + kCardBytes - 1) / kCardBytes);
}

struct StoreCards {
  const char* payload = nullptr;  // the store's payload (card 0 starts here)
  uint8_t* bytes = nullptr;       // null: the owner's store has no cards
  uint32_t count = 0;

  // The card covering slot, or count if it lies outside the payload.
  uint32_t CardOf(const void* slot) const {
    uint64_t off = static_cast<uint64_t>(static_cast<const char*>(slot) -
                                         payload);
    uint64_t card = off / kCardBytes;
    return card < count ? static_cast<uint32_t>(card) : count;
  }
};

// The cards of a GC-heap vector's or map's store (none for other objects,
// inline elements, small stores, arena stores and full-mode heaps).
inline StoreCards CardsOf(const Object* owner) {
  StoreCards c;
  if (owner->region != 0) return c;
  const void* payload = nullptr;
  if (owner->type == ObjType::kVec) {
    const VecObj* v = reinterpret_cast<const VecObj*>(owner);
    if (v->has_store()) payload = v->elements;
  } else if (owner->type == ObjType::kMap) {
    payload = reinterpret_cast<const MapObj*>(owner)->entries;
  }
  if (payload == nullptr) return c;
  const Buffer* b = Buffer::FromPayload(const_cast<void*>(payload));
  if (b->header.size <= kMaxSmallSize) return c;
  c.payload = static_cast<const char*>(payload);
  c.bytes = LargeSpace::CardsOf(b, &c.count);
  if (c.count == 0) c.bytes = nullptr;
  return c;
}

// A reference the barrier must record: a GC-heap object not yet old.
inline bool IsYoungRef(Value v) {
  return v.is_object() && !(v.as_object()->flags & kOldBit);
}

}  // namespace tern::heap

#endif  // TERN_RUNTIME_HEAP_CARD_TABLE_H_
