#ifndef TERN_TOOLS_ARTIFACT_H_
#define TERN_TOOLS_ARTIFACT_H_

// What a file given to `tern repro` / `tern reduce` is, and the program it
// stands for. A file is recognised, first rule that applies:
//  1. a sidecar beside it (`FILE.json`, or FILE's name with its extension
//     replaced by `.json`) naming its "target" (and optionally "fuel" and
//     "generator_version"): the target's input kind decides;
//  2. `--target=NAME` on the command line: likewise;
//  3. a name ending in `.tern`: Tern source;
//  4. a path with a directory named after a fuzz target
//     (corpus/interp_fuzzer/..., /tmp/work/escape_fuzzer/...): that target;
//  5. bytes the reader reads completely (valid UTF-8, balanced brackets)
//     and that contain at least one bracketed form: Tern source;
//  6. otherwise: generator input bytes of the default generator target.
// Generator bytes are decoded with this build's generator
// (fuzz/program_generator.h); a sidecar with another generator version is
// decoded anyway, with a warning.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "runtime/limits.h"

namespace tern {

enum class TargetInput : unsigned char { kSource, kGeneratorBytes };

struct FuzzTarget {
  std::string_view name;
  TargetInput input;
};

// Every fuzz target whose artifacts the tools understand.
const std::vector<FuzzTarget>& FuzzTargets();
const FuzzTarget* FindFuzzTarget(std::string_view name);
inline constexpr std::string_view kDefaultGeneratorTarget = "interp_fuzzer";

struct Artifact {
  std::string path;
  TargetInput input = TargetInput::kSource;
  std::string target;         // the fuzz target, when known
  std::string recognised_by;  // which rule applied, for the reader
  std::string source;         // the program (decoded for generator bytes)
  RunLimits limits;           // fuel: the generator's, the sidecar's, or 1e8
  std::vector<std::string> features;  // generator bytes: constructs used
  std::vector<std::string> swarm;     // generator bytes: features enabled
  std::vector<std::string> warnings;
};

// nullopt (and *why) when the file cannot be read or a sidecar is broken.
// `target` is --target (empty: none).
std::optional<Artifact> LoadArtifact(const std::string& path,
                                     std::string_view target,
                                     std::string* why);

// Decodes generator bytes the way artifact->target decodes them (the
// default generator target when it is empty): gc_fuzzer in the heap mode.
void DecodeGeneratorBytes(std::string_view bytes, Artifact* artifact);

}  // namespace tern

#endif  // TERN_TOOLS_ARTIFACT_H_
