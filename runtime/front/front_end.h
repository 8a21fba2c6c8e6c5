#ifndef TERN_RUNTIME_FRONT_END_H_
#define TERN_RUNTIME_FRONT_END_H_

// Source text -> resolved, escape-checked Program, or the first static error
// (in the order docs/language.md fixes: parse, defn headers, name resolution
// form by form, arena rules).

#include <memory>
#include <optional>
#include <string_view>

#include "runtime/ast.h"
#include "runtime/error.h"

namespace tern {

struct CompileResult {
  std::unique_ptr<Program> program;  // set iff !error
  std::optional<Error> error;
};

CompileResult Compile(std::string_view source);

}  // namespace tern

#endif  // TERN_RUNTIME_FRONT_END_H_
