// The generational mode: minor collections free only young garbage, the
// write barrier keeps young objects referenced only from old ones alive,
// the verifier catches a missing barrier, and the full mode never sees a
// generation bit.

#include <string>
#include <vector>

#include "gtest/gtest.h"
#include "runtime/heap/heap.h"
#include "runtime/heap/heap_testing.h"
#include "tests/heap/test_roots.h"

namespace tern::heap {
namespace {

GcConfig GenConfig(bool verify = false) {
  GcConfig c;
  c.mode = GcMode::kGen;
  c.verify = verify;
  return c;
}

// A minor collection through the stress schedule: the next allocation.
void MinorNow(Heap& heap) {
  uint64_t before = heap.stats().minor_collections;
  heap.NewVec(0);  // garbage; the collection runs before it
  ASSERT_EQ(heap.stats().minor_collections, before + 1);
}

GcConfig StressEvery(uint32_t n, bool verify = false) {
  GcConfig c = GenConfig(verify);
  c.stress_every = n;
  return c;
}

TEST(GenTest, SurvivorsBecomeOldAndMinorFreesOnlyYoungGarbage) {
  Heap heap(StressEvery(4, /*verify=*/true));
  TestRoots roots(heap, 2);
  VecObj* kept = heap.NewVec(2);
  roots[0] = V(kept);
  heap.Collect();  // full: kept is old now
  EXPECT_TRUE(kept->header.flags & kOldBit);
  roots[0] = Value();  // old garbage: only a full collection frees it
  VecObj* young = heap.NewVec(1);
  EXPECT_FALSE(young->header.flags & kOldBit);
  EXPECT_EQ(HeapTesting::young_count(heap), 1u);
  heap.NewVec(0);  // allocation 3; the 4th collects
  MinorNow(heap);
  EXPECT_TRUE(HeapTesting::IsFreed(heap, &young->header));
  EXPECT_FALSE(HeapTesting::IsFreed(heap, &kept->header));
  heap.Collect();
  EXPECT_TRUE(HeapTesting::IsFreed(heap, &kept->header));
  EXPECT_EQ(heap.stats().full_collections, 2u);
}

TEST(GenTest, BarrierKeepsYoungChildOfOldObject) {
  for (int path = 0; path < 5; ++path) {
    SCOPED_TRACE(path);
    Heap heap(StressEvery(1000, /*verify=*/true));
    TestRoots roots(heap, 1);
    VecObj* old_vec = heap.NewVec(1);
    roots[0] = V(old_vec);
    MapObj* old_map = heap.NewMap(2);
    ClosureObj* old_closure = heap.NewClosure(3, 1);
    heap.VecPush(old_vec, V(old_map));
    heap.VecPush(old_vec, V(old_closure));  // grows: a store cell
    heap.Collect();
    ASSERT_TRUE(old_map->header.flags & kOldBit);
    StrObj* young = heap.NewStr("a string too long to be short");
    switch (path) {
      case 0:
        heap.VecPush(old_vec, V(young));
        break;
      case 1:
        heap.VecSet(old_vec, 0, V(young));
        break;
      case 2:
        heap.MapPut(old_map, V(young), Value::Int(1));  // key
        break;
      case 3:
        heap.MapPut(old_map, Value::Int(1), V(young));  // value
        break;
      case 4:
        heap.SetCapture(old_closure, 0, V(young));
        break;
    }
    EXPECT_EQ(heap.remembered_set_size(), 1u);
    heap.Verify("test");
    for (int i = 0; i < 1000; ++i) heap.NewVec(0);  // one minor
    ASSERT_GE(heap.stats().minor_collections, 1u);
    EXPECT_FALSE(HeapTesting::IsFreed(heap, &young->header));
    EXPECT_TRUE(young->header.flags & kOldBit);
    EXPECT_EQ(heap.remembered_set_size(), 0u);
    EXPECT_EQ(std::string(young->bytes()), "a string too long to be short");
  }
}

TEST(GenTest, OldVectorGrowingPastItsStoreKeepsItsYoungElements) {
  Heap heap(StressEvery(3, /*verify=*/true));
  TestRoots roots(heap, 1);
  VecObj* v = heap.NewVec(0);
  roots[0] = V(v);
  heap.Collect();
  for (int i = 0; i < 200; ++i) {
    VecObj* child = heap.NewVec(1);
    heap.VecPush(child, Value::Int(i));
    heap.VecPush(v, V(child));  // growth allocates: minors in between
  }
  heap.Collect();
  ASSERT_EQ(v->size(), 200u);
  for (uint32_t i = 0; i < 200; ++i) {
    EXPECT_EQ(v->Get(i).as_vec()->Get(0).as_int(), i);
  }
  EXPECT_GT(heap.stats().minor_collections, 50u);
  EXPECT_GT(heap.stats().promoted_bytes, 0u);
}

TEST(GenTest, VerifierNamesTheStoreThatMissedTheBarrier) {
  Heap heap(StressEvery(0, /*verify=*/true));
  TestRoots roots(heap, 1);
  VecObj* old_vec = heap.NewVec(3);
  heap.VecPush(old_vec, Value::Int(0));
  heap.VecPush(old_vec, Value::Int(0));
  roots[0] = V(old_vec);
  heap.Collect();
  MapObj* young = heap.NewMap(0);
  HeapTesting::StoreWithoutBarrier(old_vec, 1, V(young));
  try {
    heap.VerifyFull("before minor collection");
    FAIL() << "the verifier missed an unrecorded old-to-young reference";
  } catch (const HeapFault& f) {
    EXPECT_NE(f.report.find("not in the remembered set"), std::string::npos)
        << f.report;
    EXPECT_NE(f.report.find("object: vec of length 2 in the GC heap"),
              std::string::npos)
        << f.report;
    EXPECT_NE(f.report.find("field: element [1]"), std::string::npos)
        << f.report;
    EXPECT_NE(f.report.find("path: slot 0 of root 'test registers'"),
              std::string::npos)
        << f.report;
  }
}

TEST(GenTest, WithoutTheVerifierAMissedBarrierFreesALiveYoungObject) {
  Heap heap(StressEvery(2));
  TestRoots roots(heap, 1);
  VecObj* old_vec = heap.NewVec(1);
  heap.VecPush(old_vec, Value::Int(0));
  roots[0] = V(old_vec);
  heap.Collect();
  VecObj* young = heap.NewVec(0);  // allocation 2 of the schedule
  HeapTesting::StoreWithoutBarrier(old_vec, 0, V(young));
  EXPECT_EQ(heap.remembered_set_size(), 0u);
  heap.NewVec(0);
  heap.NewVec(0);  // the minor collection runs before this one
  ASSERT_GE(heap.stats().minor_collections, 1u);
  // The only reference to it is live (roots[0] -> element 0), yet the
  // cell is free: observed through the page bitmap, never by reading it.
  EXPECT_TRUE(HeapTesting::IsFreed(heap, &young->header));
  HeapTesting::StoreWithoutBarrier(old_vec, 0, Value());  // no dangling ref
}

TEST(GenTest, StressFullEveryRunsFullCollectionsOnSchedule) {
  GcConfig c = StressEvery(1);
  c.stress_full_every = 100;
  Heap heap(c);
  TestRoots roots(heap, 1);
  roots[0] = V(heap.NewVec(0));
  for (int i = 0; i < 999; ++i) heap.VecPush(roots[0].as_vec(), V(heap.NewVec(0)));
  // 999 NewVec + the first + the store growths: every allocation collects.
  const GcStats& s = heap.stats();
  EXPECT_EQ(s.collections, heap.stats().minor_collections +
                               heap.stats().full_collections);
  EXPECT_GE(s.full_collections, 10u);
  EXPECT_GT(s.minor_collections, 900u);
  std::string text = heap.FormatStats();
  EXPECT_NE(text.find("gc: minor pauses: p50"), std::string::npos) << text;
  EXPECT_NE(text.find("gc: full pauses: p50"), std::string::npos) << text;
  EXPECT_NE(text.find("promoted"), std::string::npos) << text;
}

TEST(GenTest, FullModeNeverSetsGenerationBitsOrRemembers) {
  GcConfig c;
  c.stress_every = 1;
  c.verify = true;  // the verifier rejects generation bits in the full mode
  Heap heap(c);
  TestRoots roots(heap, 1);
  VecObj* v = heap.NewVec(0);
  roots[0] = V(v);
  heap.Collect();
  for (int i = 0; i < 50; ++i) heap.VecPush(v, V(heap.NewVec(0)));
  EXPECT_EQ(v->header.flags & (kOldBit | kRememberedBit), 0);
  EXPECT_EQ(heap.remembered_set_size(), 0u);
  EXPECT_EQ(heap.stats().remembered, 0u);
  EXPECT_EQ(heap.stats().minor_collections, 0u);
}

TEST(GenTest, ArenaObjectsAreNeverOldAndNeedNoRecording) {
  Heap heap(StressEvery(1, /*verify=*/true));
  TestRoots roots(heap, 2);
  std::vector<Object*> children;
  for (int i = 0; i < 30; ++i) {
    // The store rule: the heap object is made outside the arena.
    roots[1] = V(heap.NewVec(0));  // a young heap object
    children.push_back(roots[1].as_object());
    heap.EnterArena();
    VecObj* arena_vec = heap.NewVec(0);
    roots[0] = V(arena_vec);
    heap.VecPush(arena_vec, roots[1]);
    roots[1] = Value();  // only the arena object refers to it now
    heap.NewVec(0);      // minor collections
    heap.NewVec(0);
    EXPECT_FALSE(HeapTesting::IsFreed(heap, children.back()));
    EXPECT_EQ(arena_vec->header.flags & kOldBit, 0);
    EXPECT_EQ(heap.remembered_set_size(), 0u);
    roots[0] = Value();
    heap.ExitArena();
  }
  EXPECT_GT(heap.stats().minor_collections, 60u);
}

TEST(GenTest, YoungObjectsLeftLiveAfterMinorAreReported) {
  Heap heap(StressEvery(0, /*verify=*/true));
  TestRoots roots(heap, 1);
  roots[0] = V(heap.NewVec(0));
  heap.Collect();
  roots[0].as_object()->flags &= static_cast<uint8_t>(~kOldBit);  // "young"
  try {
    heap.VerifyFull("after minor collection");
    FAIL() << "a young survivor went unreported";
  } catch (const HeapFault& f) {
    EXPECT_NE(f.report.find("young objects survived a collection unmarked"),
              std::string::npos)
        << f.report;
  }
  roots[0].as_object()->flags |= kOldBit;
}

TEST(PauseHistogramTest, PercentilesWithinOneBucket) {
  PauseHistogram h;
  EXPECT_EQ(h.Percentile(0.5), 0u);
  for (uint64_t i = 1; i <= 1000; ++i) h.Add(i * 1000);
  EXPECT_EQ(h.count(), 1000u);
  EXPECT_EQ(h.max(), 1000000u);
  uint64_t p50 = h.Percentile(0.5), p99 = h.Percentile(0.99);
  EXPECT_GE(p50, 500000u);
  EXPECT_LE(p50, 500000u * 9 / 8);
  EXPECT_GE(p99, 990000u);
  EXPECT_LE(p99, 1000000u);
  EXPECT_EQ(h.Percentile(1.0), 1000000u);
  PauseHistogram small;
  small.Add(3);
  EXPECT_EQ(small.Percentile(0.5), 3u);
}

}  // namespace
}  // namespace tern::heap
