#include "runtime/front/front_end.h"

#include <utility>

#include "runtime/front/escape_checker.h"
#include "runtime/front/parser.h"
#include "runtime/front/resolver.h"

namespace tern {

CompileResult Compile(std::string_view source) {
  ParseResult parsed = ParseProgram(source);
  if (parsed.error) return CompileResult{nullptr, std::move(parsed.error)};
  if (std::optional<Error> e = Resolve(parsed.program.get())) {
    return CompileResult{nullptr, std::move(e)};
  }
  if (std::optional<Error> e = CheckArenaEscapes(parsed.program.get())) {
    return CompileResult{nullptr, std::move(e)};
  }
  return CompileResult{std::move(parsed.program), std::nullopt};
}

}  // namespace tern
