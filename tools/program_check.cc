#include "tools/program_check.h"

#include <algorithm>
#include <filesystem>

#include "oracles/differential.h"
#include "runtime/display.h"
#include "tools/source_files.h"

namespace tern {
namespace {

constexpr size_t kColumn = 38;    // width of each side-by-side column
constexpr size_t kMaxRows = 24;   // rows shown before the first difference
constexpr size_t kMaxShown = 60;  // bytes of a value or line quoted inline

std::vector<std::string_view> Lines(std::string_view text) {
  std::vector<std::string_view> lines;
  while (!text.empty()) {
    size_t nl = text.find('\n');
    if (nl == std::string_view::npos) nl = text.size() - 1;
    lines.push_back(text.substr(0, nl + 1));
    text.remove_prefix(nl + 1);
  }
  return lines;
}

std::string Pad(std::string s, size_t width) {
  if (s.size() < width) s.append(width - s.size(), ' ');
  return s;
}

std::string EngineNames(const std::vector<Engine>& engines) {
  std::string s;
  for (const Engine& e : engines) s += (s.empty() ? "" : ", ") + e.name;
  return s;
}

std::string Indent(const std::string& text) {
  std::string out;
  for (std::string_view line : Lines(text)) {
    out += "  ";
    out += line;
  }
  if (!out.empty() && out.back() != '\n') out += '\n';
  return out;
}

}  // namespace

std::string StatusSummary(const Outcome& o) {
  std::string s(StatusName(o.status));
  if (o.status == Status::kOk) s += " " + ShownName(o.value, kMaxShown);
  if (o.error) {
    s += " " + std::string(ErrorKindName(o.error->kind)) + " " +
         std::to_string(o.error->pos.line) + ":" +
         std::to_string(o.error->pos.col);
  }
  if (!o.fault.empty()) s += " (" + ShownName(o.fault, kMaxShown) + ")";
  return s;
}

std::string SideBySide(const std::string& a_name, const Outcome& a,
                       const std::string& b_name, const Outcome& b) {
  const bool census = a.census && b.census;
  const std::string a_text = FormatOutcome(a, census),
                    b_text = FormatOutcome(b, census);
  const std::vector<std::string_view> al = Lines(a_text), bl = Lines(b_text);
  const size_t rows = std::max(al.size(), bl.size());
  size_t first_diff = rows;
  for (size_t i = 0; i < rows && first_diff == rows; ++i) {
    if (i >= al.size() || i >= bl.size() || al[i] != bl[i]) first_diff = i;
  }
  auto cell = [&](const std::vector<std::string_view>& l, size_t i) {
    return i < l.size() ? ShownName(l[i], kColumn - 3) : std::string();
  };
  std::string s = "  " + Pad(a_name, kColumn) + " | " + b_name + "\n";
  const size_t shown = std::min(rows, std::max(kMaxRows, first_diff + 1));
  for (size_t i = 0; i < shown; ++i) {
    const bool differs = i >= al.size() || i >= bl.size() || al[i] != bl[i];
    s += (differs ? "* " : "  ") + Pad(cell(al, i), kColumn) + " | " +
         cell(bl, i) + "\n";
  }
  if (shown < rows) s += "  (" + std::to_string(rows - shown) + " more lines)\n";
  if (first_diff < rows) {
    auto full = [&](const std::vector<std::string_view>& l) {
      return first_diff < l.size() ? ShownName(l[first_diff], 4 * kMaxShown)
                                   : std::string("(no such line)");
    };
    s += "first difference, line " + std::to_string(first_diff + 1) + ":\n  " +
         a_name + ": " + full(al) + "\n  " + b_name + ": " + full(bl) + "\n";
  }
  return s;
}

ProgramReport CheckProgram(const std::string& path,
                           const CheckOptions& options) {
  ProgramReport report;
  auto fail = [&](const std::string& why) {
    report.verdict = ProgramReport::Verdict::kFailed;
    report.text = "FAIL " + path + "\n" + Indent(why);
    return report;
  };
  std::string why;
  auto source = ReadFileBytes(path, &why);
  if (!source) return fail(why);
  std::optional<Expectation> expectation;
  const std::string expected_path = ExpectedPathFor(path);
  std::error_code ec;
  if (std::filesystem::exists(expected_path, ec)) {
    auto text = ReadFileBytes(expected_path, &why);
    if (!text) return fail(why);
    expectation = ParseExpectation(*text, &why);
    if (!expectation) return fail(expected_path + ": " + why);
  }
  RunLimits limits;
  if (expectation && expectation->fuel) limits.fuel = *expectation->fuel;
  if (options.fuel) limits.fuel = *options.fuel;

  const DifferentialResult result =
      RunDifferential(*source, limits, options.engines);
  const EngineOutcome& ref = result.outcomes.front();
  std::string problems;
  for (const EngineOutcome& eo : result.outcomes) {
    if (eo.outcome.status == Status::kInternalFault ||
        eo.outcome.status == Status::kResourceExhausted) {
      problems += eo.engine + ": " + StatusSummary(eo.outcome) + "\n";
    }
  }
  bool engines_differ = false;
  for (size_t i = 1; i < result.outcomes.size(); ++i) {
    const EngineOutcome& eo = result.outcomes[i];
    if (eo.outcome == ref.outcome) continue;
    engines_differ = true;
    problems += "engines " + ref.engine + " and " + eo.engine + " disagree:\n" +
                SideBySide(ref.engine, ref.outcome, eo.engine, eo.outcome);
  }
  // What RunDifferential found beyond the above (a second run of the
  // reference that differs from the first).
  if (problems.empty() && !result.ok()) problems = result.disagreement;
  if (expectation && !Matches(*expectation, ref.outcome)) {
    problems += expected_path + " and " + ref.engine + " differ:\n" +
                DescribeDifference(*expectation, ref.outcome, "expected",
                                   ref.engine);
  }

  const size_t n = options.engines.size();
  std::string compared;
  if (expectation) compared = "matches " + expected_path;
  if (n > 1) {
    if (!compared.empty()) compared += "; ";
    compared += std::to_string(n) + " engines " +
                (engines_differ ? "compared" : "agree") + " (" +
                EngineNames(options.engines) + ")";
  } else if (expectation) {
    compared += " on engine " + ref.engine;
  }
  const std::string status = StatusSummary(ref.outcome);
  std::string details;
  if (options.verbose) details = Indent(FormatOutcome(ref.outcome));
  if (!problems.empty()) {
    report.verdict = ProgramReport::Verdict::kFailed;
    report.text = "FAIL " + path + ": " + status + "\n" + Indent(problems) +
                  details;
  } else if (compared.empty()) {
    report.verdict = ProgramReport::Verdict::kNotCompared;
    report.text = "---- " + path + ": " + status +
                  "; nothing compared (no .expected, one engine: " +
                  ref.engine + ")\n" + details;
  } else {
    report.verdict = ProgramReport::Verdict::kPassed;
    report.text = "ok   " + path + ": " + status + "; " + compared + "\n" +
                  details;
  }
  return report;
}

}  // namespace tern
