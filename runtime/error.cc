#include "runtime/error.h"

#include <array>

namespace tern {
namespace {

constexpr std::array<std::string_view, 17> kNames = {
#define TERN_X(id, name) name,
    TERN_ERROR_KINDS(TERN_X)
#undef TERN_X
};

}  // namespace

std::string_view ErrorKindName(ErrorKind kind) {
  return kNames[static_cast<size_t>(kind)];
}

std::optional<ErrorKind> ErrorKindFromName(std::string_view name) {
  for (size_t i = 0; i < kNames.size(); ++i) {
    if (kNames[i] == name) return static_cast<ErrorKind>(i);
  }
  return std::nullopt;
}

}  // namespace tern
