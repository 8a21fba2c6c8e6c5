#ifndef TERN_RUNTIME_VM_COMPILER_H_
#define TERN_RUNTIME_VM_COMPILER_H_

// The resolved tree (runtime/ast.h) -> register bytecode (chunk.h).

#include <optional>
#include <string>

#include "runtime/ast.h"
#include "runtime/vm/chunk.h"

namespace tern::vm {

// The front end has checked the program; the only failure left is a
// function too big for the instruction format (more than 65535 registers or
// constants), reported with *why set. Defns are compiled first, then the
// top-level expressions in program order: the first too-big function found
// in that order is the one reported.

// Compiles every defn, top-level expression and lambda of `program`.
std::optional<Module> CompileModule(const Program& program, std::string* why);

// The pieces of CompileModule, for a run that compiles each top-level
// expression only when it is reached (vm.cc) and drops it after it ran.
// Every defn (and its lambdas): chunk i is defn i.
bool CompileDefns(const Program& program, Module* module, std::string* why);
// Whether every top-level expression would compile, with CompileModule's
// message if one would not. Cheap: a form too small to outgrow the format
// (the common case) is not compiled.
bool TopLevelFits(const Program& program, std::string* why);
// Appends the chunk of the top-level expression `form`, then those of its
// lambdas, to module->chunks; its index. The tables (toplevel_chunks) are
// the caller's.
std::optional<uint32_t> CompileTopLevel(const TopForm& form, Module* module,
                                        std::string* why);

}  // namespace tern::vm

#endif  // TERN_RUNTIME_VM_COMPILER_H_
