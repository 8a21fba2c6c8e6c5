// Where the time of one interp_fuzzer execution goes: the generator (bytes
// -> program), the front end (Compile), each engine's run, and the
// reference's second run (the determinism check) on the programs
// SampledForDeterminism picks, as the fuzz targets do. Single-threaded, so
// programs per second is per core. Built by bench/fuzz_throughput.py in the
// fuzz config (ASan + UBSan), whose numbers are the ones the campaign sees.
//
//   fuzz_phases [--seconds=S] [--seed=N] [--fuel=F] [--nodes=N] [DIR...]
// --fuel and --nodes override the generator's defaults (GeneratorOptions),
// to measure what smaller programs would buy.
// Inputs: every file of each DIR (a seed corpus), then pseudo-random byte
// strings (fixed seed) until S seconds of work. Prints one JSON object.

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>
#include <string>
#include <vector>

#include "fuzz/generated_program_target.h"
#include "fuzz/program_generator.h"
#include "oracles/engine.h"
#include "runtime/front/front_end.h"

namespace {

using Clock = std::chrono::steady_clock;

double Since(Clock::time_point t) {
  return std::chrono::duration<double>(Clock::now() - t).count();
}

std::vector<std::vector<uint8_t>> ReadInputs(const std::vector<std::string>& dirs) {
  std::vector<std::filesystem::path> files;
  for (const std::string& d : dirs) {
    for (const auto& e : std::filesystem::directory_iterator(d)) {
      if (e.is_regular_file() && e.path().filename() != "BUILD") {
        files.push_back(e.path());
      }
    }
  }
  std::sort(files.begin(), files.end());
  std::vector<std::vector<uint8_t>> inputs;
  for (const auto& f : files) {
    std::ifstream in(f, std::ios::binary);
    inputs.emplace_back(std::istreambuf_iterator<char>(in),
                        std::istreambuf_iterator<char>());
  }
  return inputs;
}

// A deterministic stream of inputs of the sizes libFuzzer tends to use.
std::vector<uint8_t> RandomInput(uint64_t* state) {
  auto next = [state] {
    *state = *state * 6364136223846793005ULL + 1442695040888963407ULL;
    return static_cast<uint32_t>(*state >> 33);
  };
  std::vector<uint8_t> bytes(next() % 1024);
  for (uint8_t& b : bytes) b = static_cast<uint8_t>(next());
  return bytes;
}

}  // namespace

int main(int argc, char** argv) {
  double seconds = 10;
  uint64_t seed = 1;
  std::vector<std::string> dirs;
  tern::fuzz::GeneratorOptions options;
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    if (a.rfind("--seconds=", 0) == 0) {
      seconds = std::atof(a.c_str() + 10);
    } else if (a.rfind("--seed=", 0) == 0) {
      seed = std::strtoull(a.c_str() + 7, nullptr, 10);
    } else if (a.rfind("--fuel=", 0) == 0) {
      options.fuel = std::strtoull(a.c_str() + 7, nullptr, 10);
    } else if (a.rfind("--nodes=", 0) == 0) {
      options.node_budget = std::atoi(a.c_str() + 8);
    } else {
      dirs.push_back(a);
    }
  }
  const std::vector<std::vector<uint8_t>> seeds = ReadInputs(dirs);
  const std::vector<tern::Engine>& engines = tern::SelectedEngines();
  double generate = 0, compile = 0, second_run = 0;
  std::map<std::string, double> run;
  long programs = 0, seed_programs = 0;
  // Per program: total seconds and output bytes, for the distribution.
  std::vector<std::pair<double, size_t>> per_program;
  std::string slowest_source;
  uint64_t state = seed;
  const Clock::time_point start = Clock::now();
  while (Since(start) < seconds || programs < static_cast<long>(seeds.size())) {
    const std::vector<uint8_t> bytes =
        programs < static_cast<long>(seeds.size()) ? seeds[programs]
                                                   : RandomInput(&state);
    const Clock::time_point program_start = Clock::now();
    size_t out_bytes = 0;
    Clock::time_point t = Clock::now();
    const tern::fuzz::GeneratedProgram g =
        tern::fuzz::GenerateProgram(bytes, options);
    generate += Since(t);
    t = Clock::now();
    const tern::CompileResult compiled = tern::Compile(g.source);
    compile += Since(t);
    if (!compiled.error) {
      for (const tern::Engine& e : engines) {
        t = Clock::now();
        const tern::Outcome o = e.run(*compiled.program, g.limits);
        run[e.name] += Since(t);
        out_bytes = std::max(out_bytes, o.out.size() + o.value.size());
      }
      if (tern::fuzz::SampledForDeterminism(g.source)) {
        t = Clock::now();
        engines.front().run(*compiled.program, g.limits);
        second_run += Since(t);
      }
    }
    const double took = Since(program_start);
    if (per_program.empty() ||
        took > std::max_element(per_program.begin(), per_program.end())->first) {
      slowest_source = g.source;
    }
    per_program.emplace_back(took, out_bytes);
    ++programs;
    if (programs <= static_cast<long>(seeds.size())) seed_programs = programs;
  }
  const double total = Since(start);
  std::printf("{\"programs\": %ld, \"seed_programs\": %ld, \"seconds\": %.3f, "
              "\"programs_per_second\": %.1f, \"share\": {",
              programs, seed_programs, total, programs / total);
  std::printf("\"generate\": %.4f, \"compile\": %.4f", generate / total,
              compile / total);
  for (const tern::Engine& e : engines) {
    std::printf(", \"run %s\": %.4f", e.name.c_str(), run[e.name] / total);
  }
  std::printf(", \"second run %s\": %.4f}", engines.front().name.c_str(),
              second_run / total);
  // The distribution over programs: whether a few heavy programs or the
  // per-program fixed cost dominate.
  std::vector<std::pair<double, size_t>> sorted = per_program;
  std::sort(sorted.begin(), sorted.end());
  auto at = [&](double q) {
    return sorted[std::min(sorted.size() - 1,
                           static_cast<size_t>(q * sorted.size()))];
  };
  double top = 0;
  for (size_t i = sorted.size() - sorted.size() / 10; i < sorted.size(); ++i) {
    top += sorted[i].first;
  }
  std::printf(", \"per_program_ms\": {\"median\": %.3f, \"p90\": %.3f, "
              "\"p99\": %.3f, \"max\": %.3f}, \"slowest_tenth_share\": %.4f, "
              "\"slowest_output_bytes\": %zu}\n",
              1e3 * at(0.5).first, 1e3 * at(0.9).first, 1e3 * at(0.99).first,
              1e3 * sorted.back().first, top / total, sorted.back().second);
  if (std::getenv("FUZZ_PHASES_SHOW_SLOWEST") != nullptr) {
    std::fprintf(stderr, "%s", slowest_source.c_str());
  }
  return 0;
}
