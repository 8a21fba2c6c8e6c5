// The compact-dict map against a std model (an insertion-ordered vector of
// pairs): same lookups, same sizes, same iteration order, under random
// operation sequences with many deletes and re-inserts.

#include <algorithm>
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "gtest/gtest.h"
#include "rapidcheck.h"
#include "rapidcheck/gtest.h"
#include "runtime/heap/heap.h"
#include "runtime/heap/map_object.h"
#include "runtime/heap/string_object.h"
#include "tests/heap/test_roots.h"

namespace tern::heap {
namespace {

// A key drawn from a small space so that operations collide often: ints,
// bools, and strings on both sides of the short-string cut-off.
struct KeySpec {
  int kind;  // 0 int, 1 bool, 2 short string, 3 long string
  int n;
};

Value MakeKey(Heap& heap, const KeySpec& k) {
  switch (k.kind) {
    case 0:
      return Value::Int(k.n - 20);
    case 1:
      return Value::Bool(k.n % 2 == 0);
    case 2:
      return heap.MakeString("k" + std::to_string(k.n));
    default:
      return heap.MakeString("a long key string " + std::to_string(k.n));
  }
}

// Model keys compare by content.
std::string ModelKey(Value key) {
  switch (key.tag()) {
    case Tag::kInt:
      return "i" + std::to_string(key.as_int());
    case Tag::kBool:
      return key.as_bool() ? "btrue" : "bfalse";
    default:
      return "s" + std::string(StringBytes(key));
  }
}

struct Op {
  int what;  // 0 put, 1 del, 2 get
  KeySpec key;
  int64_t val;
};

std::vector<std::pair<std::string, int64_t>> Contents(const MapObj* m) {
  std::vector<std::pair<std::string, int64_t>> out;
  for (uint32_t i = 0; i < m->entry_limit(); ++i) {
    Value k, v;
    if (m->EntryAt(i, &k, &v)) out.emplace_back(ModelKey(k), v.as_int());
  }
  return out;
}

void RunAgainstModel(const std::vector<Op>& ops, uint32_t stress) {
  GcConfig config;
  config.stress_every = stress;
  config.verify = stress != 0;
  Heap heap(config);
  TestRoots roots(heap, 2);
  MapObj* m = heap.NewMap(0);
  roots[0] = V(m);
  std::vector<std::pair<std::string, int64_t>> model;
  for (const Op& op : ops) {
    Value key = MakeKey(heap, op.key);
    roots[1] = key;
    std::string mk = ModelKey(key);
    auto it = std::find_if(model.begin(), model.end(),
                           [&](const auto& e) { return e.first == mk; });
    switch (op.what) {
      case 0:
        heap.MapPut(m, key, Value::Int(op.val));
        if (it != model.end()) {
          it->second = op.val;
        } else {
          model.emplace_back(mk, op.val);
        }
        break;
      case 1:
        RC_ASSERT(m->Del(key) == (it != model.end()));
        if (it != model.end()) model.erase(it);
        break;
      default: {
        Value out;
        bool found = m->Get(key, &out);
        RC_ASSERT(found == (it != model.end()));
        RC_ASSERT(m->Has(key) == found);
        if (found) RC_ASSERT(out.as_int() == it->second);
        break;
      }
    }
    RC_ASSERT(m->size() == model.size());
  }
  RC_ASSERT(Contents(m) == model);
  heap.Verify("end of test");
}

rc::Gen<Op> GenOp() {
  return rc::gen::build<Op>(
      rc::gen::set(&Op::what,
                   rc::gen::weightedElement<int>({{5, 0}, {3, 1}, {2, 2}})),
      rc::gen::set(&Op::key,
                   rc::gen::build<KeySpec>(
                       rc::gen::set(&KeySpec::kind, rc::gen::inRange(0, 4)),
                       rc::gen::set(&KeySpec::n, rc::gen::inRange(0, 40)))),
      rc::gen::set(&Op::val, rc::gen::arbitrary<int64_t>()));
}

RC_GTEST_PROP(MapModel, MatchesOrderedModel, ()) {
  auto ops = *rc::gen::container<std::vector<Op>>(GenOp());
  RunAgainstModel(ops, 0);
}

RC_GTEST_PROP(MapModel, MatchesUnderGcStress, ()) {
  auto ops = *rc::gen::resize(60, rc::gen::container<std::vector<Op>>(GenOp()));
  RunAgainstModel(ops, 1);
}

TEST(Map, ManyDeletesAndReinserts) {
  Heap heap;
  TestRoots roots(heap, 1);
  MapObj* m = heap.NewMap(4);
  roots[0] = V(m);
  for (int round = 0; round < 50; ++round) {
    for (int i = 0; i < 1000; ++i)
      heap.MapPut(m, Value::Int(i), Value::Int(round));
    for (int i = 0; i < 1000; i += 2) ASSERT_TRUE(m->Del(Value::Int(i)));
    ASSERT_EQ(m->size(), 500u);
    for (int i = 0; i < 1000; i += 2) ASSERT_FALSE(m->Has(Value::Int(i)));
    for (int i = 999; i >= 0; i -= 2) ASSERT_TRUE(m->Del(Value::Int(i)));
    ASSERT_EQ(m->size(), 0u);
  }
  // Re-insert appends at the end; update keeps the position.
  heap.MapPut(m, Value::Int(1), Value::Int(1));
  heap.MapPut(m, Value::Int(2), Value::Int(2));
  heap.MapPut(m, Value::Int(3), Value::Int(3));
  ASSERT_TRUE(m->Del(Value::Int(1)));
  heap.MapPut(m, Value::Int(2), Value::Int(20));
  heap.MapPut(m, Value::Int(1), Value::Int(10));
  std::vector<std::pair<std::string, int64_t>> want = {
      {"i2", 20}, {"i3", 3}, {"i1", 10}};
  EXPECT_EQ(Contents(m), want);
  // Holes do not pile up: fifty rounds need no more room than one (the
  // store is sized by the most live entries, 1000, never by the holes).
  EXPECT_LE(m->capacity, 2048u);
  heap.Verify("end of test");
}

TEST(Map, ShortAndLongStringsAreOneKeyByContent) {
  Heap heap;
  TestRoots roots(heap, 2);
  MapObj* m = heap.NewMap(0);
  roots[0] = V(m);
  std::string bytes(20, 'q');
  StrObj* a = heap.NewStr(bytes);
  roots[1] = V(a);
  StrObj* b = heap.NewStr(bytes);
  heap.MapPut(m, V(a), Value::Int(1));
  heap.MapPut(m, V(b), Value::Int(2));  // same key: update, keeps `a`
  EXPECT_EQ(m->size(), 1u);
  Value k, v;
  ASSERT_TRUE(m->EntryAt(0, &k, &v));
  EXPECT_EQ(k.as_str(), a);
  EXPECT_EQ(v.as_int(), 2);
  EXPECT_EQ(HashKey(Value::ShortStr("abc")), HashKey(Value::ShortStr("abc")));
  EXPECT_TRUE(KeyEquals(V(a), V(b)));
  EXPECT_FALSE(KeyEquals(Value::Int(1), Value::Bool(true)));
  EXPECT_FALSE(m->Has(Value::Int(0)));
}

// No seed: the same bytes hash the same in every run and every heap (the
// golden value pins the function itself).
TEST(Map, HashesAreFixed) {
  EXPECT_EQ(HashBytes(""), HashBytes(std::string_view()));
  EXPECT_EQ(HashBytes("tern"), 0x55b6e8e577b48129ULL);
  uint64_t first = HashBytes("deterministic");
  Heap h1, h2;
  EXPECT_EQ(HashKey(h1.MakeString("a long string key, 1")),
            HashKey(h2.MakeString("a long string key, 1")));
  EXPECT_EQ(HashBytes("deterministic"), first);
}

TEST(Map, IterationOrderIsDeterministic) {
  auto build = [](Heap& heap, TestRoots& roots) {
    MapObj* m = heap.NewMap(0);
    roots[0] = V(m);
    for (int i = 0; i < 300; ++i) {
      Value key =
          heap.MakeString("key number " + std::to_string(i * 7919 % 300));
      heap.MapPut(m, key, Value::Int(i));
      if (i % 3 == 0)
        m->Del(heap.MakeString("key number " + std::to_string(i)));
    }
    return Contents(m);
  };
  Heap h1;
  TestRoots r1(h1, 1);
  auto first = build(h1, r1);
  GcConfig stress;
  stress.stress_every = 3;
  Heap h2(stress);
  TestRoots r2(h2, 1);
  EXPECT_EQ(build(h2, r2), first);
}

}  // namespace
}  // namespace tern::heap
