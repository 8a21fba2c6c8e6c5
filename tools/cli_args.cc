#include "tools/cli_args.h"

#include <charconv>

namespace tern {

CliArgs SplitArgs(const std::vector<std::string>& args) {
  CliArgs out;
  bool only_positional = false;
  for (const std::string& a : args) {
    if (!only_positional && a == "--") {
      only_positional = true;
    } else if (!only_positional && a.size() > 2 && a.rfind("--", 0) == 0) {
      size_t eq = a.find('=');
      if (eq == std::string::npos) {
        out.flags.emplace_back(a.substr(2), "");
      } else {
        out.flags.emplace_back(a.substr(2, eq - 2), a.substr(eq + 1));
      }
    } else {
      out.positional.push_back(a);
    }
  }
  return out;
}

std::optional<uint64_t> ParseCount(const std::string& text, uint64_t min,
                                   uint64_t max) {
  uint64_t v = 0;
  auto [p, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
  if (text.empty() || ec != std::errc() || p != text.data() + text.size() ||
      v < min || v > max) {
    return std::nullopt;
  }
  return v;
}

}  // namespace tern

namespace tern {

std::optional<uint64_t> ParseCountFlag(std::string_view name,
                                       const std::string& text, uint64_t min,
                                       uint64_t max, std::string* why) {
  if (auto v = ParseCount(text, min, max)) return v;
  const std::string range =
      "from " + std::to_string(min) + " to " + std::to_string(max);
  const bool digits =
      !text.empty() && text.find_first_not_of("0123456789") == std::string::npos;
  if (digits) {
    *why = "--" + std::string(name) + "=" + text +
           " is out of range: it must be " + range;
  } else {
    *why = "--" + std::string(name) + " needs a whole number " + range +
           ", got '" + text + "'";
  }
  return std::nullopt;
}

}  // namespace tern
