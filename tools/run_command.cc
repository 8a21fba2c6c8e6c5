// tern run [--tier=NAME] [--fuel=N] FILE

#include <cstdio>
#include <iostream>

#include "oracles/engine.h"
#include "runtime/outcome.h"
#include "tools/commands.h"
#include "tools/source_files.h"

namespace tern {

int RunCommand(const CliArgs& args) {
  const Engine* engine = &AllEngines().front();
  RunLimits limits;
  for (const auto& [name, value] : args.flags) {
    if (name == "tier") {
      engine = FindEngine(value);
      if (!engine) {
        std::cerr << "tern run: unknown tier '" << value << "' (have:";
        for (const Engine& e : AllEngines()) std::cerr << " " << e.name;
        std::cerr << ")\n";
        return kExitUsage;
      }
    } else if (name == "fuel") {
      auto fuel = ParseCount(value, 0, UINT64_MAX);
      if (!fuel) {
        std::cerr << "tern run: --fuel needs a whole number, got '" << value
                  << "'\n";
        return kExitUsage;
      }
      limits.fuel = *fuel;
    } else {
      std::cerr << "tern run: unknown flag --" << name << "\n";
      return kExitUsage;
    }
  }
  if (args.positional.size() != 1) {
    std::cerr << "usage: tern run [--tier=NAME] [--fuel=N] FILE\n";
    return kExitUsage;
  }
  const std::string& path = args.positional[0];
  std::string why;
  auto source = ReadFileBytes(path, &why);
  if (!source) {
    std::cerr << "tern run: " << why << "\n";
    return kExitNoInput;
  }
  Outcome o = RunSource(*engine, *source, limits);
  std::fwrite(o.out.data(), 1, o.out.size(), stdout);
  std::fflush(stdout);
  if (o.error) {
    std::cerr << "error[" << ErrorKindName(o.error->kind) << "] " << path << ":"
              << o.error->pos.line << ":" << o.error->pos.col << ": "
              << o.error->message << "\n";
  } else if (o.status == Status::kInternalFault) {
    std::cerr << "internal fault [" << engine->name << "] " << path << ": "
              << o.fault << "\n";
  }
  return ExitCodeFor(o);
}

}  // namespace tern
