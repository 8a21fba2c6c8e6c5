#include "runtime/heap/large_space.h"

#include <cstring>

#include "runtime/heap/block_cache.h"
#include "runtime/heap/logical_size.h"

namespace tern::heap {

LargeSpace::~LargeSpace() {
  for (Prefix* p = head_; p != nullptr;) {
    Prefix* next = p->next;
    Release(p);
    p = next;
  }
}

void* LargeSpace::Allocate(size_t bytes, uint32_t cards) {
  void* mem = BlockCache::Take(sizeof(Prefix) + bytes + cards);  // 16-aligned
  Prefix* p = static_cast<Prefix*>(mem);
  p->bytes = bytes;
  p->cards = cards;
  std::memset(reinterpret_cast<char*>(p + 1) + bytes, 0, cards);
  p->next = nullptr;
  p->prev = tail_;
  if (tail_ != nullptr) {
    tail_->next = p;
  } else {
    head_ = p;
  }
  tail_ = p;
  cells_.insert(p + 1);
  return p + 1;
}

void LargeSpace::Unlink(Prefix* p) {
  (p->prev != nullptr ? p->prev->next : head_) = p->next;
  (p->next != nullptr ? p->next->prev : tail_) = p->prev;
  cells_.erase(p + 1);
}

void LargeSpace::Free(void* cell) {
  Prefix* p = static_cast<Prefix*>(cell) - 1;
  Unlink(p);
  Release(p);
}

void LargeSpace::Release(Prefix* p) {
  BlockCache::Give(p, sizeof(Prefix) + p->bytes + p->cards);  // poisoned
}

SweepTally LargeSpace::Sweep(uint8_t age, HeapCensus* census) {
  SweepTally tally;
  for (Prefix* p = head_; p != nullptr;) {
    Prefix* next = p->next;
    Object* o = reinterpret_cast<Object*>(p + 1);
    if (o->flags & kMarkBit) {
      o->flags = static_cast<uint8_t>((o->flags & ~kMarkBit) | age);
      if (census != nullptr && IsObjectKind(o->kind())) {
        census->Count(o, LogicalSize(o));
      }
    } else {
      if (IsObjectKind(o->kind())) {
        ++tally.objects;
      } else {
        ++tally.buffers;
      }
      tally.logical_bytes += o->size;
      tally.cell_bytes += p->bytes;
      Unlink(p);
      Release(p);
    }
    p = next;
  }
  return tally;
}

}  // namespace tern::heap
