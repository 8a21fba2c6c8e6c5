#ifndef TERN_TOOLS_CLI_ARGS_H_
#define TERN_TOOLS_CLI_ARGS_H_

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace tern {

// Exit codes of the `tern` tool beyond the program's own 0..3.
inline constexpr int kExitUsage = 64;    // bad command line
inline constexpr int kExitNoInput = 66;  // a file could not be read
inline constexpr int kExitCheckFailed = 1;

// `--name=value` flags and positional arguments, in order.
struct CliArgs {
  std::vector<std::pair<std::string, std::string>> flags;
  std::vector<std::string> positional;
};

// Everything after a lone `--` is positional.
CliArgs SplitArgs(const std::vector<std::string>& args);

// Parses a decimal count for --fuel and the like; nullopt unless the whole
// text is a number in [min, max].
std::optional<uint64_t> ParseCount(const std::string& text, uint64_t min,
                                   uint64_t max);

}  // namespace tern

#endif  // TERN_TOOLS_CLI_ARGS_H_
