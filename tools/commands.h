#ifndef TERN_TOOLS_COMMANDS_H_
#define TERN_TOOLS_COMMANDS_H_

#include <string>
#include <vector>

#include "tools/cli_args.h"

namespace tern {

// Each returns the process exit code.
int RunCommand(const CliArgs& args);    // tern run
int CheckCommand(const CliArgs& args);  // tern check
int FmtCommand(const CliArgs& args);    // tern fmt
int ReproCommand(const CliArgs& args);  // tern repro
int EscapeStatsCommand(const CliArgs& args);  // tern escape-stats
// tern reduce: takes `-o OUT` and `--test CMD` as separate words too.
int ReduceCommand(const std::vector<std::string>& raw_args);
int DisasmCommand(const CliArgs& args); // tern disasm

}  // namespace tern

#endif  // TERN_TOOLS_COMMANDS_H_
