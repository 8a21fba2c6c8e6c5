#include "tools/escape_stats.h"

#include <algorithm>
#include <cstdio>
#include <span>

#include "fuzz/program_generator.h"
#include "fuzz/source_mutator.h"
#include "runtime/front/escape_checker.h"
#include "runtime/front/front_end.h"
#include "runtime/front/parser.h"
#include "runtime/front/reader.h"
#include "runtime/front/resolver.h"
#include "runtime/interp/interpreter.h"
#include "tools/json.h"

namespace tern {
namespace {

// 'name' -> '_' so that one reason is one line.
std::string FoldNames(const std::string& m) {
  std::string out;
  for (size_t i = 0; i < m.size(); ++i) {
    if (m[i] == '\'') {
      size_t end = m.find('\'', i + 1);
      if (end != std::string::npos) {
        out += "'_'";
        i = end;
        continue;
      }
    }
    out.push_back(m[i]);
  }
  return out;
}

// The head symbol of the innermost list starting at `pos`, e.g. "set!".
std::string FormAt(const std::string& source, Pos pos) {
  Reader reader(source);
  for (;;) {
    Datum d;
    Error e;
    if (reader.Next(&d, &e) != Reader::Status::kDatum) return "?";
    std::vector<const Datum*> stack = {&d};
    while (!stack.empty()) {
      const Datum* x = stack.back();
      stack.pop_back();
      if (x->kind == Datum::Kind::kList && x->token.pos == pos &&
          !x->kids.empty() && x->kids[0].kind == Datum::Kind::kAtom)
        return std::string(x->kids[0].token.text);
      for (const Datum& k : x->kids) stack.push_back(&k);
    }
  }
}

enum class Dynamic { kClean, kRefused, kEscapes, kNotRun };

// Runs with the static arena check skipped.
Dynamic Observe(const std::string& source, uint64_t fuel) {
  ParseResult parsed = ParseProgram(source);
  if (parsed.error || Resolve(parsed.program.get())) return Dynamic::kNotRun;
  (void)CheckArenaEscapes(parsed.program.get());  // numbers the blocks
  RunLimits limits;
  limits.fuel = fuel;
  const Outcome o = Interpret(*parsed.program, limits);
  if (o.status == Status::kInternalFault) return Dynamic::kEscapes;
  if (o.error && o.error->kind == ErrorKind::kArenaEscape) return Dynamic::kRefused;
  return Dynamic::kClean;
}

}  // namespace

double EscapeStats::FalsePositiveRate() const {
  const uint64_t clean = accepted_clean + rejected_clean;
  return clean == 0 ? 0.0 : static_cast<double>(rejected_clean) / static_cast<double>(clean);
}

EscapeStats MeasureEscapeStats(uint64_t programs, uint64_t seed) {
  EscapeStats s;
  fuzz::Rng rng(seed);
  fuzz::GeneratorOptions options;
  options.relax_arena_rules = true;
  // The population the rate was defined on: programs at full size (size
  // classes would make arenas, and so escapes, rare).
  options.swarm_size = false;
  for (uint64_t i = 0; i < programs; ++i) {
    std::vector<uint8_t> bytes(256 + rng.Below(3840));
    for (uint8_t& b : bytes) b = static_cast<uint8_t>(rng.Next());
    const fuzz::GeneratedProgram p = fuzz::GenerateProgram(bytes, options);
    ++s.programs;
    const CompileResult checked = Compile(p.source);
    if (checked.error && checked.error->kind != ErrorKind::kArenaEscape) {
      ++s.other_static;
      continue;
    }
    const Dynamic dyn = Observe(p.source, p.limits.fuel);
    if (dyn == Dynamic::kNotRun) {
      ++s.other_static;
      continue;
    }
    const bool rejected = checked.error.has_value();
    if (dyn == Dynamic::kClean) {
      if (rejected) {
        ++s.rejected_clean;
        ++s.reasons[FormAt(p.source, checked.error->pos) + ": " +
                    FoldNames(checked.error->message)];
      } else {
        ++s.accepted_clean;
      }
    } else if (rejected) {
      ++s.rejected_escaping;
    } else if (dyn == Dynamic::kRefused) {
      ++s.accepted_refused;
    } else {
      ++s.accepted_escaping;
      if (s.unsound_examples.size() < 3) s.unsound_examples.push_back(p.source);
    }
  }
  return s;
}

namespace {

std::vector<std::pair<std::string, uint64_t>> SortedReasons(const EscapeStats& s) {
  std::vector<std::pair<std::string, uint64_t>> r(s.reasons.begin(), s.reasons.end());
  std::stable_sort(r.begin(), r.end(),
                   [](const auto& a, const auto& b) { return a.second > b.second; });
  return r;
}

}  // namespace

std::string EscapeStatsText(const EscapeStats& s) {
  char buf[512];
  std::string out;
  const uint64_t clean = s.accepted_clean + s.rejected_clean;
  std::snprintf(buf, sizeof buf,
                "programs: %llu (relaxed generator)\n"
                "no escape at run time: %llu; the checker rejects %llu of "
                "them: false-positive rate %.1f%%\n"
                "escape at run time: %llu; rejected %llu; accepted %llu "
                "(refused by the run-time store rule) + %llu (an ended arena "
                "touched)%s\n"
                "other static errors: %llu\n",
                static_cast<unsigned long long>(s.programs),
                static_cast<unsigned long long>(clean),
                static_cast<unsigned long long>(s.rejected_clean),
                100.0 * s.FalsePositiveRate(),
                static_cast<unsigned long long>(s.rejected_escaping + s.accepted_refused +
                                                s.accepted_escaping),
                static_cast<unsigned long long>(s.rejected_escaping),
                static_cast<unsigned long long>(s.accepted_refused),
                static_cast<unsigned long long>(s.accepted_escaping),
                s.accepted_escaping ? " (UNSOUND: the checker missed escapes)" : "",
                static_cast<unsigned long long>(s.other_static));
  out += buf;
  if (!s.reasons.empty()) out += "false positives by reason:\n";
  for (const auto& [reason, n] : SortedReasons(s)) {
    std::snprintf(buf, sizeof buf, "  %6llu  %s\n", static_cast<unsigned long long>(n),
                  reason.c_str());
    out += buf;
  }
  for (const std::string& src : s.unsound_examples)
    out += "--- accepted program that escapes ---\n" + src;
  return out;
}

std::string EscapeStatsJson(const EscapeStats& s) {
  std::string out = "{\"programs\":" + std::to_string(s.programs) +
                    ",\"accepted_clean\":" + std::to_string(s.accepted_clean) +
                    ",\"rejected_clean\":" + std::to_string(s.rejected_clean) +
                    ",\"rejected_escaping\":" + std::to_string(s.rejected_escaping) +
                    ",\"accepted_refused\":" + std::to_string(s.accepted_refused) +
                    ",\"accepted_escaping\":" + std::to_string(s.accepted_escaping) +
                    ",\"other_static\":" + std::to_string(s.other_static);
  char rate[32];
  std::snprintf(rate, sizeof rate, "%.6f", s.FalsePositiveRate());
  out += std::string(",\"false_positive_rate\":") + rate + ",\"reasons\":[";
  bool first = true;
  for (const auto& [reason, n] : SortedReasons(s)) {
    out += std::string(first ? "" : ",") + "{\"reason\":" + JsonQuote(reason) +
           ",\"count\":" + std::to_string(n) + "}";
    first = false;
  }
  out += "],\"unsound_examples\":[";
  for (size_t i = 0; i < s.unsound_examples.size(); ++i)
    out += (i ? "," : "") + JsonQuote(s.unsound_examples[i]);
  return out + "]}\n";
}

}  // namespace tern
