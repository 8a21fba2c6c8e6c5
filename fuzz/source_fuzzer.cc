// Tern source through every engine (oracles/differential.h), mutated
// structurally by source_mutator.h: the engines must agree, never fault,
// and be deterministic. Inputs the front end rejects are uninteresting
// (parse_fuzzer covers the front end). Seeded from corpus/source_fuzzer/,
// a copy of the .tern programs of corpus/programs.
//
//   bazel build --config=fuzz //fuzz:source_fuzzer
//   .bazel/bin/fuzz/source_fuzzer -dict=fuzz/tern.dict WORK corpus/source_fuzzer

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <string_view>

#include "fuzz/finding.h"
#include "fuzz/source_mutator.h"
#include "oracles/differential.h"
#include "oracles/failure_signature.h"

namespace {

// Enough for the corpus programs' loops; runaway mutants stop early.
constexpr uint64_t kFuel = 200'000;

}  // namespace

// libFuzzer's own byte-level mutator; absent outside the fuzz config.
extern "C" size_t LLVMFuzzerMutate(uint8_t* data, size_t size, size_t max_size)
    __attribute__((weak));

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view source(reinterpret_cast<const char*>(data), size);
  tern::RunLimits limits;
  limits.fuel = kFuel;
  const tern::DifferentialResult result = tern::RunDifferential(source, limits);
  if (!result.ok()) {
    tern::fuzz::ReportFinding(
        "source_fuzzer", tern::FailureSignature(result),
        result.disagreement + "--- program (fuel " + std::to_string(kFuel) +
            ") ---\n" + std::string(source));
  }
  return 0;
}

extern "C" size_t LLVMFuzzerCustomMutator(uint8_t* data, size_t size,
                                          size_t max_size, unsigned int seed) {
  tern::fuzz::Rng rng(seed);
  // One in eight mutations stays byte-level (dictionary tokens, splices),
  // so that text the reader rejects still evolves towards valid source.
  if (rng.Below(8) != 0) {
    const auto mutated = tern::fuzz::MutateSource(
        std::string_view(reinterpret_cast<const char*>(data), size), rng.Next(),
        max_size);
    if (mutated) {
      std::memcpy(data, mutated->data(), mutated->size());
      return mutated->size();
    }
  }
  return LLVMFuzzerMutate ? LLVMFuzzerMutate(data, size, max_size) : size;
}

extern "C" size_t LLVMFuzzerCustomCrossOver(const uint8_t* data1, size_t size1,
                                            const uint8_t* data2, size_t size2,
                                            uint8_t* out, size_t max_out_size,
                                            unsigned int seed) {
  const auto crossed = tern::fuzz::CrossOverSources(
      std::string_view(reinterpret_cast<const char*>(data1), size1),
      std::string_view(reinterpret_cast<const char*>(data2), size2), seed,
      max_out_size);
  if (crossed) {
    std::memcpy(out, crossed->data(), crossed->size());
    return crossed->size();
  }
  // Unreadable parents: half of each.
  const size_t a = std::min(size1 / 2, max_out_size);
  const size_t b = std::min(size2 - size2 / 2, max_out_size - a);
  std::memcpy(out, data1, a);
  std::memcpy(out + a, data2 + size2 / 2, b);
  return a + b;
}
