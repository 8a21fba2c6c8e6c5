#include "runtime/ast.h"

namespace tern {

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
