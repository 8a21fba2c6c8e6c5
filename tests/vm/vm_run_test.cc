// End-to-end runs on the VM engines: the inline-string cut-off, error
// positions inside functions, limits, and agreement with the interpreter.

#include <gtest/gtest.h>

#include <string>

#include "oracles/engine.h"
#include "runtime/heap/value.h"
#include "runtime/outcome.h"

namespace tern {
namespace {

Outcome RunOn(std::string_view engine, std::string_view source,
            uint64_t fuel = kDefaultFuel) {
  const Engine* e = FindEngine(engine);
  EXPECT_NE(e, nullptr) << engine;
  RunLimits limits;
  limits.fuel = fuel;
  return RunSource(*e, source, limits);
}

// Every VM engine gives the interpreter's outcome, byte for byte.
void ExpectSameAsInterp(std::string_view source, uint64_t fuel = kDefaultFuel) {
  Outcome want = RunOn("interp", source, fuel);
  for (const char* engine :
       {"vm", "vm-stress", "vm-verify", "vm-gen", "vm-gen-stress"}) {
    Outcome got = RunOn(engine, source, fuel);
    EXPECT_EQ(FormatOutcome(got), FormatOutcome(want))
        << engine << " on " << source;
  }
}

TEST(VmRunTest, ShortStringCutOff) {
  static_assert(heap::Value::kMaxShortString == 15);
  // 15 bytes: inline; 16: a heap string. Both sides through every string
  // operation that can make one.
  const std::string s15(15, 'a');
  const std::string s16(16, 'b');
  for (const std::string& s : {s15, s16}) {
    std::string lit = "\"" + s + "\"";
    ExpectSameAsInterp("(let ((s " + lit + ")) [s (len s) (= s " + lit +
                       ") (+ s \"\") (str s) (slice s 0 " +
                       std::to_string(s.size()) + ") (get {" + lit +
                       " 1} (str s))])");
  }
  // Concatenation crossing the cut-off, and a key that is short in one map
  // and built long in another.
  ExpectSameAsInterp(
      "(let ((a (+ \"0123456\" \"01234567\")) (b (+ a \"x\")) (m {a 1 b 2}))"
      " (gc) [a b (len a) (len b) (get m \"012345601234567\") m (keys m)])");
}

// Concatenations (`+` and `str` of strings only) are written straight into
// the new string: every arity, the empty string, results on both sides of
// the inline cut-off, inside an arena (a short result is an arena object
// there), an operand that is also the destination, a collection at the
// allocation itself (the stress engines), and the length limit.
TEST(VmRunTest, ConcatenationsBuiltInPlace) {
  ExpectSameAsInterp(
      "(let ((mut a \"0123456789\") (e \"\"))"
      " (set! a (+ a a)) (set! a (str a \"-\" a))"
      " [a (+ e) (str) (str e e) (+ e \"x\") (str \"0123456\" \"01234567\")"
      " (+ \"0123456\" \"012345678\") (str a e a) (+ a a \"y\" e)"
      " (with-arena r (let ((s (str \"ab\" \"cd\")) (t (+ s s s))) (len t)))"
      " (with-arena r (len (str a a)))])");
  ExpectSameAsInterp(
      "(let ((mut s \"ab\") (v []))"
      " (for (i 0 40) (push! v (+ s (str i))) (set! s (str s \"c\")))"
      " (gc) [(len s) v])");
  ExpectSameAsInterp(
      "(let ((mut s \"abc\")) (while true (set! s (str s s))))");
  ExpectSameAsInterp(
      "(let ((mut s \"abc\")) (while true (set! s (+ s s \"x\"))))");
}

TEST(VmRunTest, ErrorPositionsInsideFunctions) {
  Outcome o = RunOn("vm", "(defn f (v)\n  (get v 5))\n(f [1 2])");
  ASSERT_EQ(o.status, Status::kRuntimeError) << FormatOutcome(o);
  EXPECT_EQ(o.error->kind, ErrorKind::kIndex);
  EXPECT_EQ(o.error->pos, (Pos{2, 3}));
  EXPECT_EQ(o.error->message, "get: index 5 out of range for vec of length 2");
  ExpectSameAsInterp("(defn f (v)\n  (get v 5))\n(f [1 2])");
  ExpectSameAsInterp("(let ((g (fn (x) (+ x \"a\")))) (print 1) (g 2))");
  ExpectSameAsInterp("(for (i 0 1.5) 1)");
  ExpectSameAsInterp("(for (i \"a\" 1.5) 1)");
  ExpectSameAsInterp("(let ((f 3)) (f))");
  ExpectSameAsInterp("(let ((f (fn (a) a))) (f 1 2))");
  ExpectSameAsInterp("(+ 9223372036854775807 1)");
  ExpectSameAsInterp("(let ((x 9223372036854775807)) (+ x 1))");
  ExpectSameAsInterp("(let ((x -9223372036854775808)) [(- x) (/ x -1)])");
  ExpectSameAsInterp("(let ((x -9223372036854775808)) (% x -1))");
  ExpectSameAsInterp("(let ((x 7)) [(/ x 0)])");
  ExpectSameAsInterp("(let ((x 7)) [(% x 0)])");
}

// MulI and ModI (an int32 right operand): fast paths and every slow case.
TEST(VmRunTest, ImmediateArithmetic) {
  for (const char* x : {"7", "-7", "0", "7.5", "\"a\"", "null",
                        "9223372036854775807", "-9223372036854775808"}) {
    for (const char* d : {"3", "-3", "1", "-1", "0", "2147483647",
                          "-2147483648"}) {
      const std::string bind = std::string("(let ((x ") + x + ")) ";
      ExpectSameAsInterp(bind + "(% x " + d + "))");
      ExpectSameAsInterp(bind + "(* x " + d + "))");
      ExpectSameAsInterp(bind + "(if (= (% x " + d + ") 0) 1 2))");
      ExpectSameAsInterp(bind + "(if (!= (* x " + d + ") 1) 1 2))");
    }
  }
}

// A tail `if`, `let` or `do` returns from each arm; one used for its
// effects stores no result.
TEST(VmRunTest, TailAndEffectForms) {
  ExpectSameAsInterp(
      "(defn f (n) (let ((m (* n 2))) (do (print m) (if (< m 5) m (if (> m 9) "
      "null)))))\n[(f 1) (f 3) (f 7)]");
  ExpectSameAsInterp(
      "(defn g (n) (if (< n 1) (do) (let ((k n)) (print k) (g (- k 1)))))"
      "\n(g 3)",
      10);
  ExpectSameAsInterp(
      "(let ((mut s 0)) (for (i 0 10) (if (= (% i 3) 0) (set! s (+ s i)) "
      "(set! s (- s 1))) (let ((t i)) (set! s (+ s t))) (do (set! s (* s 1)))"
      " (if (> i 100) (set! s 0))) s)");
  ExpectSameAsInterp("(defn h () (if true (with-arena a 1) 2)) (h)");
}

TEST(VmRunTest, FuelAndDepthLimits) {
  ExpectSameAsInterp("(defn f (n) (f (+ n 1))) (f 0)");
  ExpectSameAsInterp("(defn f (n) (if (= n 0) 0 (+ 1 (f (- n 1))))) (f 999)");
  ExpectSameAsInterp("(defn f (n) (if (= n 0) 0 (+ 1 (f (- n 1))))) (f 1000)");
  for (uint64_t fuel : {0, 1, 2, 9, 10, 11}) {
    ExpectSameAsInterp("(for (i 0 10) i)", fuel);
    ExpectSameAsInterp("(let ((mut i 0)) (while (< i 5) (set! i (+ i 1))))",
                       fuel);
    ExpectSameAsInterp("(defn f (n) (if (< n 1) 0 (f (- n 1)))) (f 5)", fuel);
  }
}

// SubICallDefn and AddReturn (opcodes.h): every outcome of the fused pair
// is the unfused pair's, errors of either half at that half's position.
TEST(VmRunTest, Superinstructions) {
  const std::string fib =
      "(defn fib (n)\n  (if (< n 2) n\n    (+ (fib (- n 1))\n"
      "       (fib (- n 2)))))\n";
  ExpectSameAsInterp(fib + "(fib 15)");
  // The subtraction's slow path (a float, then a type error), then the
  // call at pc+1; the sum's slow path (floats, then overflow).
  ExpectSameAsInterp(fib + "(fib 4.5)");
  ExpectSameAsInterp(fib + "(fib \"x\")");
  ExpectSameAsInterp(
      "(defn f (n) (if (< n 1) 9223372036854775800 (+ (f (- n 1)) 7)))"
      " (f 3)");
  ExpectSameAsInterp("(defn f (n) (if (< n 1) 0.5 (+ (f (- n 1)) 1.0))) (f 3)");
  // Out of fuel and too deep at the call of a fused pair; a jump to the
  // second of a pair (the `if` arms both end in a call).
  for (uint64_t fuel : {0, 1, 2, 3, 50, 51}) {
    ExpectSameAsInterp(fib + "(fib 6)", fuel);
  }
  ExpectSameAsInterp("(defn f (n) (f (- n 1))) (f 0)");
  ExpectSameAsInterp(
      "(defn g (n) n) (defn f (n b) (g (if b (- n 1) (- n 2)))) [(f 5 true) "
      "(f 5 false)]");
}

TEST(VmRunTest, ArenasAndTheStoreRule) {
  ExpectSameAsInterp(
      "(defn keep (dst x) (push! dst x))\n"
      "(let ((v [])) (with-arena a (keep v [1]) 0))");
  ExpectSameAsInterp(
      "(defn put (m k v) (put! m k v))\n"
      "(let ((m {})) (with-arena a (put m (str \"a long key, not inline\") 1)"
      " 0))");
  ExpectSameAsInterp(
      "(let ((v [1 2])) (with-arena a (let ((w [v v])) (push! w 3) (len w))))");
  ExpectSameAsInterp(
      "(let ((mut n 0)) (with-arena a (let ((f (fn () (set! n [1]) n))) (f)"
      " 0)) n)");
  ExpectSameAsInterp(
      "(defn mk () (let ((mut c 0)) (fn (x) (set! c x) c)))\n"
      "(let ((f (mk))) (with-arena a (f (str \"a string in the arena!\")) 0))");
}

TEST(VmRunTest, DisplayMatchesTheInterpreter) {
  ExpectSameAsInterp(
      "(let ((v [1 \"a\\n\"])) (push! v v) (print v) (str v))");
  ExpectSameAsInterp(
      "(defn f () 1) (let ((m {1 [f (fn () 2)] \"k\" {true null}}))"
      " (put! m 2 m) (print m 1.5 -0.0 1e300 (/ 0.0 0.0)) m)");
  ExpectSameAsInterp(
      "(let ((mut v [])) (for (i 0 60) (set! v [v v])) (len (str v)))");
}

}  // namespace
}  // namespace tern
