// tern check [--fuel=N] [--tiers=A,B] [--verbose] FILE|DIR...
//
// Runs every program on the chosen engines (default: all), reports any
// disagreement, and compares with `NAME.expected` when it sits beside
// `NAME.tern`; says per program what was compared.

#include <iostream>
#include <string_view>

#include "tools/commands.h"
#include "tools/program_check.h"
#include "tools/source_files.h"

namespace tern {
namespace {

constexpr char kUsage[] =
    "usage: tern check [--fuel=N] [--tiers=NAME,...] [--verbose] "
    "FILE|DIR...\n";

std::string ValidEngines() {
  std::string s;
  for (const Engine& e : AllEngines()) s += (s.empty() ? "" : ", ") + e.name;
  return s;
}

// `--tiers=a,b`: the named engines in that order; nullopt (and *why) on an
// unknown, repeated or empty name.
std::optional<std::vector<Engine>> ParseTiers(std::string_view list,
                                              std::string* why) {
  std::vector<Engine> engines;
  while (true) {
    const size_t comma = list.find(',');
    const std::string_view name = list.substr(0, comma);
    const Engine* e = FindEngine(name);
    if (e == nullptr) {
      *why = "--tiers: unknown engine '" + std::string(name) +
             "' (valid: " + ValidEngines() + ")";
      return std::nullopt;
    }
    for (const Engine& have : engines) {
      if (have.name == e->name) {
        *why = "--tiers: engine '" + e->name + "' named twice";
        return std::nullopt;
      }
    }
    engines.push_back(*e);
    if (comma == std::string_view::npos) break;
    list.remove_prefix(comma + 1);
  }
  return engines;
}

}  // namespace

int CheckCommand(const CliArgs& args) {
  CheckOptions options;
  options.engines = SelectedEngines();  // TERN_ENGINES, else all
  for (const auto& [name, value] : args.flags) {
    std::string why;
    if (name == "fuel") {
      options.fuel = ParseCountFlag("fuel", value, 0, UINT64_MAX, &why);
      if (!options.fuel) {
        std::cerr << "tern check: " << why << "\n";
        return kExitUsage;
      }
    } else if (name == "verbose") {
      if (!value.empty()) {
        std::cerr << "tern check: --verbose takes no value (got --verbose="
                  << value << ")\n";
        return kExitUsage;
      }
      options.verbose = true;
    } else if (name == "tiers") {
      auto engines = ParseTiers(value, &why);
      if (!engines) {
        std::cerr << "tern check: " << why << "\n";
        return kExitUsage;
      }
      options.engines = std::move(*engines);
    } else {
      std::cerr << "tern check: unknown flag --" << name << "\n" << kUsage;
      return kExitUsage;
    }
  }
  if (args.positional.empty()) {
    std::cerr << kUsage;
    return kExitUsage;
  }
  std::string why;
  auto paths = ExpandTernPaths(args.positional, &why);
  if (!paths) {
    std::cerr << "tern check: " << why << "\n";
    return kExitNoInput;
  }
  size_t passed = 0, failed = 0, not_compared = 0;
  for (const std::string& problem : paths->problems) {
    ++failed;
    std::cout << "FAIL " << problem << "\n";
  }
  for (const std::string& path : paths->files) {
    ProgramReport report = CheckProgram(path, options);
    switch (report.verdict) {
      case ProgramReport::Verdict::kPassed: ++passed; break;
      case ProgramReport::Verdict::kFailed: ++failed; break;
      case ProgramReport::Verdict::kNotCompared: ++not_compared; break;
    }
    std::cout << report.text;
  }
  std::cout << "tern check: " << paths->files.size() << " programs on engines";
  for (const Engine& e : options.engines) std::cout << " " << e.name;
  std::cout << ": " << passed << " passed, " << failed << " failed, "
            << not_compared << " not compared\n";
  if (paths->files.empty() && paths->problems.empty()) {
    std::cerr << "tern check: no .tern files found\n";
    return kExitNoInput;
  }
  return failed == 0 ? 0 : kExitCheckFailed;
}

}  // namespace tern
