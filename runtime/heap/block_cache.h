#ifndef TERN_RUNTIME_HEAP_BLOCK_CACHE_H_
#define TERN_RUNTIME_HEAP_BLOCK_CACHE_H_

// Host blocks for large cells (LargeSpace) and arena chunks past the first
// size (ArenaStack), kept per thread across collections and heaps. A fresh
// multi-MiB block costs its page faults on first touch (under ASan also a
// fresh mmap and its shadow): a program building a string to the 2^24
// length limit paid 60-80 ms a run in them. A freed block is kept by size
// class (four per power of two, so at most a quarter is slack), up to
// four a class and kCacheBytes a thread, and handed to the next request of its class with
// its pages still resident. While cached a block is poisoned under ASan,
// so a stale access to a freed large cell or ended chunk is still reported
// (as a use after poison). Callers keep their own zeroing (card bytes):
// a block comes back with its old contents.

#include <cstddef>

namespace tern::heap {

class BlockCache {
 public:
  // The bytes of cached blocks a thread keeps at most.
  static constexpr size_t kCacheBytes = size_t{64} << 20;

  // A 16-byte-aligned block with room for at least `bytes` (ClassBytes of
  // them); [0, bytes) addressable, the rest poisoned. Throws
  // std::bad_alloc.
  static void* Take(size_t bytes);
  // Gives back a block from Take(bytes) (the same `bytes`): poisoned and
  // kept, or freed when the cache is full.
  static void Give(void* block, size_t bytes);

  // The capacity Take(bytes) returns.
  static size_t ClassBytes(size_t bytes);
  // This thread's cached blocks and their bytes (for tests).
  static size_t cached_blocks();
  static size_t cached_bytes();
  // Frees this thread's cached blocks.
  static void Clear();
};

}  // namespace tern::heap

#endif  // TERN_RUNTIME_HEAP_BLOCK_CACHE_H_
