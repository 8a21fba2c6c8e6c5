#ifndef TERN_FUZZ_RC_PROGRAM_H_
#define TERN_FUZZ_RC_PROGRAM_H_

// Generated programs for RapidCheck properties: RapidCheck makes the bytes,
// the program generator turns them into a program. Shrinking the bytes
// (shorter, smaller) shrinks the program towards the generator's defaults,
// the simplest choices.

#include <rapidcheck.h>

#include <ostream>

#include "fuzz/program_generator.h"

namespace tern::fuzz {

// Generated programs of RapidCheck's size (the bytes scale with it), at the
// full size of `options` (GeneratorOptions::swarm_size is ignored).
rc::Gen<GeneratedProgram> ArbitraryProgram(
    const GeneratorOptions& options = {});

// How RapidCheck shows a counterexample: the program text.
void showValue(const GeneratedProgram& program, std::ostream& os);

}  // namespace tern::fuzz

#endif  // TERN_FUZZ_RC_PROGRAM_H_
