// Gen mode's fresh pages (small_space.h): a minor frees a page of
// short-lived objects whole, without reading them; a page with a survivor,
// a store or the owner of one is swept cell by cell; the counters stay
// exact (the verifier, on in every test, re-derives them after each
// collection); and preferring fresh pages does not let the heap grow when
// young survivors are spread over them.

#include "gtest/gtest.h"
#include "runtime/heap/heap.h"
#include "runtime/heap/heap_testing.h"
#include "tests/heap/test_roots.h"

namespace tern::heap {
namespace {

GcConfig Gen(uint64_t nursery_bytes) {
  GcConfig c;
  c.mode = GcMode::kGen;
  c.verify = true;
  c.nursery_bytes = nursery_bytes;
  return c;
}

// Allocates garbage vectors (2 inline slots, one size class) until a minor
// collection has run; returns the first one.
VecObj* GarbageUntilMinor(Heap& heap) {
  uint64_t minors = heap.stats().minor_collections;
  VecObj* first = heap.NewVec(2);
  while (heap.stats().minor_collections == minors) heap.NewVec(2);
  return first;
}

TEST(FreshPageTest, AMinorFreesPagesOfGarbageWhole) {
  Heap heap(Gen(1 << 20));
  TestRoots roots(heap, 1);
  GarbageUntilMinor(heap);
  VecObj* first = GarbageUntilMinor(heap);
  EXPECT_TRUE(HeapTesting::IsFreed(heap, &first->header));
  // Of the nursery's 16 pages, only the class's bump page (and the one
  // before it, no longer fresh, swept cell by cell) remain in use.
  EXPECT_LE(HeapTesting::page_count(heap), 2u);
  EXPECT_LE(heap.live_objects(), 2u);  // at most the allocation that collected
}

TEST(FreshPageTest, ASurvivorKeepsItsPageAndItsNeighboursAreFreed) {
  Heap heap(Gen(1 << 20));
  TestRoots roots(heap, 1);
  GarbageUntilMinor(heap);
  VecObj* before = heap.NewVec(2);
  VecObj* kept = heap.NewVec(2);
  VecObj* after = heap.NewVec(2);
  heap.VecPush(kept, V(after));  // after survives through kept
  roots[0] = V(kept);
  GarbageUntilMinor(heap);
  EXPECT_TRUE(HeapTesting::IsFreed(heap, &before->header));
  EXPECT_FALSE(HeapTesting::IsFreed(heap, &kept->header));
  EXPECT_FALSE(HeapTesting::IsFreed(heap, &after->header));
  EXPECT_TRUE(kept->header.flags & kOldBit);
  EXPECT_EQ(kept->length, 1u);
  EXPECT_EQ(kept->elements[0].as_object(), &after->header);
}

TEST(FreshPageTest, ADeadYoungOwnerFreesItsStore) {
  Heap heap(Gen(1 << 20));
  TestRoots roots(heap, 1);
  GarbageUntilMinor(heap);
  uint64_t live = heap.live_objects();
  VecObj* owner = heap.NewVec(40);  // a store beside it (small space)
  VecObj* big = heap.NewVec(1000);  // a large store
  Value* store = owner->elements;
  GarbageUntilMinor(heap);
  EXPECT_TRUE(HeapTesting::IsFreed(heap, &owner->header));
  EXPECT_TRUE(HeapTesting::IsFreed(heap, &big->header));
  EXPECT_TRUE(HeapTesting::IsFreed(heap, &Buffer::FromPayload(store)->header));
  EXPECT_LE(heap.live_objects(), live + 1);
}

// Each round stores one young vector into an old one, then makes a
// nursery of garbage: one survivor on a fresh page per minor. Were fresh
// pages preferred without a bound on the pages in use, every such page
// would stay (one per round); with it the heap takes its free cells.
TEST(FreshPageTest, SpreadSurvivorsDoNotGrowTheHeap) {
  Heap heap(Gen(256 << 10));
  TestRoots roots(heap, 1);
  VecObj* old = heap.NewVec(0);
  roots[0] = V(old);
  heap.Collect();
  constexpr int kRounds = 300;
  for (int i = 0; i < kRounds; ++i) {
    heap.VecPush(old, V(heap.NewVec(2)));
    GarbageUntilMinor(heap);
  }
  EXPECT_EQ(old->length, static_cast<uint32_t>(kRounds));
  EXPECT_LT(HeapTesting::page_count(heap), 40u);
}

}  // namespace
}  // namespace tern::heap
