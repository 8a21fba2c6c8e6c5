#include "runtime/interp/ordered_map.h"

#include <gtest/gtest.h>
#include <rapidcheck/gtest.h>

#include <algorithm>
#include <string>
#include <utility>
#include <vector>

#include "runtime/interp/object.h"
#include "runtime/interp/region.h"

namespace tern::interp {
namespace {

class OrderedMapTest : public ::testing::Test {
 protected:
  Value Str(std::string s) {
    return Value::Ref(regions_.New<StrObj>(std::move(s)));
  }
  // Live keys in order, as ints (strings by their length + 1000).
  static std::vector<int64_t> Keys(const OrderedMap& m) {
    std::vector<int64_t> keys;
    for (const auto& s : m.slots()) {
      if (!s.live) continue;
      keys.push_back(s.key.tag == Tag::kInt
                         ? s.key.i
                         : 1000 +
                               static_cast<int64_t>(s.key.str()->bytes.size()));
    }
    return keys;
  }
  Regions regions_;
};

TEST_F(OrderedMapTest, KeepsInsertionOrderAcrossUpdateEraseReinsert) {
  OrderedMap m;
  for (int64_t k : {5, 1, 3}) m.Put(Value::Int(k), Value::Int(k * 10));
  EXPECT_EQ(Keys(m), (std::vector<int64_t>{5, 1, 3}));
  m.Put(Value::Int(1), Value::Int(7));  // update keeps the position
  EXPECT_EQ(Keys(m), (std::vector<int64_t>{5, 1, 3}));
  Value v;
  ASSERT_TRUE(m.Get(Value::Int(1), &v));
  EXPECT_EQ(v.i, 7);
  EXPECT_TRUE(m.Erase(Value::Int(5)));
  EXPECT_FALSE(m.Erase(Value::Int(5)));
  m.Put(Value::Int(5), Value::Int(0));  // re-insert goes to the end
  EXPECT_EQ(Keys(m), (std::vector<int64_t>{1, 3, 5}));
  EXPECT_EQ(m.size(), 3u);
}

TEST_F(OrderedMapTest, KeyTypesAreDistinctAndStringsCompareByContent) {
  OrderedMap m;
  m.Put(Value::Int(1), Value::Int(100));
  m.Put(Value::Bool(true), Value::Int(200));
  Value first = Str("k");
  m.Put(first, Value::Int(300));
  Value v;
  ASSERT_TRUE(m.Get(Value::Int(1), &v));
  EXPECT_EQ(v.i, 100);
  ASSERT_TRUE(m.Get(Value::Bool(true), &v));
  EXPECT_EQ(v.i, 200);
  EXPECT_FALSE(m.Contains(Value::Int(0)));
  EXPECT_FALSE(m.Contains(Value::Bool(false)));
  Value other = Str("k");  // same content, another object
  ASSERT_TRUE(m.Get(other, &v));
  EXPECT_EQ(v.i, 300);
  m.Put(other, Value::Int(301));
  EXPECT_EQ(m.slots().back().key.obj, first.obj) << "update keeps the key";
  EXPECT_EQ(m.size(), 3u);
}

TEST_F(OrderedMapTest, CompactionKeepsOrderAndLookups) {
  OrderedMap m;
  for (int64_t k = 0; k < 100; ++k) m.Put(Value::Int(k), Value::Int(-k));
  for (int64_t k = 0; k < 90; ++k) ASSERT_TRUE(m.Erase(Value::Int(k)));
  EXPECT_LT(m.slots().size(), 100u) << "erased slots were dropped";
  std::vector<int64_t> expected;
  for (int64_t k = 90; k < 100; ++k) expected.push_back(k);
  EXPECT_EQ(Keys(m), expected);
  for (int64_t k = 90; k < 100; ++k) {
    Value v;
    ASSERT_TRUE(m.Get(Value::Int(k), &v));
    EXPECT_EQ(v.i, -k);
  }
}

TEST_F(OrderedMapTest, ReleaseEmptiesTheMap) {
  OrderedMap m;
  m.Put(Str("a"), Value::Int(1));
  m.Release();
  EXPECT_EQ(m.size(), 0u);
  EXPECT_TRUE(m.slots().empty());
  EXPECT_FALSE(m.Contains(Value::Int(1)));
}

// Model check: a vector of (key, value) pairs with linear search.
RC_GTEST_PROP(OrderedMapModel, BehavesLikeAnAssociationList, ()) {
  Regions regions;
  OrderedMap m;
  std::vector<std::pair<int64_t, int64_t>> model;
  auto ops = *rc::gen::container<std::vector<std::pair<int, int>>>(
      rc::gen::pair(rc::gen::inRange(0, 3), rc::gen::inRange(0, 24)));
  int64_t next_value = 0;
  for (auto [op, key_code] : ops) {
    int64_t k = key_code;
    // k < 16 is the int k; k >= 16 a fresh string object of k - 16 bytes.
    Value key = k < 16
                    ? Value::Int(k)
                    : Value::Ref(regions.New<StrObj>(std::string(k - 16, 's')));
    auto it = std::find_if(model.begin(), model.end(),
                           [&](const auto& e) { return e.first == k; });
    if (op == 0) {
      m.Put(key, Value::Int(next_value));
      if (it != model.end()) {
        it->second = next_value;
      } else {
        model.emplace_back(k, next_value);
      }
      ++next_value;
    } else if (op == 1) {
      RC_ASSERT(m.Erase(key) == (it != model.end()));
      if (it != model.end()) model.erase(it);
    } else {
      Value v;
      bool found = m.Get(key, &v);
      RC_ASSERT(found == (it != model.end()));
      if (found) RC_ASSERT(v.i == it->second);
    }
  }
  RC_ASSERT(m.size() == model.size());
  size_t i = 0;
  for (const auto& s : m.slots()) {
    if (!s.live) continue;
    RC_ASSERT(i < model.size());
    int64_t k = s.key.tag == Tag::kInt
                    ? s.key.i
                    : 16 + static_cast<int64_t>(s.key.str()->bytes.size());
    RC_ASSERT(k == model[i].first);
    RC_ASSERT(s.value.i == model[i].second);
    ++i;
  }
}

}  // namespace
}  // namespace tern::interp
