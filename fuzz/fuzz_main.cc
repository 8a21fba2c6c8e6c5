// The driver linked into every fuzz target outside the `fuzz` config: it
// feeds LLVMFuzzerTestOneInput each file named on the command line
// (directories recursively, in sorted order), so a fuzzer doubles as a
// regression test replaying its corpus. Arguments starting with `-` are
// libFuzzer flags and are ignored, so one command line suits both builds.

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <memory>
#include <string>
#include <system_error>
#include <vector>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size);

namespace {

namespace fs = std::filesystem;

// Appends the files under `arg` (or `arg` itself), sorted; false if `arg`
// names nothing readable.
bool Collect(const fs::path& arg, std::vector<fs::path>* files) {
  std::error_code ec;
  if (fs::is_directory(arg, ec)) {
    std::vector<fs::path> found;
    for (fs::recursive_directory_iterator
             it(arg, fs::directory_options::follow_directory_symlink, ec),
         end;
         !ec && it != end; it.increment(ec)) {
      if (fs::is_regular_file(it->path(), ec)) found.push_back(it->path());
    }
    if (ec) return false;
    std::sort(found.begin(), found.end());
    files->insert(files->end(), found.begin(), found.end());
    return true;
  }
  if (!fs::is_regular_file(arg, ec)) return false;
  files->push_back(arg);
  return true;
}

bool Read(const fs::path& path, std::vector<uint8_t>* bytes) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return false;
  bytes->assign(std::istreambuf_iterator<char>(in),
                std::istreambuf_iterator<char>());
  return !in.bad();
}

}  // namespace

int main(int argc, char** argv) {
  std::vector<fs::path> files;
  for (int i = 1; i < argc; ++i) {
    if (argv[i][0] == '-') continue;
    if (!Collect(argv[i], &files)) {
      std::fprintf(stderr, "%s: cannot read %s\n", argv[0], argv[i]);
      return 1;
    }
  }
  if (files.empty()) {
    std::fprintf(stderr,
                 "usage: %s FILE|DIR... (replays each input; found none)\n",
                 argv[0]);
    return 1;
  }
  for (const fs::path& file : files) {
    std::vector<uint8_t> bytes;
    if (!Read(file, &bytes)) {
      std::fprintf(stderr, "%s: cannot read %s\n", argv[0], file.c_str());
      return 1;
    }
    std::fprintf(stderr, "replaying %s (%zu bytes)\n", file.c_str(),
                 bytes.size());
    // An exactly sized copy, so that ASan sees any read past the end.
    const auto data = std::make_unique<uint8_t[]>(bytes.size());
    std::copy(bytes.begin(), bytes.end(), data.get());
    LLVMFuzzerTestOneInput(data.get(), bytes.size());
  }
  std::fprintf(stderr, "replayed %zu inputs\n", files.size());
  return 0;
}
