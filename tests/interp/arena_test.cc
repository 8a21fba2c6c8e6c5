// End to end: arenas at run time. The static checker rejects what it can see
// lexically; these programs hide the store behind a call or a closure, so
// only the dynamic store rule can catch them.

#include <gtest/gtest.h>

#include <string>
#include <string_view>

#include "tests/interp/run_source.h"

namespace tern {
namespace {

using ::tern::testing::Col;

constexpr std::string_view kPush = "(defn add (v x) (push! v x)) ";
constexpr std::string_view kVecEscape =
    "push!: cannot store a value from an inner arena into an outer vec";

std::string WithPush(std::string_view rest) {
  return std::string(kPush) + std::string(rest);
}

TEST(Arena, ScalarsAndCountsLeaveTheArena) {
  EXPECT_RUNS("(with-arena a 1 2)", "", "2");
  EXPECT_RUNS("(with-arena a (len [1 2 3]))", "", "3");
  EXPECT_RUNS("(with-arena a (let ((v [1 2])) (print v) (len v)))", "[1 2]\n",
              "2");
  EXPECT_RUNS("(with-arena a (with-arena b (len (str 1 2))))", "", "2");
  // An arena entered many times: each entry is a fresh region.
  EXPECT_RUNS(
      "(let ((mut s 0)) (for (i 0 1000) (with-arena a (let ((v [i i])) "
      "(set! s (- s (- (len v))))))) s)",
      "", "2000");
}

TEST(Arena, OuterObjectsMayBeStoredInInnerContainers) {
  EXPECT_RUNS(
      "(let ((h [1])) (with-arena a (let ((v [])) (push! v h) "
      "(len v))))",
      "", "1");
  EXPECT_RUNS(WithPush("(with-arena a (let ((x [1])) (with-arena b "
                       "(let ((v [])) (add v x) (len v)))))"),
              "", "1");
  EXPECT_RUNS("(with-arena a (let ((m {})) (put! m \"k\" [1]) (len m)))", "",
              "1");
}

TEST(Arena, ConstantsBelongToNoArena) {
  // String literals and type-of results are heap strings; defns are
  // constants.
  EXPECT_RUNS("(let ((v [])) (with-arena a (push! v \"lit\") 0) v)", "",
              R"t(["lit"])t");
  EXPECT_RUNS("(let ((v [])) (with-arena a (push! v (type-of 1)) 0) v)", "",
              R"t(["int"])t");
  EXPECT_RUNS(WithPush("(defn g () 1) (let ((v [])) (with-arena a (add v g) "
                       "0) v)"),
              "", "[<fn g>]");
  // Unary + returns its operand: no new string.
  EXPECT_RUNS(WithPush("(let ((v [])) (with-arena a (add v (+ \"lit\")) 0) v)"),
              "", R"t(["lit"])t");
  EXPECT_RUNS(WithPush("(let ((v [])) (with-arena a (add v 1.5) (add v null) "
                       "0) v)"),
              "", "[1.5 null]");
}

TEST(Arena, PushOfAnArenaObjectIntoAnOuterVector) {
  std::string src = WithPush("(let ((v [])) (with-arena a (add v [1]) 0))");
  EXPECT_RUNTIME_ERROR(src, "arena-escape", 1, Col(src, "(push! v x)"),
                       kVecEscape);
  // Every allocating builtin allocates in the arena.
  for (std::string_view alloc :
       {"(+ \"a\" \"b\")", "(str 1)", "(slice \"ab\" 0 1)", "(slice [1] 0 1)",
        "(keys {})", "{}", "(vec)", "(fn () 1)"}) {
    std::string s = WithPush("(let ((v [])) (with-arena a (add v " +
                             std::string(alloc) + ") 0))");
    EXPECT_RUNTIME_ERROR(s, "arena-escape", 1, Col(s, "(push! v x)"),
                         kVecEscape);
  }
}

TEST(Arena, InnerArenaIntoOuterArena) {
  std::string src = WithPush(
      "(with-arena a (let ((v [])) (with-arena b (add v [1]) 0) (len v)))");
  EXPECT_RUNTIME_ERROR(src, "arena-escape", 1, Col(src, "(push! v x)"),
                       kVecEscape);
}

TEST(Arena, PutIntoOuterVectorAndMap) {
  std::string vec =
      "(defn st (v x) (put! v 0 x)) (let ((v [0])) (with-arena a (st v [1]) "
      "0))";
  EXPECT_RUNTIME_ERROR(
      vec, "arena-escape", 1, Col(vec, "(put!"),
      "put!: cannot store a value from an inner arena into an outer vec");
  std::string value =
      "(defn st (m v) (put! m 1 v)) (let ((m {})) (with-arena a (st m [1]) "
      "0))";
  EXPECT_RUNTIME_ERROR(
      value, "arena-escape", 1, Col(value, "(put!"),
      "put!: cannot store a value from an inner arena into an outer map");
  std::string key =
      "(defn st (m k) (put! m k 1)) (let ((m {})) (with-arena a "
      "(st m (str \"k\")) 0))";
  EXPECT_RUNTIME_ERROR(
      key, "arena-escape", 1, Col(key, "(put!"),
      "put!: cannot store a key from an inner arena into an outer map");
  // The key is checked first.
  std::string both =
      "(defn st (m k v) (put! m k v)) (let ((m {})) (with-arena a "
      "(st m (str \"k\") [1]) 0))";
  EXPECT_RUNTIME_ERROR(
      both, "arena-escape", 1, Col(both, "(put!"),
      "put!: cannot store a key from an inner arena into an outer map");
  // Updating an entry keeps its original key: the arena key is not stored.
  EXPECT_RUNS(
      "(defn st (m k) (put! m k 1)) (let ((m {\"k\" 0})) (with-arena a "
      "(st m (str \"k\")) 0) m)",
      "", R"t({"k" 1})t");
}

TEST(Arena, SetOfACapturedMutInAnOuterClosure) {
  // The closure (and so its copy of x) lives on the heap; it is called
  // inside the arena with an arena vector.
  std::string src =
      "(let ((f (let ((mut x null)) (fn (v) (set! x v))))) (with-arena a "
      "(f [1]) 0))";
  EXPECT_RUNTIME_ERROR(
      src, "arena-escape", 1, Col(src, "(set! x v)"),
      "set! x: cannot store a value from an inner arena into an outer "
      "closure");
  // A closure made inside an outer arena, called inside an inner one.
  std::string nested =
      "(with-arena a (let ((mut x null)) (let ((g (fn (v) (set! x v) 0))) "
      "(with-arena b (g [1]) 0) 0)))";
  EXPECT_RUNTIME_ERROR(
      nested, "arena-escape", 1, Col(nested, "(set! x v)"),
      "set! x: cannot store a value from an inner arena into an outer "
      "closure");
}

TEST(Arena, SetOfACapturedMutInTheSameRegionIsFine) {
  EXPECT_RUNS(
      "(with-arena a (let ((mut x null)) (let ((g (fn (v) (set! x v) (len "
      "x)))) (print (g [1 2])) 0)))",
      "2\n", "0");
  EXPECT_RUNS(
      "(let ((f (let ((mut x null)) (fn (v) (set! x v) 0)))) (with-arena a "
      "(f 5) (f \"lit\") (f (type-of 1)) 0))",
      "", "0");
}

TEST(Arena, ClosuresCreatedInAnArenaWork) {
  EXPECT_RUNS(
      "(with-arena a (let ((v [1 2 3]) (sum (fn () (+ (get v 0) (get v 2))))) "
      "(print (sum)) 0))",
      "4\n", "0");
}

}  // namespace
}  // namespace tern
