#include "runtime/front/escape_checker.h"

#include <gtest/gtest.h>

#include <string>

#include "runtime/front/front_end.h"
#include "tests/frontend/ast_dump.h"

namespace tern {
namespace {

using testing::CompileError;

std::string BlockResult(const char* pos, const char* label) {
  return std::string("arena-escape ") + pos + ": the result of with-arena '" +
         label + "' may be allocated in its arena, which ends with the block";
}

std::string SetOuter(const char* pos, const char* var, const char* label) {
  return std::string("arena-escape ") + pos + ": set! of '" + var +
         "', declared outside with-arena '" + label +
         "', to a value that may be allocated in that arena";
}

std::string StoreOuter(const char* pos, const char* op, const char* label) {
  return std::string("arena-escape ") + pos + ": " + op +
         " of a value that may be allocated in with-arena '" + label +
         "' into a container that may not be";
}

void ExpectAccepted(std::initializer_list<const char*> programs) {
  for (const char* p : programs) EXPECT_EQ(CompileError(p), "ok") << p;
}

TEST(EscapeCheckerTest, SpecExamples) {
  EXPECT_EQ(CompileError("(with-arena a (let ((mut x 0)) (set! x [1]) x))"),
            BlockResult("1:1", "a"));
  EXPECT_EQ(CompileError("(with-arena b (let ((v [1])) (with-arena c v)))"),
            BlockResult("1:1", "b"));
}

// The examples of docs/language.md, section 10.2.
TEST(EscapeCheckerTest, LanguageDocExamples) {
  ExpectAccepted({
      "(with-arena a (let ((v [1 2 3])) (len v)))",
      "(with-arena a 5)",
      "(let ((v [1])) (with-arena a v))",
      "(with-arena a (let ((v [])) (push! v [1]) (len v)))",
      "(let ((mut n 0)) (with-arena a (set! n (len [1 2])) 0) n)",
  });
  EXPECT_EQ(CompileError("(with-arena a [1])"), BlockResult("1:1", "a"));
  EXPECT_EQ(CompileError("(with-arena a (+ 1 2))"), BlockResult("1:1", "a"));
  EXPECT_EQ(CompileError("(with-arena a (get [1 2] 0))"),
            BlockResult("1:1", "a"));
  EXPECT_EQ(CompileError("(defn f () 1) (with-arena a (f))"),
            BlockResult("1:15", "a"));
  EXPECT_EQ(CompileError("(let ((mut x 0)) (with-arena a (set! x [1]) 0))"),
            SetOuter("1:32", "x", "a"));
}

TEST(EscapeCheckerTest, BlockResult) {
  for (const char* p :
       {"(with-arena a [1])", "(with-arena a {})", "(with-arena a (vec))",
        "(with-arena a (map 1 2))", "(with-arena a (str 1))",
        "(with-arena a (+ 1 2))", "(with-arena a (slice \"abc\" 0 1))",
        "(with-arena a (keys {}))", "(with-arena a (fn () 1))",
        "(defn f () 1) (with-arena a (f))",
        "(let ((g (fn () 1))) (with-arena a (g)))",
        "(with-arena a (let ((x [1]) (y x) (z y)) z))",
        "(with-arena a (if true [1] 2))", "(with-arena a (if true 1 [2]))",
        "(with-arena a (and 1 [1]))", "(with-arena a (or [1] 1))",
        "(with-arena a (do 1 [1]))", "(with-arena a (no-gc [1]))",
        "(with-arena a (let () [1]))", "(with-arena a 1 [1])",
        "(with-arena a (let ((v [[1]])) (get v 0)))",
        "(with-arena a (let ((v [[1]])) (pop! v)))",
        // Conservative: a value read from an arena container may be one.
        "(with-arena a (let ((v [1])) (get v 0)))"}) {
    const std::string got = CompileError(p);
    EXPECT_EQ(got.substr(0, 13), "arena-escape ") << p;
    EXPECT_NE(got.find(": the result of with-arena 'a' may be allocated in "
                       "its arena, which ends with the block"),
              std::string::npos)
        << p;
  }
  EXPECT_EQ(CompileError("(defn f () 1)\n  (with-arena a (f))"),
            BlockResult("2:3", "a"));
}

TEST(EscapeCheckerTest, BlockResultAccepted) {
  ExpectAccepted({
      "(with-arena a 1)",
      "(with-arena a \"lit\")",
      "(with-arena a null)",
      "(with-arena a [1] 1)",
      "(with-arena a (len [1 2]))",
      "(with-arena a (- 1 2))",
      "(with-arena a (* 2 3))",
      "(with-arena a (type-of [1]))",
      "(with-arena a (int \"1\"))",
      "(with-arena a (= [1] [1]))",
      "(with-arena a (not [1]))",
      "(with-arena a (if [1] 1 2))",
      "(with-arena a (while false [1]))",
      "(with-arena a (for (i 0 3) [i]))",
      "(with-arena a (do [1] 1))",
      "(with-arena a (let ((v [1])) (push! v 2) (len v)))",
      "(with-arena a (let ((f (fn () [1]))) (f) 1))",
      "(with-arena a (print [1]))",
      // Values from outside the block are not its allocations.
      "(let ((v [[1]])) (with-arena a (get v 0)))",
      "(let ((v [1])) (with-arena a v))",
      "(defn f (p) (with-arena a p))",
      "(defn g () 1) (with-arena a g)",
      "(with-arena a (for (i 0 3) i) 1)",
  });
  // A plain value stored into an outer variable is fine.
  ExpectAccepted({"(let ((mut x 0)) (with-arena a (set! x 1)) x)",
                  "(let ((mut x 0)) (with-arena a (set! x (- x 1))) x)"});
}

TEST(EscapeCheckerTest, Set) {
  EXPECT_EQ(CompileError("(let ((mut x 0)) (with-arena a (set! x [1])) x)"),
            SetOuter("1:32", "x", "a"));
  // `+` may allocate (string concatenation).
  EXPECT_EQ(CompileError("(let ((mut n 0)) (with-arena a (set! n (+ n 1))))"),
            SetOuter("1:32", "n", "a"));
  EXPECT_EQ(CompileError("(defn f () 1) (let ((mut x 0))\n"
                         "  (with-arena a (set! x (f)) 0))"),
            SetOuter("2:17", "x", "a"));
  // Declared outside both blocks: the arena named is the innermost.
  EXPECT_EQ(CompileError(
                "(let ((mut x 0)) (with-arena a (with-arena b (set! x [1]) 0) "
                "0))"),
            SetOuter("1:46", "x", "b"));
  // Declared inside a, outside b.
  EXPECT_EQ(CompileError(
                "(with-arena a (let ((mut x 0)) (with-arena b (set! x [1]) 0) "
                "0))"),
            SetOuter("1:46", "x", "b"));
  // Declared inside a, value from a: fine.
  ExpectAccepted({
      "(with-arena a (let ((mut x 0) (y [1])) (with-arena b (set! x y) 0) "
      "0))",
      "(with-arena a (let ((mut x 0)) (set! x [1]) 0))",
      "(let ((mut x [0])) (with-arena a (let ((y x)) (set! x y))))",
  });
}

TEST(EscapeCheckerTest, PutAndPush) {
  EXPECT_EQ(CompileError("(let ((v [])) (with-arena a (push! v [1]) 0))"),
            StoreOuter("1:29", "push!", "a"));
  EXPECT_EQ(CompileError("(let ((m {})) (with-arena a (put! m 1 [2]) 0))"),
            StoreOuter("1:29", "put!", "a"));
  // A nested block's value into the outer block's container.
  EXPECT_EQ(CompileError("(with-arena a (let ((v [])) (with-arena b (push! v "
                         "[1]) 0) 0))"),
            StoreOuter("1:43", "push!", "b"));
  // A value read from an arena container.
  EXPECT_EQ(CompileError("(let ((out [])) (with-arena a (let ((v [[1]])) "
                         "(push! out (get v 0)) 0)))"),
            StoreOuter("1:48", "push!", "a"));
  ExpectAccepted({
      "(let ((v [])) (with-arena a (push! v 1) (push! v \"s\") (push! v v) "
      "0) v)",
      "(with-arena a (let ((v [])) (with-arena b (push! v 1) (push! v v) 0) "
      "0))",
      "(with-arena a (let ((v [])) (push! v [1]) (put! v 0 {}) 0))",
      // Map keys are left to the dynamic rule.
      "(let ((m {})) (with-arena a (put! m [1] 2) 0))",
      // Storing into a container that may itself be in the arena is fine.
      "(let ((v [])) (with-arena a (let ((w (if true v []))) (push! w [1]) "
      "0)))",
  });
}

TEST(EscapeCheckerTest, Lambdas) {
  // The lexical rule reaches into lambda bodies.
  EXPECT_EQ(CompileError("(let ((v [])) (with-arena a (let ((f (fn () (push! "
                         "v [1])))) (f) 0)))"),
            StoreOuter("1:45", "push!", "a"));
  // A captured variable has the provenance of the original.
  EXPECT_EQ(CompileError("(let ((out [])) (with-arena a (let ((x [1])) ((fn () "
                         "(push! out x))) 0)))"),
            StoreOuter("1:54", "push!", "a"));
  // set! of a captured variable declared outside the block (conservative:
  // it is the closure's own copy, but the rule is lexical).
  EXPECT_EQ(CompileError("(let ((mut x 0)) (with-arena a (let ((f (fn () (set! "
                         "x [1])))) (f) 0)))"),
            SetOuter("1:48", "x", "a"));
  // ...and what a closure sets flows into the variable (flow-insensitive).
  EXPECT_EQ(
      CompileError("(with-arena a (let ((mut x 0)) ((fn () (set! x [1]))) x))"),
      BlockResult("1:1", "a"));
  ExpectAccepted({
      "(with-arena a (let ((f (fn (p) p))) 1))",
      "(with-arena a (let ((x [1]) (f (fn () x))) 1))",
      "(let ((mut n 0)) (let ((inc (fn () (set! n (+ n 1)) n))) (with-arena a "
      "(inc) 1)))",
  });
}

TEST(EscapeCheckerTest, MutFixpoint) {
  // Flow-insensitive: a later set! reaches an earlier read.
  EXPECT_EQ(CompileError("(with-arena a (let ((mut x 0) (mut y 0)) (set! y x) "
                         "(set! x [1]) y))"),
            BlockResult("1:1", "a"));
  // So the earliest violation can be the one that reads the variable.
  EXPECT_EQ(CompileError("(let ((mut x 0) (mut y 0)) (with-arena b (set! y x) "
                         "(set! x [1]) 0))"),
            SetOuter("1:42", "y", "b"));
  // A long chain, assigned against the order of the reads.
  std::string chain = "(with-arena a (let (";
  for (int i = 0; i < 500; ++i) chain += "(mut x" + std::to_string(i) + " 0) ";
  chain += ")";
  for (int i = 0; i < 499; ++i) {
    chain +=
        " (set! x" + std::to_string(i) + " x" + std::to_string(i + 1) + ")";
  }
  chain += " (set! x499 [1]) x0))";
  EXPECT_EQ(CompileError(chain), BlockResult("1:1", "a"));
  // Only blocks around the stored value count: after its own violation,
  // x carries a's arena, which does not matter inside b.
  EXPECT_EQ(CompileError("(let ((mut x 0)) (with-arena a (set! x [1]) 0) "
                         "(with-arena b x))"),
            SetOuter("1:32", "x", "a"));
}

TEST(EscapeCheckerTest, NestedBlocks) {
  // Both blocks fail; the outer one comes first.
  EXPECT_EQ(CompileError("(with-arena b (with-arena c [1]))"),
            BlockResult("1:1", "b"));
  EXPECT_EQ(CompileError("(do 1 (with-arena b (with-arena c [1]) 1))"),
            BlockResult("1:21", "c"));
  // The inner block's own arena does not leave it.
  ExpectAccepted({"(with-arena a (let ((v [1])) (with-arena c (len v))))",
                  "(with-arena a (with-arena b [1] 1))"});
}

TEST(EscapeCheckerTest, FirstViolationInSourceOrder) {
  EXPECT_EQ(CompileError("(let ((v [])) (with-arena a (push! v [1]) (push! v "
                         "[2]) 0))"),
            StoreOuter("1:29", "push!", "a"));
  EXPECT_EQ(CompileError("(with-arena a 1) (with-arena b [1]) (with-arena c "
                         "[1])"),
            BlockResult("1:18", "b"));
  // The block itself is at a smaller position than what it contains.
  EXPECT_EQ(CompileError("(let ((v [])) (with-arena a (push! v [1]) [2]))"),
            BlockResult("1:15", "a"));
  EXPECT_EQ(CompileError("(defn f (v) (with-arena a (push! v [1]) 0))\n"
                         "(with-arena b [1])"),
            StoreOuter("1:27", "push!", "a"));
}

TEST(EscapeCheckerTest, ArenaIds) {
  CompileResult r = Compile(
      "(with-arena a (with-arena b 1) (with-arena c 1)) (defn f () "
      "(with-arena d 1)) (fn () (with-arena e (with-arena f 1)))");
  ASSERT_FALSE(r.error) << r.error->message;
  EXPECT_EQ(r.program->num_arenas, 6u);
  EXPECT_EQ(testing::Dump(*r.program, true),
            "(with-arena a#1 (with-arena b#2 1) (with-arena c#3 1)) {slots=0 "
            "mut=}\n(defn f () {slots=0 mut=} (with-arena d#4 1))\n(fn () "
            "{slots=0 mut=} (with-arena e#5 (with-arena f#6 1))) {slots=0 "
            "mut=}");
  CompileResult none = Compile("(+ 1 2)");
  ASSERT_FALSE(none.error);
  EXPECT_EQ(none.program->num_arenas, 0u);
}

TEST(EscapeCheckerTest, DeepestNesting) {
  // 250 nested blocks, the innermost allocating: every block fails; the
  // outermost is reported.
  std::string src;
  for (int i = 0; i < 250; ++i)
    src += "(with-arena a" + std::to_string(i) + " ";
  src += "[1]";
  src += std::string(250, ')');
  EXPECT_EQ(CompileError(src), BlockResult("1:1", "a0"));
  // A store from the innermost block into a container of the outermost.
  src = "(with-arena a0 (let ((v [])) ";
  for (int i = 1; i < 200; ++i)
    src += "(with-arena a" + std::to_string(i) + " ";
  src += "(push! v [1])";
  src += std::string(199, ' ') + std::string(199, ')');
  src += " 0))";
  std::string got = CompileError(src);
  EXPECT_NE(got.find("push! of a value that may be allocated in with-arena "
                     "'a199'"),
            std::string::npos)
      << got;
}

}  // namespace
}  // namespace tern
