#ifndef TERN_RUNTIME_INTERP_VALUE_H_
#define TERN_RUNTIME_INTERP_VALUE_H_

// A Tern value in the interpreter: an immediate, a defn, or a counted
// reference to a heap or arena object (runtime/interp/object.h).
//
// Memory is host-managed by reference counting, the way an interpreter
// written in Rust gets it from Rc: a Value that refers to an object owns one
// count of it; copying a Value adds a count, destroying or overwriting it
// drops one, and the object is freed when its count reaches zero. Only
// cycles outlive their last outside reference; the run frees them at its
// end (runtime/interp/region.h).

#include <cstdint>
#include <cstring>
#include <string_view>
#include <utility>

#include "runtime/value_type.h"

namespace tern {

struct Function;

namespace interp {

struct Region;
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

// The header every object starts with. Objects are made only by
// Regions::New (runtime/interp/region.h), which links them into their
// region's list of live objects: the arena's end and the run's end find
// them there.
struct Object {
  Object(Tag t, Region* r) : region(r), tag(t) {}
  Object(const Object&) = delete;
  Object& operator=(const Object&) = delete;

  Object* prev = nullptr;  // the region's list of live objects
  Object* next = nullptr;
  Region* const region;  // counted: the record outlives its objects
  uint64_t refs = 0;     // Values (and pins) referring to this object
  const Tag tag;
  // Set while display is inside this container (cycle detection).
  bool on_display_path = false;
};

// Frees `o`, whose count has just reached zero (runtime/interp/region.cc).
// Never recurses: objects it releases in turn are freed by a loop.
void FreeObject(Object* o) noexcept;

inline void Retain(Object* o) noexcept { ++o->refs; }
inline void Release(Object* o) noexcept {
  if (--o->refs == 0) FreeObject(o);
}

// trivial_abi: passed and returned in registers like the plain struct it
// is, although it counts references (as clang's libc++ does for
// unique_ptr); the callee destroys its by-value parameters.
#if defined(__has_cpp_attribute) && __has_cpp_attribute(clang::trivial_abi)
#define TERN_TRIVIAL_ABI [[clang::trivial_abi]]
#else
#define TERN_TRIVIAL_ABI
#endif

class TERN_TRIVIAL_ABI Value {
 public:
  Value() noexcept : tag(Tag::kNull), i(0) {}

  // Copies share the object; each copy holds its own count. The tag and
  // the payload are copied separately: a 16-byte copy of a value stored as
  // a byte and a word stalls store forwarding on x86.
  Value(const Value& o) noexcept : tag(o.tag) {
    CopyPayload(o);
    if (IsObject()) Retain(obj);
  }
  Value(Value&& o) noexcept : tag(o.tag) {
    CopyPayload(o);
    o.tag = Tag::kNull;
  }
  // Both store the new value before dropping the old one (which may free
  // objects); both are safe on self-assignment.
  Value& operator=(const Value& o) noexcept {
    if (o.IsObject()) Retain(o.obj);
    Replace(o);
    return *this;
  }
  Value& operator=(Value&& o) noexcept {
    Value taken(std::move(o));  // o's count, now held by `taken`
    Replace(taken);             // ... and now by this
    taken.tag = Tag::kNull;
    return *this;
  }
  ~Value() {
    if (IsObject()) Release(obj);
  }

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
  // A new reference to `o` (its tag says which kind of object it is).
  static Value Ref(Object* o) {
    Value r;
    r.tag = o->tag;
    r.obj = o;
    Retain(o);
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

  // Read-only outside the factories above: writing a field would bypass
  // the counts.
  Tag tag;
  union {
    bool b;
    int64_t i;
    double f;
    const Function* defn;
    Object* obj;
  };

 private:
  // The union as bytes, whichever member is active (one move).
  void CopyPayload(const Value& o) noexcept { std::memcpy(&i, &o.i, sizeof i); }
  // Becomes a copy of `o` without counting it (the caller has), and drops
  // the count of what it held.
  void Replace(const Value& o) noexcept {
    Object* old = IsObject() ? obj : nullptr;
    tag = o.tag;
    CopyPayload(o);
    if (old != nullptr) Release(old);
  }
};

ValueType TypeOf(Tag tag);
// The name `type-of` gives (runtime/value_type.h).
inline std::string_view TypeName(const Value& v) {
  return tern::TypeName(TypeOf(v.tag));
}

}  // namespace interp
}  // namespace tern

#endif  // TERN_RUNTIME_INTERP_VALUE_H_
