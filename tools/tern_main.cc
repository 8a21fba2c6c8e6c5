// The `tern` command line: run, check, format, reproduce and reduce Tern
// programs.

#include <signal.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <iostream>
#include <new>
#include <string>
#include <vector>

#include "runtime/big_stack.h"
#include "runtime/outcome.h"
#include "tools/campaign_commands.h"
#include "tools/commands.h"

namespace {

constexpr char kUsage[] =
    "usage: tern COMMAND [ARGS]\n"
    "  run   [--tier=NAME] [--fuel=N] [--gc-stress=N] [--gc-verify]\n"
    "        [--gc-stats] FILE               run a program (default tier: vm)\n"
    "  check [--fuel=N] [--tiers=NAME,...] [--verbose] FILE|DIR...\n"
    "        run programs on every tier and mode; compare outcomes with each\n"
    "        other and with NAME.expected beside NAME.tern\n"
    "  fmt   FILE                            print the canonical form\n"
    "  fmt   -w FILE...                      rewrite files in canonical form\n"
    "  disasm FILE                           print the VM bytecode\n"
    "  repro [--json] [--engines=a,b] [--target=NAME] FILE...\n"
    "        reproduce a fuzz artifact or program on every engine\n"
    "  reduce FILE -o OUT [--test CMD] [--seconds=N] [--jobs=N] "
    "[--regression=NAME]\n"
    "        shrink a failing program, keeping how it fails\n"
    "  escape-stats [--programs=N] [--seed=S] [--json]\n"
    "        the arena checker's false-positive rate on generated programs\n"
    "  fuzz  [--targets=a,b] [--seconds=N] [--jobs=N] [--corpus-dir=DIR]\n"
    "        [--report=DIR]   a fuzz campaign (tern fuzz --help)\n"
    "  coverage [CORPUS...]  line coverage of the fuzz targets on a corpus\n"
    "exit codes: run: 0 ok, 1 runtime error, 2 static error, 3 internal "
    "fault,\n"
    "            4 out of memory; check: 0 all passed, 1 some failed;\n"
    "            64 usage, 66 no input, 74 output write error\n";

int Dispatch(const std::string& command, const std::vector<std::string>& raw) {
  // `reduce` reads its own arguments (`-o OUT`, `--test CMD`).
  if (command == "reduce") return tern::ReduceCommand(raw);
  const tern::CliArgs args = tern::SplitArgs(raw);
  if (command == "run") return tern::RunCommand(args);
  if (command == "check") return tern::CheckCommand(args);
  if (command == "fmt") return tern::FmtCommand(args);
  if (command == "repro") return tern::ReproCommand(args);
  if (command == "escape-stats") return tern::EscapeStatsCommand(args);
  if (command == "fuzz") return tern::CampaignCommand("campaign.py", raw);
  if (command == "coverage") return tern::CampaignCommand("coverage.py", raw);
  if (command == "disasm") return tern::DisasmCommand(args);
  if (command == "help" || command == "--help" || command == "-h") {
    std::cout << kUsage;
    return 0;
  }
  std::cerr << "tern: unknown command '" << command << "'\n" << kUsage;
  return tern::kExitUsage;
}

}  // namespace

int main(int argc, char** argv) {
  // A closed pipe is reported as a write error (EPIPE), not a silent death.
  signal(SIGPIPE, SIG_IGN);
  if (argc < 2) {
    std::cerr << kUsage;
    return tern::kExitUsage;
  }
  const std::string command = argv[1];
  int rc;
  try {
    rc = Dispatch(command, std::vector<std::string>(argv + 2, argv + argc));
  } catch (const tern::StackReservationError& e) {
    std::cerr << "tern " << command << ": " << e.what() << "\n";
    return tern::kExitResourceExhausted;
  } catch (const std::bad_alloc&) {
    std::cerr << "tern " << command << ": " << tern::kOutOfMemoryMessage
              << "\n";
    return tern::kExitResourceExhausted;
  }
  // What the command wrote to std::cout must have reached its file.
  errno = 0;
  std::cout.flush();
  int err = errno;
  if (std::fflush(stdout) != 0 && err == 0) err = errno;
  if (!std::cout || std::ferror(stdout)) {
    std::cerr << "tern " << command << ": cannot write output"
              << (err != 0 ? std::string(": ") + std::strerror(err) : "")
              << "\n";
    return tern::kExitIoError;
  }
  return rc;
}
