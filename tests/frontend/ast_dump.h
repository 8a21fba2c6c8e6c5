#ifndef TERN_TESTS_FRONTEND_AST_DUMP_H_
#define TERN_TESTS_FRONTEND_AST_DUMP_H_

// A compact, unambiguous text form of program trees for test expectations.
// Kinds are explicit (`(call f 1)`, `(vec 1 2)`, `(not x)`); floats always
// show a `.`/`e`/`inf`; strings are quoted. With `resolved`, variables carry
// where they live (`x@L0` local slot, `x@C1` capture, `f@G0` defn), bindings
// their slot (`x#2`), direct calls their defn (`(call!0 f@G0 1)`), blocks
// their id (`(with-arena a#1 ...)`), and functions their frame
// (`{slots=3 mut=010 cap=[x:L0 mut y:C1]}`).

#include <string>
#include <string_view>

#include "runtime/ast.h"
#include "runtime/error.h"

namespace tern::testing {

std::string Dump(const Expr& e, bool resolved = false);
std::string Dump(const Function& f, bool resolved = false);
// Top-level forms, one per line.
std::string Dump(const Program& p, bool resolved = false);

// Parses (no resolution) and dumps, or "parse L:C: message".
std::string DumpParse(std::string_view source);
// Compiles and dumps resolved, or "KIND L:C: message".
std::string DumpCompile(std::string_view source);
// "KIND L:C: message", or "ok" when `source` compiles.
std::string CompileError(std::string_view source);
std::string Describe(const Error& e);

}  // namespace tern::testing

#endif  // TERN_TESTS_FRONTEND_AST_DUMP_H_
