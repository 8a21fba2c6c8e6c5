#ifndef TERN_RUNTIME_VALUE_TYPE_H_
#define TERN_RUNTIME_VALUE_TYPE_H_

#include <string_view>

namespace tern {

// The language's types as `type-of` names them. Each tier maps its own value
// representation onto these, so type names in messages agree byte for byte.
enum class ValueType : unsigned char {
  kInt, kFloat, kBool, kNull, kString, kVec, kMap, kFn,
};

// "int", "float", "bool", "null", "string", "vec", "map", "fn".
std::string_view TypeName(ValueType t);

}  // namespace tern

#endif  // TERN_RUNTIME_VALUE_TYPE_H_
