#ifndef TERN_ORACLES_GC_ENGINES_H_
#define TERN_ORACLES_GC_ENGINES_H_

// The engines with a garbage collector, found by what the engine list
// knows of them (the VM reports options for each of its engines,
// vm::EngineOptions), never by name: gc_fuzzer and the census properties
// run them, each with the heap verifier on.

#include <vector>

#include "oracles/engine.h"

namespace tern {

// Whether `engine` runs on a collected heap (and so records a census).
bool HasGc(const Engine& engine);

// The engines of `engines` that have a GC, in their order.
std::vector<Engine> GcEngines(const std::vector<Engine>& engines);

// `engine` (which has a GC) with the heap verifier before and after every
// collection and at every arena exit, whatever its own options say: the
// engine itself when it verifies already, else NAME+verify (engine.h).
Engine WithHeapVerifier(const Engine& engine);

// What gc_fuzzer runs: the first of `engines` when it has no GC (the
// reference interpreter by default: the outputs' ground truth), then every
// GC engine of `engines`, with the verifier on except in those that collect
// at every allocation: verifying the whole heap at every allocation is
// quadratic (6.6 s instead of 0.5 s on a generated program with 600
// objects), and those engines' point is the collections' timing, which
// the verifying engines see with the verifier. Empty when `engines` has
// no GC engine.
std::vector<Engine> GcOracleEngines(const std::vector<Engine>& engines);

}  // namespace tern

#endif  // TERN_ORACLES_GC_ENGINES_H_
