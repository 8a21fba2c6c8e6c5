// End to end: special forms, calls, closures and evaluation order.

#include <gtest/gtest.h>

#include "tests/interp/run_source.h"

namespace tern {
namespace {

TEST(Eval, ProgramValueIsTheLastTopLevelExpression) {
  EXPECT_RUNS("", "", "null");
  EXPECT_RUNS("1 2 3", "", "3");
  EXPECT_RUNS("(defn f () 1)", "", "null");
  EXPECT_RUNS("5 (defn f () 1)", "", "5");
  EXPECT_RUNS("(print 1) (defn f () 2) (f)", "1\n", "2");
  EXPECT_RUNS("(f) (defn f () 7)", "", "7");
  EXPECT_RUNS(R"t("a\n")t", "", R"t("a\n")t");
}

TEST(Eval, Literals) {
  EXPECT_RUNS("true", "", "true");
  EXPECT_RUNS("false", "", "false");
  EXPECT_RUNS("null", "", "null");
  EXPECT_RUNS("-9223372036854775808", "", "-9223372036854775808");
  EXPECT_RUNS("2.5", "", "2.5");
  EXPECT_RUNS("1e400", "", "inf");
}

TEST(Eval, Let) {
  EXPECT_RUNS("(let ((x 1) (y (+ x 1))) (+ x y))", "", "3");
  EXPECT_RUNS("(let ((x 1) (x (+ x 1))) x)", "", "2");
  EXPECT_RUNS("(let () 4)", "", "4");
  EXPECT_RUNS("(let ((x 1)) (let ((x 2)) x))", "", "2");
  EXPECT_RUNS("(let ((x 1)) (print x) (+ x 1))", "1\n", "2");
}

TEST(Eval, Set) {
  EXPECT_RUNS("(let ((mut x 1)) (set! x 5) x)", "", "5");
  EXPECT_RUNS("(let ((mut x 1)) (set! x 5))", "", "null");
  EXPECT_RUNS("(let ((mut x 1)) (let ((y x)) (set! x 2) [x y]))", "", "[2 1]");
}

TEST(Eval, IfAndTruthiness) {
  EXPECT_RUNS("(if 0 1 2)", "", "1");
  EXPECT_RUNS("(if \"\" 1 2)", "", "1");
  EXPECT_RUNS("(if [] 1 2)", "", "1");
  EXPECT_RUNS("(if null 1 2)", "", "2");
  EXPECT_RUNS("(if false 1 2)", "", "2");
  EXPECT_RUNS("(if false 1)", "", "null");
  EXPECT_RUNS("(if true (print 1) (print 2))", "1\n", "null");
}

TEST(Eval, AndOrNot) {
  EXPECT_RUNS("(and)", "", "true");
  EXPECT_RUNS("(or)", "", "false");
  EXPECT_RUNS("(and 1 2 3)", "", "3");
  EXPECT_RUNS("(and 1 false 3)", "", "false");
  EXPECT_RUNS("(and 1 null (print 9))", "", "null");
  EXPECT_RUNS("(or false null)", "", "null");
  EXPECT_RUNS("(or false 2 (print 1))", "", "2");
  EXPECT_RUNS("(or (print 1) 0)", "1\n", "0");
  EXPECT_RUNS("(not null)", "", "true");
  EXPECT_RUNS("(not 0)", "", "false");
  EXPECT_RUNS("(not false)", "", "true");
}

TEST(Eval, DoAndNoGc) {
  EXPECT_RUNS("(do)", "", "null");
  EXPECT_RUNS("(do (print 1) 2)", "1\n", "2");
  EXPECT_RUNS("(no-gc 1 2)", "", "2");
  EXPECT_RUNS("(no-gc (gc) [1])", "", "[1]");
}

TEST(Eval, While) {
  EXPECT_RUNS(
      "(let ((mut i 0) (mut s 0)) (while (< i 5) (set! s (+ s i)) "
      "(set! i (+ i 1))) s)",
      "", "10");
  EXPECT_RUNS("(while false)", "", "null");
  EXPECT_RUNS("(let ((mut i 0)) (while (< i 2) (set! i (+ i 1))))", "", "null");
}

TEST(Eval, For) {
  EXPECT_RUNS("(let ((mut s 0)) (for (i 0 5) (set! s (+ s i))) s)", "", "10");
  EXPECT_RUNS("(for (i 5 0) (print i))", "", "null");
  EXPECT_RUNS("(for (i -2 1) (print i))", "-2\n-1\n0\n", "null");
  EXPECT_RUNS("(for (i 0 2))", "", "null");
  // The bounds are evaluated once, from first.
  EXPECT_RUNS(
      "(let ((mut n 3) (mut c 0)) (for (i 0 n) (set! n 10) (set! c (+ c 1))) "
      "c)",
      "", "3");
  EXPECT_RUNS("(for (i (do (print 1) 0) (do (print 2) 1)) (print i))",
              "1\n2\n0\n", "null");
  // Each iteration binds a fresh i: closures see their own.
  EXPECT_RUNS(
      "(let ((v [])) (for (i 0 3) (push! v (fn () i))) "
      "[((get v 0)) ((get v 2))])",
      "", "[0 2]");
  // At the top of the int range the loop ends without overflowing.
  EXPECT_RUNS("(for (i 9223372036854775806 9223372036854775807) (print i))",
              "9223372036854775806\n", "null");
}

TEST(Eval, ForBoundsMustBeInts) {
  EXPECT_RUNTIME_ERROR("(for (i 1.0 2) 1)", "type", 1, 1,
                       "for: start must be int, got float");
  EXPECT_RUNTIME_ERROR("(do (for (i 0 \"x\") 1))", "type", 1, 5,
                       "for: end must be int, got string");
  EXPECT_RUNTIME_ERROR("(for (i null []) 1)", "type", 1, 1,
                       "for: start must be int, got null");
}

TEST(Eval, Closures) {
  EXPECT_RUNS("((fn (x) (* x 2)) 21)", "", "42");
  EXPECT_RUNS("(fn () 1)", "", "<fn>");
  EXPECT_RUNS("(defn add (x) (fn (y) (fn (z) (+ x y z)))) (((add 1) 2) 3)", "",
              "6");
  // Captured by value at creation.
  EXPECT_RUNS("(let ((mut x 1)) (let ((f (fn () x))) (set! x 2) (f)))", "",
              "1");
  // A captured mut is the closure's own copy; it persists across calls.
  EXPECT_RUNS(
      "(let ((mut n 0)) (let ((inc (fn () (set! n (+ n 1)) n))) (inc) (inc) "
      "[(inc) n]))",
      "", "[3 0]");
  EXPECT_RUNS(
      "(defn counter () (let ((mut n 0)) (fn () (set! n (+ n 1)) n))) "
      "(let ((a (counter)) (b (counter))) (a) (a) [(a) (b)])",
      "", "[3 1]");
  // A nested lambda copies from its creator's copy.
  EXPECT_RUNS(
      "(let ((mut n 1)) (let ((f (fn () (set! n 10) (fn () n)))) ((f))))", "",
      "10");
  EXPECT_RUNS("(let ((f (fn () 1))) [(= f f) (= f (fn () 1))])", "",
              "[true false]");
}

TEST(Eval, Defns) {
  EXPECT_RUNS("(defn fact (n) (if (< n 2) 1 (* n (fact (- n 1))))) (fact 20)",
              "", "2432902008176640000");
  EXPECT_RUNS(
      "(defn ev (n) (if (= n 0) true (od (- n 1)))) "
      "(defn od (n) (if (= n 0) false (ev (- n 1)))) (ev 10)",
      "", "true");
  EXPECT_RUNS("(defn f () 1) f", "", "<fn f>");
  EXPECT_RUNS("(defn f () 1) (= f f)", "", "true");
  EXPECT_RUNS("(defn f () 1) (defn g () 1) (= f g)", "", "false");
  EXPECT_RUNS("(defn f (x) x) (let ((h f)) (h 5))", "", "5");
  EXPECT_RUNS("(defn f (a b) (- a b)) (f 10 3)", "", "7");
  EXPECT_RUNS("(defn f () (print 1) (print 2) 3) (f)", "1\n2\n", "3");
}

TEST(Eval, CallErrors) {
  EXPECT_RUNTIME_ERROR("(1 2)", "type", 1, 1, "cannot call int");
  EXPECT_RUNTIME_ERROR("(let ((f null)) (f))", "type", 1, 17,
                       "cannot call null");
  EXPECT_RUNTIME_ERROR("(\"f\")", "type", 1, 1, "cannot call string");
  EXPECT_RUNTIME_ERROR("(let ((f (fn (x) x))) (f 1 2))", "arity", 1, 23,
                       "<fn> expects 1 argument, got 2");
  EXPECT_RUNTIME_ERROR("(defn f (a b) a) (let ((g f)) (g 1))", "arity", 1, 31,
                       "<fn f> expects 2 arguments, got 1");
  EXPECT_RUNTIME_ERROR("(defn f () 1) (let ((g f)) (g 1))", "arity", 1, 28,
                       "<fn f> expects 0 arguments, got 1");
}

TEST(Eval, EvaluationOrderIsLeftToRightCalleeFirst) {
  EXPECT_RUNS(
      "(defn f (a b) (print a b)) "
      "((do (print \"callee\") f) (do (print 1) 1) (do (print 2) 2))",
      "callee\n1\n2\n1 2\n", "null");
  // Arguments are evaluated before the callee is checked.
  EXPECT_RUNTIME_ERROR("(1 (error \"x\"))", "user", 1, 4, "x");
  EXPECT_RUNS("(+ (do (print 1) 1) (do (print 2) 2))", "1\n2\n", "3");
  EXPECT_RUNS("[(print 1) (print 2)]", "1\n2\n", "[null null]");
  EXPECT_RUNS("{(do (print 1) 1) (do (print 2) 2)}", "1\n2\n", "{1 2}");
}

TEST(Eval, RuntimeErrorsKeepEarlierOutput) {
  Outcome o = testing::RunSource("(print 1) (print (/ 1 0)) (print 2)");
  EXPECT_EQ(o.status, Status::kRuntimeError);
  EXPECT_EQ(o.out, "1\n");
  EXPECT_EQ(o.value, "");
}

TEST(Eval, StaticErrorsDoNotRun) {
  Outcome o = testing::RunSource("(print 1) (print x)");
  EXPECT_EQ(o.status, Status::kStaticError);
  EXPECT_EQ(o.out, "");
}

}  // namespace
}  // namespace tern
