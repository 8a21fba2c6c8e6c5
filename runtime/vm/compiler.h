#ifndef TERN_RUNTIME_VM_COMPILER_H_
#define TERN_RUNTIME_VM_COMPILER_H_

// The resolved tree (runtime/ast.h) -> register bytecode (chunk.h).

#include <optional>
#include <string>

#include "runtime/ast.h"
#include "runtime/vm/chunk.h"

namespace tern::vm {

// Compiles every defn, top-level expression and lambda of `program`. The
// front end has checked the program; the only failure left is a function
// too big for the instruction format (more than 65535 registers), returned
// as nullopt with *why set.
std::optional<Module> CompileModule(const Program& program, std::string* why);

}  // namespace tern::vm

#endif  // TERN_RUNTIME_VM_COMPILER_H_
