#include "fuzz/sexpr.h"

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <iterator>

#include "fuzz/program_generator.h"
#include "gtest/gtest.h"
#include "runtime/front/front_end.h"
#include "tests/fuzz/seeded_bytes.h"
#include "runtime/front/reader.h"

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

namespace tern::sexpr {
namespace {

TEST(SexprTest, PrintGivesPositionsAsTheReaderCountsThem) {
  std::string src = "(let ((λ \"ünï\")) ";
  for (int i = 0; i < 12; ++i) src += "(print λ " + std::to_string(i) + ") ";
  src += "(with-arena a (push! v [0])))\n(f 1)";
  Error e;
  auto f = Read(src, &e);
  ASSERT_TRUE(f);
  const std::vector<Path> paths = {{0}, {0, 14}, {0, 14, 2}, {0, 14, 2, 2},
                                   {1, 1}};
  std::vector<Pos> got;
  const std::string printed = Print(*f, paths, &got);
  EXPECT_EQ(printed, Print(*f));
  // The reader's own positions of the same nodes.
  Reader reader(printed);
  std::vector<Datum> data;
  for (;;) {
    Datum d;
    if (reader.Next(&d, &e) != Reader::Status::kDatum) break;
    data.push_back(std::move(d));
  }
  for (size_t i = 0; i < paths.size(); ++i) {
    const Datum* d = &data[paths[i][0]];
    for (size_t k = 1; k < paths[i].size(); ++k) d = &d->kids[paths[i][k]];
    EXPECT_EQ(got[i], d->token.pos) << i;
  }
}

}  // namespace
}  // namespace tern::sexpr

namespace tern::sexpr {
namespace {

// Printing never changes whether or how a program compiles.
TEST(SexprTest, GeneratedProgramsCompileTheSameAfterPrinting) {
  for (uint64_t seed = 0; seed < 150; ++seed) {
    const auto program = fuzz::GenerateProgram(fuzz::SeededBytes(seed));
    Error e;
    auto f = Read(program.source, &e);
    ASSERT_TRUE(f);
    const std::string printed = Print(*f);
    const auto a = Compile(program.source), b = Compile(printed);
    ASSERT_EQ(a.error.has_value(), b.error.has_value())
        << "seed " << seed << ": " << (b.error ? b.error->message : "") << "\n"
        << printed;
  }
}

}  // namespace
}  // namespace tern::sexpr
