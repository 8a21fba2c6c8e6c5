#include "runtime/front/reader.h"

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <string>
#include <type_traits>
#include <utility>

#include <sanitizer/asan_interface.h>

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

static_assert(std::is_trivially_copyable_v<Datum> &&
              std::is_trivially_destructible_v<Datum>);

DatumPool::~DatumPool() {
  for (Block& b : blocks_) {
    ASAN_UNPOISON_MEMORY_REGION(b.items.get(), b.capacity * sizeof(Datum));
  }
}

std::span<Datum> DatumPool::Copy(std::span<const Datum> items) {
  const size_t n = items.size();
  if (n == 0) return {};
  while (current_ < blocks_.size() &&
         blocks_[current_].capacity - blocks_[current_].used < n) {
    ++current_;
  }
  if (current_ == blocks_.size()) {
    // Blocks double (from 64 data), and a long list gets one of its own size.
    const size_t last = blocks_.empty() ? 32 : blocks_.back().capacity;
    const size_t capacity = std::max(n, 2 * last);
    blocks_.push_back(
        Block{std::make_unique_for_overwrite<Datum[]>(capacity), capacity, 0});
    // Only what Copy hands out is addressable.
    ASAN_POISON_MEMORY_REGION(blocks_.back().items.get(),
                              capacity * sizeof(Datum));
  }
  Block& b = blocks_[current_];
  Datum* out = b.items.get() + b.used;
  ASAN_UNPOISON_MEMORY_REGION(out, n * sizeof(Datum));
  std::copy(items.begin(), items.end(), out);
  b.used += n;
  return {out, n};
}

void DatumPool::Rewind() {
  for (Block& b : blocks_) {
    ASAN_POISON_MEMORY_REGION(b.items.get(), b.used * sizeof(Datum));
    b.used = 0;
  }
  current_ = 0;
}

std::string_view Reader::StringText(std::string_view text) {
  const auto at = reinterpret_cast<uintptr_t>(text.data());
  const auto begin = reinterpret_cast<uintptr_t>(source_.data());
  if (text.empty() || (at >= begin && at - begin <= source_.size())) {
    return text;  // the source's own bytes
  }
  char* copy = static_cast<char*>(strings_.Allocate(text.size(), 1));
  std::memcpy(copy, text.data(), text.size());
  return {copy, text.size()};
}

Reader::Status Reader::Next(Datum* datum, Error* error) {
  Token first;
  if (!lexer_.Next(&first, error)) return Status::kError;
  if (first.kind == TokenKind::kEnd) return Status::kEnd;
  stack_.clear();
  return Read(first, 0, datum, error) ? Status::kDatum : Status::kError;
}

bool Reader::Read(const Token& first, int depth, Datum* out, Error* error) {
  if (IsClose(first.kind)) {
    *error = Error{ErrorKind::kParse, first.pos,
                   msg::Unexpected(Spelling(first.kind))};
    return false;
  }
  if (!IsOpen(first.kind)) {
    out->kind = Datum::Kind::kAtom;
    out->token = first;
    out->kids = {};
    if (first.kind == TokenKind::kStr) {
      out->token.text = StringText(first.text);
    }
    return true;
  }
  if (depth >= kMaxNesting) {
    *error = Error{ErrorKind::kParse, first.pos, msg::TooDeep()};
    return false;
  }
  out->kind = BracketKind(first.kind);
  out->token = Token{};
  out->token.pos = first.pos;
  const TokenKind closer = Closer(first.kind);
  // The kids are read onto the shared stack (a nested list pushes above and
  // pops before returning), then copied into the pool in one piece.
  const size_t base = stack_.size();
  for (;;) {
    Token next;
    if (!lexer_.Next(&next, error)) return false;
    if (next.kind == TokenKind::kEnd) {
      *error = Error{ErrorKind::kParse, first.pos,
                     msg::NeverClosed(Spelling(first.kind))};
      return false;
    }
    if (next.kind == closer) {
      out->kids = pool_.Copy(std::span<const Datum>(stack_).subspan(base));
      stack_.resize(base);
      return true;
    }
    if (IsClose(next.kind)) {
      *error = Error{ErrorKind::kParse, next.pos,
                     msg::Mismatched(Spelling(next.kind), Spelling(first.kind),
                                     first.pos)};
      return false;
    }
    Datum kid;
    if (!Read(next, depth + 1, &kid, error)) return false;
    stack_.push_back(kid);
  }
}

}  // namespace tern
