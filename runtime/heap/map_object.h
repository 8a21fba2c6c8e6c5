#ifndef TERN_RUNTIME_HEAP_MAP_OBJECT_H_
#define TERN_RUNTIME_HEAP_MAP_OBJECT_H_

// A map: an insertion-ordered compact dict in the manner of CPython's. The
// backing store (one Buffer in the map's region) holds a dense entry array
// in insertion order followed by an open-addressing index of int32 slots
// (entry number, kEmpty or kDeleted) probed linearly.
//
// Keys are ints, bools and strings (the caller rejects other keys); strings
// compare and hash by content, so a short and a long string with equal bytes
// are one key. Hashes have no seed: iteration walks the entry array only, so
// no hash or address order can reach a program.
//
// An update keeps the original key and position; a delete leaves a hole
// (key Null) that a later insert never reuses (re-insert appends at the
// end); holes are squeezed out when they outnumber live entries, on growth,
// and in Del. Any Put or Del may therefore renumber the entries: a cursor
// over EntryAt is valid only while the map is not mutated.

#include <cstdint>

#include "runtime/heap/object.h"
#include "runtime/heap/value.h"

namespace tern::heap {

struct MapEntry {
  Value key;  // Null: a deleted entry
  Value value;
};

static_assert(sizeof(MapEntry) == 32);

struct MapObj {
  static constexpr int32_t kEmpty = -1;
  static constexpr int32_t kDeleted = -2;

  Object header;
  uint32_t count;       // live entries
  uint32_t used;        // entries[0, used) hold live entries and holes
  uint32_t capacity;    // room in entries
  uint32_t index_mask;  // index size - 1 (index size is a power of two)
  MapEntry* entries;    // Buffer payload, or null when capacity == 0
  int32_t* index;       // right after entries[capacity]

  bool Get(Value key, Value* out) const;
  bool Has(Value key) const;
  bool Del(Value key);
  uint32_t size() const { return count; }

  // Iteration in insertion order: for i in [0, entry_limit()), EntryAt gives
  // the live entries and returns false for holes.
  uint32_t entry_limit() const { return used; }
  bool EntryAt(uint32_t i, Value* key, Value* val) const {
    const MapEntry& e = entries[i];
    if (e.key.is_null()) return false;
    *key = e.key;
    *val = e.value;
    return true;
  }

  // ---- used by the heap (Heap::MapPut) ----------------------------------
  // Updates the value of an existing key; returns the value's slot, or
  // null if the key is absent.
  Value* Update(Value key, Value val);
  bool HasRoomForInsert() const { return used < capacity; }
  // Precondition: the key is absent and HasRoomForInsert().
  void InsertNew(Value key, Value val);
  // Moves the live entries (in order) into a new store of `new_capacity`
  // entries at `payload` (StoreBytes(new_capacity) bytes) and rebuilds the
  // index there. The old store is the caller's to free.
  void MoveTo(void* payload, uint32_t new_capacity);
  // Index size and total store bytes for a given entry capacity.
  static uint32_t IndexSizeFor(uint32_t capacity);
  static uint64_t StoreBytes(uint32_t capacity);
  // The capacity to grow to when full (at least count + 1).
  uint32_t GrownCapacity() const;

 private:
  // The index slot holding `key`, or -1.
  int64_t FindSlot(Value key, uint64_t hash) const;
  void Reindex();
};

static_assert(sizeof(MapObj) == 40);

// Map-key semantics shared by the VM (e.g. for `=` on keys if it wishes).
uint64_t HashKey(Value key);
bool KeyEquals(Value a, Value b);

}  // namespace tern::heap

#endif  // TERN_RUNTIME_HEAP_MAP_OBJECT_H_
