#include "runtime/outcome.h"

#include <charconv>
#include <vector>

#include "runtime/display.h"

namespace tern {
namespace {

constexpr std::string_view kStdoutHeader = "stdout:\n";

// Status names as they appear in `.expected` files.
constexpr std::string_view kStatusNames[] = {
    "ok", "static-error", "runtime-error", "internal-fault",
    "resource-exhausted"};

std::optional<Status> StatusFromName(std::string_view name) {
  for (size_t i = 0; i < std::size(kStatusNames); ++i) {
    if (kStatusNames[i] == name) return static_cast<Status>(i);
  }
  return std::nullopt;
}

// Reverses AppendQuoted. Returns false on malformed input.
bool Unquote(std::string_view q, std::string* out) {
  if (q.size() < 2 || q.front() != '"' || q.back() != '"') return false;
  q = q.substr(1, q.size() - 2);
  out->clear();
  for (size_t i = 0; i < q.size(); ++i) {
    char c = q[i];
    if (c == '"') return false;
    if (c != '\\') {
      out->push_back(c);
      continue;
    }
    if (++i == q.size()) return false;
    switch (q[i]) {
      case 'n': out->push_back('\n'); break;
      case 't': out->push_back('\t'); break;
      case 'r': out->push_back('\r'); break;
      case '\\': out->push_back('\\'); break;
      case '"': out->push_back('"'); break;
      case 'x': {
        if (i + 2 >= q.size()) return false;
        unsigned v = 0;
        auto [p, ec] = std::from_chars(q.data() + i + 1, q.data() + i + 3, v, 16);
        if (ec != std::errc() || p != q.data() + i + 3) return false;
        out->push_back(static_cast<char>(v));
        i += 2;
        break;
      }
      default: return false;
    }
  }
  return true;
}

// Parses "KIND LINE:COL".
bool ParseErrorLine(std::string_view v, Error* e) {
  size_t sp = v.find(' ');
  if (sp == std::string_view::npos) return false;
  auto kind = ErrorKindFromName(v.substr(0, sp));
  if (!kind) return false;
  std::string_view pos = v.substr(sp + 1);
  size_t colon = pos.find(':');
  if (colon == std::string_view::npos) return false;
  auto num = [](std::string_view s, int32_t* out) {
    auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), *out);
    return ec == std::errc() && p == s.data() + s.size() && *out >= 0;
  };
  e->kind = *kind;
  return num(pos.substr(0, colon), &e->pos.line) &&
         num(pos.substr(colon + 1), &e->pos.col);
}

bool SameError(const std::optional<Error>& e, const std::optional<Error>& a,
               bool any_message) {
  if (!e || !a) return e.has_value() == a.has_value();
  return e->kind == a->kind && e->pos == a->pos &&
         (any_message || e->message == a->message);
}

std::string ErrorHeadline(const Error& e) {
  return std::string(ErrorKindName(e.kind)) + " " + std::to_string(e.pos.line) +
         ":" + std::to_string(e.pos.col);
}

}  // namespace

std::string_view StatusName(Status s) {
  return kStatusNames[static_cast<size_t>(s)];
}

int ExitCodeFor(const Outcome& o) {
  switch (o.status) {
    case Status::kOk: return 0;
    case Status::kRuntimeError: return 1;
    case Status::kStaticError: return 2;
    case Status::kInternalFault: return 3;
    case Status::kResourceExhausted: return kExitResourceExhausted;
  }
  return 3;
}

bool CensusDiffers(const Outcome& a, const Outcome& b) {
  return a.census && b.census && *a.census != *b.census;
}

std::string FormatOutcome(const Outcome& o, bool with_census) {
  std::string s = "status: ";
  s += StatusName(o.status);
  s += '\n';
  if (o.status == Status::kOk) {
    s += "value: " + o.value + "\n";
  }
  if (o.error) {
    s += "error: " + ErrorHeadline(*o.error) + "\n";
    s += "message: " + Quote(o.error->message) + "\n";
  }
  if (o.status == Status::kInternalFault ||
      o.status == Status::kResourceExhausted) {
    s += "fault: " + Quote(o.fault) + "\n";
  }
  if (with_census && o.census) {
    for (const std::string& line : *o.census) s += line + "\n";
  }
  s += kStdoutHeader;
  s += o.out;
  return s;
}

std::optional<Expectation> ParseExpectation(std::string_view text,
                                            std::string* why) {
  Outcome o;
  std::optional<uint64_t> fuel;
  bool have_status = false, have_value = false, have_error = false,
       have_message = false;
  size_t line_no = 0;
  while (true) {
    ++line_no;
    if (text.substr(0, kStdoutHeader.size()) == kStdoutHeader) {
      o.out = std::string(text.substr(kStdoutHeader.size()));
      break;
    }
    size_t nl = text.find('\n');
    if (nl == std::string_view::npos) {
      *why = "line " + std::to_string(line_no) + ": expected `stdout:` line";
      return std::nullopt;
    }
    std::string_view line = text.substr(0, nl);
    text.remove_prefix(nl + 1);
    if (!line.empty() && line.back() == '\r') {
      // Converted to CRLF: the stdout bytes after the header were converted
      // too and cannot be trusted, so the file is refused, not guessed at.
      *why = "line " + std::to_string(line_no) +
             ": ends with CR LF; .expected files use LF line endings "
             "(stdout is compared byte for byte)";
      return std::nullopt;
    }
    size_t colon = line.find(": ");
    if (colon == std::string_view::npos) {
      *why = "line " + std::to_string(line_no) + ": expected `key: value`";
      return std::nullopt;
    }
    std::string_view key = line.substr(0, colon);
    std::string_view val = line.substr(colon + 2);
    auto fail = [&](std::string_view what) {
      *why = "line " + std::to_string(line_no) + ": " + std::string(what);
      return std::nullopt;
    };
    if (key == "status") {
      auto s = StatusFromName(val);
      if (!s || have_status) return fail("bad or repeated status");
      o.status = *s;
      have_status = true;
    } else if (key == "value") {
      if (have_value) return fail("repeated value");
      o.value = std::string(val);
      have_value = true;
    } else if (key == "error") {
      Error e;
      if (have_error || !ParseErrorLine(val, &e)) {
        return fail("expected `error: KIND LINE:COL`");
      }
      std::string keep = o.error ? o.error->message : "";
      o.error = e;
      o.error->message = keep;
      have_error = true;
    } else if (key == "message") {
      std::string m;
      if (have_message || !Unquote(val, &m)) {
        return fail("expected `message: \"...\"`");
      }
      if (!o.error) o.error = Error{};
      o.error->message = m;
      have_message = true;
    } else if (key == "fuel") {
      uint64_t n = 0;
      auto [p, ec] = std::from_chars(val.data(), val.data() + val.size(), n);
      if (fuel || ec != std::errc() || p != val.data() + val.size()) {
        return fail("expected `fuel: N`");
      }
      fuel = n;
    } else if (key == "census") {
      if (!o.census) o.census.emplace();
      o.census->push_back(std::string(line));
    } else if (key == "fault") {
      if (!Unquote(val, &o.fault)) return fail("expected `fault: \"...\"`");
    } else {
      return fail("unknown key `" + std::string(key) + "`");
    }
  }
  if (!have_status) {
    *why = "missing `status:`";
    return std::nullopt;
  }
  bool is_error = o.status == Status::kStaticError ||
                  o.status == Status::kRuntimeError;
  if (is_error != have_error || (have_message && !have_error)) {
    *why = "`error:` must be present exactly for static and runtime errors";
    return std::nullopt;
  }
  if (have_value != (o.status == Status::kOk)) {
    *why = "`value:` must be present exactly when status is ok";
    return std::nullopt;
  }
  return Expectation{std::move(o), have_error && !have_message, fuel};
}

bool Matches(const Expectation& expectation, const Outcome& actual) {
  const Outcome& expected = expectation.outcome;
  return expected.status == actual.status && expected.out == actual.out &&
         expected.value == actual.value && expected.fault == actual.fault &&
         SameError(expected.error, actual.error, expectation.any_message) &&
         !CensusDiffers(expected, actual);
}

std::string DescribeDifference(const Expectation& expectation,
                               const Outcome& actual,
                               std::string_view expected_name,
                               std::string_view actual_name) {
  const Outcome& expected = expectation.outcome;
  std::string d;
  auto field = [&](std::string_view name, const std::string& e,
                   const std::string& a) {
    if (e == a) return;
    d += "  " + std::string(name) + ":\n    " + std::string(expected_name) +
         ": " + e + "\n    " + std::string(actual_name) + ": " + a + "\n";
  };
  auto error_text = [](const Outcome& o, bool any) -> std::string {
    if (!o.error) return "(none)";
    return ErrorHeadline(*o.error) + " " +
           (any ? "(any message)" : Quote(o.error->message));
  };
  field("status", std::string(StatusName(expected.status)),
        std::string(StatusName(actual.status)));
  field("value", expected.value, actual.value);
  if (!SameError(expected.error, actual.error, expectation.any_message)) {
    field("error", error_text(expected, expectation.any_message),
          error_text(actual, false));
  }
  field("fault", Quote(expected.fault), Quote(actual.fault));
  field("stdout", Quote(expected.out), Quote(actual.out));
  if (CensusDiffers(expected, actual)) {
    const auto& e = *expected.census;
    const auto& a = *actual.census;
    size_t i = 0;
    while (i < e.size() && i < a.size() && e[i] == a[i]) ++i;
    auto at = [i](const std::vector<std::string>& c) {
      return i < c.size() ? c[i] : std::string("(no census)");
    };
    field("census at (gc) #" + std::to_string(i + 1) + " of " +
              std::to_string(e.size()) + "/" + std::to_string(a.size()),
          at(e), at(a));
  }
  return d;
}

}  // namespace tern
