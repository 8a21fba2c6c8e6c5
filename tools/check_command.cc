// tern check [--fuel=N] [--verbose] FILE|DIR...
//
// Runs every program on every engine, reports any disagreement, and compares
// with `NAME.expected` when it sits beside `NAME.tern`.

#include <filesystem>
#include <iostream>

#include "oracles/differential.h"
#include "runtime/outcome.h"
#include "tools/commands.h"
#include "tools/source_files.h"

namespace tern {
namespace {

struct CheckOptions {
  std::optional<uint64_t> fuel;  // overrides the .expected file's fuel
  bool verbose = false;
};

// Returns the failure report for one program; empty when it passes.
std::string CheckOne(const std::string& path, const CheckOptions& options) {
  std::string why;
  auto source = ReadFileBytes(path, &why);
  if (!source) return "  " + why + "\n";
  std::optional<Expectation> expectation;
  std::string expected_path = ExpectedPathFor(path);
  std::error_code ec;
  if (std::filesystem::exists(expected_path, ec)) {
    auto text = ReadFileBytes(expected_path, &why);
    if (!text) return "  " + why + "\n";
    expectation = ParseExpectation(*text, &why);
    if (!expectation) return "  " + expected_path + ": " + why + "\n";
  }
  RunLimits limits;
  if (expectation && expectation->fuel) limits.fuel = *expectation->fuel;
  if (options.fuel) limits.fuel = *options.fuel;

  DifferentialResult result = RunDifferential(*source, limits);
  std::string report = result.disagreement;
  if (expectation && !Matches(*expectation, result.reference)) {
    report += "expected and " + result.outcomes.front().engine + " differ:\n" +
              DescribeDifference(*expectation, result.reference, "expected",
                                 result.outcomes.front().engine);
  }
  std::string indented;
  for (size_t start = 0; start < report.size();) {
    size_t nl = report.find('\n', start);
    if (nl == std::string::npos) nl = report.size();
    indented += "  " + report.substr(start, nl - start) + "\n";
    start = nl + 1;
  }
  return indented;
}

}  // namespace

int CheckCommand(const CliArgs& args) {
  CheckOptions options;
  for (const auto& [name, value] : args.flags) {
    if (name == "fuel") {
      options.fuel = ParseCount(value, 0, UINT64_MAX);
      if (!options.fuel) {
        std::cerr << "tern check: --fuel needs a whole number\n";
        return kExitUsage;
      }
    } else if (name == "verbose" && value.empty()) {
      options.verbose = true;
    } else {
      std::cerr << "tern check: unknown flag --" << name << "\n";
      return kExitUsage;
    }
  }
  if (args.positional.empty()) {
    std::cerr << "usage: tern check [--fuel=N] [--verbose] FILE|DIR...\n";
    return kExitUsage;
  }
  std::string why;
  auto paths = ExpandTernPaths(args.positional, &why);
  if (!paths) {
    std::cerr << "tern check: " << why << "\n";
    return kExitNoInput;
  }
  size_t passed = 0, failed = 0;
  for (const std::string& path : *paths) {
    std::string report = CheckOne(path, options);
    if (report.empty()) {
      ++passed;
      if (options.verbose) std::cout << "ok   " << path << "\n";
    } else {
      ++failed;
      std::cout << "FAIL " << path << "\n" << report;
    }
  }
  std::cout << "tern check: " << paths->size() << " programs on engines";
  for (const Engine& e : AllEngines()) std::cout << " " << e.name;
  std::cout << ": " << passed << " passed, " << failed << " failed\n";
  if (paths->empty()) {
    std::cerr << "tern check: no .tern files found\n";
    return kExitNoInput;
  }
  return failed == 0 ? 0 : kExitCheckFailed;
}

}  // namespace tern
