#ifndef TERN_TOOLS_SOURCE_FILES_H_
#define TERN_TOOLS_SOURCE_FILES_H_

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "runtime/limits.h"

namespace tern {

// The whole file as bytes, or nullopt with *why set: the file cannot be
// opened or read (with the system's reason), is a directory, or holds more
// than `max_bytes` bytes (at most max_bytes + 1 are read, so an endless
// input such as /dev/zero is refused at once).
std::optional<std::string> ReadFileBytes(const std::string& path,
                                         std::string* why,
                                         size_t max_bytes = kMaxSourceBytes);

struct TernPaths {
  std::vector<std::string> files;
  // "PATH: reason" for each directory below an argument that could not be
  // read, and each `.expected` file with no `.tern` beside it.
  std::vector<std::string> problems;
};

// Each FILE as given; each DIR replaced by the `.tern` files below it, in
// sorted order so that runs are reproducible. Sets *why, and returns
// nullopt, only when an argument does not exist.
std::optional<TernPaths> ExpandTernPaths(const std::vector<std::string>& args,
                                         std::string* why);

// `dir/x.tern` -> `dir/x.expected`.
std::string ExpectedPathFor(const std::string& tern_path);

}  // namespace tern

#endif  // TERN_TOOLS_SOURCE_FILES_H_
