// Printing a generated program and parsing the text back gives the same tree.

#include <gtest/gtest.h>
#include <rapidcheck/gtest.h>

#include <string>
#include <utility>

#include "fuzz/program_generator.h"
#include "fuzz/rc_program.h"
#include "runtime/front/comments.h"
#include "runtime/front/front_end.h"
#include "runtime/front/parser.h"
#include "runtime/front/printer.h"
#include "runtime/front/tree_equal.h"

namespace tern {
namespace {

RC_GTEST_PROP(RoundTripProperty, PrintThenReparseGivesTheSameTree, ()) {
  const fuzz::GeneratedProgram generated = *fuzz::ArbitraryProgram();
  const CompileResult original = Compile(generated.source);
  RC_ASSERT(!original.error);
  const std::string printed = PrintProgram(*original.program);
  const CompileResult reparsed = Compile(printed);
  RC_ASSERT(!reparsed.error);
  RC_ASSERT(TreeEqual(*original.program, *reparsed.program));
  RC_ASSERT(PrintProgram(*reparsed.program) == printed);
}

// `text` with `; cN` comments inserted before some of its blanks outside
// string literals (where a comment can start), and how many.
std::pair<std::string, int> WithComments(const std::string& text) {
  std::string out;
  int n = 0;
  bool in_string = false;
  for (size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (in_string) {
      if (c == '\\') {
        out += c;
        out += text[++i];
        continue;
      }
      if (c == '"') in_string = false;
    } else if (c == '"') {
      in_string = true;
    } else if ((c == ' ' || c == '\n') && *rc::gen::inRange(0, 4) == 0) {
      // On a line of its own, or ending the line's code.
      out += *rc::gen::arbitrary<bool>() ? "\n; c" : " ; c";
      out += std::to_string(n++) + "\n";
    }
    out += c;
  }
  if (*rc::gen::arbitrary<bool>()) out += "; c" + std::to_string(n++) + "\n";
  return {out, n};
}

std::string Fmt(const std::string& source, ParseResult* parsed) {
  *parsed = ParseProgram(source);
  if (parsed->error) return "";
  const SourceComments comments = SourceComments::Scan(source);
  return PrintProgram(*parsed->program, &comments);
}

// Comments survive fmt, each exactly once, without changing the tree, and
// fmt of fmt's output is unchanged.
RC_GTEST_PROP(RoundTripProperty, FmtKeepsCommentsAndTheTree, ()) {
  const fuzz::GeneratedProgram generated = *fuzz::ArbitraryProgram();
  const CompileResult original = Compile(generated.source);
  RC_ASSERT(!original.error);
  const auto [source, count] = WithComments(PrintProgram(*original.program));
  ParseResult first, second;
  const std::string once = Fmt(source, &first);
  RC_ASSERT(!first.error);
  RC_ASSERT(TreeEqual(*original.program, *first.program));
  const std::string twice = Fmt(once, &second);
  RC_ASSERT(!second.error);
  RC_ASSERT(TreeEqual(*original.program, *second.program));
  RC_ASSERT(twice == once);
  for (int i = 0; i < count; ++i) {
    const std::string c = "; c" + std::to_string(i) + "\n";
    const size_t at = once.find(c);
    RC_ASSERT(at != std::string::npos);
    RC_ASSERT(once.find(c, at + 1) == std::string::npos);
  }
}

}  // namespace
}  // namespace tern
