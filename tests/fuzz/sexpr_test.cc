#include "fuzz/sexpr.h"

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <iterator>

#include "gtest/gtest.h"

namespace tern::sexpr {
namespace {

std::optional<Forest> ReadOk(std::string_view s) {
  Error e;
  return Read(s, &e);
}

TEST(SexprTest, PrintsAtomsAsLiteralsThatReadBack) {
  const std::string src =
      "(a \"q\\\"\\n\\t\\0\\x01\xce\xbb\" -0.0 1e999 -1e999 1.5 -9223372036854775808 "
      "true false null [1 2] {\"k\" 3})";
  auto f = ReadOk(src);
  ASSERT_TRUE(f);
  const std::string printed = Print(*f);
  auto again = ReadOk(printed);
  ASSERT_TRUE(again) << printed;
  EXPECT_EQ(*f, *again);
  EXPECT_EQ(PrintFlat(Node::Float(std::nan(""))), "(- 1e999 1e999)");
  EXPECT_EQ(PrintFlat(Node::Str("\xff")), "\"\\xff\"");
}

TEST(SexprTest, LongFormsBreakAndStillReadBack) {
  std::string src = "(let (";
  for (int i = 0; i < 30; ++i) src += "(x" + std::to_string(i) + " " + std::to_string(i) + ")";
  src += ") (print x1))";
  auto f = ReadOk(src);
  ASSERT_TRUE(f);
  const std::string printed = Print(*f);
  EXPECT_GT(std::count(printed.begin(), printed.end(), '\n'), 3);
  EXPECT_EQ(*ReadOk(printed), *f);
}

TEST(SexprTest, ReaderErrorsAreReported) {
  Error e;
  EXPECT_FALSE(Read("(a", &e));
  EXPECT_EQ(e.kind, ErrorKind::kParse);
}

TEST(SexprTest, PathsAddressEveryNode) {
  auto f = ReadOk("(a (b c)) d");
  ASSERT_TRUE(f);
  const auto paths = AllPaths(*f);
  EXPECT_EQ(paths.size(), CountNodes(*f));
  EXPECT_EQ(paths.size(), 6u);
  EXPECT_TRUE(At(*f, {0, 1, 1})->IsSymbol("c"));
  EXPECT_EQ(At(*f, {0, 5}), nullptr);
}

// Every corpus program: read, print, read gives the same forest.
TEST(SexprTest, CorpusRoundTrips) {
  size_t files = 0;
  for (const auto& entry :
       std::filesystem::recursive_directory_iterator("corpus/programs")) {
    if (entry.path().extension() != ".tern") continue;
    std::ifstream in(entry.path(), std::ios::binary);
    const std::string src{std::istreambuf_iterator<char>(in), {}};
    Error e;
    auto f = Read(src, &e);
    if (!f) continue;  // programs testing reader errors
    ++files;
    auto again = ReadOk(Print(*f));
    ASSERT_TRUE(again) << entry.path();
    EXPECT_EQ(*f, *again) << entry.path();
  }
  EXPECT_GT(files, 400u);
}

}  // namespace
}  // namespace tern::sexpr
