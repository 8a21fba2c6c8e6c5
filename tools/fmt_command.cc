// tern fmt FILE: prints the canonical form of a program that parses.
// tern fmt -w FILE...: rewrites each file in place, atomically.

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <iostream>

#include "runtime/front/comments.h"
#include "runtime/front/parser.h"
#include "runtime/front/printer.h"
#include "tools/commands.h"
#include "tools/source_files.h"

namespace tern {
namespace {

std::string Reason() { return std::strerror(errno); }

// Formats the file at `path` into `sink` (the whole text, or nothing);
// false after reporting why on stderr, *rc then being the exit code.
bool Format(const std::string& path, int* rc, const TextSink& sink) {
  std::string why;
  auto source = ReadFileBytes(path, &why);
  if (!source) {
    std::cerr << "tern fmt: " << why << "\n";
    *rc = kExitNoInput;
    return false;
  }
  auto parsed = ParseProgram(*source);
  if (parsed.error) {
    std::cerr << "error[" << ErrorKindName(parsed.error->kind) << "] " << path
              << ":" << parsed.error->pos.line << ":" << parsed.error->pos.col
              << ": " << parsed.error->message << "\n";
    *rc = 2;
    return false;
  }
  const SourceComments comments = SourceComments::Scan(*source);
  PrintProgram(*parsed.program, &comments, sink);
  return true;
}

std::optional<std::string> Format(const std::string& path, int* rc) {
  std::string text;
  if (!Format(path, rc, [&](std::string_view s) { text.append(s); })) {
    return std::nullopt;
  }
  return text;
}

// Replaces the file's contents by `text` atomically: a temporary file in the
// same directory, written and synced, then renamed over it (keeping the
// file's permission bits). On failure the file is left as it was.
bool ReplaceFile(const std::string& path, const std::string& text,
                 std::string* why) {
  struct stat st;
  if (::stat(path.c_str(), &st) != 0) {
    *why = "cannot stat " + path + ": " + Reason();
    return false;
  }
  std::string tmp = path + ".tern-fmt-XXXXXX";
  const int fd = ::mkstemp(tmp.data());
  if (fd < 0) {
    *why = "cannot create a temporary file beside " + path + ": " + Reason();
    return false;
  }
  auto fail = [&](const std::string& what) {
    *why = what + ": " + Reason();
    ::close(fd);
    ::unlink(tmp.c_str());
    return false;
  };
  for (size_t done = 0; done < text.size();) {
    const ssize_t n = ::write(fd, text.data() + done, text.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) return fail("cannot write " + tmp);
    done += static_cast<size_t>(n);
  }
  if (::fchmod(fd, st.st_mode & 07777) != 0) return fail("cannot chmod " + tmp);
  if (::fsync(fd) != 0) return fail("cannot sync " + tmp);
  if (::close(fd) != 0) {
    *why = "cannot close " + tmp + ": " + Reason();
    ::unlink(tmp.c_str());
    return false;
  }
  if (::rename(tmp.c_str(), path.c_str()) != 0) {
    *why = "cannot rename " + tmp + " to " + path + ": " + Reason();
    ::unlink(tmp.c_str());
    return false;
  }
  return true;
}

}  // namespace

int FmtCommand(const CliArgs& args) {
  bool in_place = false;
  std::vector<std::string> files;
  for (const std::string& p : args.positional) {
    if (p == "-w" && files.empty() && !in_place) {
      in_place = true;
    } else {
      files.push_back(p);
    }
  }
  if (!args.flags.empty() || files.empty() || (!in_place && files.size() != 1)) {
    std::cerr << "usage: tern fmt FILE | tern fmt -w FILE...\n";
    return kExitUsage;
  }
  if (!in_place) {
    // Streamed: the output is never held whole.
    int rc = 0;
    Format(files[0], &rc, [](std::string_view s) { std::cout << s; });
    return rc;
  }
  int worst = 0;
  for (const std::string& path : files) {
    int rc = 0;
    auto text = Format(path, &rc);
    if (!text) {
      worst = worst == 0 ? rc : worst;
      continue;
    }
    std::string why;
    if (!ReplaceFile(path, *text, &why)) {
      std::cerr << "tern fmt: " << why << "\n";
      worst = worst == 0 ? kExitIoError : worst;
    }
  }
  return worst;
}

}  // namespace tern
