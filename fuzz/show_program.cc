// Prints the program that interp_fuzzer (or, with --target=NAME, that fuzz
// target: gc_fuzzer decodes in the heap mode) generates from each input
// file, to reproduce a crash with `tern run --fuel=N`:
//   bazel run //fuzz:show_program -- crash-1234...
//   bazel run //fuzz:show_program -- --target=gc_fuzzer crash-1234...

#include <cstdint>
#include <cstdio>
#include <fstream>
#include <iterator>
#include <string>
#include <string_view>
#include <vector>

#include "fuzz/program_generator.h"

int main(int argc, char** argv) {
  int first = 1;
  tern::fuzz::GeneratorOptions options;
  if (argc > 1 && std::string_view(argv[1]).starts_with("--target=")) {
    options = tern::fuzz::GeneratorOptionsFor(
        std::string_view(argv[1]).substr(std::string_view("--target=").size()));
    ++first;
  }
  if (argc <= first) {
    std::fprintf(stderr, "usage: %s [--target=NAME] INPUT...\n", argv[0]);
    return 2;
  }
  for (int i = first; i < argc; ++i) {
    std::ifstream in(argv[i], std::ios::binary);
    if (!in) {
      std::fprintf(stderr, "%s: cannot read %s\n", argv[0], argv[i]);
      return 1;
    }
    const std::vector<uint8_t> bytes{std::istreambuf_iterator<char>(in),
                                     std::istreambuf_iterator<char>()};
    const tern::fuzz::GeneratedProgram program =
        tern::fuzz::GenerateProgram(bytes, options);
    // Swarm testing: what this program was allowed to use, and used.
    std::string enabled, used;
    for (size_t f = 0; f < tern::fuzz::kFeatureCount; ++f) {
      const auto feature = static_cast<tern::fuzz::Feature>(f);
      const std::string name(tern::fuzz::FeatureName(feature));
      if (program.enabled.Has(feature)) enabled += ' ' + name;
      if (program.features.Has(feature)) used += ' ' + name;
    }
    std::printf("; %s (fuel %llu, generator version %d)\n; swarm:%s\n"
                "; uses:%s\n%s",
                argv[i], static_cast<unsigned long long>(program.limits.fuel),
                tern::fuzz::kGeneratorVersion, enabled.c_str(), used.c_str(),
                program.source.c_str());
  }
  return 0;
}
