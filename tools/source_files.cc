#include "tools/source_files.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <system_error>

namespace tern {

namespace fs = std::filesystem;

std::optional<std::string> ReadFileBytes(const std::string& path,
                                         std::string* why) {
  std::error_code ec;
  if (fs::is_directory(path, ec)) {
    *why = path + ": is a directory";
    return std::nullopt;
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    *why = path + ": cannot open";
    return std::nullopt;
  }
  std::ostringstream buf;
  buf << in.rdbuf();
  if (in.bad()) {
    *why = path + ": read error";
    return std::nullopt;
  }
  return std::move(buf).str();
}

std::optional<std::vector<std::string>> ExpandTernPaths(
    const std::vector<std::string>& args, std::string* why) {
  std::vector<std::string> out;
  for (const std::string& arg : args) {
    std::error_code ec;
    if (fs::is_directory(arg, ec)) {
      std::vector<std::string> found;
      for (auto it = fs::recursive_directory_iterator(arg, ec);
           !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
        if (it->is_regular_file(ec) && it->path().extension() == ".tern") {
          found.push_back(it->path().string());
        }
      }
      if (ec) {
        *why = arg + ": " + ec.message();
        return std::nullopt;
      }
      std::sort(found.begin(), found.end());
      out.insert(out.end(), found.begin(), found.end());
    } else if (fs::exists(arg, ec)) {
      out.push_back(arg);
    } else {
      *why = arg + ": no such file or directory";
      return std::nullopt;
    }
  }
  return out;
}

std::string ExpectedPathFor(const std::string& tern_path) {
  fs::path p(tern_path);
  p.replace_extension(".expected");
  return p.string();
}

}  // namespace tern
