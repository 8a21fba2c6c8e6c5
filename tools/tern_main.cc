// The `tern` command line: run, check and format Tern programs.

#include <iostream>
#include <string>
#include <vector>

#include "tools/campaign_commands.h"
#include "tools/commands.h"

namespace {

constexpr char kUsage[] =
    "usage: tern COMMAND [ARGS]\n"
    "  run   [--tier=NAME] [--fuel=N] FILE   run a program\n"
    "  check [--fuel=N] [--verbose] FILE|DIR...\n"
    "        run programs on every tier and mode; compare outcomes with each\n"
    "        other and with NAME.expected beside NAME.tern\n"
    "  fmt   FILE                            print the canonical form\n"
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
    "fault;\n"
    "            check: 0 all passed, 1 some failed; 64 usage, 66 no input\n";

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::cerr << kUsage;
    return tern::kExitUsage;
  }
  std::string command = argv[1];
  tern::CliArgs args =
      tern::SplitArgs(std::vector<std::string>(argv + 2, argv + argc));
  if (command == "run") return tern::RunCommand(args);
  if (command == "check") return tern::CheckCommand(args);
  if (command == "fmt") return tern::FmtCommand(args);
  if (command == "repro") return tern::ReproCommand(args);
  if (command == "escape-stats") return tern::EscapeStatsCommand(args);
  const std::vector<std::string> rest(argv + 2, argv + argc);
  if (command == "reduce") return tern::ReduceCommand(rest);
  if (command == "fuzz") return tern::CampaignCommand("campaign.py", rest);
  if (command == "coverage") return tern::CampaignCommand("coverage.py", rest);
  if (command == "help" || command == "--help" || command == "-h") {
    std::cout << kUsage;
    return 0;
  }
  std::cerr << "tern: unknown command '" << command << "'\n" << kUsage;
  return tern::kExitUsage;
}
