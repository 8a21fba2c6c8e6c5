// A deliberately broken engine, for the campaign test only: it runs the
// reference engine and then mis-computes the output, printing every digit 7
// as 8 (a wrong constant fold, say). It is linked only
// into this directory's test binaries and runs only when TERN_ENGINES names
// it ("planted-bug"): the campaign must find, deduplicate, reduce and report
// it.

#include <algorithm>

#include "oracles/engine.h"

namespace {

tern::Outcome PlantedBug(const tern::Program& program,
                         const tern::RunLimits& limits) {
  tern::Outcome o = tern::AllEngines().front().run(program, limits);
  // Branches on the output give libFuzzer's coverage something to climb.
  if (o.out.find('7') != std::string::npos) {
    std::replace(o.out.begin(), o.out.end(), '7', '8');
  }
  return o;
}

const bool kRegistered = tern::RegisterExtraEngine({"planted-bug", &PlantedBug});

}  // namespace
