#include "runtime/interp/region.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "runtime/ast.h"

namespace tern::interp {
namespace {

Value NewVec(Regions& r) {
  return Value::Ref(Tag::kVec, r.New<VecObj>(std::vector<Value>{}));
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
  Value explicit_heap =
      Value::Ref(Tag::kStr, regions.NewIn<StrObj>(regions.heap(), "x"));
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

TEST(Regions, ExitKillsTheArenaAndReleasesPayloadsButKeepsHeaders) {
  Regions regions;
  Expr a;
  regions.Enter(&a);
  auto* s = regions.New<StrObj>(std::string(1000, 'x'));
  auto* v = regions.New<VecObj>(std::vector<Value>(100));
  EXPECT_TRUE(IsLive(s));
  regions.Exit();
  EXPECT_FALSE(IsLive(s));
  EXPECT_FALSE(IsLive(v));
  EXPECT_EQ(s->bytes.capacity() < 1000, true);
  EXPECT_EQ(v->items.capacity(), 0u);
  EXPECT_EQ(s->region->block, &a);
  // The heap is unaffected and a new arena reuses depth 1.
  regions.Enter(&a);
  EXPECT_EQ(regions.innermost()->depth, 1u);
  EXPECT_TRUE(regions.innermost()->alive);
  regions.Exit();
  EXPECT_TRUE(regions.heap()->alive);
}

}  // namespace
}  // namespace tern::interp
