#include "oracles/engine.h"

#include "runtime/front/front_end.h"
#include "runtime/interp/interpreter.h"

namespace tern {

const std::vector<Engine>& AllEngines() {
  static const std::vector<Engine> engines = {
      {"interp", &Interpret},
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
  CompileResult compiled = Compile(source);
  if (compiled.error) return StaticErrorOutcome(*compiled.error);
  return engine.run(*compiled.program, limits);
}

}  // namespace tern
