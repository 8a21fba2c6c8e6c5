#include "runtime/front/reader.h"

#include <string>
#include <utility>

#include "runtime/limits.h"

namespace tern {
namespace {

// Every message the reader produces.
namespace msg {

std::string PosText(Pos p) {
  return std::to_string(p.line) + ":" + std::to_string(p.col);
}

std::string Unexpected(char close) {
  return std::string("unexpected '") + close + "' with nothing to close";
}

std::string Mismatched(char close, char open, Pos open_pos) {
  return std::string("'") + close + "' does not close the '" + open + "' at " +
         PosText(open_pos);
}

std::string NeverClosed(char open) {
  return std::string("'") + open + "' is never closed";
}

std::string TooDeep() {
  return "brackets nested deeper than " + std::to_string(kMaxNesting) +
         " levels";
}

}  // namespace msg

bool IsOpen(TokenKind k) {
  return k == TokenKind::kOpenParen || k == TokenKind::kOpenBracket ||
         k == TokenKind::kOpenBrace;
}

bool IsClose(TokenKind k) {
  return k == TokenKind::kCloseParen || k == TokenKind::kCloseBracket ||
         k == TokenKind::kCloseBrace;
}

char Spelling(TokenKind k) {
  switch (k) {
    case TokenKind::kOpenParen: return '(';
    case TokenKind::kCloseParen: return ')';
    case TokenKind::kOpenBracket: return '[';
    case TokenKind::kCloseBracket: return ']';
    case TokenKind::kOpenBrace: return '{';
    default: return '}';
  }
}

TokenKind Closer(TokenKind open) {
  switch (open) {
    case TokenKind::kOpenParen: return TokenKind::kCloseParen;
    case TokenKind::kOpenBracket: return TokenKind::kCloseBracket;
    default: return TokenKind::kCloseBrace;
  }
}

Datum::Kind BracketKind(TokenKind open) {
  switch (open) {
    case TokenKind::kOpenParen: return Datum::Kind::kList;
    case TokenKind::kOpenBracket: return Datum::Kind::kVec;
    default: return Datum::Kind::kMap;
  }
}

}  // namespace

Reader::Status Reader::Next(Datum* datum, Error* error) {
  Token first;
  if (!lexer_.Next(&first, error)) return Status::kError;
  if (first.kind == TokenKind::kEnd) return Status::kEnd;
  return Read(std::move(first), 0, datum, error) ? Status::kDatum
                                                 : Status::kError;
}

bool Reader::Read(Token first, int depth, Datum* out, Error* error) {
  if (IsClose(first.kind)) {
    *error = Error{ErrorKind::kParse, first.pos,
                   msg::Unexpected(Spelling(first.kind))};
    return false;
  }
  if (!IsOpen(first.kind)) {
    out->kind = Datum::Kind::kAtom;
    out->token = std::move(first);
    return true;
  }
  if (depth >= kMaxNesting) {
    *error = Error{ErrorKind::kParse, first.pos, msg::TooDeep()};
    return false;
  }
  out->kind = BracketKind(first.kind);
  out->token.pos = first.pos;
  const TokenKind closer = Closer(first.kind);
  for (;;) {
    Token next;
    if (!lexer_.Next(&next, error)) return false;
    if (next.kind == TokenKind::kEnd) {
      *error = Error{ErrorKind::kParse, first.pos,
                     msg::NeverClosed(Spelling(first.kind))};
      return false;
    }
    if (next.kind == closer) return true;
    if (IsClose(next.kind)) {
      *error = Error{ErrorKind::kParse, next.pos,
                     msg::Mismatched(Spelling(next.kind), Spelling(first.kind),
                                     first.pos)};
      return false;
    }
    // Most lists have two to four elements: one allocation instead of a
    // vector grown 1, 2, 4 (each growth moving every Datum read so far).
    if (out->kids.empty()) out->kids.reserve(4);
    out->kids.emplace_back();
    if (!Read(std::move(next), depth + 1, &out->kids.back(), error)) {
      return false;
    }
  }
}

}  // namespace tern
