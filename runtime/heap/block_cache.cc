#include "runtime/heap/block_cache.h"

#include <bit>
#include <cstdlib>
#include <new>
#include <vector>

#include "runtime/heap/poison.h"

namespace tern::heap {
namespace {

// Classes: 4 KiB and below are one class; above, four per power of two
// (2^k, 1.25, 1.5, 1.75 times 2^k).
constexpr size_t kMinClassBytes = 4096;
constexpr int kMinShift = 12;
constexpr int kClasses = 4 * (64 - kMinShift) + 1;
// A class keeps at most this many blocks, so that a sweep freeing many
// blocks of one size does not fill the cache with them for good (a run
// frees and takes again a few blocks of each size it uses).
constexpr size_t kBlocksPerClass = 4;

int ClassOf(size_t bytes) {
  if (bytes <= kMinClassBytes) return 0;
  const int k = 63 - std::countl_zero(bytes - 1);  // 2^k < bytes <= 2^(k+1)
  // The quarter steps above 2^k that bytes needs: 1..4.
  const size_t steps = ((bytes - 1 - (size_t{1} << k)) >> (k - 2)) + 1;
  return 4 * (k - kMinShift) + static_cast<int>(steps);
}

size_t SizeOfClass(int cls) {
  if (cls == 0) return kMinClassBytes;
  int k = (cls - 1) / 4 + kMinShift;
  size_t steps = static_cast<size_t>((cls - 1) % 4) + 1;
  return (size_t{1} << k) + steps * (size_t{1} << (k - 2));
}

// This thread's cache; freed with the thread (a forked child gets a copy,
// which is as good as the parent's).
struct Cache {
  std::vector<void*> blocks[kClasses];
  size_t bytes = 0;
  size_t count = 0;
  ~Cache() { Clear(); }
  void Clear() {
    for (int c = 0; c < kClasses; ++c) {
      for (void* b : blocks[c]) {
        Unpoison(b, SizeOfClass(c));
        std::free(b);
      }
      blocks[c].clear();
    }
    bytes = 0;
    count = 0;
  }
};
thread_local Cache cache;

}  // namespace

size_t BlockCache::ClassBytes(size_t bytes) {
  return SizeOfClass(ClassOf(bytes));
}

void* BlockCache::Take(size_t bytes) {
  const int cls = ClassOf(bytes);
  const size_t capacity = SizeOfClass(cls);
  std::vector<void*>& list = cache.blocks[cls];
  void* block;
  if (!list.empty()) {
    block = list.back();
    list.pop_back();
    cache.bytes -= capacity;
    --cache.count;
  } else {
    block = std::malloc(capacity);  // 16-aligned
    if (block == nullptr) throw std::bad_alloc();
    Poison(block, capacity);
  }
  Unpoison(block, bytes);
  return block;
}

void BlockCache::Give(void* block, size_t bytes) {
  const int cls = ClassOf(bytes);
  const size_t capacity = SizeOfClass(cls);
  std::vector<void*>& list = cache.blocks[cls];
  if (list.size() < kBlocksPerClass &&
      cache.bytes + capacity <= BlockCache::kCacheBytes) {
    try {
      list.push_back(block);
    } catch (const std::bad_alloc&) {
      Unpoison(block, capacity);
      std::free(block);
      return;
    }
    Poison(block, capacity);
  } else {
    Unpoison(block, capacity);
    std::free(block);  // ASan's allocator poisons it from here on
    return;
  }
  cache.bytes += capacity;
  ++cache.count;
}

size_t BlockCache::cached_blocks() { return cache.count; }
size_t BlockCache::cached_bytes() { return cache.bytes; }
void BlockCache::Clear() { cache.Clear(); }

}  // namespace tern::heap
