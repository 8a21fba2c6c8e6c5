#ifndef TERN_RUNTIME_LEXER_H_
#define TERN_RUNTIME_LEXER_H_

// Tern tokens (docs/language.md, Syntax). The lexer validates UTF-8 as it
// goes, so that an error is reported where it occurs in source order rather
// than before every other error in the file.

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "runtime/error.h"
#include "runtime/pos.h"

namespace tern {

enum class TokenKind : unsigned char {
  kOpenParen,     // (
  kCloseParen,    // )
  kOpenBracket,   // [
  kCloseBracket,  // ]
  kOpenBrace,     // {
  kCloseBrace,    // }
  kInt,           // int_value
  kFloat,         // float_value
  kStr,           // text: the bytes, escapes decoded
  kTrue,
  kFalse,
  kNull,
  kSymbol,  // text: the name
  kEnd,     // end of input
};

// A token's text is not copied: a symbol's, or a string's without escapes,
// points into the source; a string's with escapes into the lexer, valid
// until its next call of Next.
struct Token {
  TokenKind kind = TokenKind::kEnd;
  Pos pos;  // the token's first character
  std::string_view text;
  int64_t int_value = 0;
  double float_value = 0;
};

// The number of bytes of the well-formed UTF-8 sequence starting at
// `bytes[at]` (at < bytes.size()), or 0 if none starts there. Overlong
// forms, surrogates and code points above U+10FFFF are not well formed.
size_t Utf8SequenceLength(std::string_view bytes, size_t at);

class Lexer {
 public:
  explicit Lexer(std::string_view source) : src_(source) {}

  // Reads the next token into *token (kEnd at the end of the input, again on
  // every later call). On a lexical error returns false and sets *error; the
  // lexer is then spent and must not be used again.
  bool Next(Token* token, Error* error);

  // The position just past the last token read.
  Pos here() const { return Here(); }

  // A comment: its `;`, its text (up to the end of its line), and whether
  // nothing but blanks precedes it on its line.
  struct Comment {
    Pos pos;
    std::string_view text;
    bool own_line = false;
  };
  // When set, every comment skipped is appended here.
  void set_comment_sink(std::vector<Comment>* sink) { comment_sink_ = sink; }

 private:
  bool AtEnd() const { return at_ >= src_.size(); }
  unsigned char Peek() const { return static_cast<unsigned char>(src_[at_]); }
  Pos Here() const { return Pos{line_, col_}; }

  // Moves past the code point at the cursor; false (and *error) if it is not
  // well-formed UTF-8.
  bool Advance(Error* error);
  // Moves past `n` ASCII bytes on one line, known to be valid.
  void SkipAscii(size_t n);
  bool SkipTrivia(Error* error);
  bool LexString(Token* token, Error* error);
  // Appends the escape's byte to decoded_.
  bool LexEscape(Pos string_start, Error* error);
  bool LexAtom(Token* token, Error* error);

  std::string_view src_;
  size_t at_ = 0;
  int32_t line_ = 1;
  int32_t col_ = 1;
  std::vector<Comment>* comment_sink_ = nullptr;
  std::string decoded_;  // the bytes of the last string with escapes
  int32_t last_token_line_ = 0;  // the line where the last token ended
};

}  // namespace tern

#endif  // TERN_RUNTIME_LEXER_H_
