#include "fuzz/source_mutator.h"

#include <set>

#include "fuzz/program_generator.h"
#include "gtest/gtest.h"
#include "runtime/front/front_end.h"

namespace tern::fuzz {
namespace {

constexpr char kProgram[] =
    "(defn f (n) (if (> n 0) (* n (f (- n 1))) 1))\n"
    "(let ((v [1 2 3]) (mut s \"abc\"))\n"
    "  (for (i 0 (len v)) (set! s (+ s (str (get v i)))))\n"
    "  (print s (f 5) 2.5 true null {\"k\" 1}))\n";

TEST(SourceMutatorTest, IsDeterministic) {
  for (uint64_t seed = 0; seed < 50; ++seed) {
    EXPECT_EQ(MutateSource(kProgram, seed, 4096),
              MutateSource(kProgram, seed, 4096));
  }
}

TEST(SourceMutatorTest, MutantsReadAndManyCompile) {
  size_t compiled = 0, changed = 0;
  constexpr size_t kRuns = 1000;
  for (uint64_t seed = 0; seed < kRuns; ++seed) {
    auto m = MutateSource(kProgram, seed, 1 << 16);
    ASSERT_TRUE(m);
    Error e;
    ASSERT_TRUE(sexpr::Read(*m, &e)) << *m;
    changed += *m != sexpr::Print(*sexpr::Read(kProgram, &e));
    compiled += !Compile(*m).error;
  }
  std::printf("%zu of %zu mutants changed, %zu compile\n", changed, kRuns,
              compiled);
  EXPECT_GT(changed, kRuns * 9 / 10);
  EXPECT_GT(compiled, kRuns / 3);
}

TEST(SourceMutatorTest, ReachesEveryKindOfEdit) {
  std::set<std::string> seen;
  const std::vector<std::string> wanted = {
      "-9223372036854775808", "9223372036854775807", "(- 1e999 1e999)",
      "-0.0", "1e999", "(with-arena", "(no-gc", "((fn ()", "(for (",
      "(gc)", "(let ()"};
  for (uint64_t seed = 0; seed < 3000 && seen.size() < wanted.size() + 3;
       ++seed) {
    auto m = MutateSource(kProgram, seed, 1 << 16);
    ASSERT_TRUE(m);
    for (const std::string& w : wanted) {
      if (m->find(w) != std::string::npos) seen.insert(w);
    }
    Error e;
    const sexpr::Forest forest = *sexpr::Read(*m, &e);
    for (const sexpr::Node& n : forest) {
      std::vector<const sexpr::Node*> stack = {&n};
      while (!stack.empty()) {
        const sexpr::Node* x = stack.back();
        stack.pop_back();
        if (x->IsAtom() && x->token == TokenKind::kStr) {
          const int len = static_cast<int>(x->text.size());
          if (len >= kInlineStringCutoff - 1 && len <= kInlineStringCutoff + 1)
            seen.insert("str" + std::to_string(len));
        }
        for (const auto& k : x->kids) stack.push_back(&k);
      }
    }
  }
  for (const std::string& w : wanted) EXPECT_TRUE(seen.count(w)) << w;
  for (int d = -1; d <= 1; ++d) {
    EXPECT_TRUE(seen.count("str" + std::to_string(kInlineStringCutoff + d)))
        << "string of length " << kInlineStringCutoff + d;
  }
}

TEST(SourceMutatorTest, RespectsMaxSizeAndRejectsUnreadableInput) {
  EXPECT_FALSE(MutateSource("(((", 1, 4096));
  for (uint64_t seed = 0; seed < 100; ++seed) {
    auto m = MutateSource(kProgram, seed, 40);
    if (m) EXPECT_LE(m->size(), 40u);
  }
}

TEST(SourceMutatorTest, CrossOverGraftsFromTheSecondParent) {
  size_t grafted = 0;
  for (uint64_t seed = 0; seed < 200; ++seed) {
    auto c = CrossOverSources(kProgram, "(print \"from-b\" [7 8])", seed, 1 << 16);
    ASSERT_TRUE(c);
    Error e;
    ASSERT_TRUE(sexpr::Read(*c, &e));
    grafted += c->find("from-b") != std::string::npos ||
               c->find("[7 8]") != std::string::npos;
  }
  EXPECT_GT(grafted, 100u);
  EXPECT_FALSE(CrossOverSources("(", kProgram, 1, 4096));
}

}  // namespace
}  // namespace tern::fuzz
