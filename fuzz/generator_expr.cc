// Expressions by static type. Each production returns its text and its
// provenance bounds; sub-expressions are emitted into locals first so that
// bytes are consumed in a fixed order.

#include <algorithm>
#include <string>

#include "fuzz/generator.h"

namespace tern::fuzz {
namespace {

Code Plain(std::string text) { return Code{std::move(text), 0, 0}; }

// `(if TEST (OP CONTAINER KEY) FALLBACK)`: an access guarded so it cannot
// fail; provenance from the container (a `get`/`pop!` reads it) and the
// fallback.
Code Guarded(const std::string& test, const std::string& access,
             const Code& container, const Code& fallback) {
  return Code{Cat({"(if ", test, " ", access, " ", fallback.text, ")"}),
              std::max(container.lo, fallback.lo),
              std::max(container.hi, fallback.hi)};
}

}  // namespace

// An element read that cannot fail, on one of `candidates`:
// `(if (< i (len v)) (get v i) FALLBACK)`, the same with `has?` for maps, or
// `(if (> (len v) 0) (pop! v) FALLBACK)`. The fallback is made last, so that
// bytes are consumed in the same order whatever the element type.
Code Generator::GuardedRead(Read read, const IndexList& candidates,
                            const std::function<Code()>& fallback) {
  Use(read == Read::kPop ? Feature::kPop : Feature::kGet);
  switch (read) {
    case Read::kVecGet: {
      const Code c = UseVar(Pick(candidates));
      const std::string i = IndexAtom();
      return Guarded("(< " + i + " (len " + c.text + "))",
                     "(get " + c.text + ' ' + i + ')', c, fallback());
    }
    case Read::kMapGet: {
      Use(Feature::kHas);
      const size_t index = Pick(candidates);
      const Kind key = scope_.at(index).type.key;
      const Code c = UseVar(index);
      const std::string k = KeyAtom(key);
      return Guarded("(has? " + c.text + ' ' + k + ')',
                     "(get " + c.text + ' ' + k + ')', c, fallback());
    }
    case Read::kPop: {
      const Code c = UseVar(Pick(candidates));
      return Guarded("(> (len " + c.text + ") 0)", "(pop! " + c.text + ')', c,
                     fallback());
    }
  }
  Bug("unknown read");
}

Code Generator::Expr(const Type& want, int m) {
  if (!CanMake(want, m)) Bug("asked for a value it cannot make");
  if (budget_ <= 0 || expr_depth_ >= kMaxExprDepth) return Leaf(want, m);
  --budget_;
  Saved<int> saved(expr_depth_);
  ++expr_depth_;
  switch (want.kind) {
    case Kind::kAny:
      return AnyExpr(m);
    case Kind::kNull:
      return NullExpr(m);
    case Kind::kBool:
      return BoolExpr(m);
    case Kind::kInt:
      return IntExpr(m);
    case Kind::kFloat:
      return FloatExpr(m);
    case Kind::kStr:
      return StrExpr(m);
    case Kind::kVec:
      return VecExpr(want, m);
    case Kind::kMap:
      return MapExpr(want, m);
    case Kind::kFn:
      return FnExpr(want, m);
  }
  Bug("unknown kind");
}

Code Generator::Leaf(const Type& want, int m) {
  const IndexList vars = VarsFitting(want, m);
  switch (want.kind) {
    case Kind::kInt:
      if (!vars.empty() && in_.Percent(50)) return UseVar(Pick(vars));
      return Plain(IntLiteral());
    case Kind::kFloat:
      if (!vars.empty() && in_.Percent(50)) return UseVar(Pick(vars));
      return Plain(FloatLiteral());
    case Kind::kBool:
      if (!vars.empty() && in_.Percent(50)) return UseVar(Pick(vars));
      return Plain(in_.Percent(50) ? "true" : "false");
    case Kind::kStr:
      if (!vars.empty() && in_.Percent(50)) return UseVar(Pick(vars));
      return Plain(StrLiteral());
    case Kind::kNull:
      return Plain("null");
    case Kind::kAny:
      if (!vars.empty() && in_.Percent(30)) return UseVar(Pick(vars));
      switch (in_.Weighted({4, 2, 2, 1, 3})) {
        case 0:
          return Plain(IntLiteral());
        case 1:
          return Plain(FloatLiteral());
        case 2:
          return Plain(in_.Percent(50) ? "true" : "false");
        case 3:
          return Plain("null");
        default:
          return Plain(StrLiteral());
      }
    case Kind::kVec:
    case Kind::kMap:
    case Kind::kFn:
      if (!vars.empty() && (!CanAlloc(m) || in_.Percent(60)))
        return UseVar(Pick(vars));
      if (want.kind == Kind::kVec) {
        Use(Feature::kVecLiteral);
        return Alloc("[]");
      }
      if (want.kind == Kind::kMap) {
        Use(Feature::kMapLiteral);
        return Alloc("{}");
      }
      return Lambda(want.sig, /*calls_defns=*/false);
  }
  Bug("unknown kind");
}

Code Generator::IntExpr(int m) {
  const Type int_t = TypeOf(Kind::kInt);
  const auto vars = VarsFitting(int_t, m);
  const auto vecs = VarsFitting(VecOf(Kind::kInt), m);
  const auto strs = VarsFitting(TypeOf(Kind::kStr), m);
  const auto maps = scope_.Find([&](const Var& v) {
    return v.prov_hi <= m && v.type.kind == Kind::kMap &&
           v.type.elem == Kind::kInt;
  });
  enum {
    kLit,
    kVar,
    kAdd,
    kSub,
    kNeg,
    kMul,
    kDiv,
    kLen,
    kGetVec,
    kGetStr,
    kGetMap,
    kPop,
    kToInt,
    kCall,
    kForm,
    kErrOperand
  };
  const size_t which = in_.Weighted(
      {10, When(!vars.empty(), 14), When(CanAlloc(m), 8), 6, 2, 4, 5, 5,
       When(!vecs.empty(), 4), When(!strs.empty(), 2), When(!maps.empty(), 3),
       When(!vecs.empty(), 2), 2, When(CanAlloc(m), 5), 8,
       When(On(Feature::kErrInExpr) && AnyErrorOn(), 1)});
  switch (which) {
    case kLit:
      return Plain(IntLiteral());
    case kErrOperand: {
      // A runtime error in operand position, rarely: it ends the run.
      if (!in_.Percent(10)) return Plain(IntLiteral());
      Use(Feature::kErrInExpr);
      const std::string error = ErrorStmt();
      const Code value = Expr(int_t, m);
      return Code{Cat({"(do ", error, " ", value.text, ")"}), value.lo,
                  value.hi};
    }
    case kVar:
      return UseVar(Pick(vars));
    case kAdd: {
      // `+` counts as allocating for the arena rules, even on ints.
      Use(Feature::kIntArith);
      std::string text = "(+";
      const int n = 1 + static_cast<int>(in_.Below(3));
      for (int i = 0; i < n; ++i) AddSpaced(text, Expr(int_t, depth_).text);
      return Code{text + ')', depth_, depth_};
    }
    case kSub: {
      Use(Feature::kIntArith);
      const Code a = Expr(int_t, depth_);
      const Code b = Expr(int_t, depth_);
      return Plain(Cat({"(- ", a.text, " ", b.text, ")"}));
    }
    case kNeg: {
      Use(Feature::kIntArith);
      return Plain(Cat({"(- ", Expr(int_t, depth_).text, ")"}));
    }
    case kMul: {
      Use(Feature::kIntArith);
      const Code a = Expr(int_t, depth_);
      return Plain(
          Cat({"(* ", a.text, " ", std::to_string(in_.InRange(-3, 3)), ")"}));
    }
    case kDiv: {
      // Literal non-zero divisors: a division by zero is injected on purpose
      // elsewhere, not left to chance.
      static constexpr const char* kDivisors[] = {"2", "3", "-2",
                                                  "7", "1", "10"};
      Use(Feature::kIntArith);
      const char* op = in_.Percent(50) ? "(/ " : "(% ";
      const Code a = Expr(int_t, depth_);
      return Plain(Cat(
          {op, a.text, " ", kDivisors[in_.Below(std::size(kDivisors))], ")"}));
    }
    case kLen: {
      Use(Feature::kLen);
      Type sized = TypeOf(Kind::kStr);
      switch (in_.Weighted({2, 3, 2})) {
        case 1:
          sized = VecOf(RandomElem());
          break;
        case 2:
          sized =
              MapOf(in_.Percent(50) ? Kind::kStr : Kind::kInt, RandomElem());
          break;
        default:
          break;
      }
      return Plain(Cat({"(len ", Expr(sized, depth_).text, ")"}));
    }
    case kGetStr: {
      Use(Feature::kGet);
      const Code c = UseVar(Pick(strs));
      const std::string i = IndexAtom();
      const Code fallback = Expr(int_t, m);
      return Guarded("(< " + i + " (len " + c.text + "))",
                     "(get " + c.text + ' ' + i + ')', c, fallback);
    }
    case kGetVec:
      return GuardedRead(Read::kVecGet, vecs, [&] { return Expr(int_t, m); });
    case kGetMap:
      return GuardedRead(Read::kMapGet, maps, [&] { return Expr(int_t, m); });
    case kPop:
      return GuardedRead(Read::kPop, vecs, [&] { return Expr(int_t, m); });
    case kToInt: {
      static constexpr const char* kFloats[] = {"2.5", "-3.9", "0.0", "1e3",
                                                "-0.5"};
      static constexpr const char* kDigits[] = {"\"42\"", "\"-7\"", "\"0\"",
                                                "\"9223372036854775807\""};
      Use(Feature::kConversion);
      switch (in_.Weighted({4, 3, 1})) {
        case 0:
          return Plain(Cat({std::string("(int "),
                            kFloats[in_.Below(std::size(kFloats))], ")"}));
        case 1:
          return Plain(Cat({std::string("(int "),
                            kDigits[in_.Below(std::size(kDigits))], ")"}));
        default: {
          // Computed floats are often huge or NaN: convert only those in
          // range (an out-of-range conversion is a deliberate error).
          const std::string f = NewName();
          const Code x = Expr(TypeOf(Kind::kFloat), depth_);
          return Plain(Cat({"(let ((", f, " ", x.text, ")) (if (and (< ", f,
                            " 1e18) (> ", f, " -1e18)) (int ", f, ") 0))"}));
        }
      }
    }
    case kCall:
      return CallExpr(int_t, m);
    default:
      return FormExpr(int_t, m);
  }
}

Code Generator::FloatExpr(int m) {
  const Type float_t = TypeOf(Kind::kFloat);
  const auto vars = VarsFitting(float_t, m);
  enum { kLit, kVar, kAdd, kArith, kNeg, kToFloat, kCall, kForm };
  const size_t which =
      in_.Weighted({10, When(!vars.empty(), 12), When(CanAlloc(m), 5), 10, 2, 4,
                    When(CanAlloc(m), 3), 6});
  switch (which) {
    case kLit:
      return Plain(FloatLiteral());
    case kVar:
      return UseVar(Pick(vars));
    case kAdd:
    case kArith: {
      // One operand is a float, so the result is one; the other may be an
      // int (mixed arithmetic).
      static constexpr const char* kOps[] = {"(- ", "(* ", "(/ ", "(% "};
      Use(Feature::kFloatArith);
      const char* op = which == kAdd ? "(+ " : kOps[in_.Below(std::size(kOps))];
      Code a = Expr(float_t, depth_);
      Code b = Expr(in_.Percent(60) ? float_t : TypeOf(Kind::kInt), depth_);
      if (in_.Percent(30)) std::swap(a, b);
      const int prov = which == kAdd ? depth_ : 0;
      return Code{Cat({op, a.text, " ", b.text, ")"}), prov, prov};
    }
    case kNeg:
      Use(Feature::kFloatArith);
      return Plain(Cat({"(- ", Expr(float_t, depth_).text, ")"}));
    case kToFloat:
      Use(Feature::kConversion);
      return Plain(
          Cat({"(float ", Expr(TypeOf(Kind::kInt), depth_).text, ")"}));
    case kCall:
      return CallExpr(float_t, m);
    default:
      return FormExpr(float_t, m);
  }
}

Code Generator::BoolExpr(int m) {
  const Type bool_t = TypeOf(Kind::kBool);
  const auto vars = VarsFitting(bool_t, m);
  const auto maps = Containers(Kind::kMap);
  enum { kLit, kVar, kCmp, kEq, kNot, kAndOr, kHas, kDel, kCall, kForm };
  const size_t which =
      in_.Weighted({8, When(!vars.empty(), 10), 12, 6, 4, 5, 3,
                    When(!maps.empty(), 2), When(CanAlloc(m), 3), 6});
  switch (which) {
    case kLit:
      return Plain(in_.Percent(50) ? "true" : "false");
    case kVar:
      return UseVar(Pick(vars));
    case kCmp: {
      static constexpr const char* kOps[] = {"(< ", "(<= ", "(> ", "(>= "};
      Use(Feature::kComparison);
      const char* op = kOps[in_.Below(std::size(kOps))];
      Type left = TypeOf(Kind::kInt);
      Type right = left;
      switch (in_.Weighted({5, 2, 2})) {
        case 1:  // mixed int/float compare as doubles
          left = TypeOf(Kind::kFloat);
          if (in_.Percent(50)) right = left;
          break;
        case 2:
          left = right = TypeOf(Kind::kStr);
          break;
        default:
          break;
      }
      const Code a = Expr(left, depth_);
      const Code b = Expr(right, depth_);
      return Plain(Cat({op, a.text, " ", b.text, ")"}));
    }
    case kEq: {
      Use(Feature::kEquality);
      const char* op = in_.Percent(70) ? "(= " : "(!= ";
      const Type type =
          in_.Percent(50) ? TypeOf(Kind::kInt) : TypeOf(Kind::kAny);
      const Code a = Expr(type, depth_);
      const Code b = Expr(type, depth_);
      return Plain(Cat({op, a.text, " ", b.text, ")"}));
    }
    case kNot:
      Use(Feature::kLogic);
      return Plain(
          Cat({"(not ",
               Expr(in_.Percent(60) ? bool_t : TypeOf(Kind::kAny), depth_).text,
               ")"}));
    case kAndOr: {
      // The result is one of the operands: each must be a bool, and each
      // carries its provenance into the result.
      Use(Feature::kLogic);
      Code out{in_.Percent(50) ? "(and" : "(or", 0, 0};
      const int n = static_cast<int>(in_.Below(4));
      for (int i = 0; i < n; ++i) {
        const Code operand = Expr(bool_t, m);
        AddSpaced(out.text, operand.text);
        out.lo = std::max(out.lo, operand.lo);
        out.hi = std::max(out.hi, operand.hi);
      }
      out.text += ')';
      return out;
    }
    case kHas: {
      Use(Feature::kHas);
      const Kind key = in_.Percent(50) ? Kind::kStr : Kind::kInt;
      const Code map = Expr(MapOf(key, RandomElem()), depth_);
      return Plain(Cat({"(has? ", map.text, " ", KeyAtom(key), ")"}));
    }
    case kDel: {
      Use(Feature::kDel);
      const size_t index = Pick(maps);
      const Kind key = scope_.at(index).type.key;
      const Code map = UseVar(index);
      return Plain(Cat({"(del! ", map.text, " ", KeyAtom(key), ")"}));
    }
    case kCall:
      return CallExpr(bool_t, m);
    default:
      return FormExpr(bool_t, m);
  }
}

Code Generator::StrExpr(int m) {
  const Type str_t = TypeOf(Kind::kStr);
  const auto vars = VarsFitting(str_t, m);
  const auto sources = VarsFitting(str_t, depth_);
  const auto vecs = VarsFitting(VecOf(Kind::kStr), m);
  const auto maps = scope_.Find([&](const Var& v) {
    return v.prov_hi <= m && v.type.kind == Kind::kMap &&
           v.type.elem == Kind::kStr;
  });
  const bool alloc = CanAlloc(m);
  enum {
    kLit,
    kVar,
    kConcat,
    kStr,
    kSlice,
    kTypeOf,
    kGetVec,
    kGetMap,
    kPop,
    kCall,
    kForm
  };
  const size_t which = in_.Weighted(
      {12, When(!vars.empty(), 12), When(alloc, 8), When(alloc, 5),
       When(alloc && !sources.empty(), 3), 3, When(!vecs.empty(), 3),
       When(!maps.empty(), 2), When(!vecs.empty(), 1), When(alloc, 4), 6});
  switch (which) {
    case kLit:
      return Plain(StrLiteral());
    case kVar:
      return UseVar(Pick(vars));
    case kConcat: {
      // In hot code at most one operand is not a literal, so strings grow
      // linearly with the iterations, never exponentially.
      Use(Feature::kStringConcat);
      std::string a = Expr(str_t, depth_).text;
      std::string b = Hot() ? StrLiteral() : Expr(str_t, depth_).text;
      if (in_.Percent(50)) std::swap(a, b);
      return Alloc(Cat({"(+ ", a, " ", b, ")"}));
    }
    case kStr:
      Use(Feature::kStr);
      return Alloc(Cat({"(str", StrArgs(), ")"}));
    case kSlice: {
      Use(Feature::kSlice);
      const std::string s = UseVar(Pick(sources)).text;
      const std::string k = std::to_string(in_.Below(4));
      if (in_.Percent(50)) {
        return Alloc(Cat({"(slice ", s, " 0 (if (< ", k, " (len ", s, ")) ", k,
                          " (len ", s, ")))"}));
      }
      return Alloc(Cat({"(slice ", s, " (if (< ", k, " (len ", s, ")) ", k,
                        " 0) (len ", s, "))"}));
    }
    case kTypeOf:
      // The strings type-of returns are constants: no provenance.
      Use(Feature::kTypeOf);
      return Plain(
          Cat({"(type-of ", Expr(TypeOf(Kind::kAny), depth_).text, ")"}));
    case kGetVec:
      return GuardedRead(Read::kVecGet, vecs, [&] { return Expr(str_t, m); });
    case kGetMap:
      return GuardedRead(Read::kMapGet, maps, [&] { return Expr(str_t, m); });
    case kPop:
      return GuardedRead(Read::kPop, vecs, [&] { return Expr(str_t, m); });
    case kCall:
      return CallExpr(str_t, m);
    default:
      return FormExpr(str_t, m);
  }
}

Code Generator::NullExpr(int m) {
  enum { kLit, kPrint, kGc, kForm };
  switch (in_.Weighted({6, 3, 1, 3})) {
    case kLit:
      return Plain("null");
    case kPrint: {
      Use(Feature::kPrint);
      std::string text = "(print";
      const int n = static_cast<int>(in_.Below(4));
      for (int i = 0; i < n; ++i) AddSpaced(text, PrintArg().text);
      return Plain(text + ')');
    }
    case kGc:
      Use(Feature::kGc);
      return Plain("(gc)");
    default:
      return FormExpr(TypeOf(Kind::kNull), m);
  }
}

Code Generator::VecExpr(const Type& want, int m) {
  const auto vars = VarsFitting(want, m);
  const auto sources = VarsFitting(want, depth_);
  const bool alloc = CanAlloc(m);
  const bool keyable = want.elem == Kind::kInt || want.elem == Kind::kStr;
  enum { kVar, kLit, kSlice, kKeys, kCall, kForm };
  const size_t which =
      in_.Weighted({When(!vars.empty(), 12), When(alloc, 12),
                    When(alloc && !sources.empty(), 3),
                    When(alloc && keyable && !Hot(), 2), When(alloc, 4), 5});
  switch (which) {
    case kVar:
      return UseVar(Pick(vars));
    case kLit:
      return VecLiteral(want.elem);
    case kSlice: {
      // Hot code copies at most a short prefix: loops must not copy whole
      // vectors that they may also be growing.
      Use(Feature::kSlice);
      const std::string v = UseVar(Pick(sources)).text;
      if (Hot() || in_.Percent(30)) {
        const std::string k = std::to_string(in_.Below(4));
        return Alloc(Cat({"(slice ", v, " 0 (if (< ", k, " (len ", v, ")) ", k,
                          " (len ", v, ")))"}));
      }
      return Alloc(Cat({"(slice ", v, " 0 (len ", v, "))"}));
    }
    case kKeys:
      Use(Feature::kKeys);
      return Alloc(Cat(
          {"(keys ", Expr(MapOf(want.elem, RandomElem()), depth_).text, ")"}));
    case kCall:
      return CallExpr(want, m);
    default:
      return FormExpr(want, m);
  }
}

Code Generator::MapExpr(const Type& want, int m) {
  const auto vars = VarsFitting(want, m);
  const bool alloc = CanAlloc(m);
  enum { kVar, kLit, kCall, kForm };
  switch (in_.Weighted(
      {When(!vars.empty(), 12), When(alloc, 12), When(alloc, 4), 5})) {
    case kVar:
      return UseVar(Pick(vars));
    case kLit:
      return MapLiteral(want.key, want.elem);
    case kCall:
      return CallExpr(want, m);
    default:
      return FormExpr(want, m);
  }
}

Code Generator::FnExpr(const Type& want, int m) {
  const auto vars = VarsFitting(want, m);
  const bool alloc = CanAlloc(m);
  enum { kVar, kLambda, kCall, kForm };
  switch (in_.Weighted(
      {When(!vars.empty(), 10), When(alloc, 10), When(alloc, 2), 3})) {
    case kVar:
      return UseVar(Pick(vars));
    case kLambda:
      return Lambda(want.sig, want.calls_defns && may_call_defns_);
    case kCall:
      return CallExpr(want, m);
    default:
      return FormExpr(want, m);
  }
}

Code Generator::AnyExpr(int m) {
  const auto vars = VarsFitting(TypeOf(Kind::kAny), m);
  const auto vecs = VarsFitting(VecOf(Kind::kAny), m);
  const auto maps = scope_.Find([&](const Var& v) {
    return v.prov_hi <= m && v.type.kind == Kind::kMap &&
           v.type.elem == Kind::kAny;
  });
  enum {
    kTyped,
    kVar,
    kGetVec,
    kGetMap,
    kPop,
    kOrAnd,
    kIfNoElse,
    kCall,
    kForm
  };
  const size_t which =
      in_.Weighted({20, When(!vars.empty(), 8), When(!vecs.empty(), 2),
                    When(!maps.empty(), 2), When(!vecs.empty(), 1), 2, 2,
                    When(CanAlloc(m), 3), 3});
  switch (which) {
    case kTyped: {
      Type type = RandomType(2);
      if (!CanMake(type, m)) type = TypeOf(Kind::kInt);
      return Expr(type, m);
    }
    case kVar:
      return UseVar(Pick(vars));
    case kGetVec:
      return GuardedRead(Read::kVecGet, vecs, [&] { return Plain("null"); });
    case kGetMap:
      return GuardedRead(Read::kMapGet, maps, [&] { return Plain("null"); });
    case kPop:
      return GuardedRead(Read::kPop, vecs, [&] { return Plain("null"); });
    case kOrAnd: {
      Use(Feature::kLogic);
      const char* op = in_.Percent(50) ? "(or " : "(and ";
      const Code a = Expr(TypeOf(Kind::kAny), m);
      const Code b = Expr(TypeOf(Kind::kAny), m);
      return Code{Cat({op, a.text, " ", b.text, ")"}), std::max(a.lo, b.lo),
                  std::max(a.hi, b.hi)};
    }
    case kIfNoElse: {
      Use(Feature::kIf);
      const Code c = Cond();
      const Code a = Expr(TypeOf(Kind::kAny), m);
      return Code{Cat({"(if ", c.text, " ", a.text, ")"}), a.lo, a.hi};
    }
    case kCall:
      return CallExpr(TypeOf(Kind::kAny), m);
    default:
      return FormExpr(TypeOf(Kind::kAny), m);
  }
}

Code Generator::VecLiteral(Kind elem) {
  Use(Feature::kVecLiteral);
  const bool brackets = in_.Percent(70);
  std::string text = brackets ? "[" : "(vec";
  const int n = static_cast<int>(in_.Below(5));
  for (int i = 0; i < n; ++i) {
    if (brackets && i == 0) {
      text += ElemExpr(elem, depth_).text;
    } else {
      AddSpaced(text, ElemExpr(elem, depth_).text);
    }
  }
  return Alloc(text + (brackets ? "]" : ")"));
}

Code Generator::MapLiteral(Kind key, Kind elem) {
  Use(Feature::kMapLiteral);
  const bool braces = in_.Percent(70);
  std::string text = braces ? "{" : "(map";
  const int n = static_cast<int>(in_.Below(4));
  for (int i = 0; i < n; ++i) {
    if (!braces || i > 0) text += ' ';
    text += KeyLiteral(key);
    AddSpaced(text, ElemExpr(elem, depth_).text);
  }
  return Alloc(text + (braces ? "}" : ")"));
}

Code Generator::ElemExpr(Kind elem, int m) {
  if (elem == Kind::kInt) return Expr(TypeOf(Kind::kInt), m);
  if (elem == Kind::kStr) return Expr(TypeOf(Kind::kStr), m);
  if (!Hot()) return Expr(TypeOf(Kind::kAny), m);
  // Hot code stores only fresh values: storing a container that is already
  // reachable, over and over, would make displays grow exponentially.
  switch (in_.Weighted(
      {5, 2, 2, 1, 3, When(CanAlloc(m), 2), When(CanAlloc(m), 1)})) {
    case 0:
      return Expr(TypeOf(Kind::kInt), m);
    case 1:
      return Expr(TypeOf(Kind::kFloat), m);
    case 2:
      return Expr(TypeOf(Kind::kBool), m);
    case 3:
      return Plain("null");
    case 4:
      return Expr(TypeOf(Kind::kStr), m);
    case 5:
      return VecLiteral(in_.Percent(50) ? Kind::kInt : Kind::kStr);
    default:
      return Lambda(RandomSig(/*higher_order=*/false), /*calls_defns=*/false);
  }
}

Code Generator::PrintArg() {
  if (!Hot()) return Expr(TypeOf(Kind::kAny), depth_);
  // Hot code prints only scalars and literals: output stays linear in the
  // iterations.
  switch (in_.Weighted({4, 1, 1, 2})) {
    case 0:
      return Expr(TypeOf(Kind::kInt), depth_);
    case 1:
      return Expr(TypeOf(Kind::kFloat), depth_);
    case 2:
      return Expr(TypeOf(Kind::kBool), depth_);
    default:
      return Plain(StrLiteral());
  }
}

std::string Generator::StrArgs() {
  std::string out;
  const int n = static_cast<int>(in_.Below(4));
  bool had_string = false;
  for (int i = 0; i < n; ++i) {
    out += ' ';
    if (!Hot()) {
      out += Expr(TypeOf(Kind::kAny), depth_).text;
      continue;
    }
    switch (in_.Weighted({3, 1, 1, 2, When(!had_string, 2)})) {
      case 0:
        out += Expr(TypeOf(Kind::kInt), depth_).text;
        break;
      case 1:
        out += Expr(TypeOf(Kind::kFloat), depth_).text;
        break;
      case 2:
        out += Expr(TypeOf(Kind::kBool), depth_).text;
        break;
      case 3:
        out += StrLiteral();
        break;
      default:
        had_string = true;
        out += Expr(TypeOf(Kind::kStr), depth_).text;
        break;
    }
  }
  return out;
}

std::string Generator::IndexAtom() {
  const auto loop_vars = scope_.Find([](const Var& v) { return v.index_safe; });
  if (!loop_vars.empty() && in_.Percent(50))
    return UseVar(Pick(loop_vars)).text;
  return std::to_string(in_.Below(4));
}

std::string Generator::KeyAtom(Kind key) {
  // Pure (a literal or a variable): guarded accesses evaluate it twice.
  const auto vars = VarsFitting(TypeOf(key), depth_);
  if (!vars.empty() && in_.Percent(25)) return UseVar(Pick(vars)).text;
  return KeyLiteral(key);
}

std::string Generator::IntLiteral() {
  static constexpr const char* kEdges[] = {
      "9223372036854775807", "-9223372036854775808",
      "4294967296",          "-1",
      "1000000007",          "0"};
  switch (in_.Weighted({60, 15, 10, 1})) {
    case 0:
      return std::to_string(in_.Below(10));
    case 1:
      return std::to_string(-in_.InRange(1, 20));
    case 2:
      return std::to_string(in_.InRange(10, 100000));
    default:
      return kEdges[in_.Below(std::size(kEdges))];
  }
}

std::string Generator::FloatLiteral() {
  static constexpr const char* kSpecial[] = {
      "0.0",   "1.5",   "-2.25", "0.1",   "3.0",     "1e3",    "2.5E-3", "-0.0",
      "1e308", "1e999", "-7.75", "100.0", "6.02e23", "1e-320", "-1e999"};
  if (in_.Percent(40)) return kSpecial[in_.Below(std::size(kSpecial))];
  return Cat({std::to_string(in_.InRange(-50, 50)), ".",
              std::to_string(in_.Below(1000))});
}

std::string Generator::StrLiteral() {
  if (On(Feature::kInlineCutoffStr) && in_.Percent(12)) return CutoffStrLiteral();
  // Tern source text: escapes, non-ASCII, bytes that are not UTF-8 (\xff).
  static constexpr const char* kPool[] = {
      "\"\"",       "\"a\"",      "\"hello\"",  "\"λ\"",    "\"x y\"",
      "\"tab\\t\"", "\"nl\\n\"",  "\"q\\\"q\"", "\"\\\\\"", "\"\\0\"",
      "\"\\xff\"",  "\"ünï\"",    "\"\\x7f\"",  "\"42\"",   "\"-7\"",
      "\"k\"",      "\"\\r\\n\"", "\"😀\""};
  static constexpr char kAlphabet[] = "abcxyz 019-";
  if (in_.Percent(50)) return kPool[in_.Below(std::size(kPool))];
  std::string text = "\"";
  const int n = static_cast<int>(in_.Below(7));
  for (int i = 0; i < n; ++i)
    text += kAlphabet[in_.Below(sizeof(kAlphabet) - 1)];
  return text + '"';
}

std::string Generator::KeyLiteral(Kind key) {
  static constexpr const char* kStrKeys[] = {"\"a\"", "\"b\"", "\"c\"",
                                             "\"k\"", "\"λ\"", "\"\""};
  if (key == Kind::kInt) return std::to_string(in_.Below(6));
  return kStrKeys[in_.Below(std::size(kStrKeys))];
}

}  // namespace tern::fuzz
