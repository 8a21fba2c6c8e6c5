#ifndef TERN_RUNTIME_READER_H_
#define TERN_RUNTIME_READER_H_

// Tokens -> data: the bracket structure of the source, one top-level form at
// a time, before any special-form syntax is checked (runtime/parser.h).

#include <cstddef>
#include <memory>
#include <span>
#include <string_view>
#include <vector>

#include "runtime/bump_arena.h"
#include "runtime/error.h"
#include "runtime/front/lexer.h"

namespace tern {

struct Datum {
  enum class Kind : unsigned char {
    kAtom,  // a literal or symbol: `token`
    kList,  // ( ... )
    kVec,   // [ ... ]
    kMap,   // { ... }
  };
  Kind kind = Kind::kAtom;
  // kAtom: the token. Bracketed kinds: only `pos` (the opening bracket).
  Token token;
  std::span<Datum> kids;  // owned by the Reader
};

// The storage of the data's kids: blocks that never move (a datum's kids
// stay where they are while more are read), rewound rather than freed, so
// reading a form allocates nothing once the first forms have been read.
// Under ASan a rewound block is poisoned until it is handed out again.
class DatumPool {
 public:
  DatumPool() = default;
  DatumPool(const DatumPool&) = delete;
  DatumPool& operator=(const DatumPool&) = delete;
  ~DatumPool();

  std::span<Datum> Copy(std::span<const Datum> items);
  // Every span handed out so far becomes invalid.
  void Rewind();

 private:
  struct Block {
    std::unique_ptr<Datum[]> items;
    size_t capacity = 0;
    size_t used = 0;
  };
  std::vector<Block> blocks_;
  size_t current_ = 0;  // the block being filled
};

class Reader {
 public:
  explicit Reader(std::string_view source)
      : source_(source), lexer_(source) {}

  enum class Status { kDatum, kEnd, kError };
  // Reads the next top-level datum into *datum. kError sets *error; the
  // reader is then spent. The datum (its kids, and a string's text) stays
  // valid while the Reader lives, until Recycle.
  Status Next(Datum* datum, Error* error);

  // Invalidates every datum read so far, reusing their storage: for a
  // caller done with each form before it reads the next (the parser).
  void Recycle() { pool_.Rewind(); }

 private:
  // Reads the datum that starts with `first`, `depth` brackets deep. The
  // nesting limit is checked before descending, so recursion is bounded.
  bool Read(const Token& first, int depth, Datum* out, Error* error);
  // The text of a string token, copied out of the lexer when it decoded
  // escapes (the lexer's buffer is reused by the next token).
  std::string_view StringText(std::string_view text);

  std::string_view source_;
  Lexer lexer_;
  // The kids of the lists being read, innermost last: each list's are
  // copied into pool_ once it is closed.
  std::vector<Datum> stack_;
  DatumPool pool_;
  BumpArena strings_;  // the texts of strings with escapes
};

}  // namespace tern

#endif  // TERN_RUNTIME_READER_H_
