#include "runtime/front/parser.h"

#include <gtest/gtest.h>

#include <string>

#include "runtime/limits.h"
#include "tests/frontend/ast_dump.h"

namespace tern {
namespace {

using testing::DumpParse;

const char kLetUsage[] =
    "malformed 'let': expected (let (BINDING...) BODY...) where a BINDING is "
    "(NAME EXPR) or (mut NAME EXPR)";
const char kFnUsage[] =
    "malformed 'fn': expected (fn (PARAM...) BODY...) with at least one BODY "
    "expression";
const char kDefnUsage[] =
    "malformed 'defn': expected (defn NAME (PARAM...) BODY...) with at least "
    "one BODY expression";

TEST(ParserTest, Literals) {
  EXPECT_EQ(DumpParse("1 -2 2.5 \"a\\n\" true false null x"),
            "1\n-2\n2.5\n\"a\\n\"\ntrue\nfalse\nnull\nx");
  EXPECT_EQ(DumpParse(""), "");
  EXPECT_EQ(DumpParse("  ; nothing\n"), "");
}

TEST(ParserTest, SpecialForms) {
  EXPECT_EQ(DumpParse("(let ((x 1) (mut y 2) (x 3)) x y)"),
            "(let ((x 1) (mut y 2) (x 3)) x y)");
  EXPECT_EQ(DumpParse("(let () 1)"), "(let () 1)");
  EXPECT_EQ(DumpParse("(set! x (+ x 1))"), "(set! x (+ x 1))");
  EXPECT_EQ(DumpParse("(if c a)"), "(if c a)");
  EXPECT_EQ(DumpParse("(if c a b)"), "(if c a b)");
  EXPECT_EQ(DumpParse("(and) (or a) (and a b c)"),
            "(and)\n(or a)\n(and a b c)");
  EXPECT_EQ(DumpParse("(not x)"), "(not x)");
  EXPECT_EQ(DumpParse("(do) (do 1 2)"), "(do)\n(do 1 2)");
  EXPECT_EQ(DumpParse("(while c) (while c a b)"), "(while c)\n(while c a b)");
  EXPECT_EQ(DumpParse("(for (i 0 n)) (for (i 0 n) a b)"),
            "(for (i 0 n))\n(for (i 0 n) a b)");
  EXPECT_EQ(DumpParse("(fn () 1) (fn (a b) a b)"), "(fn () 1)\n(fn (a b) a b)");
  EXPECT_EQ(DumpParse("(with-arena a 1 2) (with-arena if 1)"),
            "(with-arena a 1 2)\n(with-arena if 1)");
  EXPECT_EQ(DumpParse("(no-gc 1)"), "(no-gc 1)");
  EXPECT_EQ(DumpParse("(defn f (a b) a b) (defn g () 1)"),
            "(defn f (a b) a b)\n(defn g () 1)");
}

TEST(ParserTest, CallsAndBuiltins) {
  EXPECT_EQ(DumpParse("(f) (f 1 2) ((fn (x) x) 1) (1 2) (\"s\")"),
            "(call f)\n(call f 1 2)\n(call (fn (x) x) 1)\n(call 1 2)\n"
            "(call \"s\")");
  EXPECT_EQ(DumpParse("(+ 1 2) (get v 0) (type-of x) (print)"),
            "(+ 1 2)\n(get v 0)\n(type-of x)\n(print)");
  EXPECT_EQ(DumpParse("[1 [2]] [] (vec 1)"), "(vec 1 (vec 2))\n(vec)\n(vec 1)");
  EXPECT_EQ(DumpParse("{1 2 \"k\" [3]} {} (map 1 2)"),
            "(map 1 2 \"k\" (vec 3))\n(map)\n(map 1 2)");
  // Arity is the resolver's business: these parse.
  EXPECT_EQ(DumpParse("(not) (not 1 2) (get) (map 1)"),
            "(not)\n(not 1 2)\n(get)\n(map 1)");
  // A reserved name anywhere but the head is a plain name.
  EXPECT_EQ(DumpParse("(f if +)"), "(call f if +)");
}

TEST(ParserTest, Positions) {
  ParseResult r = ParseProgram(
      "(defn f (a b)\n  (g a))\n[1 {2 3}]\n(for (i 0 9) (set! x i))");
  ASSERT_FALSE(r.error);
  const Program& p = *r.program;
  ASSERT_EQ(p.order.size(), 3u);
  EXPECT_TRUE(p.order[0].is_defn());
  EXPECT_FALSE(p.order[1].is_defn());
  EXPECT_FALSE(p.order[2].is_defn());
  const Function& f = *p.defns[0];
  EXPECT_EQ(f.kind, Function::Kind::kDefn);
  EXPECT_EQ(f.pos, (Pos{1, 1}));
  EXPECT_EQ(f.name_pos, (Pos{1, 7}));
  EXPECT_EQ(f.params[1].pos, (Pos{1, 12}));
  EXPECT_EQ(f.body[0]->pos, (Pos{2, 3}));
  EXPECT_EQ(f.body[0]->kids[1]->pos, (Pos{2, 6}));
  const Expr& vec = *p.order[1].expr();
  EXPECT_EQ(vec.pos, (Pos{3, 1}));
  EXPECT_EQ(vec.kids[1]->pos, (Pos{3, 4}));
  const Expr& loop = *p.order[2].expr();
  EXPECT_EQ(p.NamePos(loop), (Pos{4, 7}));
  EXPECT_EQ(loop.kids[2]->pos, (Pos{4, 14}));
  EXPECT_EQ(p.NamePos(*loop.kids[2]), (Pos{4, 20}));
  ParseResult lam = ParseProgram(" (let ((mut x (fn (y) y))) x)");
  ASSERT_FALSE(lam.error);
  const Expr& let = *lam.program->order[0].expr();
  EXPECT_EQ(let.bindings[0].pos, (Pos{1, 13}));
  EXPECT_EQ(let.bindings[0].init->fn->pos, (Pos{1, 15}));
  EXPECT_EQ(let.bindings[0].init->fn->params[0].pos, (Pos{1, 20}));
  EXPECT_EQ(let.bindings[0].init->fn->kind, Function::Kind::kLambda);
}

TEST(ParserTest, ReaderErrors) {
  EXPECT_EQ(DumpParse("(a b"), "parse 1:1: '(' is never closed");
  EXPECT_EQ(DumpParse("x\n  [a (b)"), "parse 2:3: '[' is never closed");
  EXPECT_EQ(DumpParse("a)"), "parse 1:2: unexpected ')' with nothing to close");
  EXPECT_EQ(DumpParse("}"), "parse 1:1: unexpected '}' with nothing to close");
  EXPECT_EQ(DumpParse("(a [b)]"),
            "parse 1:6: ')' does not close the '[' at 1:4");
  EXPECT_EQ(DumpParse("{1 2]"), "parse 1:5: ']' does not close the '{' at 1:1");
}

TEST(ParserTest, SyntaxErrors) {
  auto err = [](const char* msg, const char* pos = "1:1") {
    return std::string("parse ") + pos + ": " + msg;
  };
  EXPECT_EQ(DumpParse("()"), err("'()' is not an expression"));
  EXPECT_EQ(DumpParse("(f ())"), err("'()' is not an expression", "1:4"));
  EXPECT_EQ(DumpParse("{1}"),
            err("a map literal {...} needs an even number of elements (key "
                "value pairs)"));
  for (const char* s :
       {"(let)", "(let ())", "(let x 1)", "(let [(x 1)] x)", "(let (x) 1)",
        "(let ((x)) 1)", "(let ((x 1 2)) 1)", "(let ((1 2)) 1)",
        "(let ((true 2)) 1)", "(let (((x) 2)) 1)", "(let ((mut x)) 1)",
        "(let ((mut 1 2)) 1)", "(let ((mot x 2)) 1)", "(let ((mut x 1 2)) 1)",
        "(let ([x 1]) 1)"}) {
    EXPECT_EQ(DumpParse(s), err(kLetUsage)) << s;
  }
  for (const char* s :
       {"(set!)", "(set! x)", "(set! 1 2)", "(set! x 1 2)", "(set! (x) 1)"}) {
    EXPECT_EQ(DumpParse(s), err("malformed 'set!': expected (set! NAME EXPR)"))
        << s;
  }
  for (const char* s : {"(if)", "(if c)", "(if c a b d)"}) {
    EXPECT_EQ(DumpParse(s), err("malformed 'if': expected (if COND THEN) or "
                                "(if COND THEN ELSE)"))
        << s;
  }
  EXPECT_EQ(DumpParse("(while)"),
            err("malformed 'while': expected (while COND BODY...)"));
  for (const char* s :
       {"(for)", "(for i 1)", "(for (i 0) 1)", "(for (i 0 1 2) 1)",
        "(for (1 0 1) 1)", "(for [i 0 1])"}) {
    EXPECT_EQ(DumpParse(s), err("malformed 'for': expected (for (NAME FROM TO) "
                                "BODY...)"))
        << s;
  }
  for (const char* s : {"(fn)", "(fn ())", "(fn x 1)", "(fn (1) 1)",
                        "(fn [x] 1)", "(fn ((x)) 1)"}) {
    EXPECT_EQ(DumpParse(s), err(kFnUsage)) << s;
  }
  for (const char* s :
       {"(defn)", "(defn f)", "(defn f ())", "(defn 1 () 1)", "(defn f x 1)",
        "(defn f (\"x\") 1)", "(defn (f) () 1)"}) {
    EXPECT_EQ(DumpParse(s), err(kDefnUsage)) << s;
  }
  EXPECT_EQ(DumpParse("(do (defn f () 1))"),
            err("'defn' is only allowed at top level", "1:5"));
  EXPECT_EQ(DumpParse("(defn f () (defn g () 1))"),
            err("'defn' is only allowed at top level", "1:12"));
  EXPECT_EQ(DumpParse("(mut x 1)"),
            err("'mut' is only allowed at the start of a let binding"));
  EXPECT_EQ(DumpParse("(let ((x (mut y 1))) x)"),
            err("'mut' is only allowed at the start of a let binding", "1:10"));
  for (const char* s : {"(with-arena)", "(with-arena a)", "(with-arena 1 2)",
                        "(with-arena (a) 2)", "(with-arena \"a\" 2)"}) {
    EXPECT_EQ(DumpParse(s), err("malformed 'with-arena': expected (with-arena "
                                "LABEL BODY...) with at least one BODY "
                                "expression"))
        << s;
  }
  EXPECT_EQ(DumpParse("(no-gc)"),
            err("malformed 'no-gc': expected (no-gc BODY...) with at least one "
                "BODY expression"));
}

TEST(ParserTest, FirstErrorInSourceOrder) {
  // A form's own shape is checked before its parts.
  EXPECT_EQ(DumpParse("(if (let) 1 2 3)"),
            "parse 1:1: malformed 'if': expected (if COND THEN) or (if COND "
            "THEN ELSE)");
  // A malformed binding is reported at the let, before an earlier value.
  EXPECT_EQ(DumpParse("(let ((x (if)) (y)) x)"),
            std::string("parse 1:1: ") + kLetUsage);
  // Parts left to right.
  EXPECT_EQ(DumpParse("(f (if) ())"),
            "parse 1:4: malformed 'if': expected (if COND THEN) or (if COND "
            "THEN ELSE)");
  // Forms in order: a syntax error in an earlier form beats a reader error
  // in a later one...
  EXPECT_EQ(DumpParse("(if) \"\\q\""),
            "parse 1:1: malformed 'if': expected (if COND THEN) or (if COND "
            "THEN ELSE)");
  EXPECT_EQ(DumpParse("()\n\xff"), "parse 1:1: '()' is not an expression");
  EXPECT_EQ(DumpParse("() ("), "parse 1:1: '()' is not an expression");
  // ...but a form is read in full before its syntax is checked.
  EXPECT_EQ(DumpParse("(if \xff)"), "parse 1:5: invalid UTF-8 (byte 0xff)");
  EXPECT_EQ(DumpParse("(do (if) (x"), "parse 1:10: '(' is never closed");
}

std::string Nested(int depth, const char* open, const char* close,
                   const char* inner = "1") {
  std::string s;
  for (int i = 0; i < depth; ++i) s += open;
  s += inner;
  for (int i = 0; i < depth; ++i) s += close;
  return s;
}

TEST(ParserTest, NestingLimit) {
  ParseResult ok = ParseProgram(Nested(kMaxNesting, "(do ", ")"));
  EXPECT_FALSE(ok.error) << ok.error->message;
  EXPECT_FALSE(ParseProgram(Nested(kMaxNesting, "[", "]")).error);
  EXPECT_FALSE(
      ParseProgram(Nested(kMaxNesting - 2, "(f ", ")", "{1 [2]}")).error);
  // Opening level 257 is the error, at that bracket.
  EXPECT_EQ(DumpParse(Nested(kMaxNesting + 1, "(do ", ")")),
            "parse 1:" + std::to_string(kMaxNesting * 4 + 1) +
                ": brackets nested deeper than 256 levels");
  EXPECT_EQ(DumpParse(Nested(kMaxNesting + 1, "[", "]")),
            "parse 1:257: brackets nested deeper than 256 levels");
  EXPECT_EQ(DumpParse(Nested(kMaxNesting, "{1 ", "}", "(x)")),
            "parse 1:" + std::to_string(kMaxNesting * 3 + 1) +
                ": brackets nested deeper than 256 levels");
  // The limit holds before anything is closed: an unclosed deep prefix.
  EXPECT_EQ(DumpParse(std::string(100000, '(')),
            "parse 1:257: brackets nested deeper than 256 levels");
  // Sequential brackets are not nesting.
  std::string flat;
  for (int i = 0; i < 10000; ++i) flat += "[1] ";
  EXPECT_FALSE(ParseProgram(flat).error);
}

TEST(ParserTest, ResultIsEitherProgramOrError) {
  ParseResult ok = ParseProgram("1");
  EXPECT_TRUE(ok.program);
  EXPECT_FALSE(ok.error);
  ParseResult bad = ParseProgram("(");
  EXPECT_FALSE(bad.program);
  ASSERT_TRUE(bad.error);
  EXPECT_EQ(bad.error->kind, ErrorKind::kParse);
}

}  // namespace
}  // namespace tern
