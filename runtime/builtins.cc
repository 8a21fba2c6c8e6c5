#include "runtime/builtins.h"

#include <array>

namespace tern {
namespace {

constexpr BuiltinInfo kInfos[] = {
#define TERN_X(id, name, min, max, alloc) {name, min, max, alloc},
    TERN_BUILTINS(TERN_X)
#undef TERN_X
};

constexpr std::array<std::string_view, 14> kSpecialForms = {
    "let", "mut", "set!", "if", "and", "or", "not",
    "do", "while", "for", "fn", "defn", "with-arena", "no-gc",
};

}  // namespace

const BuiltinInfo& GetBuiltinInfo(Builtin b) {
  return kInfos[static_cast<size_t>(b)];
}

int BuiltinCount() { return static_cast<int>(std::size(kInfos)); }

std::optional<Builtin> BuiltinFromName(std::string_view name) {
  for (size_t i = 0; i < std::size(kInfos); ++i) {
    if (kInfos[i].name == name) return static_cast<Builtin>(i);
  }
  return std::nullopt;
}

bool IsSpecialFormName(std::string_view name) {
  for (std::string_view s : kSpecialForms) {
    if (s == name) return true;
  }
  return false;
}

bool IsReservedName(std::string_view name) {
  return IsSpecialFormName(name) || BuiltinFromName(name).has_value();
}

}  // namespace tern
