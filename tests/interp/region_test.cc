#include "runtime/interp/region.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "runtime/ast.h"

namespace tern::interp {
namespace {

Value NewVec(Regions& r) {
  return Value::Ref(r.New<VecObj>(std::vector<Value>{}));
}

TEST(Regions, AllocationGoesToTheInnermost) {
  Regions regions;
  Expr a, b;
  Value h = NewVec(regions);
  EXPECT_EQ(h.obj->region, regions.heap());
  regions.Enter(&a);
  Value va = NewVec(regions);
  regions.Enter(&b);
  Value vb = NewVec(regions);
  EXPECT_EQ(va.obj->region->depth, 1u);
  EXPECT_EQ(vb.obj->region->depth, 2u);
  EXPECT_EQ(vb.obj->region->block, &b);
  Value explicit_heap = Value::Ref(regions.NewIn<StrObj>(regions.heap(), "x"));
  EXPECT_EQ(explicit_heap.obj->region, regions.heap());
  regions.Exit();
  regions.Exit();
}

TEST(Regions, StoreRuleAllowsSameOrOuterRegionsAndImmediates) {
  Regions regions;
  Expr a, b;
  Value h = NewVec(regions);
  regions.Enter(&a);
  Value va = NewVec(regions);
  regions.Enter(&b);
  Value vb = NewVec(regions);
  EXPECT_TRUE(MayStore(vb.obj->region, va));
  EXPECT_TRUE(MayStore(vb.obj->region, h));
  EXPECT_TRUE(MayStore(va.obj->region, va));
  EXPECT_FALSE(MayStore(va.obj->region, vb));
  EXPECT_FALSE(MayStore(h.obj->region, va));
  EXPECT_TRUE(MayStore(h.obj->region, Value::Int(1)));
  Function f;
  EXPECT_TRUE(MayStore(h.obj->region, Value::Defn(&f)));
  regions.Exit();
  regions.Exit();
}

TEST(Regions, ExitKillsTheArenaAndReleasesPayloadsOfWhatIsStillReferenced) {
  Regions regions;
  Expr a;
  regions.Enter(&a);
  Value s = Value::Ref(regions.New<StrObj>(std::string(1000, 'x')));
  Value v = Value::Ref(regions.New<VecObj>(std::vector<Value>(100)));
  EXPECT_TRUE(IsLive(s.obj));
  regions.Exit();
  // Still referenced (as a dead frame slot would be): empty headers whose
  // region says it ended, and which arena that was.
  EXPECT_FALSE(IsLive(s.obj));
  EXPECT_FALSE(IsLive(v.obj));
  EXPECT_LT(s.str()->bytes.capacity(), 1000u);
  EXPECT_EQ(v.vec()->items.capacity(), 0u);
  EXPECT_EQ(s.obj->region->block, &a);
  EXPECT_EQ(regions.stats().live, 2u);
  EXPECT_EQ(regions.stats().regions, 2u);  // the heap and a's record
  // The heap is unaffected and a new arena reuses depth 1.
  regions.Enter(&a);
  EXPECT_EQ(regions.innermost()->depth, 1u);
  EXPECT_TRUE(regions.innermost()->alive);
  regions.Exit();
  EXPECT_TRUE(regions.heap()->alive);
  // The last references go: the headers and a's record with them.
  s = Value();
  v = Value();
  EXPECT_EQ(regions.stats().live, 0u);
  EXPECT_EQ(regions.stats().regions, 1u);
}

TEST(Regions, AnObjectIsFreedWithItsLastReference) {
  Regions regions;
  Value inner = NewVec(regions);
  Value outer =
      Value::Ref(regions.New<VecObj>(std::vector<Value>{inner, inner}));
  EXPECT_EQ(regions.stats().live, 2u);
  EXPECT_EQ(inner.obj->refs, 3u);
  inner = Value();
  EXPECT_EQ(regions.stats().live, 2u);  // outer still holds it
  Value copy = outer;
  outer = Value::Int(1);
  EXPECT_EQ(regions.stats().live, 2u);
  Value& alias = copy;  // self-assignment, copy and move, keeps the count
  copy = alias;
  EXPECT_EQ(copy.obj->refs, 1u);
  copy = std::move(alias);
  EXPECT_EQ(copy.obj->refs, 1u);
  EXPECT_EQ(regions.stats().live, 2u);
  copy = Value::Null();
  EXPECT_EQ(regions.stats().live, 0u);
  EXPECT_EQ(regions.stats().allocated, 2u);
  EXPECT_EQ(regions.stats().peak_live, 2u);
}

TEST(Regions, EndingAnArenaFreesItsCycles) {
  Regions regions;
  Expr a;
  Value heap_str = Value::Ref(regions.New<StrObj>("h"));
  regions.Enter(&a);
  Value v = NewVec(regions);
  v.vec()->items.push_back(v);  // v holds itself
  v.vec()->items.push_back(heap_str);
  v = Value();
  EXPECT_EQ(regions.stats().live, 2u);  // the cycle outlives its reference
  EXPECT_EQ(heap_str.obj->refs, 2u);
  regions.Exit();
  EXPECT_EQ(regions.stats().live, 1u);
  EXPECT_EQ(heap_str.obj->refs, 1u);  // released by the arena's end
  EXPECT_EQ(regions.stats().regions, 1u);
}

TEST(Regions, TheRunsEndFreesCyclesOfTheHeapAndOfOpenArenas) {
  Expr a;
  MemoryStats final_stats;
  {
    Regions regions(&final_stats);
    Value v = NewVec(regions);
    Value m = Value::Ref(regions.New<MapObj>());
    m.map()->entries.Put(Value::Int(1), v);
    v.vec()->items.push_back(m);
    regions.Enter(&a);  // left open, as when an error stops the run
    Value w = NewVec(regions);
    w.vec()->items.push_back(w);
    regions.New<StrObj>("never referenced");
    v = m = w = Value();
    EXPECT_EQ(regions.stats().live, 4u);
  }
  // (LeakSanitizer checks the same under --config=asan.)
  EXPECT_EQ(final_stats.left_for_end, 4u);
  EXPECT_EQ(final_stats.live, 0u);
  EXPECT_EQ(final_stats.regions, 0u);
}

// Each level is one more host frame if freeing recursed: 10^6 levels are
// far more than this thread's stack holds.
constexpr int kDeep = 1000000;

TEST(Regions, DroppingADeepVectorDoesNotRecurse) {
  Regions regions;
  Value v = NewVec(regions);
  for (int i = 0; i < kDeep; ++i) {
    v = Value::Ref(regions.New<VecObj>(std::vector<Value>{v}));
  }
  EXPECT_EQ(regions.stats().live, kDeep + 1u);
  v = Value();
  EXPECT_EQ(regions.stats().live, 0u);
}

TEST(Regions, DroppingADeepChainOfClosuresAndMapsDoesNotRecurse) {
  Regions regions;
  Function lambda;
  Value v;
  for (int i = 0; i < kDeep; ++i) {
    if (i % 2 == 0) {
      v = Value::Ref(regions.New<ClosureObj>(&lambda, std::vector<Value>{v}));
    } else {
      Value m = Value::Ref(regions.New<MapObj>());
      m.map()->entries.Put(Value::Int(i), v);
      v = std::move(m);
    }
  }
  v = Value();
  EXPECT_EQ(regions.stats().live, 0u);
}

TEST(Regions, EndingAnArenaWithADeepCycleDoesNotRecurse) {
  Regions regions;
  Expr a;
  regions.Enter(&a);
  Value first = NewVec(regions);
  Value v = first;
  for (int i = 0; i < kDeep; ++i) {
    v = Value::Ref(regions.New<VecObj>(std::vector<Value>{v}));
  }
  first.vec()->items.push_back(v);  // closes the cycle
  v = first = Value();
  regions.Exit();
  EXPECT_EQ(regions.stats().live, 0u);
}

}  // namespace
}  // namespace tern::interp
