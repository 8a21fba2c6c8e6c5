#include "runtime/front/parser.h"

#include <algorithm>
#include <span>
#include <string>
#include <utility>
#include <vector>

#include "runtime/builtins.h"
#include "runtime/front/reader.h"
#include "runtime/limits.h"

namespace tern {
namespace {

// Every message of the special-form syntax checks.
namespace msg {

constexpr std::string_view kEmptyList = "'()' is not an expression";
constexpr std::string_view kOddMap =
    "a map literal {...} needs an even number of elements (key value pairs)";
constexpr std::string_view kMutOutsideLet =
    "'mut' is only allowed at the start of a let binding";
constexpr std::string_view kNestedDefn = "'defn' is only allowed at top level";

constexpr std::string_view kLet =
    "malformed 'let': expected (let (BINDING...) BODY...) where a BINDING is "
    "(NAME EXPR) or (mut NAME EXPR)";
constexpr std::string_view kSet = "malformed 'set!': expected (set! NAME EXPR)";
constexpr std::string_view kIf =
    "malformed 'if': expected (if COND THEN) or (if COND THEN ELSE)";
constexpr std::string_view kWhile =
    "malformed 'while': expected (while COND BODY...)";
constexpr std::string_view kFor =
    "malformed 'for': expected (for (NAME FROM TO) BODY...)";
constexpr std::string_view kFn =
    "malformed 'fn': expected (fn (PARAM...) BODY...) with at least one BODY "
    "expression";
constexpr std::string_view kDefn =
    "malformed 'defn': expected (defn NAME (PARAM...) BODY...) with at least "
    "one BODY expression";
constexpr std::string_view kWithArena =
    "malformed 'with-arena': expected (with-arena LABEL BODY...) with at "
    "least one BODY expression";
constexpr std::string_view kNoGc =
    "malformed 'no-gc': expected (no-gc BODY...) with at least one BODY "
    "expression";

}  // namespace msg

bool IsSymbol(const Datum& d) {
  return d.kind == Datum::Kind::kAtom && d.token.kind == TokenKind::kSymbol;
}

bool IsList(const Datum& d) { return d.kind == Datum::Kind::kList; }

bool HeadIs(const Datum& d, std::string_view name) {
  return IsList(d) && !d.kids.empty() && IsSymbol(d.kids[0]) &&
         d.kids[0].token.text == name;
}

// Whether a top-level datum binds a variable of its own frame: a `let` or
// `for` form outside every `fn` (a lambda's variables are in its frame).
// The resolver gives a top-level form slots for exactly these, so a form
// without any is built inline (TopForm::Inline).
bool BindsInItsFrame(const Datum& d) {
  if (HeadIs(d, "fn")) return false;
  if (HeadIs(d, "let") || HeadIs(d, "for")) return true;
  for (const Datum& k : d.kids) {
    if (BindsInItsFrame(k)) return true;
  }
  return false;
}

// What the word opening a list names: a special form, a builtin, or neither
// (a call).
enum class Head : unsigned char {
  kCall, kLet, kFor, kFn, kSet, kWithArena, kIf, kWhile, kNoGc,
  kAnd, kOr, kDo, kNot, kMut, kDefn, kBuiltin,
};

struct HeadWord {
  std::string_view name;
  Head head;
  Builtin builtin;  // kBuiltin
};

// Every special form and builtin name, sorted: a list's head is looked up
// in a few comparisons rather than tried against every name in turn. A
// special form's name shadows a builtin's, as BuiltinFromName's first
// match does a later one of the same name.
const std::vector<HeadWord>& HeadWords() {
  static const std::vector<HeadWord> words = [] {
    std::vector<HeadWord> w = {
        {"let", Head::kLet, Builtin::kAdd},
        {"for", Head::kFor, Builtin::kAdd},
        {"fn", Head::kFn, Builtin::kAdd},
        {"set!", Head::kSet, Builtin::kAdd},
        {"with-arena", Head::kWithArena, Builtin::kAdd},
        {"if", Head::kIf, Builtin::kAdd},
        {"while", Head::kWhile, Builtin::kAdd},
        {"no-gc", Head::kNoGc, Builtin::kAdd},
        {"and", Head::kAnd, Builtin::kAdd},
        {"or", Head::kOr, Builtin::kAdd},
        {"do", Head::kDo, Builtin::kAdd},
        {"not", Head::kNot, Builtin::kAdd},
        {"mut", Head::kMut, Builtin::kAdd},
        {"defn", Head::kDefn, Builtin::kAdd},
    };
    for (int i = 0; i < BuiltinCount(); ++i) {
      const auto b = static_cast<Builtin>(i);
      const std::string_view name = GetBuiltinInfo(b).name;
      bool taken = false;
      for (const HeadWord& h : w) taken = taken || h.name == name;
      if (!taken) w.push_back({name, Head::kBuiltin, b});
    }
    std::sort(w.begin(), w.end(), [](const HeadWord& a, const HeadWord& b) {
      return a.name < b.name;
    });
    return w;
  }();
  return words;
}

const HeadWord* FindHead(std::string_view name) {
  const std::vector<HeadWord>& words = HeadWords();
  auto it = std::lower_bound(
      words.begin(), words.end(), name,
      [](const HeadWord& h, std::string_view n) { return h.name < n; });
  return it != words.end() && it->name == name ? &*it : nullptr;
}

// Lowers data to expressions, checking each form's shape before its parts,
// so the first error met is the first in source order. Every method returns
// false once error_ is set.
class Lowerer {
 public:
  explicit Lowerer(Program* program) : p_(*program) {}
  bool LowerTopLevel(Datum& d);
  const Error& error() const { return error_; }

 private:
  bool Fail(Pos pos, std::string_view message) {
    error_ = Error{ErrorKind::kParse, pos, std::string(message)};
    return false;
  }

  bool Lower(Datum& d, ExprPtr* out);
  // Lowers `d` into the node `e` (a fresh one, or a top-level form's).
  bool LowerInto(Datum& d, Expr* e);
  bool LowerList(Datum& d, Expr* e);
  // Lowers kids[from..] and appends them to *out.
  bool LowerAll(std::span<Datum> kids, size_t from,
                std::vector<ExprPtr>* out);
  bool LowerKids(std::span<Datum> kids, size_t from, Expr* e);
  bool LowerBody(std::span<Datum> kids, size_t from, ExprList* body);
  void LowerParams(Datum& list, List<Param>* params);
  bool LowerLet(Datum& d, Expr* e);
  bool LowerFor(Datum& d, Expr* e);
  bool LowerFn(Datum& d, Expr* e);
  bool LowerDefn(Datum& d, Function* f);

  Program& p_;
  Error error_;
  std::vector<ExprPtr> scratch_;  // LowerBody's stack of lowered kids
  std::vector<LetBinding> bindings_;  // LowerLet's, likewise
  std::vector<Param> params_;         // LowerParams' buffer
};

bool Lowerer::LowerTopLevel(Datum& d) {
  if (HeadIs(d, "defn")) {
    Function* f = p_.NewFunction(Function::Kind::kDefn, d.token.pos);
    if (!LowerDefn(d, f)) return false;
    p_.order.push_back(TopForm::Defn(static_cast<uint32_t>(p_.defns.size())));
    p_.defns.push_back(f);
  } else if (BindsInItsFrame(d)) {
    ExprPtr e = nullptr;
    if (!Lower(d, &e)) return false;
    p_.order.push_back(TopForm::Expression(e));
  } else {
    p_.order.push_back(TopForm::Inline());  // built where it stays
    if (!LowerInto(d, p_.order.back().expr())) return false;
  }
  return true;
}

bool Lowerer::Lower(Datum& d, ExprPtr* out) {
  Expr* e = p_.NewExpr(ExprKind::kNull, d.token.pos);
  *out = e;
  return LowerInto(d, e);
}

bool Lowerer::LowerInto(Datum& d, Expr* e) {
  e->kind = ExprKind::kNull;
  e->pos = d.token.pos;
  switch (d.kind) {
    case Datum::Kind::kAtom: {
      Token& t = d.token;
      switch (t.kind) {
        case TokenKind::kInt:
          e->kind = ExprKind::kInt;
          e->int_value = t.int_value;
          break;
        case TokenKind::kFloat:
          e->kind = ExprKind::kFloat;
          e->float_value = t.float_value;
          break;
        case TokenKind::kStr:
          e->kind = ExprKind::kStr;
          e->str_value = p_.NewStr(t.text);
          break;
        case TokenKind::kTrue:
        case TokenKind::kFalse:
          e->kind = ExprKind::kBool;
          e->bool_value = t.kind == TokenKind::kTrue;
          break;
        case TokenKind::kNull: e->kind = ExprKind::kNull; break;
        default:  // the reader yields no other atoms
          e->kind = ExprKind::kVar;
          e->name = p_.NewStr(t.text);
          break;
      }
      return true;
    }
    case Datum::Kind::kVec:
      e->kind = ExprKind::kBuiltin;
      e->builtin = Builtin::kVec;
      return LowerKids(d.kids, 0, e);
    case Datum::Kind::kMap:
      if (d.kids.size() % 2 != 0) return Fail(e->pos, msg::kOddMap);
      e->kind = ExprKind::kBuiltin;
      e->builtin = Builtin::kMap;
      return LowerKids(d.kids, 0, e);
    case Datum::Kind::kList: return LowerList(d, e);
  }
  return true;
}

bool Lowerer::LowerAll(std::span<Datum> kids, size_t from,
                       std::vector<ExprPtr>* out) {
  for (size_t i = from; i < kids.size(); ++i) {
    ExprPtr kid = nullptr;  // *out may be the shared stack: push once lowered
    if (!Lower(kids[i], &kid)) return false;
    out->push_back(kid);
  }
  return true;
}

bool Lowerer::LowerKids(std::span<Datum> kids, size_t from, Expr* e) {
  return LowerBody(kids, from, &e->kids);
}

bool Lowerer::LowerBody(std::span<Datum> kids, size_t from,
                        ExprList* body) {
  // The lowered kids of every list being lowered share one stack (a nested
  // list pushes above and pops before returning): no vector per list.
  const size_t base = scratch_.size();
  for (size_t i = from; i < kids.size(); ++i) {
    ExprPtr kid = nullptr;
    if (!Lower(kids[i], &kid)) {
      scratch_.resize(base);
      return false;
    }
    scratch_.push_back(kid);
  }
  *body = p_.NewList(std::span<const ExprPtr>(scratch_).subspan(base));
  scratch_.resize(base);
  return true;
}

bool Lowerer::LowerList(Datum& d, Expr* e) {
  std::span<Datum> k = d.kids;
  const size_t n = k.size();
  if (n == 0) return Fail(e->pos, msg::kEmptyList);
  if (!IsSymbol(k[0])) {  // e.g. ((fn (x) x) 1), or (1 2): a runtime error
    e->kind = ExprKind::kCall;
    e->direct_defn = -1;
    return LowerKids(k, 0, e);
  }
  const std::string_view head = k[0].token.text;
  // A form whose parts are all expressions, with min..max list elements.
  auto plain = [&](ExprKind kind, size_t min, size_t max,
                   std::string_view usage) {
    if (n < min || n > max) return Fail(e->pos, usage);
    e->kind = kind;
    return LowerKids(k, 1, e);
  };
  constexpr size_t kAny = static_cast<size_t>(-1);
  // Any number of operands (for `not`, the resolver checks the count, as it
  // does for builtins).
  auto operands = [&](ExprKind kind) {
    e->kind = kind;
    return LowerKids(k, 1, e);
  };
  const HeadWord* word = FindHead(head);
  switch (word == nullptr ? Head::kCall : word->head) {
    case Head::kLet: return LowerLet(d, e);
    case Head::kFor: return LowerFor(d, e);
    case Head::kFn: return LowerFn(d, e);
    case Head::kSet:
      if (n != 3 || !IsSymbol(k[1])) return Fail(e->pos, msg::kSet);
      e->kind = ExprKind::kSet;
      e->name = p_.NewStr(k[1].token.text);
      p_.SetNamePos(*e, k[1].token.pos);
      return LowerKids(k, 2, e);
    case Head::kWithArena:
      if (n < 3 || !IsSymbol(k[1])) return Fail(e->pos, msg::kWithArena);
      e->kind = ExprKind::kWithArena;
      e->arena_id = 0;
      e->name = p_.NewStr(k[1].token.text);
      return LowerKids(k, 2, e);
    case Head::kIf: return plain(ExprKind::kIf, 3, 4, msg::kIf);
    case Head::kWhile: return plain(ExprKind::kWhile, 2, kAny, msg::kWhile);
    case Head::kNoGc: return plain(ExprKind::kNoGc, 2, kAny, msg::kNoGc);
    case Head::kAnd: return operands(ExprKind::kAnd);
    case Head::kOr: return operands(ExprKind::kOr);
    case Head::kDo: return operands(ExprKind::kDo);
    case Head::kNot: return operands(ExprKind::kNot);
    case Head::kMut: return Fail(e->pos, msg::kMutOutsideLet);
    case Head::kDefn: return Fail(e->pos, msg::kNestedDefn);
    case Head::kBuiltin:
      e->kind = ExprKind::kBuiltin;
      e->builtin = word->builtin;
      return LowerKids(k, 1, e);
    case Head::kCall: break;
  }
  e->kind = ExprKind::kCall;
  e->direct_defn = -1;
  return LowerKids(k, 0, e);
}

bool Lowerer::LowerLet(Datum& d, Expr* e) {
  std::span<Datum> k = d.kids;
  if (k.size() < 3 || !IsList(k[1])) return Fail(e->pos, msg::kLet);
  // The whole shape first: a malformed binding is reported at the let even
  // when an earlier binding's value has an error of its own.
  for (const Datum& b : k[1].kids) {
    bool ok =
        IsList(b) &&
        ((b.kids.size() == 2 && IsSymbol(b.kids[0]) && !HeadIs(b, "mut")) ||
         (b.kids.size() == 3 && HeadIs(b, "mut") && IsSymbol(b.kids[1])));
    if (!ok) return Fail(e->pos, msg::kLet);
  }
  e->kind = ExprKind::kLet;
  e->bindings = List<LetBinding>();
  // On the shared stack, as LowerBody's kids (a nested let pushes above).
  const size_t base = bindings_.size();
  for (Datum& b : k[1].kids) {
    const bool is_mut = b.kids.size() == 3;
    Datum& name = b.kids[is_mut ? 1 : 0];
    LetBinding binding;
    binding.name = p_.NewStr(name.token.text);
    binding.is_mut = is_mut;
    binding.pos = name.token.pos;
    if (!Lower(b.kids.back(), &binding.init)) {
      bindings_.resize(base);
      return false;
    }
    bindings_.push_back(binding);
  }
  e->bindings =
      p_.NewList(std::span<const LetBinding>(bindings_).subspan(base));
  bindings_.resize(base);
  return LowerKids(k, 2, e);
}

bool Lowerer::LowerFor(Datum& d, Expr* e) {
  std::span<Datum> k = d.kids;
  if (k.size() < 2 || !IsList(k[1]) || k[1].kids.size() != 3 ||
      !IsSymbol(k[1].kids[0])) {
    return Fail(e->pos, msg::kFor);
  }
  std::span<Datum> header = k[1].kids;
  e->kind = ExprKind::kFor;
  e->name = p_.NewStr(header[0].token.text);
  p_.SetNamePos(*e, header[0].token.pos);
  const size_t base = scratch_.size();
  if (!LowerAll(header, 1, &scratch_) || !LowerAll(k, 2, &scratch_)) {
    scratch_.resize(base);
    return false;
  }
  e->kids = p_.NewList(std::span<const ExprPtr>(scratch_).subspan(base));
  scratch_.resize(base);
  return true;
}

void Lowerer::LowerParams(Datum& list, List<Param>* params) {
  params_.clear();  // nothing nests in a parameter list
  for (Datum& p : list.kids) {
    params_.push_back(Param{p_.NewStr(p.token.text), p.token.pos});
  }
  *params = p_.NewList(params_);
}

bool AllSymbols(const Datum& list) {
  for (const Datum& p : list.kids) {
    if (!IsSymbol(p)) return false;
  }
  return true;
}

bool Lowerer::LowerFn(Datum& d, Expr* e) {
  std::span<Datum> k = d.kids;
  if (k.size() < 3 || !IsList(k[1]) || !AllSymbols(k[1])) {
    return Fail(e->pos, msg::kFn);
  }
  e->kind = ExprKind::kFn;
  e->fn = p_.NewFunction(Function::Kind::kLambda, e->pos);
  LowerParams(k[1], &e->fn->params);
  return LowerBody(k, 2, &e->fn->body);
}

bool Lowerer::LowerDefn(Datum& d, Function* f) {
  std::span<Datum> k = d.kids;
  if (k.size() < 4 || !IsSymbol(k[1]) || !IsList(k[2]) || !AllSymbols(k[2])) {
    return Fail(f->pos, msg::kDefn);
  }
  f->name = p_.NewStr(k[1].token.text);
  f->name_pos = k[1].token.pos;
  LowerParams(k[2], &f->params);
  return LowerBody(k, 3, &f->body);
}

}  // namespace

ParseResult ParseProgram(std::string_view source) {
  // The tree's packed indexes (VarRef) rely on this cap; the CLI enforces it
  // when reading, this holds it for every other caller.
  if (source.size() > kMaxSourceBytes) {
    return ParseResult{
        nullptr, Error{ErrorKind::kParse, Pos{1, 1},
                       "source larger than the source size limit of " +
                           std::to_string(kMaxSourceBytes >> 20) + " MiB"}};
  }
  auto program = std::make_unique<Program>();
  Reader reader(source);
  Lowerer lowerer(program.get());
  for (;;) {
    Datum datum;
    Error error;
    switch (reader.Next(&datum, &error)) {
      case Reader::Status::kEnd:
        return ParseResult{std::move(program), std::nullopt};
      case Reader::Status::kError:
        return ParseResult{nullptr, std::move(error)};
      case Reader::Status::kDatum:
        if (!lowerer.LowerTopLevel(datum)) {
          return ParseResult{nullptr, lowerer.error()};
        }
        reader.Recycle();  // the form is lowered: its data are done with
        break;
    }
  }
}

}  // namespace tern
