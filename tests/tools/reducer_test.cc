#include "tools/reducer.h"

#include <chrono>
#include <cstdio>
#include <fstream>
#include <iterator>

#include "fuzz/sexpr.h"
#include "gtest/gtest.h"
#include "oracles/engine.h"
#include "runtime/front/front_end.h"
#include "runtime/interp/interpreter.h"
#include "tools/finding.h"
#include "tools/reduce_candidates.h"

namespace tern::reduce {
namespace {

std::string Planted() {
  std::ifstream in("tests/tools/testdata/planted_div_by_zero.tern");
  return std::string(std::istreambuf_iterator<char>(in), {});
}

bool DividesByZero(const std::string& source) {
  const Outcome o = RunSource(AllEngines().front(), source, RunLimits{});
  return o.error && o.error->kind == ErrorKind::kDivByZero;
}

Options Quick(int jobs = 1) {
  Options o;
  o.seconds = 30;
  o.jobs = jobs;
  o.require_compiles = true;
  return o;
}

TEST(ReducerTest, ShrinksTwoHundredLinesToAFewInSeconds) {
  const std::string source = Planted();
  ASSERT_EQ(CountLines(source), 200u);
  ASSERT_TRUE(DividesByZero(source));
  const auto start = std::chrono::steady_clock::now();
  const Result r = Reduce(source, DividesByZero, Quick());
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start)
          .count();
  std::printf("reduced 200 -> %zu lines (%zu -> %zu bytes) in %.2f s, %zu tests\n",
              CountLines(r.source), source.size(), r.source.size(), seconds,
              r.progress.tests);
  EXPECT_TRUE(r.original_interesting);
  EXPECT_TRUE(DividesByZero(r.source));
  EXPECT_LE(CountLines(r.source), 10u) << r.source;
  EXPECT_LT(seconds, 30);
}

TEST(ReducerTest, ParallelJobsGiveTheSameResult) {
  const std::string source = Planted();
  EXPECT_EQ(Reduce(source, DividesByZero, Quick(1)).source,
            Reduce(source, DividesByZero, Quick(3)).source);
}

TEST(ReducerTest, AnUninterestingOriginalIsLeftAlone) {
  const Result r =
      Reduce("(print 1)\n", [](const std::string&) { return false; }, Quick());
  EXPECT_FALSE(r.original_interesting);
  EXPECT_EQ(r.source, "(print 1)\n");
}

TEST(ReducerTest, StopsWhenTheBudgetIsSpent) {
  Options o = Quick();
  o.seconds = 0;
  const std::string source = Planted();
  const Result r = Reduce(source, DividesByZero, o);
  EXPECT_TRUE(r.original_interesting);
  EXPECT_TRUE(DividesByZero(r.source));
}

// A planted bug: an engine that loses the output lines naming "risky".
Outcome BadEngine(const Program& program, const RunLimits& limits) {
  Outcome o = Interpret(program, limits);
  size_t at;
  while ((at = o.out.find("sum")) != std::string::npos) o.out.erase(at, 3);
  return o;
}

TEST(ReducerTest, KeepsTheSignatureOfADisagreement) {
  const std::vector<Engine> engines = {AllEngines().front(), {"bad", &BadEngine}};
  const std::string source = Planted();
  const std::string signature =
      RunEverywhere(source, RunLimits{}, engines, false, 30).signature;
  ASSERT_EQ(signature, "differ interp/bad: stdout");
  const Result r = Reduce(
      source,
      [&](const std::string& c) {
        return RunEverywhere(c, RunLimits{}, engines, false, 30).signature ==
               signature;
      },
      Quick(2));
  EXPECT_LE(CountLines(r.source), 3u) << r.source;
  EXPECT_NE(r.source.find("\"sum\""), std::string::npos) << r.source;
}

sexpr::Forest Read(const std::string& s) {
  Error e;
  return *sexpr::Read(s, &e);
}

std::vector<std::string> Texts(const std::vector<sexpr::Forest>& cs) {
  std::vector<std::string> out;
  for (const auto& c : cs) out.push_back(sexpr::Print(c));
  return out;
}

bool Contains(const std::vector<std::string>& v, const std::string& s) {
  return std::find(v.begin(), v.end(), s) != v.end();
}

TEST(CandidatesTest, DeletesRunsOfTopLevelForms) {
  const auto c = Texts(DeleteTopLevel(Read("1 2 3 4")));
  EXPECT_TRUE(Contains(c, "3\n4\n"));
  EXPECT_TRUE(Contains(c, "1\n2\n"));
  EXPECT_TRUE(Contains(c, "1\n2\n4\n"));
}

TEST(CandidatesTest, InlinesLetBindingsRespectingShadowing) {
  const auto c =
      Texts(ShrinkNode(Read("(let ((x 5) (y x)) (let ((x 1)) x) x)"), {0}));
  EXPECT_TRUE(Contains(c, "(let ((y 5)) (let ((x 1)) x) 5)\n"));
}

TEST(CandidatesTest, UnwrapsArenasAndNoGc) {
  auto c = Texts(ShrinkNode(Read("(with-arena a (print 1) 2)"), {0}));
  EXPECT_TRUE(Contains(c, "(do (print 1) 2)\n"));
  c = Texts(ShrinkNode(Read("(no-gc 1 2)"), {0}));
  EXPECT_TRUE(Contains(c, "(do 1 2)\n"));
}

TEST(CandidatesTest, ReplacesBySmallerSubtreesAndShortensLiterals) {
  auto c = Texts(ShrinkNode(Read("(+ (* 2 3) 4)"), {0}));
  EXPECT_TRUE(Contains(c, "(* 2 3)\n"));
  EXPECT_TRUE(Contains(c, "null\n"));
  EXPECT_FALSE(Contains(c, "+\n"));  // not the head symbol
  c = Texts(ShrinkNode(Read("\"hello\""), {0}));
  EXPECT_TRUE(Contains(c, "\"\"\n"));
  EXPECT_TRUE(Contains(c, "\"he\"\n"));
  c = Texts(ShrinkNode(Read("1000"), {0}));
  EXPECT_TRUE(Contains(c, "0\n"));
  EXPECT_TRUE(Contains(c, "500\n"));
  EXPECT_TRUE(ShrinkNode(Read("0"), {0}).empty());
}

}  // namespace
}  // namespace tern::reduce
