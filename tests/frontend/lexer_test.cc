#include "runtime/front/lexer.h"

#include <gtest/gtest.h>

#include <bit>
#include <cmath>
#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <vector>

namespace tern {
namespace {

// A token that owns its text: a Token's points into the source or the lexer.
struct Lexeme {
  TokenKind kind = TokenKind::kEnd;
  Pos pos;
  std::string text;
  int64_t int_value = 0;
  double float_value = 0;
};

struct Lexed {
  std::vector<Lexeme> tokens;  // without the final kEnd
  std::optional<Error> error;
};

Lexed LexAll(std::string_view src) {
  Lexed out;
  Lexer lexer(src);
  for (;;) {
    Token t;
    Error e;
    if (!lexer.Next(&t, &e)) {
      out.error = e;
      return out;
    }
    if (t.kind == TokenKind::kEnd) return out;
    out.tokens.push_back(Lexeme{t.kind, t.pos, std::string(t.text),
                                t.int_value, t.float_value});
  }
}

Lexeme LexOne(std::string_view src) {
  Lexed l = LexAll(src);
  EXPECT_FALSE(l.error) << src << ": " << l.error->message;
  EXPECT_EQ(l.tokens.size(), 1u) << src;
  return l.tokens.empty() ? Lexeme{} : l.tokens[0];
}

std::string ErrorOf(std::string_view src) {
  Lexed l = LexAll(src);
  if (!l.error) return "no error";
  return std::to_string(l.error->pos.line) + ":" +
         std::to_string(l.error->pos.col) + " " + l.error->message;
}

uint64_t Bits(double d) { return std::bit_cast<uint64_t>(d); }

TEST(LexerTest, BracketsAndAtoms) {
  Lexed l = LexAll("([{}])  foo true false null 12 -3 1.5 \"s\"");
  ASSERT_FALSE(l.error);
  std::vector<TokenKind> kinds;
  for (const Lexeme& t : l.tokens) kinds.push_back(t.kind);
  EXPECT_EQ(kinds, (std::vector<TokenKind>{
                       TokenKind::kOpenParen, TokenKind::kOpenBracket,
                       TokenKind::kOpenBrace, TokenKind::kCloseBrace,
                       TokenKind::kCloseBracket, TokenKind::kCloseParen,
                       TokenKind::kSymbol, TokenKind::kTrue, TokenKind::kFalse,
                       TokenKind::kNull, TokenKind::kInt, TokenKind::kInt,
                       TokenKind::kFloat, TokenKind::kStr}));
  EXPECT_EQ(l.tokens[6].text, "foo");
  EXPECT_EQ(l.tokens[10].int_value, 12);
  EXPECT_EQ(l.tokens[11].int_value, -3);
  EXPECT_EQ(l.tokens[12].float_value, 1.5);
  EXPECT_EQ(l.tokens[13].text, "s");
}

TEST(LexerTest, EndIsSticky) {
  Lexer lexer("  ; only a comment");
  Token t;
  Error e;
  ASSERT_TRUE(lexer.Next(&t, &e));
  EXPECT_EQ(t.kind, TokenKind::kEnd);
  EXPECT_EQ(t.pos, (Pos{1, 19}));
  ASSERT_TRUE(lexer.Next(&t, &e));
  EXPECT_EQ(t.kind, TokenKind::kEnd);
}

TEST(LexerTest, PositionsCountCodePoints) {
  // é is 2 bytes, 日 3, 😀 4: each one column. A tab is one column; \r is
  // plain whitespace; lines split only at \n.
  Lexed l = LexAll("é日😀 x\n\ty\r z ; c\n  \"a\nb\" w");
  ASSERT_FALSE(l.error);
  ASSERT_EQ(l.tokens.size(), 6u);
  EXPECT_EQ(l.tokens[0].text, "é日😀");
  EXPECT_EQ(l.tokens[0].pos, (Pos{1, 1}));
  EXPECT_EQ(l.tokens[1].pos, (Pos{1, 5}));
  EXPECT_EQ(l.tokens[2].pos, (Pos{2, 2}));
  EXPECT_EQ(l.tokens[3].pos, (Pos{2, 5}));
  EXPECT_EQ(l.tokens[4].pos, (Pos{3, 3}));
  EXPECT_EQ(l.tokens[4].text, "a\nb");
  EXPECT_EQ(l.tokens[5].pos, (Pos{4, 4}));
}

TEST(LexerTest, DelimitersEndSymbols) {
  Lexed l = LexAll("a(b)c[d]e{f}g\"h\"i;j\nk\tl\rm");
  ASSERT_FALSE(l.error);
  std::string symbols;
  for (const Lexeme& t : l.tokens) {
    if (t.kind == TokenKind::kSymbol) symbols += t.text + ",";
  }
  EXPECT_EQ(symbols, "a,b,c,d,e,f,g,i,k,l,m,");
}

TEST(LexerTest, SymbolsMayHoldAnyOtherCharacter) {
  EXPECT_EQ(LexOne("set!").text, "set!");
  EXPECT_EQ(LexOne("a->b?").text, "a->b?");
  EXPECT_EQ(LexOne("#'\\,`").text, "#'\\,`");
  EXPECT_EQ(LexOne(std::string_view("a\0b", 3)).text, std::string("a\0b", 3));
  EXPECT_EQ(LexOne("\x01").text, "\x01");
  EXPECT_EQ(LexOne("truex").kind, TokenKind::kSymbol);
  EXPECT_EQ(LexOne("nil").kind, TokenKind::kSymbol);
  EXPECT_EQ(LexOne("True").kind, TokenKind::kSymbol);
}

TEST(LexerTest, IntLiterals) {
  EXPECT_EQ(LexOne("0").int_value, 0);
  EXPECT_EQ(LexOne("-0").int_value, 0);
  EXPECT_EQ(LexOne("007").int_value, 7);
  EXPECT_EQ(LexOne("9223372036854775807").int_value,
            std::numeric_limits<int64_t>::max());
  EXPECT_EQ(LexOne("-9223372036854775808").int_value,
            std::numeric_limits<int64_t>::min());
  EXPECT_EQ(ErrorOf(" 9223372036854775808"),
            "1:2 integer literal does not fit in 64 bits");
  EXPECT_EQ(ErrorOf("-9223372036854775809"),
            "1:1 integer literal does not fit in 64 bits");
  EXPECT_EQ(ErrorOf(std::string(5000, '9')),
            "1:1 integer literal does not fit in 64 bits");
}

TEST(LexerTest, FloatLiterals) {
  EXPECT_EQ(LexOne("1.5").float_value, 1.5);
  EXPECT_EQ(LexOne("-2.25").float_value, -2.25);
  EXPECT_EQ(LexOne("1e5").float_value, 1e5);
  EXPECT_EQ(LexOne("1E+5").float_value, 1e5);
  EXPECT_EQ(LexOne("25e-1").float_value, 2.5);
  EXPECT_EQ(LexOne("0.1").float_value, 0.1);
  EXPECT_EQ(LexOne("1.0").kind, TokenKind::kFloat);
  EXPECT_EQ(LexOne("00.50").float_value, 0.5);
  EXPECT_EQ(Bits(LexOne("-0.0").float_value), Bits(-0.0));
  EXPECT_EQ(LexOne("4.9e-324").float_value,
            std::numeric_limits<double>::denorm_min());
  EXPECT_EQ(LexOne("1.7976931348623157e308").float_value,
            std::numeric_limits<double>::max());
  // Correct rounding of a long mantissa.
  EXPECT_EQ(LexOne("0.30000000000000000000000000000000000001").float_value,
            0.3);
}

TEST(LexerTest, FloatsBeyondRangeBehaveLikeStrtod) {
  const double inf = std::numeric_limits<double>::infinity();
  EXPECT_EQ(LexOne("1e999").float_value, inf);
  EXPECT_EQ(LexOne("-1e999").float_value, -inf);
  EXPECT_EQ(LexOne("1.8e308").float_value, inf);
  EXPECT_EQ(LexOne("1e99999999999999999999999999").float_value, inf);
  EXPECT_EQ(LexOne("100000000000000000000000000000e290").float_value, inf);
  EXPECT_EQ(LexOne("0.0000000001e319").float_value, inf);
  EXPECT_EQ(Bits(LexOne("1e-400").float_value), Bits(0.0));
  EXPECT_EQ(Bits(LexOne("-1e-400").float_value), Bits(-0.0));
  EXPECT_EQ(Bits(LexOne("1e-99999999999999999999999").float_value), Bits(0.0));
  EXPECT_EQ(Bits(LexOne("100000000000000000000e-345").float_value), Bits(0.0));
  EXPECT_EQ(Bits(LexOne("0.0e99999999999999999999").float_value), Bits(0.0));
  EXPECT_EQ(Bits(LexOne("-0.0e-99999999999999999999").float_value), Bits(-0.0));
}

TEST(LexerTest, NumberLikeSymbolsAndMalformedNumbers) {
  for (const char* s : {"-1x", "+5", ".5", "-", "--1", "-.5", "-1.", "-1e", "+",
                        "-inf", "inf", "nan", "-1.5.2"}) {
    Lexeme t = LexOne(s);
    EXPECT_EQ(t.kind, TokenKind::kSymbol) << s;
    EXPECT_EQ(t.text, s);
  }
  for (const char* s : {"1x", "1.", "1.e5", "1e", "1e+", "1.5.2", "1-2", "0x10",
                        "1_000", "1e5.0", "2é"}) {
    EXPECT_EQ(ErrorOf(s), std::string("1:1 malformed number '") + s +
                              "': a token starting with a digit must be an "
                              "int or float literal")
        << s;
  }
  // A long token is shortened in the message, at a code point boundary.
  // (64 bytes are kept: "é" is bytes 64 and 65, so the cut falls before it.)
  std::string long_token = "1" + std::string(62, 'a') + "é" + "zz";
  EXPECT_EQ(ErrorOf(long_token),
            "1:1 malformed number '1" + std::string(62, 'a') +
                "...': a token starting with a digit must be an int or float "
                "literal");
}

TEST(LexerTest, StringEscapes) {
  EXPECT_EQ(LexOne(R"("a\nb\tc\rd\\e\"f\0g")").text,
            std::string("a\nb\tc\rd\\e\"f\0g", 13));
  EXPECT_EQ(LexOne(R"("\x41\x7a\xfF\x00")").text, std::string("Az\xff\0", 4));
  EXPECT_EQ(LexOne("\"raw\nline\"").text, "raw\nline");
  EXPECT_EQ(LexOne("\"é😀\"").text, "é😀");
  EXPECT_EQ(LexOne("\"\"").text, "");
  EXPECT_EQ(LexOne("\"(;)\"").text, "(;)");
}

TEST(LexerTest, StringErrors) {
  const std::string bad =
      "invalid escape in string: '\\' must be followed by one of n t r 0 \\ "
      "\" or xHH";
  const std::string bad_hex =
      "invalid escape in string: '\\x' must be followed by two hex digits";
  EXPECT_EQ(ErrorOf(R"(x "ab\q")"), "1:6 " + bad);
  EXPECT_EQ(ErrorOf(R"("\a")"), "1:2 " + bad);
  EXPECT_EQ(ErrorOf("\"\\\n\""), "1:2 " + bad);
  EXPECT_EQ(ErrorOf("\"\\é\""), "1:2 " + bad);
  EXPECT_EQ(ErrorOf(R"("\x4")"), "1:2 " + bad_hex);
  EXPECT_EQ(ErrorOf(R"("\x4g")"), "1:2 " + bad_hex);
  EXPECT_EQ(ErrorOf(R"("\x)"), "1:2 " + bad_hex);
  EXPECT_EQ(ErrorOf("\"abc"), "1:1 unterminated string");
  EXPECT_EQ(ErrorOf("\n  \"abc\\"), "2:3 unterminated string");
  EXPECT_EQ(ErrorOf("\"abc\\\""), "1:1 unterminated string");
}

TEST(LexerTest, InvalidUtf8IsReportedWhereItOccurs) {
  EXPECT_EQ(ErrorOf("ab\xff"), "1:3 invalid UTF-8 (byte 0xff)");
  EXPECT_EQ(ErrorOf("é\n xé\x80"), "2:4 invalid UTF-8 (byte 0x80)");
  EXPECT_EQ(ErrorOf("; comment \xc3("), "1:11 invalid UTF-8 (byte 0xc3)");
  EXPECT_EQ(ErrorOf("\"s\xe2\x82\""), "1:3 invalid UTF-8 (byte 0xe2)");
  EXPECT_EQ(ErrorOf("\xc0\x80"), "1:1 invalid UTF-8 (byte 0xc0)");  // overlong
  EXPECT_EQ(ErrorOf("\xe0\x9f\xbf"), "1:1 invalid UTF-8 (byte 0xe0)");
  EXPECT_EQ(ErrorOf("\xed\xa0\x80"),
            "1:1 invalid UTF-8 (byte 0xed)");  // surrogate
  EXPECT_EQ(ErrorOf("\xf4\x90\x80\x80"), "1:1 invalid UTF-8 (byte 0xf4)");
  EXPECT_EQ(ErrorOf("\xf0\x9f\x98"), "1:1 invalid UTF-8 (byte 0xf0)");
  EXPECT_EQ(ErrorOf("( \xf5\x80\x80\x80"), "1:3 invalid UTF-8 (byte 0xf5)");
  // The lexer stops at the first problem: a later bad byte is not seen.
  EXPECT_EQ(ErrorOf("1x \xff"),
            "1:1 malformed number '1x': a token starting "
            "with a digit must be an int or float literal");
}

TEST(LexerTest, Utf8SequenceLength) {
  EXPECT_EQ(Utf8SequenceLength("a", 0), 1u);
  EXPECT_EQ(Utf8SequenceLength(std::string_view("\0", 1), 0), 1u);
  EXPECT_EQ(Utf8SequenceLength("\xc2\x80", 0), 2u);          // U+0080
  EXPECT_EQ(Utf8SequenceLength("\xdf\xbf", 0), 2u);          // U+07FF
  EXPECT_EQ(Utf8SequenceLength("\xe0\xa0\x80", 0), 3u);      // U+0800
  EXPECT_EQ(Utf8SequenceLength("\xed\x9f\xbf", 0), 3u);      // U+D7FF
  EXPECT_EQ(Utf8SequenceLength("\xee\x80\x80", 0), 3u);      // U+E000
  EXPECT_EQ(Utf8SequenceLength("\xef\xbf\xbf", 0), 3u);      // U+FFFF
  EXPECT_EQ(Utf8SequenceLength("\xf0\x90\x80\x80", 0), 4u);  // U+10000
  EXPECT_EQ(Utf8SequenceLength("\xf4\x8f\xbf\xbf", 0), 4u);  // U+10FFFF
  EXPECT_EQ(Utf8SequenceLength("x\xc3\xa9", 1), 2u);
  for (const char* bad :
       {"\x80", "\xbf", "\xc0\x80", "\xc1\xbf", "\xc2", "\xc2\x41",
        "\xe0\x80\x80", "\xed\xa0\x80", "\xed\xbf\xbf", "\xef\xbf",
        "\xf0\x80\x80\x80", "\xf4\x90\x80\x80", "\xf5\x80\x80\x80", "\xff",
        "\xf0\x90\x80\x41"}) {
    EXPECT_EQ(Utf8SequenceLength(bad, 0), 0u)
        << std::hex << +static_cast<unsigned char>(bad[0]);
  }
}

}  // namespace
}  // namespace tern
