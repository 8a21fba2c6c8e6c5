#ifndef TERN_RUNTIME_HEAP_LARGE_SPACE_H_
#define TERN_RUNTIME_HEAP_LARGE_SPACE_H_

// Cells above kMaxSmallSize: one host block each (block_cache.h: freed
// blocks are reused, poisoned while cached), with a 32-byte
// prefix linking them into a list (swept in allocation order) and a set of
// cell addresses for the verifier's lookups. A cell may carry a card table
// (card_table.h): `cards` zeroed bytes right after its `bytes`, counted in
// the prefix.

#include <cstddef>
#include <cstdint>
#include <unordered_set>

#include "runtime/heap/object.h"
#include "runtime/heap/small_space.h"

namespace tern::heap {

class LargeSpace {
 public:
  LargeSpace() = default;
  ~LargeSpace();
  LargeSpace(const LargeSpace&) = delete;
  LargeSpace& operator=(const LargeSpace&) = delete;

  // A 16-byte-aligned cell of `bytes` followed by `cards` zeroed card
  // bytes; throws std::bad_alloc.
  void* Allocate(size_t bytes, uint32_t cards = 0);
  // The card bytes of a large cell (count 0: none).
  static uint8_t* CardsOf(const void* cell, uint32_t* count) {
    const Prefix* p = static_cast<const Prefix*>(cell) - 1;
    *count = static_cast<uint32_t>(p->cards);
    return const_cast<uint8_t*>(static_cast<const uint8_t*>(cell)) + p->bytes;
  }
  void Free(void* cell);
  SweepTally Sweep(uint8_t age, HeapCensus* census = nullptr);  // as
                                                               // SmallSpace's

  bool IsLiveCell(const void* p) const { return cells_.contains(p); }
  template <typename F>
  void ForEachCell(F&& f) const {
    for (Prefix* p = head_; p != nullptr; p = p->next) {
      f(reinterpret_cast<Object*>(p + 1), p->bytes);
    }
  }
  size_t cell_count() const { return cells_.size(); }

 private:
  struct Prefix {
    Prefix* prev;
    Prefix* next;
    uint64_t bytes;
    uint64_t cards;  // card bytes after the cell
  };
  static_assert(sizeof(Prefix) == 32);

  void Unlink(Prefix* p);
  static void Release(Prefix* p);  // its block back to the cache

  Prefix* head_ = nullptr;
  Prefix* tail_ = nullptr;
  std::unordered_set<const void*> cells_;
};

}  // namespace tern::heap

#endif  // TERN_RUNTIME_HEAP_LARGE_SPACE_H_
