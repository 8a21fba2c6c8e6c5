#include "fuzz/feature.h"

namespace tern::fuzz {

std::string_view FeatureName(Feature f) {
  static constexpr std::string_view kNames[] = {
#define TERN_X(id, name) name,
      TERN_GEN_FEATURES(TERN_X)
#undef TERN_X
  };
  return kNames[static_cast<size_t>(f)];
}

}  // namespace tern::fuzz
