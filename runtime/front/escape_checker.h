#ifndef TERN_RUNTIME_ESCAPE_CHECKER_H_
#define TERN_RUNTIME_ESCAPE_CHECKER_H_

// The static arena-escape rules (docs/language.md, Arenas) over a resolved
// Program (runtime/resolver.h). Numbers the with-arena blocks 1..N in source
// order (Expr::arena_id, Program::num_arenas) and reports the violation
// whose form comes first in the source, if any.
//
// Provenance. The blocks lexically enclosing an expression e form a stack
// S(e) (lambda bodies included: the stack is lexical). prov(e), the blocks
// whose arena e's value may live in, is a subset of S(e):
//  - S(e) if e may allocate (an allocating builtin, `[..]`, `{..}`, `fn`) or
//    calls a user function;
//  - for a variable, prov(var) restricted to S(e), where prov(var) is the
//    union of the provenance of its initial value and of every value
//    `set!` into it (a fixed point); parameters and loop variables have none;
//  - for `get`/`pop!`, that of the container; for `if` (branches), `and`,
//    `or`, `do`, `let`, `with-arena`, `no-gc` (result), the union of what
//    may be the result, restricted to S(e) (so a with-arena block drops its
//    own arena when its value leaves it);
//  - nothing for anything else (literals, numbers, booleans, null).
// Rejected: a block B whose result has B in its provenance (reported at the
// with-arena); `set!` of a variable declared outside some enclosing block B
// to a value with B-provenance; `put!`/`push!` of a value with B-provenance
// into a container without it (both reported at that form).

#include <optional>

#include "runtime/ast.h"
#include "runtime/error.h"

namespace tern {

std::optional<Error> CheckArenaEscapes(Program* program);

}  // namespace tern

#endif  // TERN_RUNTIME_ESCAPE_CHECKER_H_
