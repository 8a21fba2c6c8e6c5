// tern escape-stats [--programs=N] [--seed=S] [--json]
//
// The static arena checker's false-positive rate over generated programs,
// with the most common reasons (tools/escape_stats.h). Deterministic for a
// given N and seed. Exit 0, or 1 when the checker accepted a program that
// escapes at run time (a soundness bug).

#include <iostream>

#include "tools/commands.h"
#include "tools/escape_stats.h"

namespace tern {

int EscapeStatsCommand(const CliArgs& args) {
  uint64_t programs = 2000, seed = 1;
  bool json = false;
  for (const auto& [name, value] : args.flags) {
    if (name == "json" && value.empty()) {
      json = true;
    } else if (name == "programs" || name == "seed") {
      auto n = ParseCount(value, name == "programs" ? 1 : 0, UINT64_MAX);
      if (!n) {
        std::cerr << "tern escape-stats: --" << name << " needs a whole number\n";
        return kExitUsage;
      }
      (name == "programs" ? programs : seed) = *n;
    } else {
      std::cerr << "tern escape-stats: unknown flag --" << name << "\n";
      return kExitUsage;
    }
  }
  if (!args.positional.empty()) {
    std::cerr << "usage: tern escape-stats [--programs=N] [--seed=S] [--json]\n";
    return kExitUsage;
  }
  const EscapeStats s = MeasureEscapeStats(programs, seed);
  std::cout << (json ? EscapeStatsJson(s) : EscapeStatsText(s));
  return s.accepted_escaping == 0 ? 0 : kExitCheckFailed;
}

}  // namespace tern
