#include "tools/json.h"

#include <cctype>
#include <cstdint>

#include "runtime/front/lexer.h"

namespace tern {
namespace {

class Parser {
 public:
  explicit Parser(std::string_view t) : t_(t) {}

  std::optional<std::map<std::string, std::string>> Object() {
    std::map<std::string, std::string> members;
    Skip();
    if (!Eat('{')) return std::nullopt;
    Skip();
    if (Eat('}')) return End(members);
    for (;;) {
      Skip();
      std::string key, value;
      if (!String(&key)) return std::nullopt;
      Skip();
      if (!Eat(':')) return std::nullopt;
      Skip();
      bool scalar = false;
      if (!Value(&value, &scalar, 0)) return std::nullopt;
      if (scalar) members[key] = value;
      Skip();
      if (Eat(',')) continue;
      if (Eat('}')) return End(members);
      return std::nullopt;
    }
  }

 private:
  std::optional<std::map<std::string, std::string>> End(
      std::map<std::string, std::string>& m) {
    Skip();
    if (i_ != t_.size()) return std::nullopt;
    return std::move(m);
  }
  void Skip() {
    while (i_ < t_.size() && std::isspace(static_cast<unsigned char>(t_[i_])))
      ++i_;
  }
  bool Eat(char c) {
    if (i_ < t_.size() && t_[i_] == c) {
      ++i_;
      return true;
    }
    return false;
  }
  static void AppendUtf8(std::string* out, uint32_t cp) {
    if (cp < 0x80) {
      out->push_back(static_cast<char>(cp));
    } else if (cp < 0x800) {
      out->push_back(static_cast<char>(0xc0 | (cp >> 6)));
      out->push_back(static_cast<char>(0x80 | (cp & 63)));
    } else {
      out->push_back(static_cast<char>(0xe0 | (cp >> 12)));
      out->push_back(static_cast<char>(0x80 | ((cp >> 6) & 63)));
      out->push_back(static_cast<char>(0x80 | (cp & 63)));
    }
  }
  bool String(std::string* out) {
    if (!Eat('"')) return false;
    while (i_ < t_.size()) {
      char c = t_[i_++];
      if (c == '"') return true;
      if (c != '\\') {
        out->push_back(c);
        continue;
      }
      if (i_ >= t_.size()) return false;
      char e = t_[i_++];
      switch (e) {
        case 'n': out->push_back('\n'); break;
        case 't': out->push_back('\t'); break;
        case 'r': out->push_back('\r'); break;
        case 'b': out->push_back('\b'); break;
        case 'f': out->push_back('\f'); break;
        case '/': case '\\': case '"': out->push_back(e); break;
        case 'u': {
          if (i_ + 4 > t_.size()) return false;
          uint32_t cp = 0;
          for (int k = 0; k < 4; ++k) {
            char h = t_[i_++];
            if (!std::isxdigit(static_cast<unsigned char>(h))) return false;
            cp = cp * 16 + static_cast<uint32_t>(
                               std::isdigit(static_cast<unsigned char>(h))
                                   ? h - '0'
                                   : (std::tolower(h) - 'a' + 10));
          }
          AppendUtf8(out, cp);
          break;
        }
        default: return false;
      }
    }
    return false;
  }
  // Nested values are skipped (depth-bounded); scalars are returned.
  bool Value(std::string* out, bool* scalar, int depth) {
    if (depth > 64 || i_ >= t_.size()) return false;
    const char c = t_[i_];
    if (c == '"') {
      *scalar = true;
      return String(out);
    }
    if (c == '{' || c == '[') {
      const char close = c == '{' ? '}' : ']';
      ++i_;
      Skip();
      if (Eat(close)) return true;
      for (;;) {
        Skip();
        std::string ignored;
        bool s = false;
        if (c == '{') {
          if (!String(&ignored)) return false;
          Skip();
          if (!Eat(':')) return false;
          Skip();
        }
        if (!Value(&ignored, &s, depth + 1)) return false;
        Skip();
        if (Eat(',')) continue;
        return Eat(close);
      }
    }
    size_t start = i_;
    while (i_ < t_.size() && (std::isalnum(static_cast<unsigned char>(t_[i_])) ||
                              t_[i_] == '-' || t_[i_] == '+' || t_[i_] == '.'))
      ++i_;
    if (start == i_) return false;
    *out = std::string(t_.substr(start, i_ - start));
    *scalar = *out != "null";
    return true;
  }

  std::string_view t_;
  size_t i_ = 0;
};

}  // namespace

std::string JsonQuote(std::string_view bytes) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out = "\"";
  for (size_t i = 0; i < bytes.size();) {
    const auto c = static_cast<unsigned char>(bytes[i]);
    if (c >= 0x80) {
      size_t len = Utf8SequenceLength(bytes, i);
      if (len == 0) {
        out += "\\ufffd";
        ++i;
      } else {
        out.append(bytes.substr(i, len));
        i += len;
      }
      continue;
    }
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\t': out += "\\t"; break;
      case '\r': out += "\\r"; break;
      default:
        if (c < 0x20 || c == 0x7f) {
          out += "\\u00";
          out.push_back(kHex[c >> 4]);
          out.push_back(kHex[c & 15]);
        } else {
          out.push_back(static_cast<char>(c));
        }
    }
    ++i;
  }
  out += "\"";
  return out;
}

std::optional<std::map<std::string, std::string>> ReadFlatJsonObject(
    std::string_view text) {
  return Parser(text).Object();
}

}  // namespace tern
