#include "tools/source_files.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <system_error>

namespace tern {

namespace fs = std::filesystem;

std::string SystemReason(int err) { return std::strerror(err); }

std::optional<std::string> ReadFileBytes(const std::string& path,
                                         std::string* why, size_t max_bytes) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    *why = "cannot open " + path + ": " + SystemReason(errno);
    return std::nullopt;
  }
  struct FdCloser {
    int fd;
    ~FdCloser() { ::close(fd); }
  } closer{fd};
  struct stat st;
  if (::fstat(fd, &st) == 0 && S_ISDIR(st.st_mode)) {
    *why = path + ": is a directory";
    return std::nullopt;
  }
  std::string bytes;
  // A regular file's size is known up front; anything else (a pipe, a
  // device such as /dev/zero) is read in chunks. Either way at most
  // max_bytes + 1 bytes are read.
  if (::fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && st.st_size > 0) {
    bytes.reserve(std::min<size_t>(static_cast<size_t>(st.st_size),
                                   max_bytes + 1));
  }
  constexpr size_t kChunk = 1 << 16;
  for (;;) {
    const size_t room = max_bytes + 1 - bytes.size();
    if (room == 0) break;
    const size_t old = bytes.size();
    const size_t want = std::min(kChunk, room);
    bytes.resize(old + want);
    const ssize_t got = ::read(fd, bytes.data() + old, want);
    if (got < 0) {
      if (errno == EINTR) {
        bytes.resize(old);
        continue;
      }
      *why = "cannot read " + path + ": " + SystemReason(errno);
      return std::nullopt;
    }
    bytes.resize(old + static_cast<size_t>(got));
    if (got == 0) break;
  }
  if (bytes.size() > max_bytes) {
    *why = path + ": larger than the source size limit of " +
           std::to_string(max_bytes >> 20) + " MiB";
    return std::nullopt;
  }
  bytes.shrink_to_fit();
  return bytes;
}

namespace {

// Adds the `.tern` files below `dir` to out->files (unsorted) and what could
// not be read to out->problems; a `.expected` file with no `.tern` beside it
// is a problem too. Symbolic links to directories are not followed (no
// cycles), as with std::filesystem::recursive_directory_iterator.
void Walk(const fs::path& dir, TernPaths* out) {
  std::error_code ec;
  fs::directory_iterator it(dir, ec);
  if (ec) {
    out->problems.push_back(dir.string() + ": cannot read directory: " +
                            ec.message());
    return;
  }
  std::vector<fs::path> subdirs;
  for (; it != fs::directory_iterator(); it.increment(ec)) {
    const fs::path& p = it->path();
    if (it->is_directory(ec) && !it->is_symlink(ec)) {
      subdirs.push_back(p);
    } else if (it->is_regular_file(ec) && p.extension() == ".tern") {
      out->files.push_back(p.string());
    } else if (it->is_regular_file(ec) && p.extension() == ".expected") {
      fs::path tern = p;
      tern.replace_extension(".tern");
      if (!fs::exists(tern, ec)) {
        out->problems.push_back(p.string() + ": no " +
                                tern.filename().string() + " beside it");
      }
    }
  }
  if (ec) {
    out->problems.push_back(dir.string() + ": cannot read directory: " +
                            ec.message());
  }
  for (const fs::path& sub : subdirs) Walk(sub, out);
}

}  // namespace

std::optional<TernPaths> ExpandTernPaths(const std::vector<std::string>& args,
                                         std::string* why) {
  TernPaths out;
  for (const std::string& arg : args) {
    std::error_code ec;
    if (fs::is_directory(arg, ec)) {
      TernPaths found;
      Walk(arg, &found);
      std::sort(found.files.begin(), found.files.end());
      std::sort(found.problems.begin(), found.problems.end());
      out.files.insert(out.files.end(), found.files.begin(),
                       found.files.end());
      out.problems.insert(out.problems.end(), found.problems.begin(),
                          found.problems.end());
    } else if (fs::exists(arg, ec)) {
      out.files.push_back(arg);
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
