#include "runtime/interp/value_display.h"

#include <gtest/gtest.h>

#include <string>
#include <utility>
#include <vector>

#include "runtime/ast.h"
#include "runtime/interp/object.h"
#include "runtime/interp/region.h"

namespace tern::interp {
namespace {

constexpr size_t kBig = size_t{1} << 24;

class ValueDisplayTest : public ::testing::Test {
 protected:
  Value Str(std::string s) {
    return Value::Ref(Tag::kStr, regions_.New<StrObj>(std::move(s)));
  }
  Value Vec(std::vector<Value> items) {
    return Value::Ref(Tag::kVec, regions_.New<VecObj>(std::move(items)));
  }
  Value Map(std::vector<std::pair<Value, Value>> entries) {
    MapObj* m = regions_.New<MapObj>();
    for (auto [k, v] : entries) m->entries.Put(k, v);
    return Value::Ref(Tag::kMap, m);
  }
  static std::string Show(Value v, StringStyle top = StringStyle::kQuoted) {
    std::string out;
    DisplayResult r = AppendDisplay(&out, v, top, kBig);
    EXPECT_EQ(r.status, DisplayStatus::kOk);
    return out;
  }
  Regions regions_;
};

TEST_F(ValueDisplayTest, Scalars) {
  EXPECT_EQ(Show(Value::Null()), "null");
  EXPECT_EQ(Show(Value::Bool(true)), "true");
  EXPECT_EQ(Show(Value::Bool(false)), "false");
  EXPECT_EQ(Show(Value::Int(-9223372036854775807 - 1)), "-9223372036854775808");
  EXPECT_EQ(Show(Value::Float(3.0)), "3.0");
  EXPECT_EQ(Show(Value::Float(-0.0)), "-0.0");
  EXPECT_EQ(Show(Value::Float(1e16)), "1e+16");
}

TEST_F(ValueDisplayTest, StringsRawAtTopOnlyWhenAsked) {
  Value s = Str("a\n\"b\x01");
  EXPECT_EQ(Show(s, StringStyle::kRaw), "a\n\"b\x01");
  EXPECT_EQ(Show(s, StringStyle::kQuoted), "\"a\\n\\\"b\\x01\"");
  EXPECT_EQ(Show(Vec({s}), StringStyle::kRaw), "[\"a\\n\\\"b\\x01\"]");
}

TEST_F(ValueDisplayTest, Functions) {
  Program program;  // owns the name
  Function f;
  f.kind = Function::Kind::kDefn;
  f.name = program.NewStr("fact");
  EXPECT_EQ(Show(Value::Defn(&f)), "<fn fact>");
  Function lambda;
  lambda.kind = Function::Kind::kLambda;
  Value c = Value::Ref(Tag::kClosure,
                       regions_.New<ClosureObj>(&lambda, std::vector<Value>{}));
  EXPECT_EQ(Show(Vec({c, Value::Defn(&f)})), "[<fn> <fn fact>]");
}

TEST_F(ValueDisplayTest, Containers) {
  EXPECT_EQ(Show(Vec({})), "[]");
  EXPECT_EQ(Show(Map({})), "{}");
  Value v = Vec({Value::Int(1), Value::Int(2), Str("a")});
  EXPECT_EQ(Show(v), "[1 2 \"a\"]");
  Value m = Map({{Value::Int(1), Value::Int(2)},
                 {Str("k"), Vec({Value::Int(3)})},
                 {Value::Bool(false), Map({})}});
  EXPECT_EQ(Show(m), "{1 2, \"k\" [3], false {}}");
}

TEST_F(ValueDisplayTest, ErasedMapSlotsAreSkipped) {
  Value m = Map({{Value::Int(1), Value::Int(1)},
                 {Value::Int(2), Value::Int(2)},
                 {Value::Int(3), Value::Int(3)}});
  m.map()->entries.Erase(Value::Int(1));
  m.map()->entries.Erase(Value::Int(3));
  EXPECT_EQ(Show(m), "{2 2}");
}

TEST_F(ValueDisplayTest, CyclesShowEllipsisSharedStructureShowsTwice) {
  Value v = Vec({Value::Int(1)});
  v.vec()->items.push_back(v);
  EXPECT_EQ(Show(v), "[1 [...]]");
  Value m = Map({});
  m.map()->entries.Put(Value::Int(0), m);
  m.map()->entries.Put(Value::Int(1), v);
  EXPECT_EQ(Show(m), "{0 {...}, 1 [1 [...]]}");
  Value shared = Vec({Value::Int(7)});
  EXPECT_EQ(Show(Vec({shared, shared})), "[[7] [7]]");
  // The marks are cleared afterwards: a second display is the same.
  EXPECT_EQ(Show(m), "{0 {...}, 1 [1 [...]]}");
}

TEST_F(ValueDisplayTest, DeepNestingDoesNotUseTheHostStack) {
  Value v = Vec({});
  for (int i = 0; i < 1'000'000; ++i) v = Vec({v});
  std::string out;
  ASSERT_EQ(AppendDisplay(&out, v, StringStyle::kQuoted, kBig).status,
            DisplayStatus::kOk);
  EXPECT_EQ(out.size(), 2'000'002u);
  EXPECT_EQ(out.substr(0, 3), "[[[");
}

TEST_F(ValueDisplayTest, StopsAtTheLimitAndClearsMarks) {
  Value s = Str(std::string(1000, 'x'));
  Value v = Vec({s, s, s});
  std::string out;
  // [ + three quoted strings of 1002 bytes + two spaces + ] = 3010 bytes.
  EXPECT_EQ(AppendDisplay(&out, v, StringStyle::kQuoted, 3009).status,
            DisplayStatus::kTooLong);
  out.clear();
  EXPECT_EQ(AppendDisplay(&out, v, StringStyle::kQuoted, 3010).status,
            DisplayStatus::kOk);
  EXPECT_EQ(out.size(), 3010u);
  // Exponential sharing is cut off early, not built in full.
  Value w = Vec({s});
  for (int i = 0; i < 60; ++i) w = Vec({w, w});
  out.clear();
  EXPECT_EQ(AppendDisplay(&out, w, StringStyle::kQuoted, kBig).status,
            DisplayStatus::kTooLong);
  EXPECT_FALSE(w.obj->on_display_path);
}

TEST_F(ValueDisplayTest, ReportsDeadObjects) {
  Expr block;
  block.kind = ExprKind::kWithArena;
  regions_.Enter(&block);
  Value inner = Vec({Value::Int(1)});
  regions_.Exit();
  Value outer = Vec({Value::Int(0), inner});
  std::string out;
  DisplayResult r = AppendDisplay(&out, outer, StringStyle::kQuoted, kBig);
  EXPECT_EQ(r.status, DisplayStatus::kDeadObject);
  EXPECT_EQ(r.dead, inner.obj);
  EXPECT_FALSE(outer.obj->on_display_path);
}

}  // namespace
}  // namespace tern::interp
