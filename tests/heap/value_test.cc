#include "runtime/heap/value.h"

#include <cmath>
#include <cstring>
#include <limits>
#include <string>

#include "gtest/gtest.h"
#include "runtime/heap/heap.h"
#include "runtime/heap/string_object.h"

namespace tern::heap {
namespace {

// The byte layout docs/heap.md promises the JIT.
unsigned char Byte(const Value& v, int i) {
  unsigned char b[16];
  std::memcpy(b, &v, 16);
  return b[i];
}

TEST(Value, DefaultIsNullAllZero) {
  Value v;
  EXPECT_EQ(v.tag(), Tag::kNull);
  EXPECT_TRUE(v.is_null());
  for (int i = 0; i < 16; ++i) EXPECT_EQ(Byte(v, i), 0) << i;
  EXPECT_EQ(Value::Null(), v);
}

TEST(Value, ImmediatesRoundTrip) {
  for (int64_t i : {int64_t{0}, int64_t{1}, int64_t{-1},
                    std::numeric_limits<int64_t>::min(),
                    std::numeric_limits<int64_t>::max()}) {
    Value v = Value::Int(i);
    EXPECT_EQ(v.tag(), Tag::kInt);
    EXPECT_EQ(v.as_int(), i);
    EXPECT_FALSE(v.is_object());
    EXPECT_EQ(Byte(v, 15), static_cast<int>(Tag::kInt));
  }
  EXPECT_EQ(Value::Float(-0.0).tag(), Tag::kFloat);
  EXPECT_TRUE(std::signbit(Value::Float(-0.0).as_float()));
  EXPECT_TRUE(std::isnan(Value::Float(std::nan("")).as_float()));
  EXPECT_EQ(Value::Float(1.5).as_float(), 1.5);
  EXPECT_TRUE(Value::Bool(true).as_bool());
  EXPECT_FALSE(Value::Bool(false).as_bool());
  EXPECT_EQ(Value::Bool(true).tag(), Tag::kBool);
  EXPECT_EQ(Value::Defn(0xfffffffe).as_defn(), 0xfffffffeu);
  EXPECT_EQ(Value::Defn(7).tag(), Tag::kDefn);
  EXPECT_NE(Value::Int(1), Value::Bool(true));
}

TEST(Value, ShortStringLayout) {
  Value v = Value::ShortStr("abc");
  EXPECT_EQ(v.tag(), Tag::kShortStr);
  EXPECT_TRUE(v.is_string());
  EXPECT_FALSE(v.is_object());
  EXPECT_EQ(v.short_str(), "abc");
  EXPECT_EQ(Byte(v, 0), 'a');
  EXPECT_EQ(Byte(v, 2), 'c');
  for (int i = 3; i < 15; ++i) EXPECT_EQ(Byte(v, i), 0) << i;
  EXPECT_EQ(Byte(v, 15), static_cast<int>(Tag::kShortStr) | (3 << 4));
  EXPECT_EQ(Value::ShortStr("abc"), v);
  EXPECT_NE(Value::ShortStr("abd"), v);
  EXPECT_NE(Value::ShortStr(std::string_view("abc\0", 4)), v);
  EXPECT_EQ(Value::ShortStr("").short_str(), "");
  EXPECT_EQ(Value::ShortStr(std::string_view()), Value::ShortStr(""));
  EXPECT_EQ(Value::ShortStr("").tag(), Tag::kShortStr);
}

// Both sides of the inline cut-off.
TEST(Value, ShortStringCutOff) {
  static_assert(Value::kMaxShortString == 15);
  Heap heap;
  std::string at(Value::kMaxShortString, 'x');
  std::string above(Value::kMaxShortString + 1, 'y');
  Value s = heap.MakeString(at);
  EXPECT_EQ(s.tag(), Tag::kShortStr);
  EXPECT_EQ(s.short_str(), at);
  EXPECT_EQ(StringBytes(s), at);
  EXPECT_EQ(Byte(s, 14), 'x');
  EXPECT_EQ(Byte(s, 15), static_cast<int>(Tag::kShortStr) | (15 << 4));
  uint64_t before = heap.live_objects();
  Value l = heap.MakeString(above);
  EXPECT_EQ(l.tag(), Tag::kStr);
  EXPECT_TRUE(l.is_string());
  EXPECT_TRUE(l.is_object());
  EXPECT_EQ(StringBytes(l), above);
  EXPECT_EQ(l.as_str()->bytes(), above);
  EXPECT_EQ(heap.live_objects(), before + 1);
  EXPECT_EQ(Byte(l, 15), static_cast<int>(Tag::kStr));
  EXPECT_EQ(reinterpret_cast<uint64_t>(l.as_object()), l.lo_word());
}

TEST(Value, ObjTagFollowsType) {
  Heap heap;
  EXPECT_EQ(Value::Obj(&heap.NewVec(0)->header).tag(), Tag::kVec);
  EXPECT_EQ(Value::Obj(&heap.NewMap(0)->header).tag(), Tag::kMap);
  EXPECT_EQ(Value::Obj(&heap.NewClosure(3, 2)->header).tag(), Tag::kClosure);
  EXPECT_EQ(Value::Obj(&heap.NewStr(std::string(20, 'a'))->header).tag(),
            Tag::kStr);
}

}  // namespace
}  // namespace tern::heap
