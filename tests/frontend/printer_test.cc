#include "runtime/front/printer.h"

#include <gtest/gtest.h>
#include <rapidcheck/gtest.h>

#include <algorithm>
#include <bit>
#include <cmath>
#include <limits>
#include <string>
#include <vector>

#include "runtime/front/comments.h"
#include "runtime/front/parser.h"
#include "runtime/front/tree_equal.h"
#include "tests/frontend/ast_dump.h"

namespace tern {
namespace {

std::unique_ptr<Program> MustParse(std::string_view src) {
  ParseResult r = ParseProgram(src);
  EXPECT_FALSE(r.error) << src << "\n" << r.error->message;
  return std::move(r.program);
}

// print(parse(src)) parses back to the same tree, and printing is stable.
void ExpectRoundTrip(std::string_view src) {
  std::unique_ptr<Program> a = MustParse(src);
  if (!a) return;
  const std::string printed = PrintProgram(*a);
  ParseResult b = ParseProgram(printed);
  ASSERT_FALSE(b.error) << "source:\n"
                        << src << "\nprinted:\n"
                        << printed << "\nerror: " << b.error->message;
  EXPECT_TRUE(TreeEqual(*a, *b.program)) << "source:\n"
                                         << src << "\nprinted:\n"
                                         << printed << "\nreparsed:\n"
                                         << testing::Dump(*b.program);
  EXPECT_EQ(PrintProgram(*b.program), printed);
}

TEST(PrinterTest, RoundTripsSamples) {
  const char* samples[] = {
      "",
      "1 2 3",
      "(defn f (x) (+ x 1)) (f 2)",
      "(defn fib (n) (if (< n 2) n (+ (fib (- n 1)) (fib (- n 2))))) (fib 20)",
      "(let ((x 1) (mut y 2) (x 3)) (set! y (+ x y)) y)",
      "(let () null)",
      "(if true 1) (if false 1 2) (and) (or) (and 1 2 3) (or false null)",
      "(not 1) (not) (not 1 2) (do) (do 1 2)",
      "(while false) (while (< i 10) (set! i (+ i 1)) (print i))",
      "(for (i 0 10)) (for (i 0 (len v)) (print (get v i)))",
      "(fn () 1) (fn (a b c) (a b c)) ((fn (x) x) 1) (1 2) (\"s\" 3)",
      "(with-arena a [1 2 3]) (with-arena if 1) (no-gc (gc) 2)",
      "[] [1 [2 [3]]] {} {1 2 \"k\" [3]} (map 1) (map 1 2 3) (vec)",
      "(print + - * / if)",
      "(str \"a\" 1 2.5 true null [1] {})",
      "(é 日本 😀 a->b? -1x +5 .5 - --)",
      "(defn λ (α β) (+ α β))",
      "(let ((f (fn (x) (fn (y) (fn (z) (+ x y z)))))) (((f 1) 2) 3))",
      // Long forms break over lines.
      "(defn long-function-name (alpha beta gamma delta) (let ((first-value "
      "(compute alpha beta)) (mut second-value (compute gamma delta))) (while "
      "(< first-value second-value) (set! second-value (- second-value 1)) "
      "(print \"still going\" first-value second-value)) (if (= first-value "
      "second-value) [first-value second-value alpha beta gamma delta] {\"a\" "
      "alpha \"b\" beta \"c\" gamma \"d\" delta \"e\" first-value})))",
      "[1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20 21 22 23 24 25 26 "
      "27 28 29 30 31 32 33 34 35 36 37 38 39 40]",
      "(print \"a very long string literal that does not fit on one line "
      "anyway, no matter what\" 1 2)",
      "(for (index (compute-the-start-of-the-range) "
      "(compute-the-end-of-the-range)) (print index))",
      "(with-arena scratch-space (let ((v [1 2 3])) (push! v 4) (push! v 5) "
      "(len v)))",
      "((fn (a-long-parameter-name another-long-parameter-name) "
      "(a-long-parameter-name another-long-parameter-name)) 1 2)",
      "(set! a-variable (some-function-with-a-long-name argument-one "
      "argument-two))",
      "(no-gc (print 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20 21 22 "
      "23 24 25 26 27))",
  };
  for (const char* s : samples) ExpectRoundTrip(s);
}

TEST(PrinterTest, RoundTripsEdgeLiterals) {
  const char* samples[] = {
      "0 -0 007 9223372036854775807 -9223372036854775808",
      "0.0 -0.0 1.0 0.1 -2.5 1e16 1e-7 123456789.125 1.7976931348623157e308",
      "4.9e-324 2.2250738585072014e-308 1e999 -1e999 1e-400 -1e-400",
      "0.30000000000000004 1e22 1e23 9007199254740993.0",
      R"("" "a\nb\tc\rd\\e\"f\0g" "\x01\x1f\x7f" "\xff\xfe\x80" "é😀")",
      R"("\xc3\xa9" "\xc3" "\xed\xa0\x80" "a\xf0\x9f\x98\x80b")",
      "\"raw\nnewline\"",
      "true false null",
  };
  for (const char* s : samples) ExpectRoundTrip(s);
}

TEST(PrinterTest, LiteralSpelling) {
  auto print = [](std::string_view src) {
    std::string out = PrintProgram(*MustParse(src));
    if (!out.empty() && out.back() == '\n') out.pop_back();
    return out;
  };
  EXPECT_EQ(print("1.50 1e16 1E+2 -0.0 1e999 -1e999 1e-400 5e-324"),
            "1.5\n1e+16\n100.0\n-0.0\n1e999\n-1e999\n0.0\n5e-324");
  EXPECT_EQ(print("-0 007"), "0\n7");
  EXPECT_EQ(print(R"("\x41\0\x7f\xE9" "é" "\xc3\xa9" "tab\there")"),
            R"("A\0\x7f\xe9")"
            "\n\"é\"\n\"é\"\n"
            R"("tab\there")");
  EXPECT_EQ(print("(vec 1 2) (map 1 2) (map 1)"), "[1 2]\n{1 2}\n(map 1)");
}

TEST(PrinterTest, NanHasNoLiteral) {
  Expr e;
  e.kind = ExprKind::kFloat;
  e.float_value = std::numeric_limits<double>::quiet_NaN();
  EXPECT_EQ(PrintExpr(e), "(- 1e999 1e999)");
}

TEST(PrinterTest, Layout) {
  std::unique_ptr<Program> p = MustParse(
      "(defn f (x) x)\n(defn g (a b) (let ((sum-of-both (+ a b)) (difference "
      "(- a b)) (product (* a b))) (print sum-of-both difference product) "
      "[sum-of-both difference]))\n1\n2\n(if (< 1 2) (print "
      "\"one is less than two, which makes a fairly long message to print out "
      "here\") (print "
      "\"no\"))");
  EXPECT_EQ(PrintProgram(*p),
            "(defn f (x) x)\n"
            "\n"
            "(defn g (a b)\n"
            "  (let ((sum-of-both (+ a b))\n"
            "        (difference (- a b))\n"
            "        (product (* a b)))\n"
            "    (print sum-of-both difference product)\n"
            "    [sum-of-both difference]))\n"
            "\n"
            "1\n"
            "2\n"
            "(if (< 1 2)\n"
            "  (print\n"
            "    \"one is less than two, which makes a fairly long message to "
            "print out here\")\n"
            "  (print \"no\"))\n");
  std::string numbers = "[";
  for (int i = 0; i < 40; ++i) numbers += std::to_string(100 + i) + " ";
  numbers += "]";
  EXPECT_EQ(PrintProgram(*MustParse(numbers)),
            "[100 101 102 103 104 105 106 107 108 109 110 111 112 113 114 115 "
            "116 117 118 119\n"
            " 120 121 122 123 124 125 126 127 128 129 130 131 132 133 134 135 "
            "136 137 138 139]\n");
}

// Past column 64 forms stay on one line, so however deep the nesting the
// output is at most a constant factor larger than the input.
void ExpectProportional(const std::string& src, size_t factor) {
  std::unique_ptr<Program> p = MustParse(src);
  const std::string printed = PrintProgram(*p);
  EXPECT_LT(printed.size(), factor * src.size()) << printed;
  ParseResult again = ParseProgram(printed);
  ASSERT_FALSE(again.error) << again.error->message;
  EXPECT_TRUE(TreeEqual(*p, *again.program));
}

std::string Nest(int depth, const std::string& open, const std::string& close) {
  std::string s;
  for (int i = 0; i < depth; ++i) s += open;
  s += "x";
  for (int i = 0; i < depth; ++i) s += close;
  return s;
}

std::string FmtWithComments(const std::string& source) {
  ParseResult r = ParseProgram(source);
  EXPECT_FALSE(r.error) << source;
  if (r.error) return "";
  const SourceComments comments = SourceComments::Scan(source);
  return PrintProgram(*r.program, &comments);
}

TEST(PrinterTest, CommentsStayWithTheirForms) {
  // Before a form, on its own line; ending a form's line; at a list's end.
  EXPECT_EQ(FmtWithComments("; a\n(print 1)   ;  b\n; c\n2\n; d"),
            "; a\n(print 1) ;  b\n; c\n2\n; d\n");
  EXPECT_EQ(FmtWithComments("(do 1 ; one\n 2\n ; end\n )"),
            "(do 1 ; one\n  2\n  ; end\n)\n");
  // A form holding a comment is broken over lines, whatever its width.
  EXPECT_EQ(FmtWithComments("[1 ; x\n 2]"), "[1 ; x\n 2]\n");
  EXPECT_EQ(FmtWithComments("(defn f (x) ; doc\n x)"),
            "(defn f (x) ; doc\n  x)\n");
  // A comment inside a string literal is no comment.
  EXPECT_EQ(FmtWithComments("(print \"; no\")"), "(print \"; no\")\n");
  // Only comments: kept too.
  EXPECT_EQ(FmtWithComments("; alone\n"), "; alone\n");
}

TEST(PrinterTest, StreamedTextIsTheWholeTextInBoundedPieces) {
  // `tern fmt` streams: the pieces concatenate to PrintProgram's text, and
  // none holds much more than its 64 KiB flush threshold.
  std::string source = "; head\n";
  for (int i = 0; i < 20000; ++i) {
    source += "(defn f" + std::to_string(i) + " (x) ; c\n  (+ x " +
              std::to_string(i) + "))\n(print (f" + std::to_string(i) +
              " 1))\n";
  }
  source += "; tail\n";
  ParseResult r = ParseProgram(source);
  ASSERT_FALSE(r.error);
  const SourceComments comments = SourceComments::Scan(source);
  const std::string whole = PrintProgram(*r.program, &comments);
  std::string joined;
  size_t pieces = 0, largest = 0;
  PrintProgram(*r.program, &comments, [&](std::string_view s) {
    joined.append(s);
    ++pieces;
    largest = std::max(largest, s.size());
  });
  EXPECT_EQ(joined, whole);
  EXPECT_GT(pieces, whole.size() / (128 * 1024));
  EXPECT_LT(largest, size_t{128 * 1024});
}

TEST(PrinterTest, DeepNestingStaysProportional) {
  // Runs of atoms share lines.
  ExpectProportional(Nest(256, "(do 1 2 3 4 5 6 7 8 9 10 ", ")"), 2);
  ExpectProportional(Nest(256, "[1 2 3 4 5 6 7 8 9 10 ", "]"), 2);
  ExpectProportional(Nest(250, "(let ((a 1) (b 2)) 1 2 3 4 5 6 7 8 9 ", ")"),
                     2);
  // The worst case: tiny forms one per line, each indented.
  ExpectProportional(Nest(250, "(do (f) (f) (f) (f) (f) (f) (f) (f) ", ")"),
                     40);
}

// ---- Property: random trees print to text that parses back to them. -------

const std::vector<std::string>& Names() {
  static const std::vector<std::string> names = {
      "x", "y", "f", "a-b", "λ", "x?", "set", "+x", "-1x", "日本", "v2", "."};
  return names;
}

std::string GenName() { return *rc::gen::elementOf(Names()); }

// The program the generated nodes are allocated in.
Program* g_program = nullptr;

ExprPtr GenExpr(int depth);
Str GenStr(std::string_view s) { return g_program->NewStr(s); }
ExprList ToList(const std::vector<ExprPtr>& v) { return g_program->NewList(v); }

std::vector<ExprPtr> GenExprs(int depth, int min, int max) {
  std::vector<ExprPtr> out;
  const int n = *rc::gen::inRange(min, max + 1);
  for (int i = 0; i < n; ++i) out.push_back(GenExpr(depth - 1));
  return out;
}

Function* GenFunction(Function::Kind kind, int depth) {
  Function* f = g_program->NewFunction(kind, {});
  if (kind == Function::Kind::kDefn) f->name = GenStr(GenName());
  const int params = *rc::gen::inRange(0, 4);
  std::vector<Param> ps;
  for (int i = 0; i < params; ++i) ps.push_back(Param{GenStr(GenName()), {}});
  f->params = g_program->NewList(ps);
  f->body = ToList(GenExprs(depth, 1, 3));
  return f;
}

ExprPtr GenExpr(int depth) {
  Expr* e = g_program->NewExpr(ExprKind::kNull, {});
  const int choice = *rc::gen::inRange(0, depth <= 0 ? 7 : 22);
  switch (choice) {
    case 0:
      e->kind = ExprKind::kInt;
      e->int_value = *rc::gen::arbitrary<int64_t>();
      break;
    case 1: {
      e->kind = ExprKind::kFloat;
      double d = std::bit_cast<double>(*rc::gen::arbitrary<uint64_t>());
      if (*rc::gen::arbitrary<bool>()) d = *rc::gen::arbitrary<double>();
      e->float_value = std::isnan(d) ? 0.5 : d;
      break;
    }
    case 2:
      e->kind = ExprKind::kStr;
      e->str_value = GenStr(*rc::gen::arbitrary<std::string>());
      break;
    case 3:
      e->kind = ExprKind::kBool;
      e->bool_value = *rc::gen::arbitrary<bool>();
      break;
    case 4: e->kind = ExprKind::kNull; break;
    case 5:
    case 6:
      e->kind = ExprKind::kVar;
      // Reserved names are plain names outside the head of a list.
      e->name = GenStr(*rc::gen::arbitrary<bool>()
                           ? GenName()
                           : *rc::gen::elementOf(std::vector<std::string>{
                                 "if", "+", "let", "mut", "defn", "vec"}));
      break;
    case 7:
      e->kind = ExprKind::kSet;
      e->name = GenStr(GenName());
      e->kids = ToList({GenExpr(depth - 1)});
      break;
    case 8: {
      e->kind = ExprKind::kLet;
      const int n = *rc::gen::inRange(0, 4);
      std::vector<LetBinding> bindings;
      for (int i = 0; i < n; ++i) {
        LetBinding b;
        b.name = GenStr(GenName());
        b.is_mut = *rc::gen::arbitrary<bool>();
        b.init = GenExpr(depth - 1);
        bindings.push_back(b);
      }
      e->bindings = g_program->NewList(bindings);
      e->kids = ToList(GenExprs(depth, 1, 3));
      break;
    }
    case 9:
      e->kind = ExprKind::kIf;
      e->kids = ToList(GenExprs(depth, 2, 3));
      break;
    case 10:
      e->kind = *rc::gen::elementOf(std::vector<ExprKind>{
          ExprKind::kAnd, ExprKind::kOr, ExprKind::kDo, ExprKind::kNot});
      e->kids = ToList(GenExprs(depth, 0, 3));
      break;
    case 11:
      e->kind = ExprKind::kWhile;
      e->kids = ToList(GenExprs(depth, 1, 3));
      break;
    case 12:
      e->kind = ExprKind::kFor;
      e->name = GenStr(GenName());
      e->kids = ToList(GenExprs(depth, 2, 4));
      break;
    case 13:
      e->kind = ExprKind::kFn;
      e->fn = GenFunction(Function::Kind::kLambda, depth - 1);
      break;
    case 14:
      e->kind = ExprKind::kWithArena;
      e->name = GenStr(*rc::gen::arbitrary<bool>() ? GenName() : "if");
      e->kids = ToList(GenExprs(depth, 1, 3));
      break;
    case 15:
      e->kind = ExprKind::kNoGc;
      e->kids = ToList(GenExprs(depth, 1, 3));
      break;
    case 16:
    case 17: {
      e->kind = ExprKind::kCall;
      e->direct_defn = -1;
      ExprPtr callee = GenExpr(depth - 1);
      if (callee->kind == ExprKind::kVar) callee->name = GenStr(GenName());
      std::vector<ExprPtr> kids = {callee};
      for (ExprPtr arg : GenExprs(depth, 0, 3)) kids.push_back(arg);
      e->kids = ToList(kids);
      break;
    }
    default:
      e->kind = ExprKind::kBuiltin;
      e->builtin = static_cast<Builtin>(*rc::gen::inRange(0, BuiltinCount()));
      if (*rc::gen::arbitrary<bool>()) e->builtin = Builtin::kVec;
      e->kids = ToList(GenExprs(depth, 0, 4));
      break;
  }
  return e;
}

RC_GTEST_PROP(PrinterProperty, PrintedTreesParseBackEqual, ()) {
  Program program;
  g_program = &program;
  const int forms = *rc::gen::inRange(0, 5);
  for (int i = 0; i < forms; ++i) {
    if (*rc::gen::arbitrary<bool>()) {
      program.order.push_back(
          TopForm::Defn(static_cast<uint32_t>(program.defns.size())));
      program.defns.push_back(GenFunction(Function::Kind::kDefn, 4));
    } else {
      program.order.push_back(TopForm::Expression(GenExpr(5)));
    }
  }
  const std::string printed = PrintProgram(program);
  ParseResult parsed = ParseProgram(printed);
  RC_ASSERT(!parsed.error);
  RC_ASSERT(TreeEqual(program, *parsed.program));
  RC_ASSERT(PrintProgram(*parsed.program) == printed);
}

}  // namespace
}  // namespace tern
