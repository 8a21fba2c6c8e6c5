#include "runtime/front/tree_equal.h"

#include <bit>
#include <cstdint>
#include <vector>

namespace tern {
namespace {

bool SameExprs(const ExprList& a, const ExprList& b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    if (!TreeEqual(*a[i], *b[i])) return false;
  }
  return true;
}

bool SameFunctions(const std::vector<Function*>& a,
                   const std::vector<Function*>& b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    if (!TreeEqual(*a[i], *b[i])) return false;
  }
  return true;
}

}  // namespace

bool TreeEqual(const Program& a, const Program& b) {
  if (a.order.size() != b.order.size()) return false;
  for (size_t i = 0; i < a.order.size(); ++i) {
    const TopForm& x = a.order[i];
    const TopForm& y = b.order[i];
    if (x.is_defn() != y.is_defn()) return false;
    if (x.is_defn() ? x.index() != y.index()
                    : !TreeEqual(*x.expr(), *y.expr())) {
      return false;
    }
  }
  return SameFunctions(a.defns, b.defns);
}

bool TreeEqual(const Function& a, const Function& b) {
  if (a.kind != b.kind || a.name != b.name ||
      a.params.size() != b.params.size()) {
    return false;
  }
  for (size_t i = 0; i < a.params.size(); ++i) {
    if (a.params[i].name != b.params[i].name) return false;
  }
  return SameExprs(a.body, b.body);
}

bool TreeEqual(const Expr& a, const Expr& b) {
  if (a.kind != b.kind) return false;
  switch (a.kind) {
    case ExprKind::kInt: return a.int_value == b.int_value;
    case ExprKind::kFloat:
      return std::bit_cast<uint64_t>(a.float_value) ==
             std::bit_cast<uint64_t>(b.float_value);
    case ExprKind::kStr: return a.str_value == b.str_value;
    case ExprKind::kBool: return a.bool_value == b.bool_value;
    case ExprKind::kNull: return true;
    case ExprKind::kVar: return a.name == b.name;
    case ExprKind::kLet:
      if (a.bindings.size() != b.bindings.size()) return false;
      for (size_t i = 0; i < a.bindings.size(); ++i) {
        const LetBinding& x = a.bindings[i];
        const LetBinding& y = b.bindings[i];
        if (x.name != y.name || x.is_mut != y.is_mut ||
            !TreeEqual(*x.init, *y.init)) {
          return false;
        }
      }
      return SameExprs(a.kids, b.kids);
    case ExprKind::kFn: return TreeEqual(*a.fn, *b.fn);
    case ExprKind::kBuiltin:
      return a.builtin == b.builtin && SameExprs(a.kids, b.kids);
    case ExprKind::kSet:
    case ExprKind::kFor:
    case ExprKind::kWithArena:
      return a.name == b.name && SameExprs(a.kids, b.kids);
    case ExprKind::kIf:
    case ExprKind::kAnd:
    case ExprKind::kOr:
    case ExprKind::kNot:
    case ExprKind::kDo:
    case ExprKind::kWhile:
    case ExprKind::kNoGc:
    case ExprKind::kCall: return SameExprs(a.kids, b.kids);
  }
  return false;
}

}  // namespace tern
