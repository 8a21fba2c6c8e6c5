// Where the time of a generator-driven fuzz target's executions goes: the
// generator (bytes -> program), then the target's own oracle call
// (CheckGeneratedProgram, the code the target runs) with its steps timed
// through a PhaseObserver: the front end, the compiled forms engines share
// (the VM's bytecode), each engine's run, and the reference's second run
// (the determinism check, on the programs SampledForDeterminism picks).
// Single-threaded and timed in CPU time of this thread, so programs per
// second is per core whatever else the machine runs. Built by
// bench/fuzz_throughput.py in the fuzz config (ASan + UBSan), whose numbers
// are the ones the campaign sees.
//
//   fuzz_phases [--target=T] [--seconds=S] [--seed=N] [--profile]
//               [--separate-compile] [--full-size] [--source=FILE]
//               [--fuel=N] [--slowest=DIR] [DIR...]
// --target: interp_fuzzer, diff_fuzzer (default) or gc_fuzzer: its
//   generator options and engines (TargetEngines).
// --separate-compile: every engine compiles for itself (Engine::compile
//   ignored), as before the engines shared it: what sharing buys.
// --full-size: no size classes (GeneratorOptions::swarm_size off): every
//   program at the full size, as before the classes.
// --source: run the Tern program FILE (default limits) over and over
//   instead of generated ones, e.g. an empty file: the fixed cost of a run
//   on each engine (per_engine_ms); with --fuel=N, under that fuel (as
//   a generated program's limits give it, e.g. one --slowest wrote).
// --profile: also, per program and outside the timed work, its allocations
//   (the interpreter's count), the fuel it burns (found by bisection on the
//   interpreter) and its size, and which of them the slow programs have;
//   and the input's length beside the bytes of it the generator read.
// --slowest: write the slowest tenth of the programs to DIR as
//   RANK.tern (RANK 0 the slowest), each headed by a comment giving its CPU
//   time per phase and its fuel: what the tail is made of.
// Inputs: every file of each DIR (a seed corpus), then pseudo-random byte
// strings (fixed seed) until S seconds of CPU time. Prints one JSON object.

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <functional>
#include <iterator>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "fuzz/generated_program_target.h"
#include "fuzz/program_generator.h"
#include "oracles/differential.h"
#include "oracles/engine.h"
#include "runtime/error.h"
#include "runtime/front/front_end.h"
#include "runtime/interp/interpreter.h"
#include "runtime/interp/region.h"
#include "runtime/limits.h"

namespace {

// CPU time (user + system) of the process: this thread's and that of the
// thread the interpreter runs on (runtime/big_stack.h), which a thread clock
// would miss; nothing else runs meanwhile.
double ProcessCpuNow() {
  timespec ts;
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) + 1e-9 * static_cast<double>(ts.tv_nsec);
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

// Sums the CPU time of each phase of the current program.
class PhaseTimes : public tern::PhaseObserver {
 public:
  void Begin(std::string_view phase) override {
    phase_ = std::string(phase);
    start_ = ProcessCpuNow();
  }
  void End() override { times[phase_] += ProcessCpuNow() - start_; }
  std::map<std::string, double> times;

 private:
  std::string phase_;
  double start_ = 0;
};

bool OutOfFuel(const tern::Outcome& o) {
  return o.error && o.error->kind == tern::ErrorKind::kOutOfFuel;
}

// The fuel a run of `program` burns, by bisection on the interpreter (every
// engine counts fuel identically, docs/language.md): the least budget it
// completes in; `limit` + 1 if it runs out of `limit`.
uint64_t FuelUsed(const tern::Program& program, uint64_t limit) {
  tern::RunLimits limits;
  limits.fuel = limit;
  if (OutOfFuel(tern::Interpret(program, limits))) return limit + 1;
  uint64_t lo = 0, hi = limit;  // runs out of lo (unless 0), completes in hi
  while (hi - lo > 1) {
    limits.fuel = lo + (hi - lo) / 2;
    (OutOfFuel(tern::Interpret(program, limits)) ? lo : hi) = limits.fuel;
  }
  limits.fuel = 0;
  return OutOfFuel(tern::Interpret(program, limits)) ? hi : 0;
}

struct Program {
  double seconds = 0;
  std::map<std::string, double> phases;
  // --profile only.
  double source_bytes = 0, allocations = 0, fuel = 0;
  double input_bytes = 0, input_bytes_used = 0;
  // --slowest only.
  std::string source;
  uint64_t fuel_limit = 0;
};

void WriteSlowest(const std::string& dir, std::vector<Program> programs) {
  std::stable_sort(programs.begin(), programs.end(),
                   [](const Program& a, const Program& b) {
                     return a.seconds > b.seconds;
                   });
  std::filesystem::create_directories(dir);
  for (size_t i = 0; i < programs.size() / 10; ++i) {
    std::ofstream out(dir + "/" + std::to_string(i) + ".tern", std::ios::binary);
    out << "; " << 1e3 * programs[i].seconds << " ms, fuel limit "
        << programs[i].fuel_limit << ":";
    for (const auto& [phase, s] : programs[i].phases) {
      out << " " << phase << " " << 1e3 * s;
    }
    out << "\n" << programs[i].source;
  }
}

double Quantile(std::vector<double> v, double q) {
  if (v.empty()) return 0;
  std::sort(v.begin(), v.end());
  return v[std::min(v.size() - 1, static_cast<size_t>(q * static_cast<double>(v.size())))];
}

void PrintQuantiles(const std::vector<double>& ms) {
  std::printf("{\"median\": %.3f, \"p90\": %.3f, \"p99\": %.3f, \"max\": %.3f}",
              Quantile(ms, 0.5), Quantile(ms, 0.9), Quantile(ms, 0.99),
              Quantile(ms, 1.0));
}

// For a per-program measure: its median, p90 and max, and the share of all
// the time spent on the tenth of the programs where it is largest.
void PrintDriver(const char* name, const std::vector<Program>& programs,
                 double Program::*field, double total) {
  std::vector<const Program*> by(programs.size());
  for (size_t i = 0; i < programs.size(); ++i) by[i] = &programs[i];
  std::stable_sort(by.begin(), by.end(), [&](const Program* a, const Program* b) {
    return a->*field > b->*field;
  });
  double top = 0;
  for (size_t i = 0; i < by.size() / 10; ++i) top += by[i]->seconds;
  std::vector<double> values;
  for (const Program& p : programs) values.push_back(p.*field);
  std::printf(", \"%s\": {\"median\": %.0f, \"p90\": %.0f, \"max\": %.0f, "
              "\"top_tenth_time_share\": %.4f}",
              name, Quantile(values, 0.5), Quantile(values, 0.9),
              Quantile(values, 1.0), top / total);
}

}  // namespace

int main(int argc, char** argv) {
  double seconds = 10;
  uint64_t seed = 1;
  bool profile = false, separate_compile = false, full_size = false;
  std::string target = "diff_fuzzer";
  std::optional<std::string> fixed_source;
  std::string slowest_dir;
  uint64_t source_fuel = tern::kDefaultFuel;
  std::vector<std::string> dirs;
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    if (a.rfind("--seconds=", 0) == 0) {
      seconds = std::atof(a.c_str() + 10);
    } else if (a.rfind("--seed=", 0) == 0) {
      seed = std::strtoull(a.c_str() + 7, nullptr, 10);
    } else if (a.rfind("--target=", 0) == 0) {
      target = a.substr(9);
    } else if (a == "--profile") {
      profile = true;
    } else if (a == "--separate-compile") {
      separate_compile = true;
    } else if (a == "--full-size") {
      full_size = true;
    } else if (a.rfind("--fuel=", 0) == 0) {
      source_fuel = std::strtoull(a.c_str() + 7, nullptr, 10);
    } else if (a.rfind("--slowest=", 0) == 0) {
      slowest_dir = a.substr(10);
    } else if (a.rfind("--source=", 0) == 0) {
      std::ifstream in(a.substr(9), std::ios::binary);
      if (!in) {
        std::fprintf(stderr, "fuzz_phases: cannot read %s\n", a.c_str() + 9);
        return 66;
      }
      fixed_source.emplace(std::istreambuf_iterator<char>(in),
                           std::istreambuf_iterator<char>());
    } else {
      dirs.push_back(a);
    }
  }
  std::vector<tern::Engine> engines = tern::fuzz::TargetEngines(target);
  for (tern::Engine& e : engines) {
    if (separate_compile) e.compile = nullptr;
  }
  if (engines.empty()) {
    std::fprintf(stderr, "fuzz_phases: %s is not a generator target\n",
                 target.c_str());
    return 64;
  }
  tern::fuzz::GeneratorOptions options = tern::fuzz::GeneratorOptionsFor(target);
  if (full_size) options.swarm_size = false;
  const std::vector<std::vector<uint8_t>> seeds =
      fixed_source ? std::vector<std::vector<uint8_t>>() : ReadInputs(dirs);
  std::vector<Program> programs;
  std::map<std::string, double> shares;  // phase -> seconds
  std::vector<std::string> phase_order = {"generate"};
  double total = 0;
  uint64_t state = seed;
  long out_of_fuel = 0;
  std::string slowest_source;
  double slowest_seconds = -1;
  while (total < seconds || programs.size() < seeds.size()) {
    const std::vector<uint8_t> bytes = programs.size() < seeds.size()
                                           ? seeds[programs.size()]
                                           : RandomInput(&state);
    Program p;
    PhaseTimes times;
    const double start = ProcessCpuNow();
    tern::fuzz::GeneratedProgram g;
    if (fixed_source) {
      g.source = *fixed_source;
      g.limits.fuel = source_fuel;
    } else {
      g = tern::fuzz::GenerateProgram(bytes, options);
    }
    times.times["generate"] = ProcessCpuNow() - start;
    tern::fuzz::CheckGeneratedProgram(target, g, engines, &times);
    p.seconds = ProcessCpuNow() - start;
    p.phases = times.times;
    for (const auto& [phase, s] : times.times) {
      if (std::find(phase_order.begin(), phase_order.end(), phase) ==
          phase_order.end()) {
        phase_order.push_back(phase);
      }
      shares[phase] += s;
    }
    total += p.seconds;
    if (p.seconds > slowest_seconds) {
      slowest_seconds = p.seconds;
      slowest_source = g.source;
    }
    if (profile) {  // untimed
      const tern::CompileResult compiled = tern::Compile(g.source);
      p.source_bytes = static_cast<double>(g.source.size());
      p.input_bytes = static_cast<double>(bytes.size());
      p.input_bytes_used = static_cast<double>(g.bytes_used);
      if (!compiled.error) {
        tern::interp::MemoryStats stats;
        const tern::Outcome o = tern::Interpret(*compiled.program, g.limits, &stats);
        out_of_fuel += OutOfFuel(o);
        p.allocations = static_cast<double>(stats.allocated);
        p.fuel = static_cast<double>(FuelUsed(*compiled.program, g.limits.fuel));
      }
    }
    if (!slowest_dir.empty()) {
      p.source = g.source;
      p.fuel_limit = g.limits.fuel;
    }
    programs.push_back(std::move(p));
  }
  if (!slowest_dir.empty()) WriteSlowest(slowest_dir, programs);
  std::printf("{\"target\": \"%s\", \"programs\": %zu, \"seed_programs\": %zu, "
              "\"cpu_seconds\": %.3f, \"programs_per_second\": %.1f, \"share\": {",
              target.c_str(), programs.size(), seeds.size(), total,
              static_cast<double>(programs.size()) / total);
  for (size_t i = 0; i < phase_order.size(); ++i) {
    std::printf("%s\"%s\": %.4f", i ? ", " : "", phase_order[i].c_str(),
                shares[phase_order[i]] / total);
  }
  std::printf("}, \"per_program_ms\": ");
  std::vector<double> ms;
  for (const Program& p : programs) ms.push_back(1e3 * p.seconds);
  PrintQuantiles(ms);
  std::printf(", \"per_engine_ms\": {");
  bool first = true;
  for (const std::string& phase : phase_order) {
    if (phase.rfind("run ", 0) != 0) continue;
    std::vector<double> v;
    for (const Program& p : programs) {
      const auto it = p.phases.find(phase);
      v.push_back(it == p.phases.end() ? 0 : 1e3 * it->second);
    }
    std::printf("%s\"%s\": ", first ? "" : ", ", phase.substr(4).c_str());
    PrintQuantiles(v);
    first = false;
  }
  std::printf("}");
  std::sort(ms.begin(), ms.end());
  double top = 0;
  for (size_t i = ms.size() - ms.size() / 10; i < ms.size(); ++i) top += ms[i];
  std::printf(", \"slowest_tenth_share\": %.4f", top / 1e3 / total);
  if (profile) {
    std::printf(", \"profile\": {\"out_of_fuel_share\": %.4f",
                static_cast<double>(out_of_fuel) / static_cast<double>(programs.size()));
    PrintDriver("source_bytes", programs, &Program::source_bytes, total);
    PrintDriver("allocations", programs, &Program::allocations, total);
    PrintDriver("fuel", programs, &Program::fuel, total);
    PrintDriver("input_bytes", programs, &Program::input_bytes, total);
    PrintDriver("input_bytes_used", programs, &Program::input_bytes_used, total);
    std::printf("}");
  }
  std::printf("}\n");
  if (std::getenv("FUZZ_PHASES_SHOW_SLOWEST") != nullptr) {
    std::fprintf(stderr, "%s", slowest_source.c_str());
  }
  return 0;
}
