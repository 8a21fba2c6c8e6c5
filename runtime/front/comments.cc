#include "runtime/front/comments.h"

#include <algorithm>

namespace tern {

SourceComments SourceComments::Scan(std::string_view source) {
  SourceComments s;
  Lexer lexer(source);
  lexer.set_comment_sink(&s.comments_);
  std::vector<size_t> open;  // indices into spans_ of unclosed brackets
  Token t;
  Error error;
  while (lexer.Next(&t, &error) && t.kind != TokenKind::kEnd) {
    switch (t.kind) {
      case TokenKind::kOpenParen:
      case TokenKind::kOpenBracket:
      case TokenKind::kOpenBrace:
        open.push_back(s.spans_.size());
        s.spans_.emplace_back(t.pos, t.pos);
        break;
      case TokenKind::kCloseParen:
      case TokenKind::kCloseBracket:
      case TokenKind::kCloseBrace:
        if (!open.empty()) {
          s.spans_[open.back()].second = t.pos;
          open.pop_back();
        }
        break;
      default:
        if (lexer.here().line != t.pos.line) {
          s.long_atoms_.emplace_back(t.pos, lexer.here().line);
        }
        break;
    }
  }
  return s;
}

Pos SourceComments::CloseOf(Pos open) const {
  auto it = std::lower_bound(
      spans_.begin(), spans_.end(), open,
      [](const std::pair<Pos, Pos>& s, Pos p) { return s.first < p; });
  return it != spans_.end() && it->first == open ? it->second : open;
}

int32_t SourceComments::EndLine(Pos start) const {
  Pos close = CloseOf(start);
  if (close != start) return close.line;
  auto it = std::lower_bound(
      long_atoms_.begin(), long_atoms_.end(), start,
      [](const std::pair<Pos, int32_t>& a, Pos p) { return a.first < p; });
  return it != long_atoms_.end() && it->first == start ? it->second
                                                       : start.line;
}

bool SourceComments::AnyBetween(Pos from, Pos to) const {
  auto it = std::upper_bound(
      comments_.begin(), comments_.end(), from,
      [](Pos p, const Comment& c) { return p < c.pos; });
  return it != comments_.end() && it->pos < to;
}

}  // namespace tern
