// Mark-sweep: frees the unreachable, keeps the reachable (cycles too),
// marks deep structures without host recursion, honours no-gc, stress and
// the threshold, and keeps memory bounded by live data.

#include <cstdint>
#include <string>

#include "gtest/gtest.h"
#include "runtime/heap/heap.h"
#include "runtime/heap/heap_testing.h"
#include "tests/heap/test_roots.h"

namespace tern::heap {
namespace {

TEST(Collector, FreesUnreachableKeepsReachable) {
  Heap heap(Verifying());
  TestRoots roots(heap, 2);
  VecObj* kept = heap.NewVec(2);
  roots[0] = V(kept);
  heap.VecPush(kept, heap.MakeString("a string long enough to be boxed"));
  heap.NewVec(10);                      // garbage, with a store
  heap.NewMap(3);                       // garbage, with a store
  heap.NewClosure(1, 4);                // garbage
  heap.NewStr(std::string(5000, 'z'));  // garbage, large
  EXPECT_EQ(heap.live_objects(), 6u);
  heap.Collect();
  EXPECT_EQ(heap.live_objects(), 2u);
  EXPECT_EQ(StringBytes(kept->Get(0)), "a string long enough to be boxed");
  EXPECT_EQ(heap.stats().collections, 1u);
  roots[0] = Value();
  heap.Collect();
  EXPECT_EQ(heap.live_objects(), 0u);
  EXPECT_EQ(heap.live_bytes(), 0u);
  EXPECT_EQ(heap.heap_cell_bytes(), 0u);
}

TEST(Collector, KeepsAndFreesCycles) {
  Heap heap(Verifying());
  TestRoots roots(heap, 1);
  VecObj* a = heap.NewVec(1);
  roots[0] = V(a);
  VecObj* b = heap.NewVec(1);
  heap.VecPush(a, V(b));
  heap.VecPush(b, V(a));
  MapObj* m = heap.NewMap(0);
  heap.VecPush(b, V(m));
  heap.MapPut(m, Value::Int(1), V(a));
  ClosureObj* c = heap.NewClosure(0, 1);
  c->captures()[0] = V(c);  // a closure capturing itself
  heap.MapPut(m, Value::Int(2), V(c));
  heap.Collect();
  EXPECT_EQ(heap.live_objects(), 4u);
  EXPECT_EQ(a->Get(0).as_vec(), b);
  EXPECT_EQ(b->Get(0).as_vec(), a);
  roots[0] = Value();
  heap.Collect();
  EXPECT_EQ(heap.live_objects(), 0u);
}

TEST(Collector, MillionDeepChainMarksWithoutRecursion) {
  Heap heap;
  TestRoots roots(heap, 1);
  constexpr int kDepth = 1000000;
  roots[0] = V(heap.NewVec(0));
  for (int i = 0; i < kDepth; ++i) {
    VecObj* outer = heap.NewVec(1);
    heap.VecPush(outer, roots[0]);
    roots[0] = V(outer);
  }
  heap.Collect();
  EXPECT_EQ(heap.live_objects(), uint64_t{kDepth} + 1);
  heap.Verify("deep chain");  // the verifier does not recurse either
  roots[0] = Value();
  heap.Collect();
  EXPECT_EQ(heap.live_objects(), 0u);
}

TEST(Collector, HandlesProtectAcrossStressAllocation) {
  GcConfig config = Verifying();
  config.stress_every = 1;
  Heap heap(config);
  HandleScope scope(heap);
  Value* v = scope.Protect(V(heap.NewVec(0)));
  Value* s =
      scope.Protect(heap.MakeString("held only by a handle, not a root"));
  for (int i = 0; i < 100; ++i) {
    heap.VecPush(v->as_vec(), *s);
    heap.NewMap(1);  // garbage; collects at every allocation
  }
  EXPECT_EQ(v->as_vec()->size(), 100u);
  EXPECT_EQ(StringBytes(v->as_vec()->Get(99)), StringBytes(*s));
  EXPECT_GE(heap.stats().collections, 200u);
  {
    HandleScope inner(heap);
    inner.Protect(V(heap.NewClosure(0, 0)));
    heap.Collect();
    EXPECT_EQ(heap.live_objects(), 3u);
  }
  heap.Collect();
  EXPECT_EQ(heap.live_objects(), 2u);
}

TEST(Collector, StressEveryNth) {
  GcConfig config;
  config.stress_every = 10;
  Heap heap(config);
  for (int i = 0; i < 100; ++i) heap.NewClosure(0, 0);
  EXPECT_EQ(heap.stats().collections, 10u);
}

TEST(Collector, NoGcDefersToOutermostEnd) {
  GcConfig config;
  config.stress_every = 1;
  Heap heap(config);
  heap.EnterNoGc();
  heap.EnterNoGc();
  for (int i = 0; i < 10; ++i) heap.NewClosure(0, 0);
  heap.Collect();
  heap.ExitNoGc();
  heap.NewClosure(0, 0);
  EXPECT_EQ(heap.stats().collections, 0u);
  EXPECT_EQ(heap.live_objects(), 11u);
  heap.ExitNoGc();
  EXPECT_EQ(heap.stats().collections, 0u);
  heap.NewClosure(0, 0);  // the deferred collection runs here
  EXPECT_EQ(heap.stats().collections, 1u);
  EXPECT_EQ(heap.live_objects(), 1u);
}

TEST(Collector, ThresholdGrowsWithLiveHeap) {
  Heap heap;
  TestRoots roots(heap, 1);
  EXPECT_EQ(HeapTesting::threshold(heap), kMinGcThreshold);
  VecObj* keep = heap.NewVec(0);
  roots[0] = V(keep);
  // 16 MiB live: after a collection the threshold follows it.
  for (int i = 0; i < 16 * 1024; ++i) {
    heap.VecPush(keep, V(heap.NewStr(std::string(1000, 'x'))));
  }
  heap.Collect();
  EXPECT_GE(HeapTesting::threshold(heap), kGcGrowth * (uint64_t{16} << 20));
  uint64_t before = heap.stats().collections;
  for (int i = 0; i < 1000; ++i) heap.NewStr(std::string(1000, 'g'));
  EXPECT_EQ(heap.stats().collections, before);  // 1 MB < threshold
}

// The allocation loop in miniature: (set! v [i]) a million times.
TEST(Collector, AllocationLoopStaysBounded) {
  Heap heap;
  TestRoots roots(heap, 1);
  uint64_t peak_cells = 0;
  for (int i = 0; i < 1000000; ++i) {
    VecObj* v = heap.NewVec(1);
    heap.VecPush(v, Value::Int(i));
    roots[0] = V(v);
    peak_cells = std::max(peak_cells, heap.heap_cell_bytes());
  }
  EXPECT_GT(heap.stats().collections, 5u);
  EXPECT_LE(peak_cells, kMinGcThreshold + (1u << 20));
  EXPECT_LE(HeapTesting::page_count(heap), 128u);  // <= 8 MiB of pages
  heap.Collect();
  EXPECT_EQ(heap.live_objects(), 1u);
}

TEST(Collector, GrowthKeepsArgumentsAlive) {
  GcConfig config = Verifying();
  config.stress_every = 1;
  Heap heap(config);
  TestRoots roots(heap, 1);
  VecObj* v = heap.NewVec(0);
  roots[0] = V(v);
  for (int i = 0; i < 50; ++i) {
    // The pushed string is held by nothing but the call itself.
    heap.VecPush(v, heap.MakeString("element number " + std::to_string(i) +
                                    " of the vector"));
  }
  MapObj* m = heap.NewMap(0);
  heap.VecPush(v, V(m));
  for (int i = 0; i < 50; ++i) {
    // The key must survive the value's allocation: a handle holds it.
    HandleScope scope(heap);
    Value* key = scope.Protect(
        heap.MakeString("a key that is long " + std::to_string(i)));
    heap.MapPut(m, *key,
                heap.MakeString("a value that is long" + std::to_string(i)));
  }
  ASSERT_EQ(m->size(), 50u);
  Value out;
  ASSERT_TRUE(m->Get(heap.MakeString("a key that is long 7"), &out));
  EXPECT_EQ(StringBytes(out), "a value that is long7");
  EXPECT_EQ(StringBytes(v->Get(49)), "element number 49 of the vector");
  EXPECT_EQ(heap.VecPop(v).as_map(), m);
  EXPECT_EQ(v->size(), 50u);
  heap.VecResize(v, 200, Value::Int(7));
  EXPECT_EQ(v->Get(199).as_int(), 7);
  heap.VecResize(v, 3, Value());
  EXPECT_EQ(v->size(), 3u);
}

TEST(Collector, InlineElementsMoveToAStoreOnGrowth) {
  GcConfig config = Verifying();
  config.stress_every = 1;
  Heap heap(config);
  TestRoots roots(heap, 2);
  VecObj* small = heap.NewVec(2);
  roots[0] = V(small);
  EXPECT_EQ(small->elements, small->inline_elements());
  EXPECT_EQ(small->header.size, VecObj::SizeFor(2));
  heap.VecPush(small, heap.MakeString("first element, long enough"));
  heap.VecPush(small, Value::Int(2));
  EXPECT_FALSE(small->has_store());
  heap.VecPush(small, Value::Int(3));  // outgrows the inline room
  EXPECT_TRUE(small->has_store());
  EXPECT_EQ(small->capacity, 4u);
  EXPECT_EQ(StringBytes(small->Get(0)), "first element, long enough");
  EXPECT_EQ(small->Get(2).as_int(), 3);
  EXPECT_EQ(Heap::LogicalSize(&small->header),
            VecObj::SizeFor(2) + sizeof(Buffer) + 4 * sizeof(Value));
  VecObj* big = heap.NewVec(kMaxInlineElements + 1);  // a store from the start
  roots[1] = V(big);
  EXPECT_TRUE(big->has_store());
  EXPECT_EQ(big->header.size, sizeof(VecObj));
  heap.Collect();
  EXPECT_EQ(heap.live_objects(), 3u);
}

TEST(Collector, StatsFormat) {
  GcConfig config;
  config.stats = true;
  Heap heap(config);
  TestRoots roots(heap, 1);
  roots[0] = V(heap.NewClosure(0, 1));  // 32 bytes, live
  heap.NewClosure(0, 3);                // 64 bytes, garbage
  heap.Collect();
  EXPECT_EQ(heap.stats().peak_live_bytes, 32u);
  EXPECT_EQ(heap.stats().peak_heap_bytes, 96u);
  heap.EnterArena();
  heap.NewVec(4);
  heap.ExitArena();
  const GcStats& s = heap.stats();
  EXPECT_EQ(s.collections, 1u);
  EXPECT_EQ(s.objects_allocated, 2u);
  EXPECT_EQ(s.arenas_entered, 1u);
  EXPECT_EQ(s.arena_bytes, sizeof(VecObj) + 4 * sizeof(Value));  // inline
  EXPECT_GE(s.max_pause_ns, 1u);
  std::string text = heap.FormatStats();
  EXPECT_NE(text.find("collections 1"), std::string::npos) << text;
  EXPECT_NE(text.find("peak live 32 bytes, peak heap 96 bytes"),
            std::string::npos)
      << text;
  EXPECT_NE(text.find("arena bytes 88"), std::string::npos) << text;
}

TEST(CollectorTest, PausesAreTimedOnlyWhenStatsAreAskedFor) {
  for (bool stats : {false, true}) {
    GcConfig config;
    config.stats = stats;
    Heap heap(config);
    TestRoots roots(heap, 1);
    roots[0] = V(heap.NewVec(100000));  // a pause of a measurable length
    heap.Collect();
    heap.Collect();
    const GcStats& s = heap.stats();
    EXPECT_EQ(s.full_collections, 2u);
    EXPECT_EQ(s.full_pauses.count(), 2u);
    if (stats) {
      EXPECT_GE(s.max_pause_ns, 1u);
      EXPECT_GE(s.total_pause_ns, s.max_pause_ns);
    } else {  // no clock read: every pause is 0
      EXPECT_EQ(s.total_pause_ns, 0u);
      EXPECT_EQ(s.total_pause_cpu_ns, 0u);
      EXPECT_EQ(s.max_pause_ns, 0u);
    }
  }
}

}  // namespace
}  // namespace tern::heap
