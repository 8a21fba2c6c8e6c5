// End to end: every builtin, its results and its runtime errors.

#include <gtest/gtest.h>

#include "tests/interp/run_source.h"

namespace tern {
namespace {

TEST(Builtins, Add) {
  EXPECT_RUNS("(+ 1 2 3)", "", "6");
  EXPECT_RUNS("(+ 1 2.5)", "", "3.5");
  EXPECT_RUNS("(+ 1.5 1)", "", "2.5");
  EXPECT_RUNS("(+ 5)", "", "5");
  EXPECT_RUNS("(+ 0.5)", "", "0.5");
  EXPECT_RUNS(R"t((+ "a" "b" "c"))t", "", R"t("abc")t");
  EXPECT_RUNS(R"t((+ "s"))t", "", R"t("s")t");
  EXPECT_RUNS(R"t((+ "" ""))t", "", R"t("")t");
  EXPECT_RUNS("(+ 9223372036854775807 1.0)", "", "9223372036854775808.0");
  EXPECT_RUNTIME_ERROR("(+ true)", "type", 1, 1, "cannot apply + to bool");
  EXPECT_RUNTIME_ERROR(R"t((+ 1 "a"))t", "type", 1, 1,
                       "cannot apply + to int and string");
  EXPECT_RUNTIME_ERROR(R"t((+ "a" 1))t", "type", 1, 1,
                       "cannot apply + to string and int");
  EXPECT_RUNTIME_ERROR(R"t((+ 1 2 "a"))t", "type", 1, 1,
                       "cannot apply + to int and string");
  EXPECT_RUNTIME_ERROR(R"t((+ "a" "b" null))t", "type", 1, 1,
                       "cannot apply + to string and null");
  EXPECT_RUNTIME_ERROR("(+ [] [])", "type", 1, 1,
                       "cannot apply + to vec and vec");
  EXPECT_RUNTIME_ERROR("(+ 9223372036854775807 1)", "overflow", 1, 1,
                       "integer overflow in +");
  // Folding stops at the first error.
  EXPECT_RUNTIME_ERROR("(+ 9223372036854775807 1 \"a\")", "overflow", 1, 1,
                       "integer overflow in +");
}

TEST(Builtins, SubAndMul) {
  EXPECT_RUNS("(- 5)", "", "-5");
  EXPECT_RUNS("(- 5.0)", "", "-5.0");
  EXPECT_RUNS("(- 0.0)", "", "-0.0");
  EXPECT_RUNS("(- 10 1 2)", "", "7");
  EXPECT_RUNS("(- 1 0.5)", "", "0.5");
  EXPECT_RUNTIME_ERROR("(- -9223372036854775808)", "overflow", 1, 1,
                       "integer overflow in -");
  EXPECT_RUNTIME_ERROR("(- -9223372036854775808 1)", "overflow", 1, 1,
                       "integer overflow in -");
  EXPECT_RUNTIME_ERROR(R"t((- "a"))t", "type", 1, 1,
                       "cannot apply - to string");
  EXPECT_RUNTIME_ERROR(R"t((- "a" "b"))t", "type", 1, 1,
                       "cannot apply - to string and string");
  EXPECT_RUNS("(* 2 3 4)", "", "24");
  EXPECT_RUNS("(* 2)", "", "2");
  EXPECT_RUNS("(* 1.5 2)", "", "3.0");
  EXPECT_RUNTIME_ERROR(R"t((* "a"))t", "type", 1, 1,
                       "cannot apply * to string");
  EXPECT_RUNTIME_ERROR("(* 4611686018427387904 2)", "overflow", 1, 1,
                       "integer overflow in *");
  EXPECT_RUNTIME_ERROR("(* 2 null)", "type", 1, 1,
                       "cannot apply * to int and null");
}

TEST(Builtins, DivAndMod) {
  EXPECT_RUNS("(/ 7 2)", "", "3");
  EXPECT_RUNS("(/ -7 2)", "", "-3");
  EXPECT_RUNS("(/ 7 2.0)", "", "3.5");
  EXPECT_RUNS("(/ 1.0 0)", "", "inf");
  EXPECT_RUNS("(/ -1 0.0)", "", "-inf");
  EXPECT_RUNS("(/ 0.0 0)", "", "nan");
  EXPECT_RUNTIME_ERROR("(/ 1 0)", "div-by-zero", 1, 1,
                       "integer division by zero");
  EXPECT_RUNTIME_ERROR("(/ -9223372036854775808 -1)", "overflow", 1, 1,
                       "integer overflow in /");
  EXPECT_RUNS("(% 7 3)", "", "1");
  EXPECT_RUNS("(% -7 3)", "", "-1");
  EXPECT_RUNS("(% 7 -3)", "", "1");
  EXPECT_RUNS("(% 7.5 2)", "", "1.5");
  EXPECT_RUNS("(% -7.5 2)", "", "-1.5");
  EXPECT_RUNS("(% 1 0.0)", "", "nan");
  EXPECT_RUNTIME_ERROR("(% 7 0)", "div-by-zero", 1, 1,
                       "integer remainder by zero");
  EXPECT_RUNTIME_ERROR("(% -9223372036854775808 -1)", "overflow", 1, 1,
                       "integer overflow in %");
  EXPECT_RUNTIME_ERROR(R"t((/ "a" 1))t", "type", 1, 1,
                       "cannot apply / to string and int");
  EXPECT_RUNTIME_ERROR("(% 1 true)", "type", 1, 1,
                       "cannot apply % to int and bool");
}

TEST(Builtins, Ordering) {
  EXPECT_RUNS("[(< 1 2) (< 2 1) (<= 2 2) (> 3 2.5) (>= 2 2.0) (> 1 1)]", "",
              "[true false true true true false]");
  EXPECT_RUNS(R"t([(< "a" "b") (< "ab" "b") (< "a" "ab") (<= "" "")])t", "",
              "[true true true true]");
  // Bytewise: \xff sorts after every ASCII byte.
  EXPECT_RUNS(R"t((< "\xff" "a"))t", "", "false");
  // A mixed pair compares as doubles: 2^53 + 1 rounds to 2^53.
  EXPECT_RUNS("(< 9007199254740992.0 9007199254740993)", "", "false");
  EXPECT_RUNS("(< 9007199254740992 9007199254740993)", "", "true");
  EXPECT_RUNS("[(< (/ 0.0 0) 1) (>= (/ 0.0 0) (/ 0.0 0)) (> 1 (/ 0.0 0))]", "",
              "[false false false]");
  EXPECT_RUNTIME_ERROR(R"t((< 1 "a"))t", "type", 1, 1,
                       "cannot apply < to int and string");
  EXPECT_RUNTIME_ERROR("(>= null null)", "type", 1, 1,
                       "cannot apply >= to null and null");
  EXPECT_RUNTIME_ERROR("(<= [] [])", "type", 1, 1,
                       "cannot apply <= to vec and vec");
  EXPECT_RUNTIME_ERROR("(> true false)", "type", 1, 1,
                       "cannot apply > to bool and bool");
}

TEST(Builtins, Equality) {
  EXPECT_RUNS("(= 1 1.0)", "", "true");
  EXPECT_RUNS(R"t((= 1 "1"))t", "", "false");
  EXPECT_RUNS(R"t((= "ab" (+ "a" "b")))t", "", "true");
  EXPECT_RUNS("(= null null)", "", "true");
  EXPECT_RUNS("(= true true)", "", "true");
  EXPECT_RUNS("(= true 1)", "", "false");
  EXPECT_RUNS("(= null false)", "", "false");
  EXPECT_RUNS("(= [1] [1])", "", "false");
  EXPECT_RUNS("(let ((v [1])) (= v v))", "", "true");
  EXPECT_RUNS("(= {} {})", "", "false");
  EXPECT_RUNS("(= (/ 0.0 0) (/ 0.0 0))", "", "false");
  EXPECT_RUNS("(= 0.0 -0.0)", "", "true");
  EXPECT_RUNS("(= 9007199254740993 9007199254740992.0)", "", "true");
  EXPECT_RUNS("(!= 1 2)", "", "true");
  EXPECT_RUNS("(!= 1 1)", "", "false");
  EXPECT_RUNS("(!= (/ 0.0 0) (/ 0.0 0))", "", "true");
  EXPECT_RUNS("(!= [] 1)", "", "true");
}

TEST(Builtins, Int) {
  EXPECT_RUNS("(int 3)", "", "3");
  EXPECT_RUNS("(int 3.9)", "", "3");
  EXPECT_RUNS("(int -3.9)", "", "-3");
  EXPECT_RUNS(R"t((int "42"))t", "", "42");
  EXPECT_RUNS(R"t((int "-0"))t", "", "0");
  EXPECT_RUNS(R"t((int "007"))t", "", "7");
  EXPECT_RUNS(R"t((int "-9223372036854775808"))t", "", "-9223372036854775808");
  EXPECT_RUNTIME_ERROR(R"t((int "4x"))t", "type", 1, 1,
                       "int: string is not a decimal integer");
  EXPECT_RUNTIME_ERROR(R"t((int " 4"))t", "type", 1, 1,
                       "int: string is not a decimal integer");
  EXPECT_RUNTIME_ERROR(R"t((int "+4"))t", "type", 1, 1,
                       "int: string is not a decimal integer");
  EXPECT_RUNTIME_ERROR(R"t((int ""))t", "type", 1, 1,
                       "int: string is not a decimal integer");
  EXPECT_RUNTIME_ERROR(R"t((int "99999999999999999999"))t", "overflow", 1, 1,
                       "int: string is out of int range");
  EXPECT_RUNTIME_ERROR("(int 1e300)", "overflow", 1, 1,
                       "int: 1e+300 is out of int range");
  EXPECT_RUNTIME_ERROR("(int (/ 0.0 0))", "overflow", 1, 1,
                       "int: nan is out of int range");
  EXPECT_RUNTIME_ERROR("(int (/ -1.0 0))", "overflow", 1, 1,
                       "int: -inf is out of int range");
  EXPECT_RUNTIME_ERROR("(int true)", "type", 1, 1,
                       "int: expected int, float or string, got bool");
  EXPECT_RUNTIME_ERROR("(int [])", "type", 1, 1,
                       "int: expected int, float or string, got vec");
}

TEST(Builtins, Float) {
  EXPECT_RUNS("(float 3)", "", "3.0");
  EXPECT_RUNS("(float 2.5)", "", "2.5");
  EXPECT_RUNS("(float 9007199254740993)", "", "9007199254740992.0");
  EXPECT_RUNTIME_ERROR(R"t((float "1"))t", "type", 1, 1,
                       "float: expected int or float, got string");
  EXPECT_RUNTIME_ERROR("(float null)", "type", 1, 1,
                       "float: expected int or float, got null");
}

TEST(Builtins, StrAndTypeOf) {
  EXPECT_RUNS("(str)", "", R"t("")t");
  EXPECT_RUNS(R"t((str 1 "a" 2.0 true null))t", "", R"t("1a2.0truenull")t");
  EXPECT_RUNS(R"t((print (str ["a" 1] {1 "b"} (fn () 1))))t",
              R"t(["a" 1]{1 "b"}<fn>)t"
              "\n",
              "null");
  EXPECT_RUNS(
      "[(type-of 1) (type-of 1.0) (type-of true) (type-of null) "
      "(type-of \"\") (type-of []) (type-of {}) (type-of (fn () 1))]",
      "", R"t(["int" "float" "bool" "null" "string" "vec" "map" "fn"])t");
  EXPECT_RUNS("(defn f () 1) (type-of f)", "", R"t("fn")t");
}

TEST(Builtins, Len) {
  EXPECT_RUNS(R"t((len "héllo"))t", "", "6");
  EXPECT_RUNS("(len [1 2])", "", "2");
  EXPECT_RUNS("(len {1 2 3 4})", "", "2");
  EXPECT_RUNS("(len {})", "", "0");
  EXPECT_RUNTIME_ERROR("(len 5)", "type", 1, 1,
                       "len: expected string, vec or map, got int");
}

TEST(Builtins, Get) {
  EXPECT_RUNS("(get [10 20] 1)", "", "20");
  EXPECT_RUNS(R"t((get "AB" 1))t", "", "66");
  EXPECT_RUNS(R"t((get "\xff" 0))t", "", "255");
  EXPECT_RUNS(R"t((get {"a" 1} "a"))t", "", "1");
  EXPECT_RUNS("(get {1 2 true 3} true)", "", "3");
  EXPECT_RUNTIME_ERROR("(get [10 20] 2)", "index", 1, 1,
                       "get: index 2 out of range for vec of length 2");
  EXPECT_RUNTIME_ERROR("(get [10] -1)", "index", 1, 1,
                       "get: index -1 out of range for vec of length 1");
  EXPECT_RUNTIME_ERROR("(get [10] 0.0)", "type", 1, 1,
                       "get: index must be int, got float");
  EXPECT_RUNTIME_ERROR(R"t((get "ab" 2))t", "index", 1, 1,
                       "get: index 2 out of range for string of length 2");
  EXPECT_RUNTIME_ERROR(R"t((get "ab" "a"))t", "type", 1, 1,
                       "get: index must be int, got string");
  EXPECT_RUNTIME_ERROR("(get {1 2} true)", "key", 1, 1,
                       "get: key true not found");
  EXPECT_RUNTIME_ERROR("(get {true 2} 1)", "key", 1, 1, "get: key 1 not found");
  EXPECT_RUNTIME_ERROR(R"t((get {} "k\n"))t", "key", 1, 1,
                       R"t(get: key "k\n" not found)t");
  EXPECT_RUNTIME_ERROR("(get {} 1.0)", "type", 1, 1,
                       "get: key must be int, string or bool, got float");
  EXPECT_RUNTIME_ERROR("(get {} [])", "type", 1, 1,
                       "get: key must be int, string or bool, got vec");
  EXPECT_RUNTIME_ERROR("(get 5 0)", "type", 1, 1,
                       "get: expected string, vec or map, got int");
  EXPECT_RUNTIME_ERROR("(get null 0)", "type", 1, 1,
                       "get: expected string, vec or map, got null");
}

TEST(Builtins, Put) {
  EXPECT_RUNS("(let ((v [1 2])) (put! v 0 9) v)", "", "[9 2]");
  EXPECT_RUNS("(let ((v [1 2])) (put! v 0 9))", "", "null");
  EXPECT_RUNS("(let ((m {1 2 3 4})) (put! m 1 9) (put! m 5 6) m)", "",
              "{1 9, 3 4, 5 6}");
  EXPECT_RUNTIME_ERROR("(put! [1] 1 0)", "index", 1, 1,
                       "put!: index 1 out of range for vec of length 1");
  EXPECT_RUNTIME_ERROR(R"t((put! [1] "0" 0))t", "type", 1, 1,
                       "put!: index must be int, got string");
  EXPECT_RUNTIME_ERROR(R"t((put! "abc" 0 1))t", "type", 1, 1,
                       "put!: expected vec or map, got string");
  EXPECT_RUNTIME_ERROR("(put! {} null 1)", "type", 1, 1,
                       "put!: key must be int, string or bool, got null");
}

TEST(Builtins, PushAndPop) {
  EXPECT_RUNS("(let ((v [])) (push! v 1) (push! v [2]) v)", "", "[1 [2]]");
  EXPECT_RUNS("(push! [] 1)", "", "null");
  EXPECT_RUNS("(let ((v [1 2])) [(pop! v) v])", "", "[2 [1]]");
  EXPECT_RUNTIME_ERROR("(push! {} 1)", "type", 1, 1,
                       "push!: expected vec, got map");
  EXPECT_RUNTIME_ERROR("(pop! [])", "index", 1, 1, "pop!: vec is empty");
  EXPECT_RUNTIME_ERROR(R"t((pop! "ab"))t", "type", 1, 1,
                       "pop!: expected vec, got string");
}

TEST(Builtins, Slice) {
  EXPECT_RUNS(R"t((slice "hello" 1 3))t", "", R"t("el")t");
  EXPECT_RUNS(R"t((slice "hello" 5 5))t", "", R"t("")t");
  EXPECT_RUNS("(slice [1 2 3] 0 3)", "", "[1 2 3]");
  EXPECT_RUNS("(slice [1 2 3] 3 3)", "", "[]");
  EXPECT_RUNS("(let ((v [1 2]) (w (slice v 0 2))) (put! w 0 9) [v w])", "",
              "[[1 2] [9 2]]");
  EXPECT_RUNTIME_ERROR("(slice [1 2 3] 2 1)", "index", 1, 1,
                       "slice: range 2..1 out of bounds for vec of length 3");
  EXPECT_RUNTIME_ERROR(
      R"t((slice "ab" 0 3))t", "index", 1, 1,
      "slice: range 0..3 out of bounds for string of length 2");
  EXPECT_RUNTIME_ERROR(
      R"t((slice "ab" -1 1))t", "index", 1, 1,
      "slice: range -1..1 out of bounds for string of length 2");
  EXPECT_RUNTIME_ERROR("(slice [1] 0 1.0)", "type", 1, 1,
                       "slice: index must be int, got float");
  EXPECT_RUNTIME_ERROR("(slice [1] null 1)", "type", 1, 1,
                       "slice: index must be int, got null");
  EXPECT_RUNTIME_ERROR("(slice {} 0 0)", "type", 1, 1,
                       "slice: expected string or vec, got map");
}

TEST(Builtins, VecAndMapConstruction) {
  EXPECT_RUNS("[]", "", "[]");
  EXPECT_RUNS("(vec 1 2)", "", "[1 2]");
  EXPECT_RUNS(R"t([1 [2] "x"])t", "", R"t([1 [2] "x"])t");
  EXPECT_RUNS("(map)", "", "{}");
  EXPECT_RUNS(R"t({1 2 "a" [3]})t", "", R"t({1 2, "a" [3]})t");
  EXPECT_RUNS("{1 2 1 3}", "", "{1 3}");
  EXPECT_RUNS("{2 0 1 1 2 2}", "", "{2 2, 1 1}");
  EXPECT_RUNS("{1 1 true 2 false 3}", "", "{1 1, true 2, false 3}");
  EXPECT_RUNTIME_ERROR("(do {[] 1})", "type", 1, 5,
                       "map: key must be int, string or bool, got vec");
  EXPECT_RUNTIME_ERROR("(map 1 2 2.5 3)", "type", 1, 1,
                       "map: key must be int, string or bool, got float");
}

TEST(Builtins, HasDelKeys) {
  EXPECT_RUNS("[(has? {1 2} 1) (has? {1 2} 2) (has? {1 2} true)]", "",
              "[true false false]");
  EXPECT_RUNS("(let ((m {1 2 3 4})) [(del! m 1) (del! m 1) m])", "",
              "[true false {3 4}]");
  // Re-inserting a deleted key puts it at the end; an update stays put.
  EXPECT_RUNS("(let ((m {1 2 3 4})) (del! m 1) (put! m 1 5) m)", "",
              "{3 4, 1 5}");
  EXPECT_RUNS("(let ((m {1 2 3 4})) (put! m 1 5) m)", "", "{1 5, 3 4}");
  EXPECT_RUNS(R"t((keys {1 2 "a" 3 false 4}))t", "", R"t([1 "a" false])t");
  EXPECT_RUNS("(keys {})", "", "[]");
  EXPECT_RUNS(
      "(let ((m {})) (for (i 0 100) (put! m i i)) (for (i 0 98) (del! m i)) "
      "(put! m 0 0) [(keys m) (len m)])",
      "", "[[98 99 0] 3]");
  EXPECT_RUNTIME_ERROR("(has? [] 1)", "type", 1, 1,
                       "has?: expected map, got vec");
  EXPECT_RUNTIME_ERROR("(has? {} 1.5)", "type", 1, 1,
                       "has?: key must be int, string or bool, got float");
  EXPECT_RUNTIME_ERROR("(del! 1 1)", "type", 1, 1,
                       "del!: expected map, got int");
  EXPECT_RUNTIME_ERROR("(del! {} (fn () 1))", "type", 1, 1,
                       "del!: key must be int, string or bool, got fn");
  EXPECT_RUNTIME_ERROR("(keys [])", "type", 1, 1,
                       "keys: expected map, got vec");
}

TEST(Builtins, Print) {
  EXPECT_RUNS("(print)", "\n", "null");
  EXPECT_RUNS(R"t((print 1 "a" ["b"] 2.0))t", "1 a [\"b\"] 2.0\n", "null");
  EXPECT_RUNS(R"t((print "x\ny"))t", "x\ny\n", "null");
  EXPECT_RUNS(R"t((print "" ""))t", " \n", "null");
}

TEST(Builtins, GcErrorAssert) {
  EXPECT_RUNS("(gc)", "", "null");
  EXPECT_RUNTIME_ERROR(R"t((error "boom"))t", "user", 1, 1, "boom");
  EXPECT_RUNTIME_ERROR(R"t((error [1 "a"]))t", "user", 1, 1, R"t([1 "a"])t");
  EXPECT_RUNTIME_ERROR("(error 42)", "user", 1, 1, "42");
  EXPECT_RUNTIME_ERROR("(print 1) (error 2)", "user", 1, 11, "2");
  EXPECT_RUNTIME_ERROR("(defn f () (error null)) (f)", "user", 1, 12, "null");
  EXPECT_RUNS("(assert true)", "", "null");
  EXPECT_RUNS("(assert 0)", "", "null");
  EXPECT_RUNTIME_ERROR("(assert false)", "assert", 1, 1, "assertion failed");
  EXPECT_RUNTIME_ERROR("(do (assert null))", "assert", 1, 5,
                       "assertion failed");
}

}  // namespace
}  // namespace tern
