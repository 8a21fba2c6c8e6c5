#include "runtime/heap/census.h"

namespace tern::heap {

std::string FormatCensus(const HeapCensus& c) {
  static constexpr const char* kNames[4] = {"str", "vec", "map", "closure"};
  std::string out = "census:";
  auto part = [&out](const std::array<CensusCount, 4>& counts) {
    for (int t = 0; t < 4; ++t) {
      out += ' ';
      out += kNames[t];
      out += ' ';
      out += std::to_string(counts[static_cast<size_t>(t)].objects);
      out += '/';
      out += std::to_string(counts[static_cast<size_t>(t)].bytes);
    }
  };
  part(c.heap);
  out += " | arena";
  part(c.arena);
  return out;
}

}  // namespace tern::heap
