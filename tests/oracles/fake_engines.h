#ifndef TERN_TESTS_ORACLES_FAKE_ENGINES_H_
#define TERN_TESTS_ORACLES_FAKE_ENGINES_H_

// Fake engines for the oracle tests: each shows one way a tier can go wrong.

#include <string>

#include "oracles/engine.h"

namespace tern::fake {

inline Outcome Interp(const Program& p, const RunLimits& l) {
  return AllEngines().front().run(p, l);
}
inline Outcome WrongOutput(const Program& p, const RunLimits& l) {
  Outcome o = Interp(p, l);
  o.out += "extra\n";
  return o;
}
inline Outcome Faulting(const Program&, const RunLimits&) {
  Outcome o;
  o.status = Status::kInternalFault;
  o.fault = "heap verifier: dangling pointer";
  return o;
}
// Its value counts its calls: never the same outcome twice.
inline Outcome Nondeterministic(const Program& p, const RunLimits& l) {
  static int calls = 0;
  Outcome o = Interp(p, l);
  o.value = std::to_string(calls++);
  return o;
}

}  // namespace tern::fake

#endif  // TERN_TESTS_ORACLES_FAKE_ENGINES_H_
