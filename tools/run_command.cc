// tern run [--tier=NAME] [--fuel=N] [--gc=full|gen] [--gc-stress=N]
//          [--gc-verify] [--gc-stats] [--census] FILE

#include <unistd.h>

#include <cstdio>
#include <cstring>
#include <iostream>
#include <optional>

#include "oracles/engine.h"
#include "runtime/fd_sink.h"
#include "runtime/outcome.h"
#include "runtime/vm/vm.h"
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
  const Engine* engine = FindEngine("vm");
  RunLimits limits;
  // GC flags (VM tiers only) adjust the chosen engine's heap options.
  bool gc_flags = false;
  vm::VmOptions gc;
  std::string gc_stats;
  std::optional<heap::GcMode> gc_mode;
  bool census = false;  // print the heap census of every (gc) on stderr
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
    } else if (name == "gc-stress") {
      auto every = ParseCount(value, 1, UINT32_MAX);
      if (!every) {
        std::cerr << "tern run: --gc-stress needs a count >= 1, got '"
                  << value << "'\n";
        return kExitUsage;
      }
      gc.gc.stress_every = static_cast<uint32_t>(*every);
      gc_flags = true;
    } else if (name == "gc") {
      if (value == "full") {
        gc_mode = heap::GcMode::kFull;
      } else if (value == "gen") {
        gc_mode = heap::GcMode::kGen;
      } else {
        std::cerr << "tern run: --gc needs full or gen, got '" << value
                  << "'\n";
        return kExitUsage;
      }
      gc_flags = true;
    } else if (name == "census" && value.empty()) {
      census = true;
    } else if (name == "gc-verify" && value.empty()) {
      gc.gc.verify = true;
      gc_flags = true;
    } else if (name == "gc-stats" && value.empty()) {
      gc.stats = &gc_stats;
      gc_flags = true;
    } else {
      std::cerr << "tern run: unknown flag --" << name << "\n";
      return kExitUsage;
    }
  }
  if (args.positional.size() != 1) {
    std::cerr << "usage: tern run [--tier=NAME] [--fuel=N] [--gc=full|gen] "
                 "[--gc-stress=N] [--gc-verify] [--gc-stats] [--census] "
                 "FILE\n";
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
  Outcome o;
  if (gc_flags) {
    std::optional<vm::VmOptions> options = vm::EngineOptions(engine->name);
    if (!options) {
      std::cerr << "tern run: --gc-* flags need a vm tier\n";
      return kExitUsage;
    }
    if (gc_mode) options->gc.mode = *gc_mode;
    if (gc.gc.stress_every != 0) options->gc.stress_every = gc.gc.stress_every;
    options->gc.verify |= gc.gc.verify;
    options->stats = gc.stats;
    o = RunSourceWith(*source, [&](const Program& program) {
      return vm::RunVm(program, limits, *options);
    });
  } else {
    o = RunSource(*engine, *source, limits);
  }
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
  if (census && !vm::EngineOptions(engine->name)) {
    std::cerr << "tern run: --census: engine " << engine->name
              << " has no GC, so no census\n";
  } else if (census && o.census) {
    for (const std::string& line : *o.census) std::cerr << line << "\n";
  }
  if (!gc_stats.empty()) std::cerr << gc_stats;
  return ExitCodeFor(o);
}

}  // namespace tern
