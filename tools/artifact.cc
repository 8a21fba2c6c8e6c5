#include "tools/artifact.h"

#include <filesystem>
#include <system_error>

#include "fuzz/program_generator.h"
#include "runtime/front/reader.h"
#include "tools/json.h"
#include "tools/source_files.h"

namespace tern {
namespace {

namespace fs = std::filesystem;

std::vector<std::string> Names(const fuzz::FeatureSet& set) {
  std::vector<std::string> out;
  for (size_t i = 0; i < fuzz::kFeatureCount; ++i) {
    const auto f = static_cast<fuzz::Feature>(i);
    if (set.Has(f)) out.emplace_back(fuzz::FeatureName(f));
  }
  return out;
}

// Rule 5: the reader takes the whole file and finds a bracketed form.
bool LooksLikeSource(std::string_view bytes) {
  Reader reader(bytes);
  bool bracketed = false;
  for (;;) {
    Datum d;
    Error e;
    switch (reader.Next(&d, &e)) {
      case Reader::Status::kDatum:
        if (d.kind != Datum::Kind::kAtom) bracketed = true;
        break;
      case Reader::Status::kEnd: return bracketed;
      case Reader::Status::kError: return false;
    }
  }
}

std::optional<std::string> SidecarPath(const std::string& path) {
  std::error_code ec;
  for (fs::path p : {fs::path(path + ".json"),
                     fs::path(path).replace_extension(".json")}) {
    if (p != fs::path(path) && fs::is_regular_file(p, ec)) return p.string();
  }
  return std::nullopt;
}

}  // namespace

const std::vector<FuzzTarget>& FuzzTargets() {
  static const std::vector<FuzzTarget> targets = {
      {"parse_fuzzer", TargetInput::kSource},
      {"source_fuzzer", TargetInput::kSource},
      {"interp_fuzzer", TargetInput::kGeneratorBytes},
      {"diff_fuzzer", TargetInput::kGeneratorBytes},
      {"escape_fuzzer", TargetInput::kGeneratorBytes},
      {"gc_fuzzer", TargetInput::kGeneratorBytes},
  };
  return targets;
}

const FuzzTarget* FindFuzzTarget(std::string_view name) {
  for (const FuzzTarget& t : FuzzTargets()) {
    if (t.name == name) return &t;
  }
  return nullptr;
}

void DecodeGeneratorBytes(std::string_view bytes, Artifact* a) {
  const auto* data = reinterpret_cast<const uint8_t*>(bytes.data());
  const fuzz::GeneratedProgram program = fuzz::GenerateProgram(
      std::span<const uint8_t>(data, bytes.size()),
      fuzz::GeneratorOptionsFor(a->target.empty() ? kDefaultGeneratorTarget
                                                  : a->target));
  a->source = program.source;
  a->limits = program.limits;
  a->features = Names(program.features);
  a->swarm = Names(program.enabled);
}

std::optional<Artifact> LoadArtifact(const std::string& path,
                                     std::string_view target,
                                     std::string* why) {
  std::optional<std::string> bytes = ReadFileBytes(path, why);
  if (!bytes) return std::nullopt;
  Artifact a;
  a.path = path;
  std::optional<uint64_t> sidecar_fuel;
  const FuzzTarget* chosen = nullptr;
  if (std::optional<std::string> sidecar = SidecarPath(path)) {
    std::optional<std::string> text = ReadFileBytes(*sidecar, why);
    if (!text) return std::nullopt;
    auto members = ReadFlatJsonObject(*text);
    if (!members) {
      *why = *sidecar + ": not a JSON object";
      return std::nullopt;
    }
    auto t = members->find("target");
    if (t != members->end()) {
      chosen = FindFuzzTarget(t->second);
      if (!chosen) {
        *why = *sidecar + ": unknown target '" + t->second + "'";
        return std::nullopt;
      }
      a.recognised_by = "sidecar " + *sidecar;
    }
    if (auto f = members->find("fuel"); f != members->end()) {
      char* end = nullptr;
      sidecar_fuel = std::strtoull(f->second.c_str(), &end, 10);
      if (f->second.empty() || *end != '\0') {
        *why = *sidecar + ": \"fuel\" is not a whole number";
        return std::nullopt;
      }
    }
    if (auto v = members->find("generator_version"); v != members->end()) {
      if (v->second != std::to_string(fuzz::kGeneratorVersion)) {
        a.warnings.push_back("made by generator version " + v->second +
                             "; this build has version " +
                             std::to_string(fuzz::kGeneratorVersion) +
                             ": the decoded program may differ");
      }
    }
  }
  if (!chosen && !target.empty()) {
    chosen = FindFuzzTarget(target);
    if (!chosen) {
      *why = "unknown target '" + std::string(target) + "'";
      return std::nullopt;
    }
    a.recognised_by = "--target";
  }
  bool source = false;
  if (chosen) {
    source = chosen->input == TargetInput::kSource;
  } else if (fs::path(path).extension() == ".tern") {
    source = true;
    a.recognised_by = "the .tern extension";
  } else {
    for (const fs::path& part : fs::path(path).parent_path()) {
      if ((chosen = FindFuzzTarget(part.string()))) break;
    }
    if (chosen) {
      source = chosen->input == TargetInput::kSource;
      a.recognised_by = "the directory " + std::string(chosen->name);
    } else if (LooksLikeSource(*bytes)) {
      source = true;
      a.recognised_by = "its content: it reads as Tern source";
    } else {
      chosen = FindFuzzTarget(kDefaultGeneratorTarget);
      a.recognised_by =
          "its content: not Tern source, so generator bytes (default target)";
    }
  }
  if (chosen) a.target = std::string(chosen->name);
  if (source) {
    a.input = TargetInput::kSource;
    a.source = std::move(*bytes);
  } else {
    a.input = TargetInput::kGeneratorBytes;
    DecodeGeneratorBytes(*bytes, &a);
  }
  if (sidecar_fuel) a.limits.fuel = *sidecar_fuel;
  return a;
}

}  // namespace tern
