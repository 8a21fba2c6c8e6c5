#ifndef TERN_TESTS_ORACLES_FAKE_ENGINES_H_
#define TERN_TESTS_ORACLES_FAKE_ENGINES_H_

// Fake engines for the oracle tests: each shows one way a tier can go wrong.

#include <string>
#include <string_view>
#include <vector>

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

// GC engines: the interpreter's outcome with a census of one line; two
// engines that agree on the program but not on the heap.
inline Outcome WithCensus(const Program& p, const RunLimits& l,
                          std::string_view vecs) {
  Outcome o = Interp(p, l);
  o.census = std::vector<std::string>{
      "census: str 0/0 vec " + std::string(vecs) +
      " map 0/0 closure 0/0 | arena str 0/0 vec 0/0 map 0/0 closure 0/0"};
  return o;
}
inline Outcome CensusA(const Program& p, const RunLimits& l) {
  return WithCensus(p, l, "1/72");
}
inline Outcome CensusB(const Program& p, const RunLimits& l) {
  return WithCensus(p, l, "0/0");
}

}  // namespace tern::fake

#endif  // TERN_TESTS_ORACLES_FAKE_ENGINES_H_
