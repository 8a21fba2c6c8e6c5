#ifndef TERN_RUNTIME_HEAP_VALUE_H_
#define TERN_RUNTIME_HEAP_VALUE_H_

// The VM's value: 16 bytes, trivially copyable, so that a register file is a
// plain array of Values the collector (and later JIT code) can scan.
//
// Byte layout (little-endian x86-64; docs/heap.md has the full table):
//   bytes 0..7   payload: int64 / IEEE double / Object* / defn index (u32,
//                upper 4 bytes zero) / null and bool: 0 or 1
//   bytes 8..14  zero, except for a short string (below)
//   byte  15     low nibble: Tag; high nibble: short-string length (0..15),
//                zero for every other tag
// A short string keeps its bytes in bytes 0..14 (zero padded), so two short
// strings are equal iff their 16 bytes are, and no Value ever has undefined
// padding.

#include <cstdint>
#include <cstring>
#include <string_view>
#include <type_traits>

#include "runtime/heap/object.h"

namespace tern::heap {

struct StrObj;
struct VecObj;
struct MapObj;
struct ClosureObj;

enum class Tag : uint8_t {
  kNull,
  kBool,
  kInt,
  kFloat,
  kDefn,
  kShortStr,
  // Object references: the tag is kFirstObjectTag + the object's ObjType.
  kStr,
  kVec,
  kMap,
  kClosure,
};

inline constexpr uint8_t kFirstObjectTag = static_cast<uint8_t>(Tag::kStr);

class Value {
 public:
  static constexpr size_t kMaxShortString = 15;

  constexpr Value() = default;  // Null

  static Value Null() { return Value(); }
  static Value Bool(bool b) { return Make(Tag::kBool, b ? 1 : 0); }
  static Value Int(int64_t i) {
    return Make(Tag::kInt, static_cast<uint64_t>(i));
  }
  static Value Float(double d) {
    uint64_t bits;
    std::memcpy(&bits, &d, sizeof bits);
    return Make(Tag::kFloat, bits);
  }
  static Value Defn(uint32_t index) { return Make(Tag::kDefn, index); }
  // The tag follows the object's type.
  static Value Obj(const Object* o) {
    return Make(
        static_cast<Tag>(kFirstObjectTag + static_cast<uint8_t>(o->type)),
        reinterpret_cast<uint64_t>(o));
  }
  // Precondition: s.size() <= kMaxShortString.
  static Value ShortStr(std::string_view s) {
    Value v;
    // An empty view's data may be null, which memcpy must not see.
    if (!s.empty()) std::memcpy(v.bytes(), s.data(), s.size());
    v.hi_ |= (static_cast<uint64_t>(static_cast<uint8_t>(Tag::kShortStr)) |
              (static_cast<uint64_t>(s.size()) << 4))
             << 56;
    return v;
  }

  Tag tag() const { return static_cast<Tag>((hi_ >> 56) & 0xF); }
  bool is_null() const { return tag() == Tag::kNull; }
  bool is_object() const {
    return static_cast<uint8_t>(tag()) >= kFirstObjectTag;
  }
  bool is_string() const {
    return tag() == Tag::kShortStr || tag() == Tag::kStr;
  }

  bool as_bool() const { return lo_ != 0; }
  int64_t as_int() const { return static_cast<int64_t>(lo_); }
  double as_float() const {
    double d;
    std::memcpy(&d, &lo_, sizeof d);
    return d;
  }
  uint32_t as_defn() const { return static_cast<uint32_t>(lo_); }
  Object* as_object() const { return reinterpret_cast<Object*>(lo_); }
  StrObj* as_str() const { return reinterpret_cast<StrObj*>(lo_); }
  VecObj* as_vec() const { return reinterpret_cast<VecObj*>(lo_); }
  MapObj* as_map() const { return reinterpret_cast<MapObj*>(lo_); }
  ClosureObj* as_closure() const { return reinterpret_cast<ClosureObj*>(lo_); }

  size_t short_size() const { return static_cast<size_t>(hi_ >> 60); }
  // A view INTO this Value: valid only while this Value lives unchanged.
  std::string_view short_str() const {
    return std::string_view(reinterpret_cast<const char*>(this), short_size());
  }

  // Same 16 bytes: same immediate, same short string, same object.
  friend bool operator==(const Value& a, const Value& b) {
    return a.lo_ == b.lo_ && a.hi_ == b.hi_;
  }

  // Raw words, for the JIT and for hashing.
  uint64_t lo_word() const { return lo_; }
  uint64_t hi_word() const { return hi_; }

 private:
  static Value Make(Tag t, uint64_t payload) {
    Value v;
    v.lo_ = payload;
    v.hi_ = static_cast<uint64_t>(static_cast<uint8_t>(t)) << 56;
    return v;
  }
  unsigned char* bytes() { return reinterpret_cast<unsigned char*>(this); }

  uint64_t lo_ = 0;  // bytes 0..7
  uint64_t hi_ = 0;  // bytes 8..15 (tag and length in byte 15)
};

static_assert(sizeof(Value) == 16);
static_assert(alignof(Value) == 8);
static_assert(std::is_trivially_copyable_v<Value>);

}  // namespace tern::heap

#endif  // TERN_RUNTIME_HEAP_VALUE_H_
