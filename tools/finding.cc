#include "tools/finding.h"

#include <algorithm>
#include <cctype>
#include <cstdint>
#include <cstdio>

namespace tern {
namespace {

std::string_view Line(std::string_view text, size_t at) {
  size_t end = text.find('\n', at);
  return text.substr(at, end == std::string_view::npos ? text.size() - at
                                                       : end - at);
}

std::string Trim(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front())))
    s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back())))
    s.remove_suffix(1);
  return std::string(s);
}

// The first stack frame inside the project (not the sanitizer runtime or
// libc): "#3 0x... in tern::interp::Foo(...) runtime/interp/x.cc:12:3".
std::string FirstProjectFrame(std::string_view text) {
  for (size_t at = text.find("    #"); at != std::string_view::npos;
       at = text.find("    #", at + 1)) {
    std::string_view line = Line(text, at);
    size_t in = line.find(" in ");
    if (in == std::string_view::npos) continue;
    std::string_view fn = line.substr(in + 4);
    if (fn.find("tern::") == std::string_view::npos) continue;
    size_t paren = fn.find('(');
    if (paren != std::string_view::npos) fn = fn.substr(0, paren);
    size_t space = fn.find(' ');
    if (space != std::string_view::npos) fn = fn.substr(0, space);
    return std::string(fn);
  }
  return "";
}

}  // namespace

std::string Digest(std::string_view bytes) {
  uint64_t h = 0xcbf29ce484222325ull;
  for (unsigned char c : bytes) {
    h ^= c;
    h *= 0x100000001b3ull;
  }
  char buf[17];
  std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(h));
  return buf;
}

std::string CrashKind(std::string_view text) {
  std::string kind;
  size_t at;
  if ((at = text.find("ERROR: AddressSanitizer: ")) != std::string_view::npos) {
    std::string_view line = Line(text, at + 25);
    kind = "AddressSanitizer: " + Trim(line.substr(0, line.find(' ')));
  } else if ((at = text.find("ERROR: LeakSanitizer: ")) !=
             std::string_view::npos) {
    kind = "LeakSanitizer: detected memory leaks";
  } else if ((at = text.find(": runtime error: ")) != std::string_view::npos) {
    std::string_view line = Line(text, at + 17);
    kind = "UndefinedBehaviorSanitizer: " + FoldDigits(Trim(line.substr(0, 60)));
  } else if ((at = text.find("ERROR: libFuzzer: ")) != std::string_view::npos) {
    kind = "libFuzzer: " + Trim(Line(text, at + 18));
  } else if ((at = text.find("program generator bug: ")) !=
             std::string_view::npos) {
    kind = "generator bug: " + Trim(Line(text, at + 23));
  }
  if (kind.empty()) return "";
  std::string frame = FirstProjectFrame(text);
  return frame.empty() ? kind : kind + " in " + frame;
}

std::string FirstDifferingLine(const Outcome& a, const Outcome& b) {
  const bool census = a.census && b.census;
  const std::string ta = FormatOutcome(a, census), tb = FormatOutcome(b, census);
  if (ta == tb) return "";
  size_t line = 1, i = 0;
  size_t start = 0;
  while (i < ta.size() && i < tb.size() && ta[i] == tb[i]) {
    if (ta[i] == '\n') {
      ++line;
      start = i + 1;
    }
    ++i;
  }
  std::string text(Line(tb, std::min(start, tb.size())));
  if (text.size() > 60) text = text.substr(0, 57) + "...";
  return std::to_string(line) + ": " + text;
}

ProgramRuns RunEverywhere(std::string_view source, const RunLimits& limits,
                          const std::vector<Engine>& engines, bool generated,
                          int timeout_seconds, bool in_process) {
  ProgramRuns r;
  r.generated = generated;
  auto run = [&](const Engine& e) {
    if (!in_process) return RunEngineIsolated(e, source, limits, timeout_seconds);
    IsolatedRun direct;
    RunLimits captured = limits;
    captured.stream = nullptr;
    direct.outcome = RunSource(e, source, captured);
    return direct;
  };
  for (const Engine& e : engines) r.runs.push_back({e.name, run(e)});
  r.reference_again = {engines.front().name, run(engines.front())};
  r.signature = Signature(r);
  return r;
}

std::string Signature(const ProgramRuns& r) {
  std::vector<std::string> parts;
  const EngineRun& ref = r.runs.front();
  auto describe_end = [&](const EngineRun& er) -> bool {
    switch (er.run.end) {
      case IsolatedRun::End::kOutcome: return false;
      case IsolatedRun::End::kTimedOut:
        parts.push_back("timeout " + er.engine);
        return true;
      case IsolatedRun::End::kCrashed: {
        std::string kind = CrashKind(er.run.stderr_text);
        if (kind.empty()) {
          kind = er.run.signal ? SignalName(er.run.signal)
                               : "exit " + std::to_string(er.run.exit_code);
        }
        parts.push_back("crash " + er.engine + ": " + kind);
        return true;
      }
    }
    return true;
  };
  const EngineRun* census_ref = nullptr;  // the first GC engine's outcome
  for (const EngineRun& er : r.runs) {
    if (er.run.end == IsolatedRun::End::kOutcome && er.run.outcome.census) {
      census_ref = &er;
      break;
    }
  }
  for (const EngineRun& er : r.runs) {
    if (describe_end(er)) continue;
    const Outcome& o = er.run.outcome;
    if (o.status == Status::kInternalFault) {
      parts.push_back("fault " + er.engine + ": " + FoldDigits(o.fault));
    } else if (&er != &ref && ref.run.end == IsolatedRun::End::kOutcome &&
               o != ref.run.outcome) {
      parts.push_back("differ " + ref.engine + "/" + er.engine + ": " +
                      DifferingFields(ref.run.outcome, o));
    } else if (census_ref && CensusDiffers(census_ref->run.outcome, o)) {
      parts.push_back("differ " + census_ref->engine + "/" + er.engine +
                      ": census");
    }
  }
  if (ref.run.end == IsolatedRun::End::kOutcome) {
    const EngineRun& again = r.reference_again;
    if (again.run.end != IsolatedRun::End::kOutcome) {
      parts.push_back("nondeterministic " + ref.engine + ": crashed on rerun");
    } else if (again.run.outcome != ref.run.outcome) {
      parts.push_back("nondeterministic " + ref.engine + ": " +
                      DifferingFields(ref.run.outcome, again.run.outcome));
    }
    if (r.generated && ref.run.outcome.status == Status::kStaticError) {
      parts.push_back(std::string("rejected ") +
                      std::string(ErrorKindName(ref.run.outcome.error->kind)));
    }
  }
  std::sort(parts.begin(), parts.end());
  parts.erase(std::unique(parts.begin(), parts.end()), parts.end());
  std::string out;
  for (const std::string& p : parts) out += (out.empty() ? "" : "; ") + p;
  return out;
}

std::optional<std::vector<Engine>> SelectEngines(std::string_view names,
                                                 std::string* why) {
  // TERN_ENGINES (oracles/engine.h) when no list is given.
  if (names.empty()) return SelectedEngines();
  EngineSelection chosen = SelectEngines(names);
  if (!chosen.error.empty()) {
    *why = chosen.error;
    return std::nullopt;
  }
  return chosen.engines;
}

}  // namespace tern
