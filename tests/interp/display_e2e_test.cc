// End to end: how values are displayed by print, str and as the program's
// value.

#include <gtest/gtest.h>

#include "tests/interp/run_source.h"

namespace tern {
namespace {

TEST(Display, Floats) {
  EXPECT_RUNS("3.0", "", "3.0");
  EXPECT_RUNS("1e16", "", "1e+16");
  EXPECT_RUNS("0.1", "", "0.1");
  EXPECT_RUNS("-0.0", "", "-0.0");
  EXPECT_RUNS("(+ 0.1 0.2)", "", "0.30000000000000004");
  EXPECT_RUNS("(/ 1.0 0)", "", "inf");
  EXPECT_RUNS("(- (/ 1.0 0))", "", "-inf");
  EXPECT_RUNS("(- (/ 0.0 0))", "", "nan");
  EXPECT_RUNS("(print 1.0 1e-7 123456.5)", "1.0 1e-07 123456.5\n", "null");
}

TEST(Display, StringsRawInPrintQuotedElsewhere) {
  EXPECT_RUNS(R"t("tab\there")t", "", R"t("tab\there")t");
  EXPECT_RUNS(R"t("\x01\x7f\xff\0")t", "", "\"\\x01\\x7f\xff\\x00\"");
  EXPECT_RUNS(R"t("q\"b\\")t", "", R"t("q\"b\\")t");
  EXPECT_RUNS(R"t((print "a\"b" ["a\n\r"]))t", "a\"b [\"a\\n\\r\"]\n", "null");
  EXPECT_RUNS(R"t((print {"k" "v"}))t", "{\"k\" \"v\"}\n", "null");
  EXPECT_RUNS(R"t(["é"])t", "", R"t(["é"])t");
}

TEST(Display, Containers) {
  EXPECT_RUNS("[[1 [2]] {} []]", "", "[[1 [2]] {} []]");
  EXPECT_RUNS(R"t({1 2 "k" [3]})t", "", R"t({1 2, "k" [3]})t");
  EXPECT_RUNS("{1 {2 {3 [true null]}}}", "", "{1 {2 {3 [true null]}}}");
  EXPECT_RUNS("(defn f () 1) [f (fn () 1)]", "", "[<fn f> <fn>]");
  EXPECT_RUNS("(defn f () 1) (print f)", "<fn f>\n", "null");
}

TEST(Display, CyclesAndSharing) {
  EXPECT_RUNS("(let ((v [1])) (push! v v) v)", "", "[1 [...]]");
  EXPECT_RUNS("(let ((m {})) (put! m 1 m) m)", "", "{1 {...}}");
  EXPECT_RUNS("(let ((v [1]) (m {})) (put! m 0 v) (push! v m) (print v) m)",
              "[1 {0 [...]}]\n", "{0 [1 {...}]}");
  EXPECT_RUNS("(let ((a [1])) [a a])", "", "[[1] [1]]");
  EXPECT_RUNS("(let ((v [])) (push! v v) (str v))", "", R"t("[[...]]")t");
  // Deep nesting is displayed without exhausting the host stack.
  EXPECT_RUNS(
      "(let ((mut v [])) (for (i 0 100000) (set! v [v])) (len (str v)))", "",
      "200002");
}

}  // namespace
}  // namespace tern
