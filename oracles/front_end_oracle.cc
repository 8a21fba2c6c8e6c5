#include "oracles/front_end_oracle.h"

#include "runtime/error.h"
#include "runtime/front/front_end.h"
#include "runtime/front/parser.h"
#include "runtime/front/printer.h"
#include "runtime/front/tree_equal.h"

namespace tern {
namespace {

std::string Describe(const std::optional<Error>& error) {
  if (!error) return "accepted";
  return std::string(ErrorKindName(error->kind)) + " at " +
         std::to_string(error->pos.line) + ':' +
         std::to_string(error->pos.col) + ": " + error->message;
}

}  // namespace

std::optional<std::string> CheckFrontEnd(std::string_view source) {
  const CompileResult first = Compile(source);
  const CompileResult second = Compile(source);
  if ((first.program == nullptr) == !first.error.has_value()) {
    return "Compile returned " +
           std::string(first.error ? "both an error and"
                                   : "neither an error nor") +
           " a program";
  }
  if (first.error != second.error) {
    return "Compile is not deterministic: " + Describe(first.error) +
           ", then " + Describe(second.error);
  }
  if (first.program && !TreeEqual(*first.program, *second.program)) {
    return "Compile is not deterministic: two different trees";
  }

  const ParseResult parsed = ParseProgram(source);
  if (parsed.error) {
    if (parsed.error != first.error) {
      return "ParseProgram says " + Describe(parsed.error) +
             " but Compile says " + Describe(first.error);
    }
    return std::nullopt;
  }

  const std::string printed = PrintProgram(*parsed.program);
  const ParseResult reparsed = ParseProgram(printed);
  if (reparsed.error) {
    return "the printed program does not parse: " + Describe(reparsed.error) +
           "\n--- printed ---\n" + printed;
  }
  if (!TreeEqual(*parsed.program, *reparsed.program)) {
    return "the printed program parses to a different tree\n--- printed ---\n" +
           printed;
  }
  const std::string reprinted = PrintProgram(*reparsed.program);
  if (reprinted != printed) {
    return "printing is not stable\n--- printed ---\n" + printed +
           "\n--- reprinted ---\n" + reprinted;
  }
  const CompileResult recompiled = Compile(printed);
  if (first.error.has_value() != recompiled.error.has_value() ||
      (first.error && first.error->kind != recompiled.error->kind)) {
    return "the original is " + Describe(first.error) +
           " but the printed program is " + Describe(recompiled.error) +
           "\n--- printed ---\n" + printed;
  }
  return std::nullopt;
}

}  // namespace tern
