#include "oracles/engine.h"

#include <cstdio>
#include <cstdlib>
#include <deque>
#include <optional>
#include <string>
#include <utility>

#include "runtime/front/front_end.h"
#include "runtime/interp/interpreter.h"
#include "runtime/vm/compiler.h"
#include "runtime/vm/vm.h"

namespace tern {

namespace {

// The VM engines share one bytecode module per program, verified once:
// CompileModule depends on the program alone, the engines' options only on
// how it runs. Empty when the compiler refused the program.
Engine::Compiled CompileVmModule(const Program& program) {
  std::string why;
  std::optional<vm::Module> module = vm::CompileModule(program, &why);
  if (!module) return std::make_shared<const std::optional<vm::VerifiedModule>>();
  return std::make_shared<const std::optional<vm::VerifiedModule>>(
      std::in_place, std::move(*module));
}

// A VM engine running `options`; `run` is the same engine compiling for
// itself (vm::RunVm), which also reports a module the compiler refused.
Engine VmEngine(std::string name, Engine::Runner run,
                const vm::VmOptions& options) {
  Engine e(std::move(name), run);
  e.compile = &CompileVmModule;
  e.run_compiled = [options, run](const Program& program, const void* compiled,
                                  const RunLimits& limits) {
    const auto& module =
        *static_cast<const std::optional<vm::VerifiedModule>*>(compiled);
    if (!module) return run(program, limits);  // the compiler's own fault
    return vm::RunVerified(*module, limits, options);
  };
  return e;
}

Engine VmEngine(std::string name, Engine::RunFn run) {
  const vm::VmOptions options = *vm::EngineOptions(name);
  return VmEngine(std::move(name), Engine::Runner(run), options);
}

}  // namespace

const std::vector<Engine>& AllEngines() {
  static const std::vector<Engine> engines = {
      {"interp", &Interpret},
      VmEngine("vm", &vm::RunVmDefault),
      VmEngine("vm-stress", &vm::RunVmStress),
      VmEngine("vm-verify", &vm::RunVmVerify),
      VmEngine("vm-gen", &vm::RunVmGen),
      VmEngine("vm-gen-stress", &vm::RunVmGenStress),
  };
  return engines;
}

bool SharedCompilation::WouldCompile(const Engine& engine) const {
  if (engine.compile == nullptr) return false;
  for (const auto& [fn, compiled] : made_) {
    if (fn == engine.compile) return false;
  }
  return true;
}

const void* SharedCompilation::CompiledFor(const Engine& engine) {
  if (engine.compile == nullptr) return nullptr;
  for (const auto& [fn, compiled] : made_) {
    if (fn == engine.compile) return compiled.get();
  }
  made_.emplace_back(engine.compile, engine.compile(program_));
  return made_.back().second.get();
}

Outcome SharedCompilation::Run(const Engine& engine, const RunLimits& limits) {
  if (engine.compile == nullptr || !engine.run_compiled) {
    return engine.run(program_, limits);
  }
  return engine.run_compiled(program_, CompiledFor(engine), limits);
}

namespace {

constexpr std::string_view kVerifySuffix = "+verify";

// NAME+verify engines, made when first named; a deque keeps them in place.
const Engine* VerifiedEngine(std::string_view name) {
  static std::deque<Engine> made;
  if (!name.ends_with(kVerifySuffix)) return nullptr;
  for (const Engine& e : made) {
    if (e.name == name) return &e;
  }
  const std::string base(name.substr(0, name.size() - kVerifySuffix.size()));
  std::optional<vm::VmOptions> options = vm::EngineOptions(base);
  if (!options || options->gc.verify) return nullptr;
  options->gc.verify = true;
  made.push_back(VmEngine(std::string(name),
                          [verified = *options](const Program& program,
                                                const RunLimits& limits) {
                            return vm::RunVm(program, limits, verified);
                          },
                          *options));
  return &made.back();
}

}  // namespace

const Engine* FindEngine(std::string_view name) {
  for (const Engine& e : AllEngines()) {
    if (e.name == name) return &e;
  }
  return VerifiedEngine(name);
}

static Outcome StaticErrorOutcome(const Error& error) {
  Outcome o;
  o.status = Status::kStaticError;
  o.error = error;
  return o;
}

Outcome RunSource(const Engine& engine, std::string_view source,
                  const RunLimits& limits) {
  return RunSourceWith(source, [&](const Program& program) {
    return engine.run(program, limits);
  });
}

Outcome RunSourceWith(std::string_view source,
                      const std::function<Outcome(const Program&)>& run) {
  CompileResult compiled = Compile(source);
  if (compiled.error) return StaticErrorOutcome(*compiled.error);
  return run(*compiled.program);
}

// ---- TERN_ENGINES ---------------------------------------------------------

namespace {

std::vector<Engine>& ExtraEngines() {
  static std::vector<Engine> extra;
  return extra;
}

// "a, b" -> {"a", "b"}; "" -> {}; "a," -> {"a", ""} (an error later).
std::vector<std::string_view> SplitNames(std::string_view spec) {
  std::vector<std::string_view> names;
  if (spec.find_first_not_of(' ') == std::string_view::npos) return names;
  for (;;) {
    const size_t comma = spec.find(',');
    std::string_view name = spec.substr(0, comma);
    while (!name.empty() && name.front() == ' ') name.remove_prefix(1);
    while (!name.empty() && name.back() == ' ') name.remove_suffix(1);
    names.push_back(name);
    if (comma == std::string_view::npos) return names;
    spec.remove_prefix(comma + 1);
  }
}

std::string KnownNames(const std::vector<const Engine*>& known) {
  std::string list;
  for (const Engine* e : known) list += (list.empty() ? "" : ", ") + e->name;
  return list;
}

}  // namespace

bool RegisterExtraEngine(Engine engine) {
  ExtraEngines().push_back(std::move(engine));
  return true;
}

EngineSelection SelectEngines(std::string_view spec) {
  std::vector<const Engine*> known;
  for (const Engine& e : AllEngines()) known.push_back(&e);
  for (const Engine& e : ExtraEngines()) known.push_back(&e);
  EngineSelection result;
  const std::vector<std::string_view> names = SplitNames(spec);
  if (names.empty()) {
    result.engines = AllEngines();
    return result;
  }
  auto fail = [&](const std::string& why) {
    result.engines.clear();
    result.error = "TERN_ENGINES=" + std::string(spec) + ": " + why +
                   " (known engines: " + KnownNames(known) + ")";
    return result;
  };
  // Exclusions start from the default set; names start from nothing.
  const bool excluding = names.front().starts_with('-');
  std::vector<bool> chosen(known.size(), false);
  for (size_t i = 0; excluding && i < AllEngines().size(); ++i) {
    chosen[i] = true;
  }
  std::vector<bool> named(known.size(), false);
  for (std::string_view name : names) {
    const bool exclude = name.starts_with('-');
    if (exclude != excluding) {
      return fail("mixes names and -exclusions");
    }
    if (exclude) name.remove_prefix(1);
    if (name.empty()) return fail("has an empty name");
    size_t i = 0;
    while (i < known.size() && known[i]->name != name) ++i;
    if (i == known.size() && !exclude) {
      if (const Engine* verified = VerifiedEngine(name)) {
        known.push_back(verified);
        chosen.push_back(false);
        named.push_back(false);
      }
    }
    if (i == known.size()) {
      return fail("unknown engine '" + std::string(name) + "'");
    }
    if (named[i]) return fail("names '" + std::string(name) + "' twice");
    named[i] = true;
    chosen[i] = !exclude;
  }
  for (size_t i = 0; i < known.size(); ++i) {
    if (chosen[i]) result.engines.push_back(*known[i]);
  }
  if (result.engines.empty()) return fail("leaves no engine");
  return result;
}

const std::vector<Engine>& SelectedEngines() {
  static const std::vector<Engine> selected = [] {
    const char* spec = std::getenv("TERN_ENGINES");
    EngineSelection s = SelectEngines(spec == nullptr ? "" : spec);
    if (!s.error.empty()) {
      std::fprintf(stderr, "tern: %s\n", s.error.c_str());
      std::exit(64);
    }
    return s.engines;
  }();
  return selected;
}

}  // namespace tern
