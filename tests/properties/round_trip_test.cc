// Printing a generated program and parsing the text back gives the same tree.

#include <gtest/gtest.h>
#include <rapidcheck/gtest.h>

#include <string>

#include "fuzz/program_generator.h"
#include "fuzz/rc_program.h"
#include "runtime/front/front_end.h"
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

}  // namespace
}  // namespace tern
