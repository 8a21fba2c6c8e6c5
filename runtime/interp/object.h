#ifndef TERN_RUNTIME_INTERP_OBJECT_H_
#define TERN_RUNTIME_INTERP_OBJECT_H_

// Heap and arena objects. Each object belongs to one region for its whole
// life. When an arena ends, its objects' payloads are released but their
// headers stay (tombstones) until the run ends, so a stale reference can
// still be detected safely instead of being undefined behaviour.

#include <string>
#include <utility>
#include <vector>

#include "runtime/interp/ordered_map.h"
#include "runtime/interp/value.h"

namespace tern {

struct Function;

namespace interp {

struct Region;

struct Object {
  explicit Object(Region* r) : region(r) {}
  virtual ~Object() = default;
  Object(const Object&) = delete;
  Object& operator=(const Object&) = delete;

  // Frees everything the object owns beyond its header. Called when the
  // object's arena ends; the object must not be used afterwards.
  virtual void ReleasePayload() = 0;

  Region* const region;
  // Set while display is inside this container (cycle detection).
  bool on_display_path = false;
};

// An immutable byte string.
struct StrObj final : Object {
  StrObj(Region* r, std::string b) : Object(r), bytes(std::move(b)) {}
  void ReleasePayload() override { std::string().swap(bytes); }
  std::string bytes;
};

struct VecObj final : Object {
  VecObj(Region* r, std::vector<Value> v) : Object(r), items(std::move(v)) {}
  void ReleasePayload() override { std::vector<Value>().swap(items); }
  std::vector<Value> items;
};

struct MapObj final : Object {
  explicit MapObj(Region* r) : Object(r) {}
  void ReleasePayload() override { entries.Release(); }
  OrderedMap entries;
};

// A lambda's closure: the code and its own copies of the captured
// variables (ast.h Function::captures order).
struct ClosureObj final : Object {
  ClosureObj(Region* r, const Function* f, std::vector<Value> c)
      : Object(r), fn(f), captures(std::move(c)) {}
  void ReleasePayload() override { std::vector<Value>().swap(captures); }
  const Function* const fn;
  std::vector<Value> captures;
};

inline StrObj* Value::str() const { return static_cast<StrObj*>(obj); }
inline VecObj* Value::vec() const { return static_cast<VecObj*>(obj); }
inline MapObj* Value::map() const { return static_cast<MapObj*>(obj); }
inline ClosureObj* Value::closure() const {
  return static_cast<ClosureObj*>(obj);
}

}  // namespace interp
}  // namespace tern

#endif  // TERN_RUNTIME_INTERP_OBJECT_H_
