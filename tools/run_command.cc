// tern run [--tier=NAME] [--fuel=N] FILE

#include <unistd.h>

#include <cstdio>
#include <cstring>
#include <iostream>

#include "oracles/engine.h"
#include "runtime/fd_sink.h"
#include "runtime/outcome.h"
#include "tools/commands.h"
#include "tools/flush_on_signal.h"
#include "tools/source_files.h"

namespace tern {
namespace {

// The program's output cannot be written (/dev/full, a closed pipe): there
// is no point in running on.
[[noreturn]] void DieOfWriteError(int err) {
  std::string m = std::string("tern run: cannot write output: ") +
                  std::strerror(err) + "\n";
  [[maybe_unused]] ssize_t n = ::write(2, m.data(), m.size());
  ::_exit(kExitIoError);
}

}  // namespace

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
      std::string why;
      auto fuel = ParseCountFlag("fuel", value, 0, UINT64_MAX, &why);
      if (!fuel) {
        std::cerr << "tern run: " << why << "\n";
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
  FdSink sink(STDOUT_FILENO, FdSink::BufferingFor(STDOUT_FILENO),
              DieOfWriteError);
  FlushOnSignal flush_on_signal(&sink);
  limits.stream = &sink;
  Outcome o = RunSource(*engine, *source, limits);
  sink.Flush();
  if (o.error) {
    std::cerr << "error[" << ErrorKindName(o.error->kind) << "] " << path << ":"
              << o.error->pos.line << ":" << o.error->pos.col << ": "
              << o.error->message << "\n";
  } else if (o.status == Status::kInternalFault) {
    std::cerr << "internal fault [" << engine->name << "] " << path << ": "
              << o.fault << "\n";
  } else if (o.status == Status::kResourceExhausted) {
    std::cerr << "tern run: " << path << ": " << o.fault << "\n";
  }
  return ExitCodeFor(o);
}

}  // namespace tern
