#include "runtime/interp/value.h"

namespace tern::interp {

ValueType TypeOf(Tag tag) {
  switch (tag) {
    case Tag::kNull: return ValueType::kNull;
    case Tag::kBool: return ValueType::kBool;
    case Tag::kInt: return ValueType::kInt;
    case Tag::kFloat: return ValueType::kFloat;
    case Tag::kStr: return ValueType::kString;
    case Tag::kVec: return ValueType::kVec;
    case Tag::kMap: return ValueType::kMap;
    case Tag::kDefn:
    case Tag::kClosure: return ValueType::kFn;
  }
  return ValueType::kNull;  // unreachable: the switch covers every tag
}

}  // namespace tern::interp
