#include "oracles/engine.h"

#include "runtime/front/front_end.h"
#include "runtime/interp/interpreter.h"
#include "runtime/vm/vm.h"

namespace tern {

const std::vector<Engine>& AllEngines() {
  static const std::vector<Engine> engines = {
      {"interp", &Interpret},
      {"vm", &vm::RunVmDefault},
      {"vm-stress", &vm::RunVmStress},
      {"vm-verify", &vm::RunVmVerify},
  };
  return engines;
}

const Engine* FindEngine(std::string_view name) {
  for (const Engine& e : AllEngines()) {
    if (e.name == name) return &e;
  }
  return nullptr;
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

}  // namespace tern
