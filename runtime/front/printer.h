#ifndef TERN_RUNTIME_PRINTER_H_
#define TERN_RUNTIME_PRINTER_H_

// Program tree -> canonical source text (`tern fmt`). Parsing the text gives
// a tree equal to the input (runtime/tree_equal.h) for every tree the parser
// can produce; resolved fields are ignored.
//
// Layout: a form that fits in 80 columns is printed on one line; otherwise
// its head stays on the first line and its parts go on the following lines,
// indented by 2; runs of literals and names share lines (an if's branches
// excepted).
// Forms starting right of column 64 are always printed on one line, so the
// output stays proportional to the input however deep the nesting.
//
// Comments are not part of the tree; given the source's comments
// (comments.h), they are kept: a comment stays with the form it precedes
// (on its own line before it) or ends (after it on the same line), and one
// after a list's last element stays at the end of that list (its closing
// bracket then moves to a line of its own). A form holding a comment is
// never printed on one line. (Placement inside a let's binding list or a
// for/fn header may move to the next form of the body.)
//
// Literals: floats in shortest round-trip form (`1.0`, `1e+16`), infinities
// as `1e999` / `-1e999`; strings with escapes for `"`, `\`, control bytes and
// bytes that are not valid UTF-8. A NaN float has no literal: it is printed
// as `(- 1e999 1e999)`, which evaluates to NaN but is not the same tree.

#include <functional>
#include <string>
#include <string_view>

#include "runtime/ast.h"

namespace tern {

class SourceComments;
// `comments`, when set, must describe the source `program` was parsed from.
std::string PrintProgram(const Program& program,
                         const SourceComments* comments = nullptr);
// The same text, handed to `sink` in pieces as it is laid out (at most
// about 64 KiB held at a time beyond the form being printed).
using TextSink = std::function<void(std::string_view)>;
void PrintProgram(const Program& program, const SourceComments* comments,
                  const TextSink& sink);
std::string PrintExpr(const Expr& expr);

}  // namespace tern

#endif  // TERN_RUNTIME_PRINTER_H_
