#ifndef TERN_RUNTIME_INTERP_OBJECT_H_
#define TERN_RUNTIME_INTERP_OBJECT_H_

// Heap and arena objects: the Object header (runtime/interp/value.h) and a
// payload. Each object belongs to one region for its whole life. When an
// arena ends, its objects' payloads are released at once; an object still
// referenced (only by dead slots of frames, if the arena rules hold) keeps
// its header until its last reference goes, so that touching it is detected
// as a fault instead of being undefined behaviour.

#include <string>
#include <utility>
#include <vector>

#include "runtime/interp/ordered_map.h"
#include "runtime/interp/value.h"

namespace tern {

struct Function;

namespace interp {

// An immutable byte string.
struct StrObj final : Object {
  static constexpr Tag kTag = Tag::kStr;
  StrObj(Region* r, std::string b) : Object(kTag, r), bytes(std::move(b)) {}
  std::string bytes;
};

struct VecObj final : Object {
  static constexpr Tag kTag = Tag::kVec;
  VecObj(Region* r, std::vector<Value> v)
      : Object(kTag, r), items(std::move(v)) {}
  std::vector<Value> items;
};

struct MapObj final : Object {
  static constexpr Tag kTag = Tag::kMap;
  explicit MapObj(Region* r) : Object(kTag, r) {}
  OrderedMap entries;
};

// A lambda's closure: the code and its own copies of the captured
// variables (ast.h Function::captures order).
struct ClosureObj final : Object {
  static constexpr Tag kTag = Tag::kClosure;
  ClosureObj(Region* r, const Function* f, std::vector<Value> c)
      : Object(kTag, r), fn(f), captures(std::move(c)) {}
  const Function* const fn;
  std::vector<Value> captures;
};

// Drops everything `o` owns beyond its header: the references it holds
// (which may free other objects) and its storage. The object stays valid,
// empty, until its own count reaches zero.
void ReleasePayload(Object* o) noexcept;
// Destroys `o` (any kind) and frees its memory; its count is zero.
void DeleteObject(Object* o) noexcept;

inline StrObj* Value::str() const { return static_cast<StrObj*>(obj); }
inline VecObj* Value::vec() const { return static_cast<VecObj*>(obj); }
inline MapObj* Value::map() const { return static_cast<MapObj*>(obj); }
inline ClosureObj* Value::closure() const {
  return static_cast<ClosureObj*>(obj);
}

}  // namespace interp
}  // namespace tern

#endif  // TERN_RUNTIME_INTERP_OBJECT_H_
