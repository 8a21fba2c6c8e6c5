#include "runtime/display.h"

#include <charconv>
#include <cmath>

namespace tern {

void AppendFloat(std::string* out, double d) {
  if (std::isnan(d)) {
    out->append("nan");
    return;
  }
  char buf[64];
  auto [end, ec] = std::to_chars(buf, buf + sizeof buf, d);
  // 64 bytes always hold a shortest double; ec cannot be set.
  std::string_view text(buf, static_cast<size_t>(end - buf));
  out->append(text);
  if (text.find_first_of(".eni") == std::string_view::npos) out->append(".0");
}

std::string FormatFloat(double d) {
  std::string s;
  AppendFloat(&s, d);
  return s;
}

namespace {

// True for bytes that print as themselves inside quotes.
bool IsPlain(unsigned char c) {
  return c >= 0x20 && c != 0x7f && c != '\\' && c != '"';
}

}  // namespace

void AppendQuoted(std::string* out, std::string_view bytes) {
  static constexpr char kHex[] = "0123456789abcdef";
  out->reserve(out->size() + bytes.size() + 2);
  out->push_back('"');
  size_t i = 0;
  while (i < bytes.size()) {
    // Copy a run of plain bytes at once: quoting 2^24-byte strings is common
    // in limit tests and must not go byte by byte.
    size_t run = i;
    while (run < bytes.size() &&
           IsPlain(static_cast<unsigned char>(bytes[run]))) {
      ++run;
    }
    out->append(bytes.data() + i, run - i);
    if (run == bytes.size()) break;
    auto c = static_cast<unsigned char>(bytes[run]);
    switch (c) {
      case '\n': out->append("\\n"); break;
      case '\t': out->append("\\t"); break;
      case '\r': out->append("\\r"); break;
      case '\\': out->append("\\\\"); break;
      case '"': out->append("\\\""); break;
      default:
        out->append("\\x");
        out->push_back(kHex[c >> 4]);
        out->push_back(kHex[c & 15]);
    }
    i = run + 1;
  }
  out->push_back('"');
}

size_t QuotedLength(std::string_view bytes) {
  size_t n = 2;
  for (char ch : bytes) {
    auto c = static_cast<unsigned char>(ch);
    if (IsPlain(c)) {
      n += 1;
    } else if (c == '\n' || c == '\t' || c == '\r' || c == '\\' || c == '"') {
      n += 2;
    } else {
      n += 4;
    }
  }
  return n;
}

std::string ShownName(std::string_view name, size_t max) {
  size_t cut = name.size();
  if (cut > max) {
    cut = max;
    while (cut > 0 && (static_cast<unsigned char>(name[cut]) & 0xc0) == 0x80) {
      --cut;
    }
  }
  std::string q;
  AppendQuoted(&q, name.substr(0, cut));
  std::string s = q.substr(1, q.size() - 2);
  if (cut < name.size()) s += "...";
  return s;
}

std::string QuoteName(std::string_view name) {
  return "'" + ShownName(name) + "'";
}

std::string Quote(std::string_view bytes) {
  std::string s;
  AppendQuoted(&s, bytes);
  return s;
}

}  // namespace tern
