#include "runtime/value_type.h"

namespace tern {

std::string_view TypeName(ValueType t) {
  switch (t) {
    case ValueType::kInt: return "int";
    case ValueType::kFloat: return "float";
    case ValueType::kBool: return "bool";
    case ValueType::kNull: return "null";
    case ValueType::kString: return "string";
    case ValueType::kVec: return "vec";
    case ValueType::kMap: return "map";
    case ValueType::kFn: return "fn";
  }
  return "null";  // unreachable: the switch covers every type
}

}  // namespace tern
