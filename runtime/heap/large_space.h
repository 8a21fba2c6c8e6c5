#ifndef TERN_RUNTIME_HEAP_LARGE_SPACE_H_
#define TERN_RUNTIME_HEAP_LARGE_SPACE_H_

// Cells above kMaxSmallSize: one host allocation each, with a 32-byte
// prefix linking them into a list (swept in allocation order) and a set of
// cell addresses for the verifier's lookups.

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

  // A 16-byte-aligned cell of `bytes`; throws std::bad_alloc.
  void* Allocate(size_t bytes);
  void Free(void* cell);
  SweepTally Sweep(uint8_t age);  // as SmallSpace::Sweep

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
    uint64_t reserved;
  };
  static_assert(sizeof(Prefix) == 32);

  void Unlink(Prefix* p);

  Prefix* head_ = nullptr;
  Prefix* tail_ = nullptr;
  std::unordered_set<const void*> cells_;
};

}  // namespace tern::heap

#endif  // TERN_RUNTIME_HEAP_LARGE_SPACE_H_
