#include "runtime/ast.h"

#include <limits>
#include <new>

namespace tern {

Str Str::Make(BumpArena& arena, std::string_view bytes) {
  if (bytes.empty()) return Str();
  if (bytes.size() > std::numeric_limits<uint32_t>::max()) {
    throw std::bad_alloc();  // never reached: sources are capped far below
  }
  const auto size = static_cast<uint32_t>(bytes.size());
  auto* block =
      static_cast<char*>(arena.Allocate(sizeof size + bytes.size(), 4));
  std::memcpy(block, &size, sizeof size);
  std::memcpy(block + sizeof size, bytes.data(), bytes.size());
  return Str(block);
}

Expr* Program::NewExpr(ExprKind kind, Pos pos) {
  Expr* e = arena.New<Expr>();
  e->kind = kind;
  e->pos = pos;
  if (kind == ExprKind::kCall) e->direct_defn = -1;
  return e;
}

Pos Program::NamePos(const Expr& e) const {
  auto it = name_positions_.find(&e);
  return it == name_positions_.end() ? e.pos : it->second;
}

Function* Program::NewFunction(Function::Kind kind, Pos pos) {
  Function* f = arena.New<Function>();
  f->kind = kind;
  f->pos = pos;
  return f;
}

List<bool> Program::NewList(const std::vector<bool>& items) {
  std::unique_ptr<bool[]> copy(new bool[items.size()]);
  for (size_t i = 0; i < items.size(); ++i) copy[i] = items[i];
  return List<bool>::Make(arena,
                          std::span<const bool>(copy.get(), items.size()));
}

std::string_view FormHead(const Expr& e) {
  switch (e.kind) {
    case ExprKind::kSet: return "set!";
    case ExprKind::kLet: return "let";
    case ExprKind::kIf: return "if";
    case ExprKind::kAnd: return "and";
    case ExprKind::kOr: return "or";
    case ExprKind::kNot: return "not";
    case ExprKind::kDo: return "do";
    case ExprKind::kWhile: return "while";
    case ExprKind::kFor: return "for";
    case ExprKind::kFn: return "fn";
    case ExprKind::kWithArena: return "with-arena";
    case ExprKind::kNoGc: return "no-gc";
    case ExprKind::kBuiltin: return GetBuiltinInfo(e.builtin).name;
    case ExprKind::kInt:
    case ExprKind::kFloat:
    case ExprKind::kStr:
    case ExprKind::kBool:
    case ExprKind::kNull:
    case ExprKind::kVar:
    case ExprKind::kCall: return {};
  }
  return {};
}

}  // namespace tern
