#include "oracles/gc_engines.h"

#include <optional>

#include "runtime/vm/vm.h"

namespace tern {

bool HasGc(const Engine& engine) {
  return vm::EngineOptions(engine.name).has_value();
}

std::vector<Engine> GcEngines(const std::vector<Engine>& engines) {
  std::vector<Engine> out;
  for (const Engine& e : engines) {
    if (HasGc(e)) out.push_back(e);
  }
  return out;
}

Engine WithHeapVerifier(const Engine& engine) {
  if (vm::EngineOptions(engine.name)->gc.verify) return engine;
  return *FindEngine(engine.name + "+verify");
}

std::vector<Engine> GcOracleEngines(const std::vector<Engine>& engines) {
  std::vector<Engine> out;
  for (const Engine& e : GcEngines(engines)) {
    const bool every_allocation = vm::EngineOptions(e.name)->gc.stress_every == 1;
    out.push_back(every_allocation ? e : WithHeapVerifier(e));
  }
  if (out.empty()) return out;
  if (!HasGc(engines.front())) out.insert(out.begin(), engines.front());
  return out;
}

}  // namespace tern
