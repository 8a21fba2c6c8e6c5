// tern disasm FILE: the VM's bytecode for a program (runtime/vm/).

#include <iostream>

#include "runtime/front/front_end.h"
#include "runtime/vm/compiler.h"
#include "runtime/vm/disassembler.h"
#include "tools/commands.h"
#include "tools/source_files.h"

namespace tern {

int DisasmCommand(const CliArgs& args) {
  if (!args.flags.empty() || args.positional.size() != 1) {
    std::cerr << "usage: tern disasm FILE\n";
    return kExitUsage;
  }
  const std::string& path = args.positional[0];
  std::string why;
  auto source = ReadFileBytes(path, &why);
  if (!source) {
    std::cerr << "tern disasm: " << why << "\n";
    return kExitNoInput;
  }
  CompileResult compiled = Compile(*source);
  if (compiled.error) {
    std::cerr << "error[" << ErrorKindName(compiled.error->kind) << "] "
              << path << ":" << compiled.error->pos.line << ":"
              << compiled.error->pos.col << ": " << compiled.error->message
              << "\n";
    return 2;
  }
  auto module = vm::CompileModule(*compiled.program, &why);
  if (!module) {
    std::cerr << "internal fault [vm] " << path << ": " << why << "\n";
    return 3;
  }
  std::cout << vm::Disassemble(*module);
  return 0;
}

}  // namespace tern
