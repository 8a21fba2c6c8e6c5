#ifndef TERN_RUNTIME_READER_H_
#define TERN_RUNTIME_READER_H_

// Tokens -> data: the bracket structure of the source, one top-level form at
// a time, before any special-form syntax is checked (runtime/parser.h).

#include <string_view>
#include <vector>

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
  std::vector<Datum> kids;
};

class Reader {
 public:
  explicit Reader(std::string_view source) : lexer_(source) {}

  enum class Status { kDatum, kEnd, kError };
  // Reads the next top-level datum into *datum. kError sets *error; the
  // reader is then spent.
  Status Next(Datum* datum, Error* error);

 private:
  // Reads the datum that starts with `first`, `depth` brackets deep. The
  // nesting limit is checked before descending, so recursion is bounded.
  bool Read(Token first, int depth, Datum* out, Error* error);

  Lexer lexer_;
};

}  // namespace tern

#endif  // TERN_RUNTIME_READER_H_
