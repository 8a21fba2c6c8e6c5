#ifndef TERN_TESTS_HEAP_TEST_ROOTS_H_
#define TERN_TESTS_HEAP_TEST_ROOTS_H_

// A register file for heap tests: a flat array of Values registered as a
// RootSource for as long as it lives.

#include <string_view>
#include <vector>

#include "runtime/heap/heap.h"

namespace tern::heap {

class TestRoots final : public RootSource {
 public:
  explicit TestRoots(Heap& heap, size_t n = 8) : heap_(heap), slots(n) {
    heap_.AddRootSource(this);
  }
  ~TestRoots() override { heap_.RemoveRootSource(this); }

  void TraceRoots(RootVisitor& v) override {
    for (Value& s : slots) v.Visit(&s);
  }
  std::string_view root_name() const override { return "test registers"; }

  Value& operator[](size_t i) { return slots[i]; }

 private:
  Heap& heap_;

 public:
  std::vector<Value> slots;
};

// A heap configuration with the verifier on.
inline GcConfig Verifying() {
  GcConfig c;
  c.verify = true;
  return c;
}

inline Value V(Object* o) { return Value::Obj(o); }
inline Value V(VecObj* o) { return Value::Obj(&o->header); }
inline Value V(MapObj* o) { return Value::Obj(&o->header); }
inline Value V(StrObj* o) { return Value::Obj(&o->header); }
inline Value V(ClosureObj* o) { return Value::Obj(&o->header); }

}  // namespace tern::heap

#endif  // TERN_TESTS_HEAP_TEST_ROOTS_H_
