#ifndef TERN_FUZZ_PROGRAM_GENERATOR_H_
#define TERN_FUZZ_PROGRAM_GENERATOR_H_

// Fuzz input bytes -> a valid Tern program: one that Compile accepts and
// that stops within the fuel it is generated with. It uses heap values,
// closures, defns (recursive and mutually recursive), arenas (including
// escapes only the run-time check can see) and, on purpose, every kind of
// runtime error. Shared by the libFuzzer targets and the RapidCheck
// properties (see rc_program.h).

#include <cstdint>
#include <span>
#include <string>
#include <string_view>

#include "fuzz/feature.h"
#include "runtime/limits.h"

namespace tern::fuzz {

// Bumped whenever the same bytes may decode to a different program, so that
// an artifact's sidecar tells whether this build reproduces it exactly.
inline constexpr int kGeneratorVersion = 3;

// The VM keeps strings of up to this many bytes inline in the value (no
// heap object). The generator and the source mutator write strings of
// lengths around it (cut-off - 1, cut-off, cut-off + 1) so that both sides
// of the boundary are exercised whichever exact cut-off the VM settles on.
inline constexpr int kInlineStringCutoff = 15;

struct GeneratorOptions {
  // Fuel of the runs: bounds the work of a program whose loops or calls the
  // generator cannot bound (deliberate out-of-fuel, closure call chains).
  uint64_t fuel = 20'000;
  int max_defns = 4;
  int max_top_forms = 6;
  // Expression and statement nodes per program, beyond which only leaves
  // are emitted.
  int node_budget = 600;
  // Write programs that may break the static arena rules (a block's
  // result, set! and stores drawn from inner arenas now and then): the
  // population of `tern escape-stats`, which measures how often the checker
  // rejects a program that never escapes at run time.
  bool relax_arena_rules = false;
  // The heap mode (gc_fuzzer): programs aimed at a collector rather than at
  // arithmetic. Besides everything the default mode writes, they build
  // deep and cyclic structures, give old objects young children, grow and
  // shrink vectors, delete most of a map, rebind closures' `mut` copies to
  // fresh heap values, hand heap references in and out of calls in nested
  // arenas, and call (gc) often so that the census samples the heap. The
  // default mode's programs do not change with this option's existence.
  bool heap = false;
  // Swarm testing of size: each program first draws a size class, most
  // of them small, some medium, a few at the full size the fields above
  // give (fuzzing wants many small, diverse programs: the time per program
  // is about its size, and the few big ones cost the most). A class caps
  // node_budget, max_top_forms, max_defns, the depth budget of top-level
  // defn calls and the fuel (which GeneratedProgram::limits carries, and so
  // every sidecar). Off: every program at the full size.
  bool swarm_size = true;
};

// The options gc_fuzzer decodes its input with: the heap mode, at full
// size (no swarm_size: its shapes need room), with less fuel than the
// default (every engine it runs verifies the heap at each
// collection and arena exit, which costs about the heap's capacity: a
// program looping over with-arena to its fuel of 25000 took 3.5 s).
GeneratorOptions HeapGeneratorOptions();

// The options the fuzz target `target` decodes its input with (so that
// `tern repro`, `show_program --target` and the campaign decode an artifact
// the way its target did): HeapGeneratorOptions() for gc_fuzzer, the
// defaults without swarm_size for escape_fuzzer, the defaults for every
// other target.
GeneratorOptions GeneratorOptionsFor(std::string_view target);

struct GeneratedProgram {
  std::string source;
  RunLimits limits;
  FeatureSet features;  // the constructs the source uses
  // Swarm testing: the constructs this program was allowed to use (a random
  // subset per program, so that rare combinations get explored).
  FeatureSet enabled;
  // How many of the input's bytes the generator read (the rest decide
  // nothing: mutating them cannot change the program).
  size_t bytes_used = 0;
};

GeneratedProgram GenerateProgram(std::span<const uint8_t> bytes,
                                 const GeneratorOptions& options = {});

}  // namespace tern::fuzz

#endif  // TERN_FUZZ_PROGRAM_GENERATOR_H_
