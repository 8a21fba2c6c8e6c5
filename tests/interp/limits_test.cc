// End to end: fuel, call depth, host-stack depth and length limits.

#include <gtest/gtest.h>

#include <string>
#include <string_view>

#include "tests/interp/run_source.h"

namespace tern {
namespace {

using ::tern::testing::Col;

Outcome RunWithFuel(std::string_view source, uint64_t fuel) {
  return testing::RunSource(source, fuel);
}

void ExpectOutOfFuel(const Outcome& o, int col) {
  EXPECT_EQ(o.status, Status::kRuntimeError) << testing::Describe(o);
  ASSERT_TRUE(o.error.has_value());
  EXPECT_EQ(o.error->kind, ErrorKind::kOutOfFuel);
  EXPECT_EQ(o.error->pos, (Pos{1, col}));
  EXPECT_EQ(o.error->message, "out of fuel");
}

TEST(Fuel, CallsConsumeOneUnitEach) {
  std::string_view src = "(defn f () 1) (f) (f) (f)";
  EXPECT_EQ(RunWithFuel(src, 3).status, Status::kOk);
  ExpectOutOfFuel(RunWithFuel(src, 2), 23);
  std::string_view lambda = "(let ((g (fn () 1))) (g) (g))";
  EXPECT_EQ(RunWithFuel(lambda, 2).status, Status::kOk);
  ExpectOutOfFuel(RunWithFuel(lambda, 1), 26);
}

TEST(Fuel, LoopIterationsConsumeOneUnitEach) {
  std::string_view w = "(let ((mut i 0)) (while (< i 3) (set! i (+ i 1))) i)";
  Outcome o = RunWithFuel(w, 3);
  EXPECT_EQ(o.status, Status::kOk);
  EXPECT_EQ(o.value, "3");
  ExpectOutOfFuel(RunWithFuel(w, 2), Col(w, "(while"));
  EXPECT_EQ(RunWithFuel("(for (i 0 3) 1)", 3).status, Status::kOk);
  ExpectOutOfFuel(RunWithFuel("(for (i 0 3) (print i))", 2), 1);
  EXPECT_EQ(RunWithFuel("(for (i 0 3) (print i))", 2).out, "0\n1\n");
  EXPECT_EQ(RunWithFuel("(for (i 0 0) 1) (while false)", 0).status,
            Status::kOk);
  ExpectOutOfFuel(RunWithFuel("(while true)", 1000), 1);
}

TEST(Fuel, BuiltinsAndFailedCallsConsumeNothing) {
  EXPECT_EQ(RunWithFuel("(+ 1 2) [1 2] (print) (str 1)", 0).status,
            Status::kOk);
  // The arity check comes before fuel.
  Outcome o = RunWithFuel("(defn f (x) x) (let ((g f)) (g))", 0);
  ASSERT_TRUE(o.error.has_value());
  EXPECT_EQ(o.error->kind, ErrorKind::kArity);
  o = RunWithFuel("(1)", 0);
  ASSERT_TRUE(o.error.has_value());
  EXPECT_EQ(o.error->kind, ErrorKind::kType);
}

constexpr std::string_view kCountDown =
    "(defn f (n) (if (= n 0) 0 (+ 1 (f (- n 1)))))";

TEST(Depth, AThousandNestedCallsAreFine) {
  EXPECT_RUNS(std::string(kCountDown) + " (f 999)", "", "999");
}

TEST(Depth, TheThousandAndFirstFails) {
  EXPECT_RUNTIME_ERROR(std::string(kCountDown) + " (f 1000)", "stack-overflow",
                       1, Col(kCountDown, "(f (-"), "call depth exceeds 1000");
  // Depth is released on return: many shallow calls are fine.
  EXPECT_RUNS(std::string(kCountDown) + " (for (i 0 3) (f 999)) 1", "", "1");
}

TEST(Depth, FuelIsCheckedBeforeDepth) {
  Outcome o = RunWithFuel(std::string(kCountDown) + " (f 5000)", 1000);
  ASSERT_TRUE(o.error.has_value());
  EXPECT_EQ(o.error->kind, ErrorKind::kOutOfFuel);
}

// 1000 nested user calls, each inside ~250 nested expressions: the deepest
// host recursion a program can ask for. Must not exhaust the host stack,
// also under ASan.
TEST(Depth, DeepExpressionsInsideDeepRecursion) {
  constexpr int kNest = 248;
  std::string body = "(f (- n 1))";
  for (int i = 0; i < kNest; ++i) body = "(+ 0 " + body + ")";
  std::string src = "(defn f (n) (if (= n 0) 0 " + body + ")) (f 999)";
  EXPECT_RUNS(src, "", "0");
}

// A string of exactly 2^24 bytes is fine; one byte more is a limit error.
constexpr std::string_view kBigString =
    "(let ((mut s \"x\")) (for (i 0 24) (set! s (+ s s))) ";

TEST(Length, StringsUpToTwoToTheTwentyFour) {
  EXPECT_RUNS(std::string(kBigString) + "(len s))", "", "16777216");
  std::string plus = std::string(kBigString) + "(+ s \"y\"))";
  EXPECT_RUNTIME_ERROR(plus, "limit", 1, Col(plus, "(+ s \"y\")"),
                       "string longer than 16777216 bytes");
  // The step that exceeds the limit comes before the one with a bad type.
  std::string first = std::string(kBigString) + "(+ s s 1))";
  EXPECT_RUNTIME_ERROR(first, "limit", 1, Col(first, "(+ s s 1)"),
                       "string longer than 16777216 bytes");
  std::string str = std::string(kBigString) + "(str s 1))";
  EXPECT_RUNTIME_ERROR(str, "limit", 1, Col(str, "(str s 1)"),
                       "string longer than 16777216 bytes");
  std::string sliced = std::string(kBigString) + "(len (slice s 1 16777216)))";
  EXPECT_RUNS(sliced, "", "16777215");
}

TEST(Length, DisplayTextsAreLimitedTo2Pow27) {
  constexpr std::string_view kTooLong = "display longer than 134217728 bytes";
  // A maximal string prints, and shows as the value, in full.
  Outcome o =
      RunWithFuel(std::string(kBigString) + "(print s s) s)", kDefaultFuel);
  EXPECT_EQ(o.status, Status::kOk) << testing::Describe(o);
  EXPECT_EQ(o.out.size(), (size_t{2} << 24) + 2);
  EXPECT_EQ(o.value.size(), (size_t{1} << 24) + 2);
  // Eight of them and seven spaces are more than 2^27 bytes.
  std::string print = std::string(kBigString) + "(print s s s s s s s s))";
  EXPECT_RUNTIME_ERROR(print, "limit", 1, Col(print, "(print s"), kTooLong);
  // Quoted, each is 2^24 + 2 bytes.
  std::string error = std::string(kBigString) + "(error [s s s s s s s s]))";
  EXPECT_RUNTIME_ERROR(error, "limit", 1, Col(error, "(error"), kTooLong);
  std::string value = std::string(kBigString) + "[s s s s s s s s])";
  EXPECT_RUNTIME_ERROR(value, "limit", 1, 1, kTooLong);
}

TEST(Length, SharingCannotMakeADisplayExplode) {
  // 2^60 elements when displayed in full: cut off at the limit instead.
  std::string str = "(let ((mut v [1])) (for (i 0 60) (set! v [v v])) (str v))";
  EXPECT_RUNTIME_ERROR(str, "limit", 1, Col(str, "(str"),
                       "string longer than 16777216 bytes");
}

TEST(Length, VectorsUpToTwoToTheTwentyFour) {
  std::string src =
      "(let ((v [])) (for (i 0 16777216) (push! v i)) (print (len v)) "
      "(push! v 0))";
  Outcome o = RunWithFuel(src, kDefaultFuel);
  EXPECT_EQ(o.out, "16777216\n");
  ASSERT_TRUE(o.error.has_value()) << testing::Describe(o);
  EXPECT_EQ(o.error->kind, ErrorKind::kLimit);
  EXPECT_EQ(o.error->pos, (Pos{1, Col(src, "(push! v 0)")}));
  EXPECT_EQ(o.error->message, "vec longer than 16777216 elements");
}

}  // namespace
}  // namespace tern
