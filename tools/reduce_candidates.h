#ifndef TERN_TOOLS_REDUCE_CANDIDATES_H_
#define TERN_TOOLS_REDUCE_CANDIDATES_H_

// The tree edits of `tern reduce` (tools/reducer.h): every way to make one
// node of a program smaller, biggest reductions first. In the spirit of
// Perses and C-Reduce: delete forms and subforms, replace a subtree by a
// smaller one of the same kind (a literal, null, one of its children),
// inline let bindings, drop with-arena / no-gc wrappers, shorten literals.
// Candidates need not be valid programs: the reducer tests them.

#include <vector>

#include "fuzz/sexpr.h"

namespace tern::reduce {

// Candidates that delete runs of top-level forms: chunks of n/2, n/4, ... 1
// forms (ddmin), largest first.
std::vector<sexpr::Forest> DeleteTopLevel(const sexpr::Forest& forest);

// Candidates that change the node at `path` (and only it), in the order to
// try them. Empty if the node cannot get smaller.
std::vector<sexpr::Forest> ShrinkNode(const sexpr::Forest& forest,
                                      const sexpr::Path& path);

}  // namespace tern::reduce

#endif  // TERN_TOOLS_REDUCE_CANDIDATES_H_
