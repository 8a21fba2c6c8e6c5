#include "runtime/interp/object.h"

namespace tern::interp {

void ReleasePayload(Object* o) noexcept {
  // Swap the payload out first: the object is already empty while the old
  // contents are destroyed (and release what they refer to).
  switch (o->tag) {
    case Tag::kStr: std::string().swap(static_cast<StrObj*>(o)->bytes); break;
    case Tag::kVec:
      std::vector<Value>().swap(static_cast<VecObj*>(o)->items);
      break;
    case Tag::kMap: static_cast<MapObj*>(o)->entries.Release(); break;
    case Tag::kClosure:
      std::vector<Value>().swap(static_cast<ClosureObj*>(o)->captures);
      break;
    default: break;  // not an object tag: nothing is ever made with one
  }
}

void DeleteObject(Object* o) noexcept {
  switch (o->tag) {
    case Tag::kStr: delete static_cast<StrObj*>(o); break;
    case Tag::kVec: delete static_cast<VecObj*>(o); break;
    case Tag::kMap: delete static_cast<MapObj*>(o); break;
    case Tag::kClosure: delete static_cast<ClosureObj*>(o); break;
    default: break;  // not an object tag: nothing is ever made with one
  }
}

}  // namespace tern::interp
