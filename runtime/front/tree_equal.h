#ifndef TERN_RUNTIME_TREE_EQUAL_H_
#define TERN_RUNTIME_TREE_EQUAL_H_

// Structural equality of program trees: what the source says, ignoring
// positions and every resolved field. Floats compare by bit pattern, so
// 0.0 and -0.0 differ and a NaN equals an identical NaN.

#include "runtime/ast.h"

namespace tern {

bool TreeEqual(const Program& a, const Program& b);
bool TreeEqual(const Function& a, const Function& b);
bool TreeEqual(const Expr& a, const Expr& b);

}  // namespace tern

#endif  // TERN_RUNTIME_TREE_EQUAL_H_
