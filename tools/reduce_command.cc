// tern reduce FILE -o OUT [--test CMD] [--seconds=N] [--jobs=N]
//             [--engines=a,b] [--target=NAME] [--fuel=N] [--timeout=S]
//             [--regression=NAME [--description=TEXT] [--root=DIR]] [--quiet]
//
// Shrinks a failing program (a Tern source file or a generator-bytes
// artifact, recognised as by `tern repro`; bytes are decoded first) to a
// small one that still fails with the same signature (tools/finding.h), or,
// with --test, that CMD still finds interesting: CMD runs through /bin/sh
// with the candidate's path appended, and exit status 0 means interesting.
// --regression=NAME also writes corpus/regressions/NAME.tern and .expected
// (the reference engine's outcome) and adds NAME's line to its README.

#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>

#include "runtime/front/front_end.h"
#include "tools/artifact.h"
#include "tools/commands.h"
#include "tools/finding.h"
#include "tools/isolated_run.h"
#include "tools/reducer.h"

namespace tern {
namespace {

namespace fs = std::filesystem;

constexpr char kUsage[] =
    "usage: tern reduce FILE -o OUT [--test CMD] [--seconds=N] [--jobs=N]\n"
    "         [--engines=a,b] [--target=NAME] [--fuel=N] [--timeout=S]\n"
    "         [--regression=NAME [--description=TEXT] [--root=DIR]] "
    "[--quiet]\n";

// `-o X`, `--test X` and the like as `--output=X`, `--test=X`.
std::vector<std::string> Normalise(const std::vector<std::string>& raw) {
  static const char* kTakesValue[] = {"--test", "--seconds", "--jobs",
                                      "--engines", "--target", "--fuel",
                                      "--timeout", "--regression",
                                      "--description", "--root", "--output"};
  std::vector<std::string> out;
  for (size_t i = 0; i < raw.size(); ++i) {
    std::string a = raw[i] == "-o" ? "--output" : raw[i];
    bool takes = false;
    for (const char* f : kTakesValue) takes |= a == f;
    if (takes && i + 1 < raw.size()) {
      out.push_back(a + "=" + raw[++i]);
    } else {
      out.push_back(a);
    }
  }
  return out;
}

// Runs `sh -c 'CMD "$1"' tern-reduce FILE` with a wall-clock limit; true
// iff it exits with 0.
bool RunTest(const std::string& command, const std::string& file,
             int timeout_seconds) {
  std::fflush(nullptr);
  const pid_t pid = fork();
  if (pid < 0) return false;
  if (pid == 0) {
    setpgid(0, 0);
    const std::string script = command + " \"$1\"";
    execl("/bin/sh", "sh", "-c", script.c_str(), "tern-reduce", file.c_str(),
          static_cast<char*>(nullptr));
    _exit(127);
  }
  int status = 0;
  for (int waited_ms = 0;; ++waited_ms) {
    pid_t r = waitpid(pid, &status, WNOHANG);
    if (r == pid) break;
    if (r < 0 && errno != EINTR) return false;
    if (waited_ms >= timeout_seconds * 1000) {
      kill(-pid, SIGKILL);
      kill(pid, SIGKILL);
      waitpid(pid, &status, 0);
      return false;
    }
    usleep(waited_ms < 20 ? 100 : 1000);
  }
  return WIFEXITED(status) && WEXITSTATUS(status) == 0;
}

std::optional<fs::path> FindRoot(const std::string& given) {
  if (!given.empty()) return fs::path(given);
  if (const char* ws = std::getenv("BUILD_WORKSPACE_DIRECTORY")) return fs::path(ws);
  std::error_code ec;
  for (fs::path p = fs::current_path(ec); !p.empty(); p = p.parent_path()) {
    if (fs::exists(p / "WORKSPACE", ec) && fs::is_directory(p / "corpus", ec))
      return p;
    if (p == p.parent_path()) break;
  }
  return std::nullopt;
}

bool WriteFile(const fs::path& path, const std::string& bytes, std::string* why) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << bytes;
  if (!out) {
    *why = "cannot write " + path.string();
    return false;
  }
  return true;
}

// corpus/regressions/NAME.{tern,expected} and the README line.
bool WriteRegression(const fs::path& root, const std::string& name,
                     const std::string& description, const std::string& source,
                     const RunLimits& limits, std::string* why) {
  for (char c : name) {
    if (!(isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '-')) {
      *why = "--regression NAME may hold only letters, digits, _ and -";
      return false;
    }
  }
  const fs::path dir = root / "corpus" / "regressions";
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) {
    *why = "no directory " + dir.string();
    return false;
  }
  if (fs::exists(dir / (name + ".tern"), ec)) {
    *why = (dir / (name + ".tern")).string() + " exists already";
    return false;
  }
  std::string one_line = description;
  for (char& c : one_line) {
    if (c == '\n' || c == '\r') c = ' ';
  }
  // The comment line is part of the program: positions count it.
  const std::string program = "; " + name + ": " + one_line + "\n" + source;
  const Engine& reference = AllEngines().front();
  IsolatedRun run = RunEngineIsolated(reference, program, limits, 60);
  if (run.end != IsolatedRun::End::kOutcome) {
    *why = "the reference engine " + reference.name +
           " does not finish on the reduced program: write its .expected by "
           "hand";
    return false;
  }
  std::string expected = FormatOutcome(run.outcome);
  if (limits.fuel != kDefaultFuel) {
    expected.insert(expected.find("stdout:\n"),
                    "fuel: " + std::to_string(limits.fuel) + "\n");
  }
  if (!WriteFile(dir / (name + ".tern"), program, why) ||
      !WriteFile(dir / (name + ".expected"), expected, why))
    return false;
  std::ofstream readme(dir / "README.md", std::ios::app);
  readme << "- `" << name << "`: " << one_line << "\n";
  if (!readme) {
    *why = "cannot append to " + (dir / "README.md").string();
    return false;
  }
  std::cerr << "tern reduce: wrote " << (dir / (name + ".tern")).string()
            << " and .expected (the " << reference.name
            << " outcome: check that it is the right one)\n";
  return true;
}

}  // namespace

int ReduceCommand(const std::vector<std::string>& raw) {
  const CliArgs args = SplitArgs(Normalise(raw));
  std::string output, test, engines, target, regression, description, root;
  double seconds = 300;
  int jobs = 1, timeout = 30;
  bool quiet = false;
  std::optional<uint64_t> fuel;
  for (const auto& flag : args.flags) {
    const std::string& name = flag.first;
    const std::string& value = flag.second;
    auto count = [&](uint64_t min, uint64_t max) {
      auto n = ParseCount(value, min, max);
      if (!n) std::cerr << "tern reduce: --" << name << " needs a whole number\n";
      return n;
    };
    if (name == "output") output = value;
    else if (name == "test") test = value;
    else if (name == "engines") engines = value;
    else if (name == "target") target = value;
    else if (name == "regression") regression = value;
    else if (name == "description") description = value;
    else if (name == "root") root = value;
    else if (name == "quiet" && value.empty()) quiet = true;
    else if (name == "seconds" || name == "jobs" || name == "timeout" ||
             name == "fuel") {
      auto n = count(name == "fuel" ? 0 : 1,
                     name == "fuel" ? UINT64_MAX : name == "jobs" ? 256 : 86400);
      if (!n) return kExitUsage;
      if (name == "seconds") seconds = static_cast<double>(*n);
      if (name == "jobs") jobs = static_cast<int>(*n);
      if (name == "timeout") timeout = static_cast<int>(*n);
      if (name == "fuel") fuel = *n;
    } else {
      std::cerr << "tern reduce: unknown flag --" << name << "\n" << kUsage;
      return kExitUsage;
    }
  }
  if (args.positional.size() != 1 || (output.empty() && regression.empty())) {
    std::cerr << kUsage;
    return kExitUsage;
  }
  std::string why;
  auto chosen = SelectEngines(engines, &why);
  if (!chosen) {
    std::cerr << "tern reduce: " << why << "\n";
    return kExitUsage;
  }
  std::optional<Artifact> artifact = LoadArtifact(args.positional[0], target, &why);
  if (!artifact) {
    std::cerr << "tern reduce: " << why << "\n";
    return kExitNoInput;
  }
  if (fuel) artifact->limits.fuel = *fuel;
  const RunLimits limits = artifact->limits;
  const bool generated = artifact->input == TargetInput::kGeneratorBytes;

  // Where --test candidates are written: one file per parallel job slot is
  // not needed, since each test runs in its own process: a file per pid.
  char dir_template[] = "/tmp/tern-reduce-XXXXXX";
  const char* tmp = mkdtemp(dir_template);
  if (!tmp) {
    std::cerr << "tern reduce: cannot make a temporary directory\n";
    return kExitNoInput;
  }
  const std::string tmpdir = tmp;

  std::string signature;
  reduce::Interesting interesting;
  if (!test.empty()) {
    interesting = [&](const std::string& candidate) {
      const std::string file =
          tmpdir + "/candidate-" + std::to_string(getpid()) + ".tern";
      std::string ignored;
      if (!WriteFile(file, candidate, &ignored)) return false;
      const bool yes = RunTest(test, file, timeout);
      std::remove(file.c_str());
      return yes;
    };
  } else {
    signature = RunEverywhere(artifact->source, limits, *chosen, generated,
                              timeout)
                    .signature;
    if (signature.empty()) {
      std::cerr << "tern reduce: " << args.positional[0]
                << " does not fail (every engine agrees): nothing to reduce; "
                   "give --test CMD for another notion of failure\n";
      fs::remove_all(tmpdir);
      return kExitCheckFailed;
    }
    interesting = [&](const std::string& candidate) {
      return RunEverywhere(candidate, limits, *chosen, generated, timeout)
                 .signature == signature;
    };
  }

  reduce::Options options;
  options.seconds = seconds;
  options.jobs = jobs;
  options.require_compiles = !Compile(artifact->source).error;
  const bool tty = isatty(STDERR_FILENO);
  const size_t lines_before = reduce::CountLines(artifact->source);
  if (!quiet) {
    std::cerr << "tern reduce: " << args.positional[0] << " ("
              << lines_before << " lines, " << artifact->source.size()
              << " bytes), keeping "
              << (test.empty() ? "the signature: " + signature
                               : "`" + test + "` interesting")
              << "\n";
    options.progress = [&](const reduce::Progress& p) {
      char line[200];
      std::snprintf(line, sizeof line,
                    "%6.1fs  %6zu tests  %5zu kept  %7zu bytes  %5zu lines",
                    p.seconds, p.tests, p.accepted, p.bytes, p.lines);
      if (tty) std::cerr << "\r" << line << (p.done ? "\n" : "") << std::flush;
      else if (p.done || p.accepted % 20 == 0) std::cerr << line << "\n";
    };
  }
  reduce::Result result = reduce::Reduce(artifact->source, interesting, options);
  fs::remove_all(tmpdir);
  if (!result.original_interesting) {
    std::cerr << "tern reduce: the original is not interesting"
              << (test.empty() ? " (its signature changed between runs: flaky?)"
                               : ": `" + test + "` does not exit 0 on it")
              << "\n";
    return kExitCheckFailed;
  }
  if (!quiet) {
    std::cerr << "tern reduce: " << lines_before << " -> "
              << result.progress.lines << " lines, "
              << artifact->source.size() << " -> " << result.source.size()
              << " bytes in " << result.progress.seconds << " s ("
              << result.progress.tests << " tests)\n";
  }
  if (!output.empty() && !WriteFile(output, result.source, &why)) {
    std::cerr << "tern reduce: " << why << "\n";
    return kExitNoInput;
  }
  if (!regression.empty()) {
    std::optional<fs::path> r = FindRoot(root);
    if (!r) {
      std::cerr << "tern reduce: cannot find the repository (give --root)\n";
      return kExitNoInput;
    }
    if (description.empty())
      description = test.empty() ? signature : "reduced with `" + test + "`";
    if (!WriteRegression(*r, regression, description, result.source, limits,
                         &why)) {
      std::cerr << "tern reduce: " << why << "\n";
      return kExitNoInput;
    }
  }
  return 0;
}

}  // namespace tern
