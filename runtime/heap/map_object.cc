#include "runtime/heap/map_object.h"

#include <algorithm>
#include <cstring>

#include "runtime/heap/card_table.h"
#include "runtime/heap/string_object.h"

namespace tern::heap {
namespace {

// Holes are squeezed out once there are at least this many and they
// outnumber the live entries (the interpreter's OrderedMap rule).
constexpr uint32_t kMinHolesToCompact = 16;

}  // namespace

uint64_t HashKey(Value key) {
  switch (key.tag()) {
    case Tag::kInt:
      return HashMix(static_cast<uint64_t>(key.as_int()));
    case Tag::kBool:
      return HashMix(0x9e3779b97f4a7c15ULL + (key.as_bool() ? 1 : 0));
    // Strings hash to 32 bits whichever representation holds them, so a
    // long string can cache its hash in its header.
    case Tag::kShortStr:
      return static_cast<uint32_t>(HashBytes(key.short_str()));
    case Tag::kStr: {
      const StrObj* s = key.as_str();
      // 0 means "not computed": a string hashing to 0 just rehashes.
      if (s->hash == 0) s->hash = static_cast<uint32_t>(HashBytes(s->bytes()));
      return s->hash;
    }
    default:
      return 0;  // not a key type; callers never pass one
  }
}

bool KeyEquals(Value a, Value b) {
  if (a == b) return true;  // same immediate, short string or object
  if (a.is_string() && b.is_string()) {
    return StringBytes(a) == StringBytes(b);
  }
  return false;
}

namespace {
uint32_t Slot32(Value key) { return static_cast<uint32_t>(HashKey(key)); }
}  // namespace

int64_t MapObj::FindSlot(Value key, uint64_t hash) const {
  if (capacity == 0) return -1;
  uint32_t i = static_cast<uint32_t>(hash) & index_mask;
  for (;;) {
    int32_t e = index[i];
    if (e == kEmpty) return -1;
    if (e >= 0 && KeyEquals(entries[e].key, key)) return i;
    i = (i + 1) & index_mask;
  }
}

bool MapObj::Get(Value key, Value* out) const {
  int64_t slot = FindSlot(key, Slot32(key));
  if (slot < 0) return false;
  *out = entries[index[slot]].value;
  return true;
}

bool MapObj::Has(Value key) const { return FindSlot(key, Slot32(key)) >= 0; }

Value* MapObj::Update(Value key, Value val) {
  int64_t slot = FindSlot(key, Slot32(key));
  if (slot < 0) return nullptr;
  Value* v = &entries[index[slot]].value;
  *v = val;
  return v;
}

void MapObj::InsertNew(Value key, Value val) {
  uint32_t e = used++;
  entries[e] = MapEntry{key, val};
  ++count;
  uint32_t i = Slot32(key) & index_mask;
  while (index[i] >= 0) i = (i + 1) & index_mask;
  index[i] = static_cast<int32_t>(e);
}

bool MapObj::Del(Value key) {
  int64_t slot = FindSlot(key, Slot32(key));
  if (slot < 0) return false;
  int32_t e = index[slot];
  index[slot] = kDeleted;
  entries[e] = MapEntry{};  // a hole keeps nothing reachable
  --count;
  uint32_t holes = used - count;
  if (holes >= kMinHolesToCompact && holes > count) {
    // Gen mode: an old map with dirty cards keeps its young references
    // covered where they move to (it is already on the dirty-card list).
    StoreCards cards;
    if (header.flags & kCardsBit) cards = CardsOf(&header);
    uint32_t j = 0;
    for (uint32_t k = 0; k < used; ++k) {
      if (entries[k].key.is_null()) continue;
      entries[j] = entries[k];
      if (cards.bytes != nullptr &&
          (IsYoungRef(entries[j].key) || IsYoungRef(entries[j].value))) {
        cards.bytes[cards.CardOf(&entries[j])] = 1;
      }
      ++j;
    }
    for (uint32_t k = j; k < used; ++k) entries[k] = MapEntry{};
    used = j;
    Reindex();
  }
  return true;
}

void MapObj::Reindex() {
  std::fill(index, index + index_mask + 1, kEmpty);
  for (uint32_t e = 0; e < used; ++e) {
    uint32_t i = Slot32(entries[e].key) & index_mask;
    while (index[i] != kEmpty) i = (i + 1) & index_mask;
    index[i] = static_cast<int32_t>(e);
  }
}

uint32_t MapObj::IndexSizeFor(uint32_t capacity) {
  uint64_t n = 8;
  while (n * 2 / 3 < capacity) n *= 2;
  return static_cast<uint32_t>(n);
}

uint64_t MapObj::StoreBytes(uint32_t capacity) {
  return uint64_t{capacity} * sizeof(MapEntry) +
         uint64_t{IndexSizeFor(capacity)} * sizeof(int32_t);
}

uint32_t MapObj::GrownCapacity() const {
  return std::max<uint32_t>(8, count * 2);
}

void MapObj::MoveTo(void* payload, uint32_t new_capacity) {
  MapEntry* fresh = static_cast<MapEntry*>(payload);
  uint32_t j = 0;
  for (uint32_t k = 0; k < used; ++k) {
    if (!entries[k].key.is_null()) fresh[j++] = entries[k];
  }
  for (uint32_t k = j; k < new_capacity; ++k) fresh[k] = MapEntry{};
  entries = fresh;
  used = j;
  capacity = new_capacity;
  uint32_t index_size = IndexSizeFor(new_capacity);
  index_mask = index_size - 1;
  index = reinterpret_cast<int32_t*>(fresh + new_capacity);
  Reindex();
}

}  // namespace tern::heap
