#ifndef TERN_RUNTIME_RESOLVER_H_
#define TERN_RUNTIME_RESOLVER_H_

// Name resolution over a parsed Program (runtime/parser.h). Checks, in the
// order docs/language.md fixes: the defn headers (reserved and duplicate
// names and parameters), then every top-level form in source order
// (unbound, reserved, duplicate, immutable, static arity). Fills in every
// resolved field of the tree except the arena ids (runtime/escape_checker.h):
// variable references, frame slots, lambda captures and direct defn calls.
//
// Every let, for and parameter variable gets a frame slot of its own (slots
// are never shared between variables). A lambda captures each enclosing
// variable it names, by value; when it names a variable of a function two or
// more levels out, every lambda in between captures it as well, so a closure
// copies its captures only from its creator's frame or captures.

#include <optional>

#include "runtime/ast.h"
#include "runtime/error.h"

namespace tern {

// On error the tree is left partly resolved and must not be run.
std::optional<Error> Resolve(Program* program);

}  // namespace tern

#endif  // TERN_RUNTIME_RESOLVER_H_
