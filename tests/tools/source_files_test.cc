#include "tools/source_files.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>

namespace tern {
namespace {

namespace fs = std::filesystem;

class SourceFilesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    const char* tmp = std::getenv("TEST_TMPDIR");
    root_ = fs::path(tmp ? tmp : "/tmp") / "source_files_test";
    fs::remove_all(root_);
    fs::create_directories(root_ / "b" / "c");
    fs::create_directories(root_ / "a");
    for (const char* f : {"b/c/z.tern", "b/y.tern", "a/x.tern", "a/notes.txt",
                          "a/x.expected"}) {
      std::ofstream(root_ / f) << "(+ 1 2)";
    }
  }
  fs::path root_;
};

TEST_F(SourceFilesTest, DirectoriesExpandToSortedTernFiles) {
  std::string why;
  auto paths = ExpandTernPaths({root_.string()}, &why);
  ASSERT_TRUE(paths) << why;
  std::vector<std::string> want = {(root_ / "a/x.tern").string(),
                                   (root_ / "b/c/z.tern").string(),
                                   (root_ / "b/y.tern").string()};
  EXPECT_EQ(*paths, want);
}

TEST_F(SourceFilesTest, FilesAreKeptAsGivenAndMissingPathsFail) {
  std::string why;
  auto paths = ExpandTernPaths({(root_ / "a/notes.txt").string()}, &why);
  ASSERT_TRUE(paths);
  EXPECT_EQ(paths->size(), 1u);
  EXPECT_FALSE(ExpandTernPaths({(root_ / "nope").string()}, &why));
  EXPECT_NE(why.find("no such file"), std::string::npos);
}

TEST_F(SourceFilesTest, ReadFileBytes) {
  std::string why;
  auto bytes = ReadFileBytes((root_ / "a/x.tern").string(), &why);
  ASSERT_TRUE(bytes);
  EXPECT_EQ(*bytes, "(+ 1 2)");
  EXPECT_FALSE(ReadFileBytes(root_.string(), &why));
  EXPECT_NE(why.find("directory"), std::string::npos);
  EXPECT_FALSE(ReadFileBytes((root_ / "missing").string(), &why));
}

TEST(ExpectedPathFor, ReplacesExtension) {
  EXPECT_EQ(ExpectedPathFor("d/x.tern"), "d/x.expected");
  EXPECT_EQ(ExpectedPathFor("x"), "x.expected");
}

}  // namespace
}  // namespace tern
