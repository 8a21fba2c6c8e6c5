#ifndef TERN_TOOLS_SOURCE_FILES_H_
#define TERN_TOOLS_SOURCE_FILES_H_

#include <optional>
#include <string>
#include <vector>

namespace tern {

// The whole file as bytes, or nullopt with *why set.
std::optional<std::string> ReadFileBytes(const std::string& path,
                                         std::string* why);

// Each FILE as given; each DIR replaced by the `.tern` files below it, in
// sorted order so that runs are reproducible. Sets *why on a missing path.
std::optional<std::vector<std::string>> ExpandTernPaths(
    const std::vector<std::string>& args, std::string* why);

// `dir/x.tern` -> `dir/x.expected`.
std::string ExpectedPathFor(const std::string& tern_path);

}  // namespace tern

#endif  // TERN_TOOLS_SOURCE_FILES_H_
