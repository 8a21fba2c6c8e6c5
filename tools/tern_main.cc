// The `tern` command line: run, check and format Tern programs.

#include <iostream>
#include <string>
#include <vector>

#include "tools/commands.h"

namespace {

constexpr char kUsage[] =
    "usage: tern COMMAND [ARGS]\n"
    "  run   [--tier=NAME] [--fuel=N] [--gc-stress=N] [--gc-verify]\n"
    "        [--gc-stats] FILE               run a program (default tier: vm)\n"
    "  check [--fuel=N] [--verbose] FILE|DIR...\n"
    "        run programs on every tier and mode; compare outcomes with each\n"
    "        other and with NAME.expected beside NAME.tern\n"
    "  fmt   FILE                            print the canonical form\n"
    "  disasm FILE                           print the VM bytecode\n"
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
  if (command == "disasm") return tern::DisasmCommand(args);
  if (command == "help" || command == "--help" || command == "-h") {
    std::cout << kUsage;
    return 0;
  }
  std::cerr << "tern: unknown command '" << command << "'\n" << kUsage;
  return tern::kExitUsage;
}
