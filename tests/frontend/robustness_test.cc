// Bad input of any kind gives a clean result, and the front end's cost grows
// about linearly with the input.

#include <gtest/gtest.h>
#include <rapidcheck/gtest.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <string>
#include <vector>

#include "runtime/front/front_end.h"
#include "runtime/front/parser.h"
#include "runtime/front/printer.h"
#include "runtime/front/tree_equal.h"
#include "tests/frontend/ast_dump.h"

namespace tern {
namespace {

// Compiles twice: exactly one of program/error, a sane position, the same
// answer both times; an accepted program prints to text that reads back.
void CheckClean(const std::string& src) {
  CompileResult a = Compile(src);
  RC_ASSERT(a.program == nullptr || !a.error.has_value());
  RC_ASSERT(a.program != nullptr || a.error.has_value());
  CompileResult b = Compile(src);
  RC_ASSERT(a.error == b.error);
  if (a.error) {
    RC_ASSERT(a.error->pos.line >= 1);
    RC_ASSERT(a.error->pos.col >= 1);
    RC_ASSERT(!a.error->message.empty());
    return;
  }
  const std::string printed = PrintProgram(*a.program);
  ParseResult again = ParseProgram(printed);
  RC_ASSERT(!again.error);
  RC_ASSERT(TreeEqual(*a.program, *again.program));
}

RC_GTEST_PROP(RobustnessProperty, RandomBytes, (const std::string& src)) {
  CheckClean(src);
}

// Random soups of Tern tokens reach the resolver and the arena checker.
RC_GTEST_PROP(RobustnessProperty, RandomTokenSoup, ()) {
  static const std::vector<std::string> kTokens = {
      "(",     "(",     "(",     ")",         ")",           ")",
      "[",     "]",     "{",     "}",         "let",         "mut",
      "set!",  "if",    "and",   "or",        "not",         "do",
      "while", "for",   "fn",    "defn",      "with-arena",  "no-gc",
      "x",     "y",     "f",     "v",         "1",           "-2",
      "2.5",   "1e999", "\"s\"", "\"\\x41\"", "true",        "null",
      "+",     "get",   "put!",  "push!",     "pop!",        "vec",
      "map",   "str",   "print", "(x 1)",     "((mut x 1))", "(f)",
      "[1]",   "; c\n", "\n",    "é"};
  const auto picks = *rc::gen::container<std::vector<size_t>>(
      rc::gen::inRange<size_t>(0, kTokens.size()));
  std::string src;
  for (size_t i : picks) src += kTokens[i] + " ";
  CheckClean(src);
}

std::string Repeat(std::string_view s, size_t n) {
  std::string out;
  out.reserve(s.size() * n);
  for (size_t i = 0; i < n; ++i) out += s;
  return out;
}

TEST(RobustnessTest, DeepNestingIsAParseError) {
  const std::string too_deep =
      "parse 1:257: brackets nested deeper than 256 "
      "levels";
  for (const char* open : {"(", "[", "{"}) {
    EXPECT_EQ(testing::CompileError(Repeat(open, 100000)), too_deep) << open;
    EXPECT_EQ(testing::CompileError(Repeat(open, 100000) + Repeat(")", 100000)),
              too_deep)
        << open;
  }
  EXPECT_EQ(testing::CompileError(Repeat("([{", 40000)), too_deep);
  EXPECT_EQ(
      testing::CompileError(Repeat("(do ", 100000) + "1" + Repeat(")", 100000)),
      "parse 1:1025: brackets nested deeper than 256 levels");
  EXPECT_EQ(testing::CompileError(Repeat("(\n", 300)),
            "parse 257:1: brackets nested deeper than 256 levels");
}

TEST(RobustnessTest, HugeTokens) {
  const size_t kMiB = size_t{1} << 20;
  EXPECT_EQ(testing::CompileError("\"" + std::string(kMiB, 'a') + "\""), "ok");
  EXPECT_EQ(testing::CompileError("; " + std::string(kMiB, 'a')), "ok");
  EXPECT_EQ(testing::CompileError(std::string(kMiB, 'a')).substr(0, 24),
            "unbound 1:1: unbound nam");
  EXPECT_EQ(testing::CompileError(std::string(kMiB, '7')),
            "parse 1:1: integer literal does not fit in 64 bits");
  EXPECT_EQ(testing::CompileError("1." + std::string(kMiB, '0') + "1"), "ok");
  EXPECT_EQ(testing::CompileError("1" + std::string(kMiB, '0') + ".5"), "ok");
  EXPECT_EQ(testing::CompileError("9" + std::string(kMiB, 'x')).substr(0, 30),
            "parse 1:1: malformed number '9");
  EXPECT_EQ(testing::CompileError(std::string(kMiB, ' ') + "\xff"),
            "parse 1:1048577: invalid UTF-8 (byte 0xff)");
  EXPECT_EQ(testing::CompileError(std::string(kMiB, '\n') + "x"),
            "unbound 1048577:1: unbound name 'x'");
}

// Compiles `src` (and prints it when accepted), expecting an outcome that
// starts with `expected`. Each shape is about 1 MB: a quadratic step would
// take minutes on these; the bound leaves a wide margin for slow
// (sanitized, loaded) machines.
void ExpectFast(const std::string& src, const std::string& expected) {
  const auto start = std::chrono::steady_clock::now();
  const std::string got = testing::CompileError(src);
  if (got == "ok") PrintProgram(*ParseProgram(src).program);
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start)
          .count();
  EXPECT_EQ(got.substr(0, expected.size()), expected);
  EXPECT_LT(seconds, 20.0) << src.substr(0, 80);
  const std::string head = src.substr(0, std::min(src.find('\n'), size_t{50}));
  std::printf("%8zu bytes %7.3f s  %s\n", src.size(), seconds, head.c_str());
}

std::string Numbered(std::string_view before, size_t n,
                     std::string_view after) {
  std::string out;
  for (size_t i = 0; i < n; ++i) {
    out += before;
    out += std::to_string(i);
    out += after;
  }
  return out;
}

TEST(RobustnessTest, LinearOnLargeInputs) {
  constexpr size_t kN = 45000;  // about 1 MB for most shapes
  // Many bindings in one scope; many top-level forms; many defns calling
  // each other; one huge vector; long argument lists.
  ExpectFast("(let (" + Numbered("(x", kN, " 1) ") + ") x0)", "ok");
  ExpectFast(Repeat("(let ((x 1)) (+ x 1))\n", kN), "ok");
  ExpectFast(Numbered("(defn f", kN, " (a) (g a))\n") + "(defn g (a) a)", "ok");
  ExpectFast("[" + Repeat("1 ", 4 * kN) + "]", "ok");
  ExpectFast("(print " + Repeat("\"s\" ", 3 * kN) + ")", "ok");
  ExpectFast(Repeat("(do (fn (a b) (let ((c a)) (fn () [a b c]))))\n", kN / 3),
             "ok");
  // Errors of each phase late in a large input.
  const std::string big = Repeat("(let ((x 1)) (+ x 1))\n", kN);
  ExpectFast(big + "(if)", "parse");
  ExpectFast(big + "zz", "unbound");
  ExpectFast(big + "(with-arena a [1])", "arena-escape");
}

TEST(RobustnessTest, LinearArenaAnalysis) {
  constexpr size_t kN = 30000;
  // Many variables in one block.
  ExpectFast(
      "(with-arena a (let (" + Numbered("(mut x", kN, " [1]) ") + ") 0))",
      "ok");
  // A long chain of set!s between mut variables, against the read order.
  std::string chain =
      "(with-arena a (let (" + Numbered("(mut y", kN, " 0) ") + ")";
  for (size_t i = 0; i + 1 < kN; ++i) {
    chain += "(set! y" + std::to_string(i) + " y" + std::to_string(i + 1) + ")";
  }
  chain += "(set! y" + std::to_string(kN - 1) + " [1]) y0))";
  ExpectFast(chain, "arena-escape 1:1");
  // Many blocks storing into one outer variable that is read in many places:
  // a variable's provenance may name every block, each read sees only the
  // blocks around it.
  std::string spread = "(let ((mut x 0) (mut z 0))";
  for (size_t i = 0; i < kN / 4; ++i) {
    spread += "(with-arena b (set! x [1]) (set! z x) 0)";
  }
  spread += ")";
  ExpectFast(spread, "arena-escape 1:41");
  // Deeply nested blocks around a wide `and` of reads.
  std::string deep = "(with-arena a0 (let ((v [1]))";
  for (int i = 1; i < 200; ++i)
    deep += "(with-arena a" + std::to_string(i) + " ";
  deep += "(push! v (and " + Repeat("v ", 4 * kN) + ")) 0";
  deep += std::string(199, ')') + "))";
  ExpectFast(deep, "ok");
}

}  // namespace
}  // namespace tern
