// Deliberate runtime errors, one family per error kind. Each is a statement
// that raises its error when reached (or, wrapped in an `if`, when a
// generated condition holds); the program stops there.

#include <string>

#include "fuzz/generator.h"

namespace tern::fuzz {
namespace {

template <size_t N>
const char* PickOf(ByteSource& in, const char* const (&items)[N]) {
  return items[in.Below(N)];
}

}  // namespace

std::string Generator::ErrorStmt() {
  std::string error;
  const auto w = [&](Feature f, unsigned weight) { return When(On(f), weight); };
  switch (in_.Weighted(
      {w(Feature::kErrType, 3), w(Feature::kErrIndex, 2), w(Feature::kErrKey, 2),
       w(Feature::kErrDivByZero, 2), w(Feature::kErrOverflow, 2),
       w(Feature::kErrUser, 2), w(Feature::kErrAssert, 2),
       w(Feature::kErrArity, 2), w(Feature::kErrStackOverflow, 1),
       w(Feature::kErrOutOfFuel, 1), w(Feature::kErrLimit, 1),
       w(Feature::kErrArenaEscape, 2)})) {
    case 0:
      error = TypeError();
      break;
    case 1:
      error = IndexError();
      break;
    case 2:
      error = KeyError();
      break;
    case 3: {
      Use(Feature::kErrDivByZero);
      const std::string x = Expr(TypeOf(Kind::kInt), depth_).text;
      error = Cat({std::string(in_.Percent(50) ? "(/ " : "(% "), x, " 0)"});
      break;
    }
    case 4:
      error = OverflowError();
      break;
    case 5:
      Use(Feature::kErrUser);
      error = Cat({"(error ", Expr(TypeOf(Kind::kAny), depth_).text, ")"});
      break;
    case 6:
      Use(Feature::kErrAssert);
      error = in_.Percent(50) ? "(assert false)" : "(assert null)";
      break;
    case 7:
      error = ArityError();
      break;
    case 8: {
      // Unbounded recursion through a closure that is passed itself:
      // 1001 frames come well before the fuel runs out.
      Use(Feature::kErrStackOverflow);
      const std::string g = NewParamName();
      const std::string lam = Cat({"(fn (", g, ") (", g, " ", g, "))"});
      error = Cat({"(", lam, " ", lam, ")"});
      break;
    }
    case 9:
      Use(Feature::kErrOutOfFuel);
      error = in_.Percent(50) ? "(while true)"
                              : "(for (" + NewName() + " 0 1000000000))";
      break;
    case 11:
      error = ArenaEscapeError();
      break;
    case 10:
    default: {
      // Doubling a string reaches 2^24 bytes in 23 steps.
      Use(Feature::kErrLimit);
      const std::string s = NewName();
      const char* op = in_.Percent(50) ? " (+ " : " (str ";
      error = Cat({"(let ((mut ", s, " \"ab\")) (while true (set! ", s, op, s,
                   " ", s, "))))"});
      break;
    }
  }
  if (in_.Percent(30)) return Cat({"(if ", Cond().text, " ", error, ")"});
  return error;
}

std::string Generator::TypeError() {
  Use(Feature::kErrType);
  static constexpr const char* kFixed[] = {
      "(- \"x\")",     "(len 7)",         "(< \"a\" 1)",     "(get 5 0)",
      "(1 2)",         "(* true 2)",      "(float \"1.5\")", "(int [1])",
      "(has? {} 1.5)", "(put! {} [1] 2)", "(keys [1])",      "(slice 3 0 0)",
      "(push! {} 1)",  "(- null)"};
  const auto ints = VarsFitting(TypeOf(Kind::kInt), depth_);
  switch (in_.Weighted({4, 2, When(!ints.empty(), 1), 1})) {
    case 0:
      return PickOf(in_, kFixed);
    case 1:
      return Cat({"(+ ", Expr(TypeOf(Kind::kInt), depth_).text, " \"s\")"});
    case 2:
      // Calling an int: only the run time can tell.
      return Cat({"(", UseVar(Pick(ints)).text, " 1)"});
    default:
      return Cat({"(for (", NewName(), " 0 \"3\"))"});
  }
}

std::string Generator::IndexError() {
  Use(Feature::kErrIndex);
  static constexpr const char* kFixed[] = {
      "(get [1 2] 2)",   "(pop! [])",      "(slice \"abc\" 2 1)",
      "(get \"ab\" -1)", "(put! [0] 1 0)", "(slice [1 2] 0 3)"};
  const auto vecs = Containers(Kind::kVec);
  if (!vecs.empty() && in_.Percent(40)) {
    const std::string v = UseVar(Pick(vecs)).text;
    return Cat({"(get ", v, " (len ", v, "))"});
  }
  return PickOf(in_, kFixed);
}

std::string Generator::KeyError() {
  Use(Feature::kErrKey);
  static constexpr const char* kFixed[] = {
      "(get {} 0)", "(get {\"a\" 1} \"b\")", "(get {true 1} 1)",
      "(get (map 1 2) \"1\")"};
  const auto maps = Containers(Kind::kMap);
  if (!maps.empty() && in_.Percent(40)) {
    // Generated keys are small ints and a few short strings: these are never
    // among them.
    const size_t index = Pick(maps);
    const Kind key = scope_.at(index).type.key;
    return Cat({"(get ", UseVar(index).text,
                (key == Kind::kInt ? " -12345)" : " \"no-such-key\")")});
  }
  return PickOf(in_, kFixed);
}

std::string Generator::OverflowError() {
  Use(Feature::kErrOverflow);
  static constexpr const char* kFixed[] = {"(+ 9223372036854775807 1)",
                                           "(- -9223372036854775808 1)",
                                           "(* 4611686018427387904 2)",
                                           "(- -9223372036854775808)",
                                           "(/ -9223372036854775808 -1)",
                                           "(% -9223372036854775808 -1)",
                                           "(int 1e300)",
                                           "(int \"99999999999999999999\")",
                                           "(int (/ 0.0 0.0))",
                                           "(* -9223372036854775808 -1)"};
  return PickOf(in_, kFixed);
}

std::string Generator::ArityError() {
  Use(Feature::kErrArity);
  const auto fns = scope_.Find([&](const Var& v) {
    return v.type.kind == Kind::kFn && (may_call_defns_ || !v.type.calls_defns);
  });
  if (!fns.empty() && in_.Percent(60)) {
    const size_t index = Pick(fns);
    const size_t params = sigs_.Get(scope_.at(index).type.sig).params.size();
    std::string text = '(' + UseVar(index).text;
    // One argument too many, or one too few.
    const size_t args =
        params == 0 || in_.Percent(50) ? params + 1 : params - 1;
    for (size_t i = 0; i < args; ++i) text += " 0";
    return text + ')';
  }
  return in_.Percent(50) ? "((fn (a) a))" : "((fn () 1) 2)";
}

std::string Generator::ArenaEscapeError() {
  // A function created outside the arena stores what it is given into a
  // container also made outside; inside the arena it is given a fresh
  // object. The static rule cannot see the store (it is not in the block);
  // the run-time rule must refuse it.
  Use(Feature::kErrArenaEscape);
  static constexpr const char* kFresh[] = {"[1 2]", "(str \"fresh\" 1)",
                                           "{\"k\" 1}", "(fn () 1)",
                                           "(+ \"a\" \"b\")"};
  const std::string fresh = PickOf(in_, kFresh);
  const std::string f = NewName();
  const std::string out = NewName();
  const std::string x = NewParamName();
  const std::string y = NewParamName();
  const std::string label = NewLabel();
  std::string bindings;
  std::string call;
  switch (in_.Weighted({3, 2, 2, 2})) {
    case 0: {
      // Into a vector: one of the program's own when there is one.
      const auto vecs = VarsFitting(VecOf(Kind::kAny), depth_);
      const std::string vec = !vecs.empty() && in_.Percent(50)
                                  ? UseVar(Pick(vecs)).text
                                  : std::string("[]");
      bindings = Cat({"(", f, " (fn (", x, " ", y, ") (push! ", x, " ", y,
                      "))) (", out, " ", vec, ")"});
      call = Cat({"(", f, " ", out, " ", fresh, ")"});
      break;
    }
    case 1:
      bindings = Cat({"(", f, " (fn (", x, " ", y, ") (put! ", x, " 1 ", y,
                      "))) (", out, " {})"});
      call = Cat({"(", f, " ", out, " ", fresh, ")"});
      break;
    case 2:
      // A map key: the static rule does not look at keys at all.
      bindings = Cat({"(", f, " (fn (", x, " ", y, ") (put! ", x, " ", y,
                      " 1))) (", out, " {})"});
      call = Cat({"(", f, " ", out, " (str \"k\" 1))"});
      break;
    default:
      // Into a closure's environment, by set! of a captured variable.
      bindings = Cat({"(", out, " null) (", f, " (fn (", x, ") (set! ", out,
                      " ", x, ")))"});
      bindings.insert(1, "mut ");
      call = Cat({"(", f, " ", fresh, ")"});
      break;
  }
  return Cat({"(let (", bindings, ") (with-arena ", label, " ", call, " 0))"});
}

}  // namespace tern::fuzz
