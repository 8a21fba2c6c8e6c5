// tern repro [--json] [--engines=a,b] [--target=NAME] [--fuel=N]
//            [--timeout=S] [--in-process] FILE...
//
// Reproduces a fuzz artifact or a Tern source file (tools/artifact.h says
// how a file is recognised): prints the program, runs it on every engine,
// each in its own child process, and prints an outcome table, the reports
// of crashed or faulted engines, the failure signature (tools/finding.h) and
// the command lines that re-run one engine alone, also under gdb.
// --json prints one JSON object per file, one per line, instead.
// Exit: 0 every file ran clean on every engine; 1 some file failed.

#include <unistd.h>

#include <cstdio>
#include <iostream>
#include <sstream>

#include "tools/artifact.h"
#include "tools/commands.h"
#include "tools/finding.h"
#include "tools/json.h"

namespace tern {
namespace {

struct ReproOptions {
  bool json = false;
  bool in_process = false;
  std::string target;
  std::optional<uint64_t> fuel;
  int timeout = 30;
  std::vector<Engine> engines;
};

std::string SelfPath() {
  char buf[4096];
  ssize_t n = readlink("/proc/self/exe", buf, sizeof buf - 1);
  if (n <= 0) return "tern";
  return std::string(buf, static_cast<size_t>(n));
}

std::string ShellQuote(const std::string& s) {
  bool plain = !s.empty();
  for (char c : s) {
    if (!(isalnum(static_cast<unsigned char>(c)) || c == '/' || c == '.' ||
          c == '_' || c == '-' || c == '=' || c == ',' || c == '+'))
      plain = false;
  }
  if (plain) return s;
  std::string out = "'";
  for (char c : s) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return out + "'";
}

// The census column: 8 hex digits of the census lines' digest (equal
// censuses, equal digests), "-" for an engine without a GC.
std::string CensusDigest(const IsolatedRun& r) {
  if (r.end != IsolatedRun::End::kOutcome || !r.outcome.census) return "-";
  std::string all;
  for (const std::string& line : *r.outcome.census) all += line + "\n";
  return Digest(all).substr(0, 8);
}

std::string StatusText(const IsolatedRun& r) {
  switch (r.end) {
    case IsolatedRun::End::kTimedOut: return "timeout";
    case IsolatedRun::End::kCrashed:
      return r.signal ? "crash " + SignalName(r.signal)
                      : "crash exit " + std::to_string(r.exit_code);
    case IsolatedRun::End::kOutcome: break;
  }
  std::string s(StatusName(r.outcome.status));
  if (r.outcome.error) s += " " + std::string(ErrorKindName(r.outcome.error->kind));
  return s;
}

std::string ErrorJson(const Outcome& o) {
  if (!o.error) return "null";
  const Error& e = *o.error;
  return "{\"kind\":" + JsonQuote(ErrorKindName(e.kind)) +
         ",\"line\":" + std::to_string(e.pos.line) +
         ",\"col\":" + std::to_string(e.pos.col) +
         ",\"message\":" + JsonQuote(e.message) + "}";
}

std::vector<std::string> Commands(const Artifact& a, const ReproOptions& o) {
  const std::string self = SelfPath();
  const std::string file = ShellQuote(a.path);
  const std::string fuel = "--fuel=" + std::to_string(a.limits.fuel);
  const std::string target = a.target.empty() ? "" : " --target=" + a.target;
  std::vector<std::string> out;
  for (const Engine& e : o.engines) {
    if (a.input == TargetInput::kSource)
      out.push_back(self + " run --tier=" + e.name + " " + fuel + " " + file);
    out.push_back(self + " repro --engines=" + e.name + target + " " + fuel +
                  " " + file);
    out.push_back("gdb --args " + self + " repro --in-process --engines=" +
                  e.name + target + " " + fuel + " " + file);
  }
  return out;
}

std::string JsonList(const std::vector<std::string>& items) {
  std::string s = "[";
  for (size_t i = 0; i < items.size(); ++i)
    s += (i ? "," : "") + JsonQuote(items[i]);
  return s + "]";
}

// The report of an engine that crashed, timed out or faulted.
std::string Report(const EngineRun& er) {
  if (er.run.end == IsolatedRun::End::kOutcome) {
    if (er.run.outcome.status == Status::kInternalFault)
      return "internal fault: " + er.run.outcome.fault + "\n";
    return "";
  }
  if (er.run.end == IsolatedRun::End::kTimedOut)
    return "no result within the time limit (killed)\n" + er.run.stderr_text;
  return er.run.stderr_text.empty() ? "(no output on stderr)\n"
                                    : er.run.stderr_text;
}

void PrintText(const Artifact& a, const ProgramRuns& runs,
               const ReproOptions& o) {
  std::ostringstream s;
  s << "== " << a.path << "\n";
  if (a.input == TargetInput::kSource) {
    s << "kind: Tern source";
  } else {
    s << "kind: generator bytes";
  }
  if (!a.target.empty()) s << " for " << a.target;
  s << " (recognised by " << a.recognised_by << ")\n";
  for (const std::string& w : a.warnings) s << "warning: " << w << "\n";
  s << "fuel: " << a.limits.fuel << "\n";
  if (a.input == TargetInput::kGeneratorBytes) {
    s << "swarm (enabled):";
    for (const std::string& f : a.swarm) s << " " << f;
    s << "\nfeatures (used):";
    for (const std::string& f : a.features) s << " " << f;
    s << "\n--- program ---\n" << a.source;
    if (!a.source.empty() && a.source.back() != '\n') s << "\n";
  }
  s << "--- outcomes ---\n";
  char line[512];
  std::snprintf(line, sizeof line, "%-14s %-28s %-22s %-8s %s\n", "engine",
                "status", "stdout digest", "census", "first differing line");
  s << line;
  const EngineRun& ref = runs.runs.front();
  auto row = [&](const EngineRun& er) {
    const bool has = er.run.end == IsolatedRun::End::kOutcome;
    std::string digest = has ? Digest(er.run.outcome.out) + "/" +
                                   std::to_string(er.run.outcome.out.size())
                             : "-";
    std::string diff = "-";
    if (&er != &ref && has && ref.run.end == IsolatedRun::End::kOutcome) {
      std::string d = FirstDifferingLine(ref.run.outcome, er.run.outcome);
      if (!d.empty()) diff = d;
    }
    std::snprintf(line, sizeof line, "%-14s %-28s %-22s %-8s %s\n",
                  er.engine.c_str(), StatusText(er.run).c_str(),
                  digest.c_str(), CensusDigest(er.run).c_str(), diff.c_str());
    s << line;
  };
  for (const EngineRun& er : runs.runs) row(er);
  EngineRun again = runs.reference_again;
  again.engine += "#2";
  {
    const bool has = again.run.end == IsolatedRun::End::kOutcome;
    std::string diff = "-";
    if (has && ref.run.end == IsolatedRun::End::kOutcome) {
      std::string d = FirstDifferingLine(ref.run.outcome, again.run.outcome);
      if (!d.empty()) diff = d;
    }
    std::snprintf(line, sizeof line, "%-14s %-28s %-22s %-8s %s\n",
                  again.engine.c_str(), StatusText(again.run).c_str(),
                  has ? (Digest(again.run.outcome.out) + "/" +
                         std::to_string(again.run.outcome.out.size()))
                            .c_str()
                      : "-",
                  CensusDigest(again.run).c_str(), diff.c_str());
    s << line;
  }
  if (ref.run.end == IsolatedRun::End::kOutcome) {
    s << "--- reference outcome (" << ref.engine << ") ---\n"
      << FormatOutcome(ref.run.outcome);
    if (!ref.run.outcome.out.empty() && ref.run.outcome.out.back() != '\n')
      s << "\n";
  }
  for (const EngineRun& er : runs.runs) {
    std::string report = Report(er);
    if (!report.empty()) s << "--- report: " << er.engine << " ---\n" << report;
  }
  s << "--- verdict ---\n"
    << (runs.signature.empty() ? "ok: every engine agrees"
                               : "FAIL: " + runs.signature)
    << "\n--- re-run one engine ---\n";
  for (const std::string& c : Commands(a, o)) s << "  " << c << "\n";
  std::cout << s.str();
}

void PrintJson(const Artifact& a, const ProgramRuns& runs,
               const ReproOptions& o) {
  std::ostringstream s;
  s << "{\"file\":" << JsonQuote(a.path) << ",\"kind\":"
    << JsonQuote(a.input == TargetInput::kSource ? "source" : "generator-bytes")
    << ",\"target\":" << (a.target.empty() ? "null" : JsonQuote(a.target))
    << ",\"recognised_by\":" << JsonQuote(a.recognised_by)
    << ",\"fuel\":" << a.limits.fuel << ",\"warnings\":" << JsonList(a.warnings)
    << ",\"swarm\":" << JsonList(a.swarm)
    << ",\"features\":" << JsonList(a.features)
    << ",\"source\":" << JsonQuote(a.source) << ",\"engines\":[";
  const EngineRun& ref = runs.runs.front();
  std::vector<EngineRun> all = runs.runs;
  all.push_back(runs.reference_again);
  all.back().engine += "#2";
  for (size_t i = 0; i < all.size(); ++i) {
    const EngineRun& er = all[i];
    const bool has = er.run.end == IsolatedRun::End::kOutcome;
    std::string diff;
    if (i > 0 && has && ref.run.end == IsolatedRun::End::kOutcome)
      diff = FirstDifferingLine(ref.run.outcome, er.run.outcome);
    s << (i ? "," : "") << "{\"engine\":" << JsonQuote(er.engine)
      << ",\"status\":" << JsonQuote(StatusText(er.run))
      << ",\"stdout_digest\":"
      << (has ? JsonQuote(Digest(er.run.outcome.out)) : "null")
      << ",\"census_digest\":"
      << (CensusDigest(er.run) == "-" ? "null"
                                      : JsonQuote(CensusDigest(er.run)))
      << ",\"first_difference\":" << (diff.empty() ? "null" : JsonQuote(diff))
      << ",\"error\":" << (has ? ErrorJson(er.run.outcome) : "null")
      << ",\"outcome\":"
      << (has ? JsonQuote(FormatOutcome(er.run.outcome, true)) : "null")
      << ",\"report\":" << JsonQuote(Report(er)) << "}";
  }
  s << "],\"ok\":" << (runs.signature.empty() ? "true" : "false")
    << ",\"signature\":" << JsonQuote(runs.signature)
    << ",\"commands\":" << JsonList(Commands(a, o)) << "}\n";
  std::cout << s.str();
}

}  // namespace

int ReproCommand(const CliArgs& args) {
  ReproOptions o;
  std::string engines;
  for (const auto& [name, value] : args.flags) {
    if (name == "json" && value.empty()) {
      o.json = true;
    } else if (name == "in-process" && value.empty()) {
      o.in_process = true;
    } else if (name == "engines") {
      engines = value;
    } else if (name == "target") {
      o.target = value;
    } else if (name == "fuel" || name == "timeout") {
      auto n = ParseCount(value, name == "fuel" ? 0 : 1,
                          name == "fuel" ? UINT64_MAX : 86400);
      if (!n) {
        std::cerr << "tern repro: --" << name << " needs a whole number\n";
        return kExitUsage;
      }
      if (name == "fuel") o.fuel = *n;
      else o.timeout = static_cast<int>(*n);
    } else {
      std::cerr << "tern repro: unknown flag --" << name << "\n";
      return kExitUsage;
    }
  }
  if (args.positional.empty()) {
    std::cerr << "usage: tern repro [--json] [--engines=a,b] [--target=NAME] "
                 "[--fuel=N] [--timeout=S] [--in-process] FILE...\n";
    return kExitUsage;
  }
  std::string why;
  auto chosen = SelectEngines(engines, &why);
  if (!chosen) {
    std::cerr << "tern repro: " << why << "\n";
    return kExitUsage;
  }
  o.engines = *chosen;
  bool failed = false;
  for (const std::string& path : args.positional) {
    std::optional<Artifact> a = LoadArtifact(path, o.target, &why);
    if (!a) {
      std::cerr << "tern repro: " << why << "\n";
      return kExitNoInput;
    }
    if (o.fuel) a->limits.fuel = *o.fuel;
    ProgramRuns runs =
        RunEverywhere(a->source, a->limits, o.engines,
                      a->input == TargetInput::kGeneratorBytes, o.timeout,
                      o.in_process);
    if (!runs.signature.empty()) failed = true;
    if (o.json) PrintJson(*a, runs, o);
    else PrintText(*a, runs, o);
  }
  return failed ? kExitCheckFailed : 0;
}

}  // namespace tern
