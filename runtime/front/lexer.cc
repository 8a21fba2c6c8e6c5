#include "runtime/front/lexer.h"

#include <algorithm>
#include <charconv>
#include <limits>
#include <system_error>

#include "runtime/display.h"
#include "runtime/limits.h"

namespace tern {
namespace {

// Every message the lexer produces.
namespace msg {

std::string InvalidUtf8(unsigned char byte) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string s = "invalid UTF-8 (byte 0x";
  s.push_back(kHex[byte >> 4]);
  s.push_back(kHex[byte & 15]);
  s.push_back(')');
  return s;
}

constexpr std::string_view kUnterminatedString = "unterminated string";

std::string StringTooLong() {
  return "string literal longer than " + std::to_string(kMaxSequenceLength) +
         " bytes";
}
constexpr std::string_view kBadEscape =
    "invalid escape in string: '\\' must be followed by one of "
    "n t r 0 \\ \" or xHH";
constexpr std::string_view kBadHexEscape =
    "invalid escape in string: '\\x' must be followed by two hex digits";
constexpr std::string_view kIntOutOfRange =
    "integer literal does not fit in 64 bits";

// Quotes a token, bounded and escaped (runtime/display.h).
std::string Excerpt(std::string_view text) { return QuoteName(text); }

std::string MalformedNumber(std::string_view text) {
  return "malformed number " + Excerpt(text) +
         ": a token starting with a digit must be an int or float literal";
}

}  // namespace msg

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

bool IsHexDigit(char c) {
  return IsDigit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

int HexValue(char c) {
  if (IsDigit(c)) return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  return c - 'A' + 10;
}

bool IsDelimiter(unsigned char c) {
  switch (c) {
    case ' ':
    case '\t':
    case '\n':
    case '\r':
    case '(':
    case ')':
    case '[':
    case ']':
    case '{':
    case '}':
    case '"':
    case ';': return true;
    default: return false;
  }
}

enum class NumberShape { kNone, kInt, kFloat };

// Whether `t` fully matches -?[0-9]+ (kInt) or
// -?[0-9]+(\.[0-9]+)?([eE][+-]?[0-9]+)? with at least one optional part
// (kFloat).
NumberShape MatchNumber(std::string_view t) {
  size_t i = 0;
  auto digits = [&] {
    size_t start = i;
    while (i < t.size() && IsDigit(t[i])) ++i;
    return i > start;
  };
  if (i < t.size() && t[i] == '-') ++i;
  if (!digits()) return NumberShape::kNone;
  bool is_float = false;
  if (i < t.size() && t[i] == '.') {
    ++i;
    if (!digits()) return NumberShape::kNone;
    is_float = true;
  }
  if (i < t.size() && (t[i] == 'e' || t[i] == 'E')) {
    ++i;
    if (i < t.size() && (t[i] == '+' || t[i] == '-')) ++i;
    if (!digits()) return NumberShape::kNone;
    is_float = true;
  }
  if (i != t.size()) return NumberShape::kNone;
  return is_float ? NumberShape::kFloat : NumberShape::kInt;
}

// For a float literal, the decimal exponent of its first significant digit
// (saturated far beyond the double range); only the sign matters to the
// caller.
int64_t LeadingDigitExponent(std::string_view t) {
  constexpr int64_t kCap = int64_t{1} << 40;
  size_t i = t[0] == '-' ? 1 : 0;
  int64_t lead = 0;  // exponent of the first nonzero digit so far
  bool found = false;
  size_t int_start = i;
  while (i < t.size() && IsDigit(t[i])) ++i;
  for (size_t k = int_start; k < i && !found; ++k) {
    if (t[k] != '0') {
      lead = static_cast<int64_t>(i - k) - 1;
      found = true;
    }
  }
  if (i < t.size() && t[i] == '.') {
    ++i;
    int64_t place = -1;
    for (; i < t.size() && IsDigit(t[i]); ++i, --place) {
      if (!found && t[i] != '0') {
        lead = place;
        found = true;
      }
    }
  }
  if (!found) return -kCap;  // the value is zero
  int64_t exp = 0;
  if (i < t.size()) {  // [eE][+-]?[0-9]+
    ++i;
    bool neg = t[i] == '-';
    if (t[i] == '+' || t[i] == '-') ++i;
    for (; i < t.size(); ++i) exp = std::min(kCap, exp * 10 + (t[i] - '0'));
    if (neg) exp = -exp;
  }
  return lead + exp;
}

// Reads a float literal exactly as strtod would (correctly rounded; beyond
// the double range: +-inf, or +-0 below it), independent of the C locale.
double ParseFloatLiteral(std::string_view t) {
  double d = 0;
  auto [end, ec] = std::from_chars(t.data(), t.data() + t.size(), d);
  if (ec == std::errc::result_out_of_range) {
    // from_chars leaves d alone when the result overflows or underflows.
    d = LeadingDigitExponent(t) > 0 ? std::numeric_limits<double>::infinity()
                                    : 0.0;
    if (t[0] == '-') d = -d;
  }
  return d;
}

}  // namespace

size_t Utf8SequenceLength(std::string_view bytes, size_t at) {
  auto byte = [&](size_t k) {
    return at + k < bytes.size() ? static_cast<unsigned char>(bytes[at + k])
                                 : 0u;
  };
  auto cont = [](unsigned c) { return (c & 0xc0) == 0x80; };
  unsigned b0 = byte(0);
  if (b0 < 0x80) return 1;
  if (b0 >= 0xc2 && b0 <= 0xdf) return cont(byte(1)) ? 2 : 0;
  if (b0 >= 0xe0 && b0 <= 0xef) {
    unsigned b1 = byte(1);
    // No overlong forms (e0 a0..), no surrogates (ed 80..9f).
    unsigned lo = b0 == 0xe0 ? 0xa0 : 0x80;
    unsigned hi = b0 == 0xed ? 0x9f : 0xbf;
    return b1 >= lo && b1 <= hi && cont(byte(2)) ? 3 : 0;
  }
  if (b0 >= 0xf0 && b0 <= 0xf4) {
    unsigned b1 = byte(1);
    // No overlong forms (f0 90..), nothing above U+10FFFF (f4 80..8f).
    unsigned lo = b0 == 0xf0 ? 0x90 : 0x80;
    unsigned hi = b0 == 0xf4 ? 0x8f : 0xbf;
    return b1 >= lo && b1 <= hi && cont(byte(2)) && cont(byte(3)) ? 4 : 0;
  }
  return 0;
}

void Lexer::SkipAscii(size_t n) {
  at_ += n;
  constexpr int32_t kMax = std::numeric_limits<int32_t>::max();
  col_ = static_cast<int32_t>(
      std::min<int64_t>(int64_t{col_} + static_cast<int64_t>(n), kMax));
}

bool Lexer::Advance(Error* error) {
  size_t len = Utf8SequenceLength(src_, at_);
  if (len == 0) {
    *error = Error{ErrorKind::kParse, Here(), msg::InvalidUtf8(Peek())};
    return false;
  }
  // Positions saturate rather than overflow on absurdly large inputs.
  constexpr int32_t kMax = std::numeric_limits<int32_t>::max();
  if (Peek() == '\n') {
    if (line_ < kMax) ++line_;
    col_ = 1;
  } else if (col_ < kMax) {
    ++col_;
  }
  at_ += len;
  return true;
}

bool Lexer::SkipTrivia(Error* error) {
  while (!AtEnd()) {
    unsigned char c = Peek();
    if (c == ';') {
      const Pos start = Here();
      const size_t from = at_;
      while (!AtEnd() && Peek() != '\n') {
        if (!Advance(error)) return false;
      }
      if (comment_sink_ != nullptr) {
        std::string_view text = src_.substr(from, at_ - from);
        while (!text.empty() && text.back() == '\r') text.remove_suffix(1);
        comment_sink_->push_back(
            Comment{start, text, last_token_line_ != start.line});
      }
    } else if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
      if (!Advance(error)) return false;
    } else {
      break;
    }
  }
  return true;
}

bool Lexer::Next(Token* token, Error* error) {
  if (!SkipTrivia(error)) return false;
  struct MarkLine {  // runs once the token has been read
    Lexer* lexer;
    ~MarkLine() { lexer->last_token_line_ = lexer->line_; }
  } mark{this};
  token->pos = Here();
  token->text = {};
  token->int_value = 0;
  token->float_value = 0;
  if (AtEnd()) {
    token->kind = TokenKind::kEnd;
    return true;
  }
  TokenKind bracket;
  switch (Peek()) {
    case '(': bracket = TokenKind::kOpenParen; break;
    case ')': bracket = TokenKind::kCloseParen; break;
    case '[': bracket = TokenKind::kOpenBracket; break;
    case ']': bracket = TokenKind::kCloseBracket; break;
    case '{': bracket = TokenKind::kOpenBrace; break;
    case '}': bracket = TokenKind::kCloseBrace; break;
    case '"': return LexString(token, error);
    default: return LexAtom(token, error);
  }
  token->kind = bracket;
  return Advance(error);
}

bool Lexer::LexString(Token* token, Error* error) {
  token->kind = TokenKind::kStr;
  const Pos start = Here();
  if (!Advance(error)) return false;  // the opening quote
  // Until the first escape the bytes are the source's own (no copy); from
  // there on they are decoded into decoded_.
  const size_t from = at_;
  bool decoding = false;
  for (;;) {
    if (AtEnd()) {
      *error = Error{ErrorKind::kParse, start,
                     std::string(msg::kUnterminatedString)};
      return false;
    }
    // The length limit holds for literals too (docs/language.md, Limits).
    const size_t size = decoding ? decoded_.size() : at_ - from;
    if (size > static_cast<size_t>(kMaxSequenceLength)) {
      *error = Error{ErrorKind::kParse, start, msg::StringTooLong()};
      return false;
    }
    char c = src_[at_];
    if (c == '"') {
      token->text = decoding ? std::string_view(decoded_)
                             : src_.substr(from, at_ - from);
      return Advance(error);
    }
    if (c == '\\') {
      if (!decoding) {
        decoded_.assign(src_.substr(from, at_ - from));
        decoding = true;
      }
      if (!LexEscape(start, error)) return false;
      continue;
    }
    const size_t here = at_;
    if (!Advance(error)) return false;
    if (decoding) decoded_.append(src_.substr(here, at_ - here));
  }
}

bool Lexer::LexEscape(Pos string_start, Error* error) {
  const Pos backslash = Here();
  SkipAscii(1);
  auto bad = [&](std::string_view why) {
    *error = Error{ErrorKind::kParse, backslash, std::string(why)};
    return false;
  };
  if (AtEnd()) {
    *error = Error{ErrorKind::kParse, string_start,
                   std::string(msg::kUnterminatedString)};
    return false;
  }
  char c = src_[at_];
  char decoded;
  switch (c) {
    case 'n': decoded = '\n'; break;
    case 't': decoded = '\t'; break;
    case 'r': decoded = '\r'; break;
    case '0': decoded = '\0'; break;
    case '\\': decoded = '\\'; break;
    case '"': decoded = '"'; break;
    case 'x': {
      if (src_.size() - at_ < 3 || !IsHexDigit(src_[at_ + 1]) ||
          !IsHexDigit(src_[at_ + 2])) {
        return bad(msg::kBadHexEscape);
      }
      decoded_.push_back(static_cast<char>(HexValue(src_[at_ + 1]) * 16 +
                                           HexValue(src_[at_ + 2])));
      SkipAscii(3);
      return true;
    }
    default: return bad(msg::kBadEscape);
  }
  decoded_.push_back(decoded);
  SkipAscii(1);
  return true;
}

bool Lexer::LexAtom(Token* token, Error* error) {
  const size_t from = at_;
  while (!AtEnd() && !IsDelimiter(Peek())) {
    if (!Advance(error)) return false;
  }
  std::string_view text = src_.substr(from, at_ - from);
  switch (MatchNumber(text)) {
    case NumberShape::kInt: {
      token->kind = TokenKind::kInt;
      auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(),
                                       token->int_value);
      if (ec != std::errc()) {  // the digits matched, so only the range fails
        *error = Error{ErrorKind::kParse, token->pos,
                       std::string(msg::kIntOutOfRange)};
        return false;
      }
      return true;
    }
    case NumberShape::kFloat:
      token->kind = TokenKind::kFloat;
      token->float_value = ParseFloatLiteral(text);
      return true;
    case NumberShape::kNone: break;
  }
  if (IsDigit(text[0])) {
    *error = Error{ErrorKind::kParse, token->pos, msg::MalformedNumber(text)};
    return false;
  }
  if (text == "true") {
    token->kind = TokenKind::kTrue;
  } else if (text == "false") {
    token->kind = TokenKind::kFalse;
  } else if (text == "null") {
    token->kind = TokenKind::kNull;
  } else {
    token->kind = TokenKind::kSymbol;
    token->text = text;
  }
  return true;
}

}  // namespace tern
