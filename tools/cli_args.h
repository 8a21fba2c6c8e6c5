#ifndef TERN_TOOLS_CLI_ARGS_H_
#define TERN_TOOLS_CLI_ARGS_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace tern {

// Exit codes of the `tern` tool beyond the program's own 0..3.
inline constexpr int kExitUsage = 64;    // bad command line
inline constexpr int kExitNoInput = 66;  // a file could not be read
inline constexpr int kExitCheckFailed = 1;
inline constexpr int kExitIoError = 74;  // output could not be written

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

// ParseCount for the value of `--NAME=`; on failure *why says whether the
// text is not a whole number or is one out of range, and gives the range.
std::optional<uint64_t> ParseCountFlag(std::string_view name,
                                       const std::string& text, uint64_t min,
                                       uint64_t max, std::string* why);

}  // namespace tern

#endif  // TERN_TOOLS_CLI_ARGS_H_
