#ifndef TERN_RUNTIME_INTERP_ORDERED_MAP_H_
#define TERN_RUNTIME_INTERP_ORDERED_MAP_H_

// The contents of a Tern map: entries in insertion order with a hash index
// for lookup. Iteration only ever walks the entry list, so no hash order can
// reach a program. Keys are ints, bools or strings (compared by content);
// callers reject every other key type before reaching here.

#include <cstddef>
#include <cstdint>
#include <unordered_map>
#include <vector>

#include "runtime/interp/value.h"

namespace tern::interp {

class OrderedMap {
 public:
  struct Slot {
    Value key;
    Value value;
    bool live = true;  // false once erased
  };

  size_t size() const { return live_; }

  // Sets *value and returns true if `key` is present.
  bool Get(const Value& key, Value* value) const;
  bool Contains(const Value& key) const;
  // Updates an existing entry in place (its original key object and its
  // position stay), or appends a new one.
  void Put(const Value& key, const Value& value);
  // Removes the entry; returns whether there was one. A later Put of the
  // same key appends it at the end.
  bool Erase(const Value& key);

  // Every slot in insertion order, erased ones included (live == false).
  const std::vector<Slot>& slots() const { return slots_; }

  // Frees all storage; the map is empty afterwards.
  void Release();

 private:
  struct KeyHash {
    size_t operator()(const Value& key) const;
  };
  struct KeyEq {
    bool operator()(const Value& a, const Value& b) const;
  };

  // Drops erased slots once they outnumber live ones, so that a map used as
  // a queue does not grow without bound.
  void CompactIfSparse();

  std::vector<Slot> slots_;
  std::unordered_map<Value, uint32_t, KeyHash, KeyEq> index_;  // -> slots_
  size_t live_ = 0;
};

}  // namespace tern::interp

#endif  // TERN_RUNTIME_INTERP_ORDERED_MAP_H_
