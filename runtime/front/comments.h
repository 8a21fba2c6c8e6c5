#ifndef TERN_RUNTIME_FRONT_COMMENTS_H_
#define TERN_RUNTIME_FRONT_COMMENTS_H_

// What `tern fmt` needs to keep a source's comments, which are not part of
// the tree: the comments in source order, and where each bracketed form
// closes and each multi-line token ends (the tree holds only where forms
// start).

#include <cstdint>
#include <string_view>
#include <utility>
#include <vector>

#include "runtime/front/lexer.h"
#include "runtime/pos.h"

namespace tern {

class SourceComments {
 public:
  using Comment = Lexer::Comment;

  // Scans `source` (which must outlive the result) up to its end or first
  // lexical error.
  static SourceComments Scan(std::string_view source);

  const std::vector<Comment>& comments() const { return comments_; }
  // The closing bracket of the form opening at `open`; `open` if unknown.
  Pos CloseOf(Pos open) const;
  // The line where the form or token starting at `start` ends.
  int32_t EndLine(Pos start) const;
  // Whether a comment lies strictly between `from` and `to`.
  bool AnyBetween(Pos from, Pos to) const;

 private:
  std::vector<Comment> comments_;
  std::vector<std::pair<Pos, Pos>> spans_;           // by opening position
  std::vector<std::pair<Pos, int32_t>> long_atoms_;  // tokens over lines
};

}  // namespace tern

#endif  // TERN_RUNTIME_FRONT_COMMENTS_H_
