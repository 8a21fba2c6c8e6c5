// The per-thread cache of large blocks (block_cache.h): classes, reuse
// across collections and heaps, the byte cap, card bytes zeroed on reuse,
// and stale access to a cached block still reported (ASan's poison, the
// verifier's live-cell check).

#include "runtime/heap/block_cache.h"

#include <cstring>
#include <string>
#include <vector>

#include "gtest/gtest.h"
#include "rapidcheck.h"
#include "rapidcheck/gtest.h"
#include "runtime/heap/heap.h"
#include "runtime/heap/large_space.h"
#include "runtime/heap/poison.h"
#include "tests/heap/test_roots.h"

namespace tern::heap {
namespace {

// A load the optimiser must keep (ASan checks it).
char StaleRead(const void* p) { return *static_cast<const volatile char*>(p); }

RC_GTEST_PROP(BlockCache, ClassFitsWithAQuarterSlack, ()) {
  const size_t n = *rc::gen::inRange<size_t>(1, size_t{1} << 34);
  const size_t c = BlockCache::ClassBytes(n);
  RC_ASSERT(c >= n);
  RC_ASSERT(c % 16 == 0);
  if (n > 4096) RC_ASSERT(c - n < n / 4 + 1);
  RC_ASSERT(BlockCache::ClassBytes(c) == c);  // a class's size is its own
}

TEST(BlockCache, ReusesAFreedBlockOfItsClass) {
  BlockCache::Clear();
  void* a = BlockCache::Take(100000);
  std::memset(a, 1, 100000);
  BlockCache::Give(a, 100000);
  EXPECT_EQ(BlockCache::cached_blocks(), 1u);
  EXPECT_EQ(BlockCache::cached_bytes(), BlockCache::ClassBytes(100000));
  if (kAsan) EXPECT_TRUE(IsPoisoned(a));
  void* b = BlockCache::Take(BlockCache::ClassBytes(100000) - 5);  // same class
  EXPECT_EQ(a, b);
  EXPECT_EQ(BlockCache::cached_blocks(), 0u);
  if (kAsan) {
    EXPECT_FALSE(IsPoisoned(b));
    // The class's slack beyond the request stays poisoned.
    EXPECT_TRUE(IsPoisoned(static_cast<char*>(b) +
                           BlockCache::ClassBytes(100000) - 1));
  }
  BlockCache::Give(b, BlockCache::ClassBytes(100000) - 5);
  BlockCache::Clear();
  EXPECT_EQ(BlockCache::cached_bytes(), 0u);
}

TEST(BlockCache, KeepsAtMostItsCapAndFourBlocksAClass) {
  BlockCache::Clear();
  std::vector<size_t> sizes;  // 8, 10, 12, 14, 16, 20, 24, 28 MiB: 132 MiB
  for (size_t i = 0; i < 8; ++i) {
    sizes.push_back((size_t{8} << 20) << (i / 4) |
                    (i % 4) * ((size_t{2} << 20) << (i / 4)));
  }
  std::vector<void*> blocks;
  for (size_t n : sizes) blocks.push_back(BlockCache::Take(n));
  for (size_t i = 0; i < sizes.size(); ++i) BlockCache::Give(blocks[i], sizes[i]);
  EXPECT_LE(BlockCache::cached_bytes(), BlockCache::kCacheBytes);
  EXPECT_EQ(BlockCache::cached_bytes(), size_t{8 + 10 + 12 + 14 + 16} << 20);
  BlockCache::Clear();
  blocks.clear();
  for (int i = 0; i < 6; ++i) blocks.push_back(BlockCache::Take(1 << 20));
  for (void* b : blocks) BlockCache::Give(b, 1 << 20);
  EXPECT_EQ(BlockCache::cached_blocks(), 4u);
  BlockCache::Clear();
}

TEST(BlockCache, LargeCellsComeBackAcrossHeapsWithCleanCards) {
  BlockCache::Clear();
  void* first;
  {
    LargeSpace space;
    first = space.Allocate(20000, 160);
    uint32_t count = 0;
    uint8_t* cards = LargeSpace::CardsOf(first, &count);
    ASSERT_EQ(count, 160u);
    std::memset(cards, 1, count);  // dirty, then the cell dies
    std::memset(first, 0xAB, 20000);
  }  // the space's blocks go back to the cache
  LargeSpace space;
  void* again = space.Allocate(20000, 160);
  EXPECT_EQ(again, first);
  uint32_t count = 0;
  const uint8_t* cards = LargeSpace::CardsOf(again, &count);
  ASSERT_EQ(count, 160u);
  for (uint32_t i = 0; i < count; ++i) ASSERT_EQ(cards[i], 0) << i;
  space.Free(again);
  BlockCache::Clear();
}

TEST(BlockCache, EndedArenaChunksAreReusedPoisoned) {
  BlockCache::Clear();
  Heap heap;
  heap.EnterArena();
  StrObj* big = heap.NewStrToFill(1 << 20);  // a 2 MiB chunk
  std::memset(big->chars(), 'x', 1 << 20);
  heap.ExitArena();
  EXPECT_GE(BlockCache::cached_bytes(), size_t{2} << 20);
  if (kAsan) EXPECT_TRUE(IsPoisoned(big->chars()));
  heap.EnterArena();
  StrObj* next = heap.NewStrToFill(1 << 20);
  EXPECT_EQ(next, big);  // the same block, unpoisoned for the new cell
  if (kAsan) EXPECT_FALSE(IsPoisoned(next->chars() + (1 << 20) - 1));
  heap.ExitArena();
}

TEST(BlockCache, VerifierReportsARootIntoACachedLargeCell) {
  // Under ASan the first read of the stale header is the report
  // (BlockCacheDeathTest); without it, the verifier finds the root.
  if (kAsan) GTEST_SKIP() << "ASan reports the stale read itself";
  BlockCache::Clear();
  Heap heap(Verifying());
  TestRoots roots(heap, 1);
  StrObj* s = heap.NewStr(std::string(50000, 'q'));
  heap.Collect();  // s dies: its block is cached
  ASSERT_GE(BlockCache::cached_blocks(), 1u);
  roots[0] = Value::Obj(&s->header);  // a stale root
  EXPECT_THROW(heap.VerifyFull("test"), HeapFault);
  roots[0] = Value();
}

using BlockCacheDeathTest = ::testing::Test;

TEST(BlockCacheDeathTest, StaleReadOfACachedLargeStringIsAnAsanReport) {
  if (!kAsan) GTEST_SKIP() << "needs ASan";
  GTEST_FLAG_SET(death_test_style, "threadsafe");
  EXPECT_DEATH(
      {
        Heap heap;
        StrObj* dead = heap.NewStr(std::string(50000, 'q'));
        heap.Collect();  // cached, not freed: poisoned by the cache
        StaleRead(dead->chars() + 100);
      },
      "use-after-poison");
}

TEST(BlockCacheDeathTest, StaleReadOfACachedArenaChunkIsAnAsanReport) {
  if (!kAsan) GTEST_SKIP() << "needs ASan";
  GTEST_FLAG_SET(death_test_style, "threadsafe");
  EXPECT_DEATH(
      {
        Heap heap;
        heap.EnterArena();
        StrObj* dead = heap.NewStrToFill(1 << 20);
        heap.ExitArena();
        StaleRead(dead->chars() + 12345);
      },
      "use-after-poison");
}

}  // namespace
}  // namespace tern::heap
