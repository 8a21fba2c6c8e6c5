#include "runtime/interp/signals.h"

#include <utility>

#include "runtime/ast.h"

namespace tern::interp {
namespace {

std::string PosText(Pos p) {
  return std::to_string(p.line) + ":" + std::to_string(p.col);
}

}  // namespace

void Raise(ErrorKind kind, Pos pos, std::string message) {
  throw RuntimeError{Error{kind, pos, std::move(message)}};
}

void Fault(Pos pos, std::string what) {
  throw InternalFault{"at " + PosText(pos) + ": " + std::move(what)};
}

void FaultDeadObject(const Object* obj, Pos where) {
  const Expr* block = obj->region->block;  // null only for the heap
  std::string arena = block == nullptr
                          ? std::string("the heap")
                          : "arena `" + std::string(block->name) + "` (entered at " +
                                PosText(block->pos) + ")";
  Fault(where, "touched an object of " + arena + " after it ended");
}

}  // namespace tern::interp
