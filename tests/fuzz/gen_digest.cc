// Prints one digest line per (option set, input) of the program generator,
// for checking that a change to the generator keeps its output
// byte-identical: run it before and after, and diff.
//   gen_digest [--seeded=N] [DIR...]
// Inputs: N SeededBytes inputs (seeds 0..N-1) and every file of each DIR.

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <string_view>
#include <vector>

#include "fuzz/program_generator.h"
#include "tests/fuzz/generator_digest.h"
#include "tests/fuzz/seeded_bytes.h"

namespace {

using tern::fuzz::DigestOptionSets;
using tern::fuzz::Fnv64;

void Emit(const tern::fuzz::NamedOptions& set, const std::string& label,
          const std::vector<uint8_t>& bytes, Fnv64& total) {
  Fnv64 h;
  DigestProgram(h, tern::fuzz::GenerateProgram(bytes, set.options));
  total.Number(h.value());
  std::printf("%s %s %016llx\n", set.name.c_str(), label.c_str(),
              static_cast<unsigned long long>(h.value()));
}

}  // namespace

int main(int argc, char** argv) {
  uint64_t seeded = 5000;
  std::vector<std::filesystem::path> files;
  for (int i = 1; i < argc; ++i) {
    const std::string_view arg = argv[i];
    if (arg.starts_with("--seeded=")) {
      seeded = std::strtoull(argv[i] + 9, nullptr, 10);
      continue;
    }
    std::vector<std::filesystem::path> found;
    for (const auto& e : std::filesystem::directory_iterator(argv[i])) {
      if (e.is_regular_file()) found.push_back(e.path());
    }
    std::sort(found.begin(), found.end());
    files.insert(files.end(), found.begin(), found.end());
  }
  Fnv64 total;
  for (const auto& set : DigestOptionSets()) {
    for (uint64_t s = 0; s < seeded; ++s) {
      Emit(set, "seed:" + std::to_string(s), tern::fuzz::SeededBytes(s), total);
    }
    for (const auto& path : files) {
      std::ifstream in(path, std::ios::binary);
      const std::vector<uint8_t> bytes{std::istreambuf_iterator<char>(in),
                                       std::istreambuf_iterator<char>()};
      Emit(set, path.string(), bytes, total);
    }
  }
  std::printf("total %016llx\n",
              static_cast<unsigned long long>(total.value()));
  return 0;
}
