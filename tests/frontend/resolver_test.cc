#include "runtime/front/resolver.h"

#include <gtest/gtest.h>

#include <string>

#include "runtime/front/parser.h"
#include "tests/frontend/ast_dump.h"

namespace tern {
namespace {

using testing::CompileError;
using testing::DumpCompile;

// Resolves without the arena check, to test this phase alone.
std::string Resolved(std::string_view src) {
  ParseResult parsed = ParseProgram(src);
  if (parsed.error) return testing::Describe(*parsed.error);
  if (std::optional<Error> e = Resolve(parsed.program.get())) {
    return testing::Describe(*e);
  }
  return testing::Dump(*parsed.program, true);
}

TEST(ResolverTest, SlotsAndLocals) {
  EXPECT_EQ(Resolved("(defn f (a b) (let ((x a) (mut y b)) (set! y x) y))"),
            "(defn f (a b) {slots=4 mut=0001} (let ((x#2 a@L0) (mut y#3 "
            "b@L1)) (set! y@L3 x@L2) y@L3))");
  EXPECT_EQ(Resolved("(let ((x 1)) x) 5"),
            "(let ((x#0 1)) x@L0) {slots=1 mut=0}\n5 {slots=0 mut=}");
  EXPECT_EQ(Resolved("(for (i 0 3) (print i))"),
            "(for (i@L0 0 3) (print i@L0)) {slots=1 mut=0}");
  // Every variable has a slot of its own, even when scopes do not overlap.
  EXPECT_EQ(Resolved("(do (let ((a 1)) a) (let ((b 2)) b) (for (i 0 1) i))"),
            "(do (let ((a#0 1)) a@L0) (let ((b#1 2)) b@L1) (for (i@L2 0 1) "
            "i@L2)) {slots=3 mut=000}");
}

TEST(ResolverTest, Shadowing) {
  // A binding is visible from the next binding on; rebinding in one let is
  // fine.
  EXPECT_EQ(Resolved("(let ((x 1) (x (+ x 1))) x)"),
            "(let ((x#0 1) (x#1 (+ x@L0 1))) x@L1) {slots=2 mut=00}");
  // The loop variable is not visible in its bounds.
  EXPECT_EQ(Resolved("(let ((i 5)) (for (i 0 i) i))"),
            "(let ((i#0 5)) (for (i@L1 0 i@L0) i@L1)) {slots=2 mut=00}");
  // A local shadows a defn; calls through it are not direct.
  EXPECT_EQ(Resolved("(defn f () 1) (let ((f (fn () 2))) (f))"),
            "(defn f () {slots=0 mut=} 1)\n(let ((f#0 (fn () {slots=0 mut=} "
            "2))) (call f@L0)) {slots=1 mut=0}");
  EXPECT_EQ(Resolved("(defn f (f) (f f))"),
            "(defn f (f) {slots=1 mut=0} (call f@L0 f@L0))");
}

TEST(ResolverTest, Defns) {
  // Visible everywhere, before their definition too; a direct call records
  // the defn.
  EXPECT_EQ(Resolved("(g 1) (defn g (x) (h x x)) (defn h (a b) g)"),
            "(call!0 g@G0 1) {slots=0 mut=}\n(defn g (x) {slots=1 mut=0} "
            "(call!1 h@G1 x@L0 x@L0))\n(defn h (a b) {slots=2 mut=00} g@G0)");
  EXPECT_EQ(Resolved("(defn f () f) ((f))"),
            "(defn f () {slots=0 mut=} f@G0)\n(call (call!0 f@G0)) {slots=0 "
            "mut=}");
}

TEST(ResolverTest, Captures) {
  EXPECT_EQ(Resolved("(let ((x 1) (y 2)) (fn (a) (+ a y x y)))"),
            "(let ((x#0 1) (y#1 2)) (fn (a) {slots=1 mut=0 cap=[y:L1 x:L0]} "
            "(+ a@L0 y@C0 x@C1 y@C0))) {slots=2 mut=00}");
  // A mut variable is captured as the closure's own mutable copy.
  EXPECT_EQ(Resolved("(let ((mut n 0)) (fn () (set! n (+ n 1)) n))"),
            "(let ((mut n#0 0)) (fn () {slots=0 mut= cap=[mut n:L0]} (set! "
            "n@C0 (+ n@C0 1)) n@C0)) {slots=1 mut=1}");
  // Loop variables and parameters are captured like any other.
  EXPECT_EQ(Resolved("(defn f (p) (for (i 0 p) (fn () [p i])))"),
            "(defn f (p) {slots=2 mut=00} (for (i@L1 0 p@L0) (fn () {slots=0 "
            "mut= cap=[p:L0 i:L1]} (vec p@C0 i@C1))))");
}

TEST(ResolverTest, CapturesPassThroughMiddleLambdas) {
  // The middle lambda captures x and y only so that the inner one can copy
  // them from it.
  EXPECT_EQ(Resolved("(let ((x 1) (mut y 2)) (fn () (fn () (+ y x))))"),
            "(let ((x#0 1) (mut y#1 2)) (fn () {slots=0 mut= cap=[mut y:L1 "
            "x:L0]} (fn () {slots=0 mut= cap=[mut y:C0 x:C1]} (+ y@C0 "
            "x@C1))))"
            " {slots=2 mut=01}");
}

TEST(ResolverTest, CapturesFromSeveralLevels) {
  EXPECT_EQ(
      Resolved("(fn (a) (let ((b 1)) (fn (c) (fn () [a b c]))))"),
      "(fn (a) {slots=2 mut=00} (let ((b#1 1)) (fn (c) {slots=1 mut=0 "
      "cap=[a:L0 b:L1]} (fn () {slots=0 mut= cap=[a:C0 b:C1 c:L0]} (vec a@C0 "
      "b@C1 c@C2))))) {slots=0 mut=}");
  // A capture already made by the middle lambda is reused.
  EXPECT_EQ(Resolved("(let ((x 1)) (fn () x (fn () x)))"),
            "(let ((x#0 1)) (fn () {slots=0 mut= cap=[x:L0]} x@C0 (fn () "
            "{slots=0 mut= cap=[x:C0]} x@C0))) {slots=1 mut=0}");
}

TEST(ResolverTest, ScopesEnd) {
  // Each top-level expression has its own scope; defns see no locals.
  EXPECT_EQ(CompileError("(let ((x 1)) x) x"),
            "unbound 1:17: unbound name 'x'");
  EXPECT_EQ(CompileError("(let ((x 1)) x) (defn f () x)"),
            "unbound 1:28: unbound name 'x'");
  EXPECT_EQ(CompileError("(do (let ((x 1)) x) x)"),
            "unbound 1:21: unbound name 'x'");
  EXPECT_EQ(CompileError("(let ((x x)) x)"), "unbound 1:10: unbound name 'x'");
  EXPECT_EQ(CompileError("(do (for (i 0 1) i) i)"),
            "unbound 1:21: unbound name 'i'");
  EXPECT_EQ(CompileError("(do (fn (p) p) p)"),
            "unbound 1:16: unbound name 'p'");
  EXPECT_EQ(CompileError("(with-arena a a)"), "unbound 1:15: unbound name 'a'");
}

TEST(ResolverTest, Unbound) {
  EXPECT_EQ(CompileError("(print x)"), "unbound 1:8: unbound name 'x'");
  EXPECT_EQ(CompileError("(print +)"),
            "unbound 1:8: '+' is a builtin operator, not a variable");
  EXPECT_EQ(CompileError("(print if)"),
            "unbound 1:8: 'if' is a special form, not a variable");
  EXPECT_EQ(CompileError("mut"),
            "unbound 1:1: 'mut' is a special form, not a variable");
  EXPECT_EQ(CompileError("(set! zz 1)"), "unbound 1:7: unbound name 'zz'");
  EXPECT_EQ(CompileError("(set! + 1)"),
            "unbound 1:7: '+' is a builtin operator, not a variable");
  EXPECT_EQ(CompileError("(-1x)"), "unbound 1:2: unbound name '-1x'");
}

TEST(ResolverTest, Reserved) {
  EXPECT_EQ(CompileError("(let ((if 1)) 1)"),
            "reserved 1:8: 'if' is a reserved name and cannot be bound");
  EXPECT_EQ(CompileError("(let ((a 1) (mut + 1)) 1)"),
            "reserved 1:18: '+' is a reserved name and cannot be bound");
  EXPECT_EQ(CompileError("(let ((mut 1)) 1)").substr(0, 6), "parse ");
  EXPECT_EQ(CompileError("(for (do 0 1))"),
            "reserved 1:7: 'do' is a reserved name and cannot be bound");
  EXPECT_EQ(CompileError("(fn (a vec) 1)"),
            "reserved 1:8: 'vec' is a reserved name and cannot be bound");
  EXPECT_EQ(CompileError("(defn print () 1)"),
            "reserved 1:7: 'print' is a reserved name and cannot be bound");
  EXPECT_EQ(CompileError("(defn f (a mut) 1)"),
            "reserved 1:12: 'mut' is a reserved name and cannot be bound");
  EXPECT_EQ(
      CompileError("(defn with-arena () 1)"),
      "reserved 1:7: 'with-arena' is a reserved name and cannot be bound");
  // A with-arena label is not a binding.
  EXPECT_EQ(CompileError("(with-arena print 1)"), "ok");
}

TEST(ResolverTest, Duplicate) {
  EXPECT_EQ(CompileError("(defn f () 1)\n(defn g () 2)\n  (defn f () 3)"),
            "duplicate 3:9: duplicate defn 'f' (first defined at 1:7)");
  EXPECT_EQ(CompileError("(defn f (a b a) 1)"),
            "duplicate 1:14: duplicate parameter 'a'");
  EXPECT_EQ(CompileError("(fn (x y x) 1)"),
            "duplicate 1:10: duplicate parameter 'x'");
  EXPECT_EQ(CompileError("(let ((x 1) (x 2)) x)"), "ok");
}

TEST(ResolverTest, Immutable) {
  EXPECT_EQ(CompileError("(let ((x 1)) (set! x 2))"),
            "immutable 1:14: cannot set! 'x': it is not declared mut");
  EXPECT_EQ(CompileError("(defn f (a) (set! a 1))"),
            "immutable 1:13: cannot set! parameter 'a': parameters are "
            "immutable");
  EXPECT_EQ(CompileError("(for (i 0 1) (set! i 2))"),
            "immutable 1:14: cannot set! loop variable 'i': loop variables are "
            "immutable");
  EXPECT_EQ(CompileError("(defn f () 1) (set! f 2)"),
            "immutable 1:15: cannot set! 'f': it names a defn");
  EXPECT_EQ(CompileError("(let ((x 1)) (fn () (set! x 2)))"),
            "immutable 1:21: cannot set! 'x': it is not declared mut");
  // The latest binding decides.
  EXPECT_EQ(CompileError("(let ((mut x 1) (x 2)) (set! x 3))"),
            "immutable 1:24: cannot set! 'x': it is not declared mut");
  EXPECT_EQ(CompileError("(let ((x 1) (mut x 2)) (set! x 3))"), "ok");
  EXPECT_EQ(CompileError("(defn f () 1) (let ((mut f 1)) (set! f 2))"), "ok");
}

TEST(ResolverTest, StaticArity) {
  EXPECT_EQ(CompileError("(get 1)"),
            "arity 1:1: 'get' takes 2 arguments, got 1");
  EXPECT_EQ(CompileError("(do (len))"),
            "arity 1:5: 'len' takes 1 argument, got 0");
  EXPECT_EQ(CompileError("(put! 1 2 3 4)"),
            "arity 1:1: 'put!' takes 3 arguments, got 4");
  EXPECT_EQ(CompileError("(gc 1)"), "arity 1:1: 'gc' takes 0 arguments, got 1");
  for (const char* op : {"+", "-", "*"}) {
    EXPECT_EQ(CompileError(std::string("(") + op + ")"),
              std::string("arity 1:1: '") + op +
                  "' takes at least 1 argument, got 0");
  }
  EXPECT_EQ(CompileError("(map 1)"),
            "arity 1:1: 'map' takes an even number of arguments, got 1");
  EXPECT_EQ(CompileError("(map 1 2 3)"),
            "arity 1:1: 'map' takes an even number of arguments, got 3");
  EXPECT_EQ(CompileError("(not)"), "arity 1:1: 'not' takes 1 argument, got 0");
  EXPECT_EQ(CompileError("(not 1 2)"),
            "arity 1:1: 'not' takes 1 argument, got 2");
  EXPECT_EQ(CompileError("(defn f (a) a) (f)"),
            "arity 1:16: 'f' takes 1 argument, got 0");
  EXPECT_EQ(CompileError("(defn g () 1) (g 1 2)"),
            "arity 1:15: 'g' takes 0 arguments, got 2");
  for (const char* ok :
       {"(str)", "(print)", "(vec)", "(map)", "(+ 1)", "(- 1)", "(* 1 2 3)",
        "(map 1 2)", "{}", "(defn f (a b) a) (f 1 2)",
        "(let ((f (fn () 1))) (f 1))", "(1 2 3)"}) {
    EXPECT_EQ(CompileError(ok), "ok") << ok;
  }
}

TEST(ResolverTest, ErrorOrder) {
  // Parse errors first, wherever they are.
  EXPECT_EQ(CompileError("(defn print () 1) x (if)").substr(0, 10),
            "parse 1:21");
  // Then defn headers, before any name in the bodies...
  EXPECT_EQ(CompileError("x (defn print () 1)"),
            "reserved 1:9: 'print' is a reserved name and cannot be bound");
  // ...defn by defn, the name before the parameters.
  EXPECT_EQ(CompileError("(defn f (if) 1) (defn print () 1)"),
            "reserved 1:10: 'if' is a reserved name and cannot be bound");
  EXPECT_EQ(CompileError("(defn + (if) 1)"),
            "reserved 1:7: '+' is a reserved name and cannot be bound");
  EXPECT_EQ(CompileError("(defn f (a a) 1) (defn f () 1)"),
            "duplicate 1:12: duplicate parameter 'a'");
  EXPECT_EQ(CompileError("(defn f () 1) (defn f (if) 1)"),
            "duplicate 1:21: duplicate defn 'f' (first defined at 1:7)");
  // Then the forms in source order, each walked in source order.
  EXPECT_EQ(CompileError("(print x) (defn f () y)"),
            "unbound 1:8: unbound name 'x'");
  EXPECT_EQ(CompileError("(defn f () y) (print x)"),
            "unbound 1:12: unbound name 'y'");
  EXPECT_EQ(CompileError("(do (set! q 1) (get 1))"),
            "unbound 1:11: unbound name 'q'");
  EXPECT_EQ(CompileError("(do (get 1) q)"),
            "arity 1:5: 'get' takes 2 arguments, got 1");
  // A call's arity is checked when it is reached, before its arguments.
  EXPECT_EQ(CompileError("(get x)"),
            "arity 1:1: 'get' takes 2 arguments, got 1");
  EXPECT_EQ(CompileError("(defn f () 1) (f x)"),
            "arity 1:15: 'f' takes 0 arguments, got 1");
  EXPECT_EQ(CompileError("(g (get 1)) (defn g (a) a)"),
            "arity 1:4: 'get' takes 2 arguments, got 1");
  // set!: the target before the value; let: the name before the value.
  EXPECT_EQ(CompileError("(let ((x 1)) (set! x zz))"),
            "immutable 1:14: cannot set! 'x': it is not declared mut");
  EXPECT_EQ(CompileError("(let ((if zz)) 1)"),
            "reserved 1:8: 'if' is a reserved name and cannot be bound");
  EXPECT_EQ(CompileError("(for (i zz 1) (set! i 1))"),
            "unbound 1:9: unbound name 'zz'");
  EXPECT_EQ(CompileError("(fn (a a) zz)"),
            "duplicate 1:8: duplicate parameter 'a'");
  EXPECT_EQ(CompileError("(fn (+ a a) 1)"),
            "reserved 1:6: '+' is a reserved name and cannot be bound");
  // Arena rules come after every name error.
  EXPECT_EQ(CompileError("(with-arena a [1]) zz"),
            "unbound 1:20: unbound name 'zz'");
}

TEST(ResolverTest, CompileFillsEverything) {
  EXPECT_EQ(DumpCompile("(defn f (x) (with-arena a (g x) 1)) (defn g (y) y)"),
            "(defn f (x) {slots=1 mut=0} (with-arena a#1 (call!1 g@G1 x@L0) "
            "1))\n(defn g (y) {slots=1 mut=0} y@L0)");
}

}  // namespace
}  // namespace tern
