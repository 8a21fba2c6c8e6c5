#ifndef TERN_RUNTIME_AST_H_
#define TERN_RUNTIME_AST_H_

// The Tern program tree. The parser builds it; the resolver fills in the
// fields marked "resolved"; the arena-escape checker numbers the arena blocks.
// After that it is read-only, and it is the one input of every tier: the
// interpreter walks it, the VM compiler and the JIT compile it.

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "runtime/builtins.h"
#include "runtime/pos.h"

namespace tern {

struct Function;

enum class ExprKind : unsigned char {
  // Literals.
  kInt,    // int_value
  kFloat,  // float_value
  kStr,    // str_value (bytes, escapes decoded)
  kBool,   // bool_value
  kNull,
  // Names.
  kVar,  // name; resolved: var
  kSet,  // (set! name kids[0]); resolved: var (never kGlobal)
  // Special forms.
  kLet,        // bindings; kids = body (at least one expression)
  kIf,         // kids = cond, then[, else]
  kAnd,        // kids = operands (may be empty: true)
  kOr,         // kids = operands (may be empty: false)
  kNot,        // kids = operand (exactly one)
  kDo,         // kids = expressions (may be empty: null)
  kWhile,      // kids = cond, body...
  kFor,        // name/var = loop variable; kids = from, to, body...
  kFn,         // fn = the lambda
  kWithArena,  // name = label; kids = body...; resolved: arena_id
  kNoGc,       // kids = body...
  // Calls.
  kCall,     // kids = callee, args...; resolved: direct_defn
  kBuiltin,  // builtin; kids = args. `[..]` is kVec, `{..}` is kMap.
};

// Where a resolved name lives.
enum class VarScope : unsigned char {
  kUnresolved,
  kLocal,    // slot `index` of the current function's frame
  kCapture,  // captured slot `index` of the running closure
  kGlobal,   // the defn number `index` (Program::defns), used as a value
};

struct VarRef {
  VarScope scope = VarScope::kUnresolved;
  uint32_t index = 0;
};

struct Expr;
using ExprPtr = std::unique_ptr<Expr>;

struct LetBinding {
  std::string name;
  bool is_mut = false;
  Pos pos;        // position of the name
  ExprPtr init;
  uint32_t slot = 0;  // resolved: frame slot of the new variable
};

struct Expr {
  ExprKind kind = ExprKind::kNull;
  Pos pos;  // a form's opening bracket; a literal's or symbol's first char

  int64_t int_value = 0;
  double float_value = 0;
  bool bool_value = false;
  std::string str_value;  // kStr
  std::string name;       // kVar, kSet, kFor (loop var), kWithArena (label)
  Pos name_pos;           // kSet, kFor: position of `name` (for errors)
  Builtin builtin = Builtin::kAdd;  // kBuiltin

  std::vector<ExprPtr> kids;
  std::vector<LetBinding> bindings;  // kLet
  std::unique_ptr<Function> fn;      // kFn

  // Resolved.
  VarRef var;                  // kVar, kSet; kFor: the loop variable (kLocal)
  int32_t direct_defn = -1;    // kCall whose callee names a defn directly
  uint32_t arena_id = 0;       // kWithArena: 1-based, unique in the program
};

struct Param {
  std::string name;
  Pos pos;
};

// A captured variable of a lambda: copied, at closure creation, from the
// enclosing function's local slot or from the enclosing closure's capture.
struct Capture {
  std::string name;
  VarScope from = VarScope::kLocal;  // kLocal or kCapture
  uint32_t index = 0;
  bool is_mut = false;  // the closure's copy may be assigned
};

// A unit of code with its own frame: a defn, a lambda, or a top-level
// expression (no params, body of one expression).
struct Function {
  enum class Kind : unsigned char { kDefn, kLambda, kTopLevel };
  Kind kind = Kind::kTopLevel;
  std::string name;  // defn name; empty otherwise
  Pos name_pos;      // defn: position of `name` (for errors)
  Pos pos;           // the `(defn`, `(fn` or the expression's position
  std::vector<Param> params;  // occupy slots 0..params.size()-1
  std::vector<ExprPtr> body;  // at least one expression

  // Resolved.
  uint32_t num_slots = 0;          // params + every let/for variable
  std::vector<Capture> captures;   // lambdas only
  std::vector<bool> slot_is_mut;   // num_slots entries
};

struct TopForm {
  bool is_defn = false;
  uint32_t index = 0;  // into Program::defns or Program::exprs
};

struct Program {
  std::vector<std::unique_ptr<Function>> defns;  // in source order
  std::vector<std::unique_ptr<Function>> exprs;  // top-level expressions
  std::vector<TopForm> order;                    // all top-level forms
  uint32_t num_arenas = 0;  // resolved: arena ids run 1..num_arenas
};

// The word that opens a parenthesised form other than a call: `if`, `let`,
// ..., or the builtin's name for kBuiltin; empty for calls, literals and
// variables. The one spelling the printer and tools share.
std::string_view FormHead(const Expr& e);

}  // namespace tern

#endif  // TERN_RUNTIME_AST_H_
