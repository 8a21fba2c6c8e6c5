#ifndef TERN_RUNTIME_PARSER_H_
#define TERN_RUNTIME_PARSER_H_

// Source text -> unresolved Program (runtime/ast.h): reading (tokens,
// brackets, nesting limit) and the syntax of every special form. Names are
// not looked up here; see runtime/resolver.h.
//
// The program is processed one top-level form at a time: a form is read in
// full (reader errors), then its syntax is checked in source order (a form's
// own shape before its parts), then the next form is read. So the error
// reported is the first one in that order; a reader error in a form hides
// syntax errors inside the same form.

#include <memory>
#include <optional>
#include <string_view>

#include "runtime/ast.h"
#include "runtime/error.h"

namespace tern {

struct ParseResult {
  std::unique_ptr<Program> program;  // set iff !error
  std::optional<Error> error;        // always of kind kParse
};

ParseResult ParseProgram(std::string_view source);

}  // namespace tern

#endif  // TERN_RUNTIME_PARSER_H_
