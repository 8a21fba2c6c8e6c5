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
// Comments are not part of the tree and are not reproduced.
//
// Literals: floats in shortest round-trip form (`1.0`, `1e+16`), infinities
// as `1e999` / `-1e999`; strings with escapes for `"`, `\`, control bytes and
// bytes that are not valid UTF-8. A NaN float has no literal: it is printed
// as `(- 1e999 1e999)`, which evaluates to NaN but is not the same tree.

#include <string>

#include "runtime/ast.h"

namespace tern {

std::string PrintProgram(const Program& program);
std::string PrintExpr(const Expr& expr);

}  // namespace tern

#endif  // TERN_RUNTIME_PRINTER_H_
