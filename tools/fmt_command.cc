// tern fmt FILE: prints the canonical form of a program that parses.

#include <iostream>

#include "runtime/front/parser.h"
#include "runtime/front/printer.h"
#include "tools/commands.h"
#include "tools/source_files.h"

namespace tern {

int FmtCommand(const CliArgs& args) {
  if (!args.flags.empty() || args.positional.size() != 1) {
    std::cerr << "usage: tern fmt FILE\n";
    return kExitUsage;
  }
  const std::string& path = args.positional[0];
  std::string why;
  auto source = ReadFileBytes(path, &why);
  if (!source) {
    std::cerr << "tern fmt: " << why << "\n";
    return kExitNoInput;
  }
  auto parsed = ParseProgram(*source);
  if (parsed.error) {
    std::cerr << "error[" << ErrorKindName(parsed.error->kind) << "] " << path
              << ":" << parsed.error->pos.line << ":" << parsed.error->pos.col
              << ": " << parsed.error->message << "\n";
    return 2;
  }
  std::cout << PrintProgram(*parsed.program);
  return 0;
}

}  // namespace tern
