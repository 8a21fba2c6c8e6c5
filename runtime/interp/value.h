#ifndef TERN_RUNTIME_INTERP_VALUE_H_
#define TERN_RUNTIME_INTERP_VALUE_H_

// A Tern value in the interpreter: an immediate, a defn, or a reference to a
// heap or arena object (runtime/interp/object.h). Trivially copyable.

#include <cstdint>
#include <string_view>

#include "runtime/value_type.h"

namespace tern {

struct Function;

namespace interp {

struct Object;
struct StrObj;
struct VecObj;
struct MapObj;
struct ClosureObj;

enum class Tag : unsigned char {
  kNull,
  kBool,
  kInt,
  kFloat,
  kDefn,     // a defn'd function: a constant, in no region
  kStr,      // StrObj
  kVec,      // VecObj
  kMap,      // MapObj
  kClosure,  // ClosureObj
};

struct Value {
  Tag tag = Tag::kNull;
  union {
    bool b;
    int64_t i;
    double f;
    const Function* defn;
    Object* obj;
  };

  Value() : i(0) {}

  static Value Null() { return Value(); }
  static Value Bool(bool v) {
    Value r;
    r.tag = Tag::kBool;
    r.b = v;
    return r;
  }
  static Value Int(int64_t v) {
    Value r;
    r.tag = Tag::kInt;
    r.i = v;
    return r;
  }
  static Value Float(double v) {
    Value r;
    r.tag = Tag::kFloat;
    r.f = v;
    return r;
  }
  static Value Defn(const Function* fn) {
    Value r;
    r.tag = Tag::kDefn;
    r.defn = fn;
    return r;
  }
  static Value Ref(Tag tag, Object* o) {
    Value r;
    r.tag = tag;
    r.obj = o;
    return r;
  }

  bool IsObject() const { return tag >= Tag::kStr; }
  bool IsNumber() const { return tag == Tag::kInt || tag == Tag::kFloat; }
  bool IsTruthy() const {
    return !(tag == Tag::kNull || (tag == Tag::kBool && !b));
  }
  // An int, or a float widened to double.
  double AsDouble() const {
    return tag == Tag::kInt ? static_cast<double>(i) : f;
  }

  StrObj* str() const;
  VecObj* vec() const;
  MapObj* map() const;
  ClosureObj* closure() const;
};

ValueType TypeOf(Tag tag);
// The name `type-of` gives (runtime/value_type.h).
inline std::string_view TypeName(Value v) {
  return tern::TypeName(TypeOf(v.tag));
}

}  // namespace interp
}  // namespace tern

#endif  // TERN_RUNTIME_INTERP_VALUE_H_
