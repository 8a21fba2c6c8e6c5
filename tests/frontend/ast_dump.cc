#include "tests/frontend/ast_dump.h"

#include "runtime/builtins.h"
#include "runtime/display.h"
#include "runtime/front/front_end.h"
#include "runtime/front/parser.h"

namespace tern::testing {
namespace {

std::string Ref(const VarRef& r) {
  switch (r.scope) {
    case VarScope::kUnresolved: return "@?";
    case VarScope::kLocal: return "@L" + std::to_string(r.index);
    case VarScope::kCapture: return "@C" + std::to_string(r.index);
    case VarScope::kGlobal: return "@G" + std::to_string(r.index);
  }
  return "@!";
}

class Dumper {
 public:
  explicit Dumper(bool resolved) : resolved_(resolved) {}

  void Expr(const tern::Expr& e);
  void Function(const tern::Function& f);
  std::string Take() { return std::move(out_); }

 private:
  void Kids(const ExprList& kids, size_t from = 0) {
    for (size_t i = from; i < kids.size(); ++i) {
      out_ += ' ';
      Expr(*kids[i]);
    }
  }
  void Params(const tern::Function& f) {
    out_ += '(';
    for (size_t i = 0; i < f.params.size(); ++i) {
      if (i > 0) out_ += ' ';
      out_ += f.params[i].name;
    }
    out_ += ')';
  }
  void Frame(const tern::Function& f);

 public:
  // A top-level expression and its frame, in the format of Frame().
  void TopLevel(const TopForm& form) {
    Expr(*form.expr());
    if (!resolved_) return;
    std::vector<bool> mut(form.num_slots(), false);
    MarkMut(*form.expr(), &mut);
    out_ += " {slots=" + std::to_string(form.num_slots()) + " mut=";
    for (bool m : mut) out_ += m ? '1' : '0';
    out_ += '}';
  }

 private:
  // The mutability of the frame's slots, from the let bindings that own
  // them (lambdas have frames of their own).
  static void MarkMut(const tern::Expr& e, std::vector<bool>* mut) {
    if (e.kind == ExprKind::kFn) return;
    if (e.kind == ExprKind::kLet) {
      for (const LetBinding& b : e.bindings) {
        if (b.slot < mut->size() && b.is_mut) (*mut)[b.slot] = true;
        MarkMut(*b.init, mut);
      }
    }
    for (const ExprPtr& k : e.kids) MarkMut(*k, mut);
  }

  bool resolved_;
  std::string out_;
};

void Dumper::Frame(const tern::Function& f) {
  if (!resolved_) return;
  out_ += " {slots=" + std::to_string(f.num_slots) + " mut=";
  for (bool m : f.slot_is_mut) out_ += m ? '1' : '0';
  if (!f.captures.empty()) {
    out_ += " cap=[";
    for (size_t i = 0; i < f.captures.size(); ++i) {
      const Capture& c = f.captures[i];
      if (i > 0) out_ += ' ';
      if (c.is_mut) out_ += "mut ";
      out_ += c.name + ":" + (c.from == VarScope::kLocal ? "L" : "C") +
              std::to_string(c.index);
    }
    out_ += ']';
  }
  out_ += '}';
}

void Dumper::Function(const tern::Function& f) {
  out_ += f.kind == Function::Kind::kDefn ? "(defn " + f.name + " " : "(fn ";
  Params(f);
  Frame(f);
  Kids(f.body);
  out_ += ')';
}

void Dumper::Expr(const tern::Expr& e) {
  switch (e.kind) {
    case ExprKind::kInt: out_ += std::to_string(e.int_value); return;
    case ExprKind::kFloat: AppendFloat(&out_, e.float_value); return;
    case ExprKind::kStr: AppendQuoted(&out_, e.str_value); return;
    case ExprKind::kBool: out_ += e.bool_value ? "true" : "false"; return;
    case ExprKind::kNull: out_ += "null"; return;
    case ExprKind::kVar:
      out_ += e.name;
      if (resolved_) out_ += Ref(e.var);
      return;
    case ExprKind::kSet:
      out_ += "(set! " + e.name + (resolved_ ? Ref(e.var) : "");
      Kids(e.kids);
      out_ += ')';
      return;
    case ExprKind::kLet:
      out_ += "(let (";
      for (size_t i = 0; i < e.bindings.size(); ++i) {
        const LetBinding& b = e.bindings[i];
        if (i > 0) out_ += ' ';
        out_ += b.is_mut ? "(mut " : "(";
        out_ += b.name;
        if (resolved_) out_ += "#" + std::to_string(b.slot);
        out_ += ' ';
        Expr(*b.init);
        out_ += ')';
      }
      out_ += ')';
      Kids(e.kids);
      out_ += ')';
      return;
    case ExprKind::kFor:
      out_ += "(for (" + e.name;
      if (resolved_) out_ += Ref(e.var);
      out_ += ' ';
      Expr(*e.kids[0]);
      out_ += ' ';
      Expr(*e.kids[1]);
      out_ += ')';
      Kids(e.kids, 2);
      out_ += ')';
      return;
    case ExprKind::kFn: Function(*e.fn); return;
    case ExprKind::kWithArena:
      out_ += "(with-arena " + e.name;
      if (resolved_) out_ += "#" + std::to_string(e.arena_id);
      Kids(e.kids);
      out_ += ')';
      return;
    case ExprKind::kCall:
      out_ += "(call";
      if (resolved_ && e.direct_defn >= 0) {
        out_ += "!" + std::to_string(e.direct_defn);
      }
      Kids(e.kids);
      out_ += ')';
      return;
    case ExprKind::kBuiltin:
      out_ += "(" + std::string(GetBuiltinInfo(e.builtin).name);
      Kids(e.kids);
      out_ += ')';
      return;
    case ExprKind::kIf:
    case ExprKind::kAnd:
    case ExprKind::kOr:
    case ExprKind::kNot:
    case ExprKind::kDo:
    case ExprKind::kWhile:
    case ExprKind::kNoGc:
      out_ += "(" + std::string(FormHead(e));
      Kids(e.kids);
      out_ += ')';
      return;
  }
}

}  // namespace

std::string Dump(const Expr& e, bool resolved) {
  Dumper d(resolved);
  d.Expr(e);
  return d.Take();
}

std::string Dump(const Function& f, bool resolved) {
  Dumper d(resolved);
  d.Function(f);
  return d.Take();
}

std::string Dump(const Program& p, bool resolved) {
  std::string out;
  for (const TopForm& form : p.order) {
    if (!out.empty()) out += '\n';
    if (form.is_defn()) {
      out += Dump(*p.defns[form.index()], resolved);
    } else {
      Dumper d(resolved);
      d.TopLevel(form);
      out += d.Take();
    }
  }
  return out;
}

std::string Describe(const Error& e) {
  return std::string(ErrorKindName(e.kind)) + " " + std::to_string(e.pos.line) +
         ":" + std::to_string(e.pos.col) + ": " + e.message;
}

std::string DumpParse(std::string_view source) {
  ParseResult r = ParseProgram(source);
  return r.error ? Describe(*r.error) : Dump(*r.program);
}

std::string DumpCompile(std::string_view source) {
  CompileResult r = Compile(source);
  return r.error ? Describe(*r.error) : Dump(*r.program, true);
}

std::string CompileError(std::string_view source) {
  CompileResult r = Compile(source);
  return r.error ? Describe(*r.error) : "ok";
}

}  // namespace tern::testing
