#include "runtime/heap/arena_stack.h"

#include <algorithm>
#include <new>

#include "runtime/heap/block_cache.h"

namespace tern::heap {

ArenaStack::~ArenaStack() {
  while (!arenas_.empty()) Exit();
  for (Chunk& c : pool_) BlockCache::Give(c.base, c.size);
}

void ArenaStack::Enter() {
  if (arenas_.size() >= kMaxArenaDepth) throw std::bad_alloc();
  arenas_.emplace_back();
}

void ArenaStack::Exit() {
  Arena a = std::move(arenas_.back());
  arenas_.pop_back();
  recorded_count_ -= a.recorded.size();
  for (size_t k = 0; k < census_.size(); ++k) {
    census_[k].objects -= a.census[k].objects;
    census_[k].bytes -= a.census[k].bytes;
  }
  last_exit_.clear();
  for (Chunk& c : a.chunks) ReleaseChunk(c);
}

void ArenaStack::AddChunk(Arena& a, size_t at_least) {
  size_t size = a.next_size;
  while (size < at_least) size *= 2;
  a.next_size = size * 2;
  Chunk c{nullptr, size, 0};
  if (size == kFirstChunkSize && !pool_.empty()) {
    c.base = pool_.back().base;
    pool_.pop_back();
    checked_pool_ = std::min(checked_pool_, pool_.size());
    if (fill_ && !IsFilled(c.base, size)) stale_write_ = true;
  } else {
    // A cached block (block_cache.h), its pages usually resident already.
    c.base = static_cast<char*>(BlockCache::Take(size));
    Poison(c.base, size);
  }
  a.chunks.push_back(c);
  live_chunk_bytes_ += size;
}

void ArenaStack::ReleaseChunk(Chunk c) {
  Range r{reinterpret_cast<uintptr_t>(c.base),
          reinterpret_cast<uintptr_t>(c.base) + c.size};
  if (ended_.size() < kEndedMemory) {
    ended_.push_back(r);
  } else {
    ended_[ended_next_] = r;
    ended_next_ = (ended_next_ + 1) % kEndedMemory;
  }
  last_exit_.push_back(r);
  live_chunk_bytes_ -= c.size;
  Unpoison(c.base, c.used);
  if (fill_) Fill(c.base, c.size);
  Poison(c.base, c.size);
  if (c.size == kFirstChunkSize && pool_.size() < kPoolChunks) {
    c.used = 0;
    pool_.push_back(c);
    return;
  }
  BlockCache::Give(c.base, c.size);  // stays poisoned while cached
}

void ArenaStack::Abandon(Object* cell) {
  cell->type = static_cast<ObjType>(kFreeKind);
  char* payload = reinterpret_cast<char*>(cell + 1);
  size_t n = cell->size - sizeof(Object);
  if (fill_) Fill(payload, n);
  Poison(payload, n);
}

uint16_t ArenaStack::RegionContaining(const void* p) const {
  uintptr_t a = reinterpret_cast<uintptr_t>(p);
  for (size_t i = 0; i < arenas_.size(); ++i) {
    for (const Chunk& c : arenas_[i].chunks) {
      uintptr_t b = reinterpret_cast<uintptr_t>(c.base);
      if (a >= b && a < b + c.used) return static_cast<uint16_t>(i + 1);
    }
  }
  return 0;
}

namespace {

template <typename Ranges>
bool InAny(const Ranges& ranges, const void* p) {
  uintptr_t a = reinterpret_cast<uintptr_t>(p);
  for (const auto& r : ranges) {
    if (a >= r.begin && a < r.end) return true;
  }
  return false;
}

}  // namespace

bool ArenaStack::InRecentlyEnded(const void* p) const {
  return InAny(ended_, p);
}

bool ArenaStack::InLastExit(const void* p) const {
  return InAny(last_exit_, p);
}

}  // namespace tern::heap
