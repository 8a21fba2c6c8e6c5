#include "tools/source_files.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>

#include <unistd.h>

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
  EXPECT_EQ(paths->files, want);
  EXPECT_TRUE(paths->problems.empty());
}

TEST_F(SourceFilesTest, FilesAreKeptAsGivenAndMissingPathsFail) {
  std::string why;
  auto paths = ExpandTernPaths({(root_ / "a/notes.txt").string()}, &why);
  ASSERT_TRUE(paths);
  EXPECT_EQ(paths->files.size(), 1u);
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
  EXPECT_EQ(why, "cannot open " + (root_ / "missing").string() +
                     ": No such file or directory");
}

TEST_F(SourceFilesTest, ReadFileBytesStopsAtTheCap) {
  std::string why;
  std::ofstream(root_ / "big.tern") << std::string(1001, 'x');
  EXPECT_TRUE(ReadFileBytes((root_ / "big.tern").string(), &why, 1001));
  EXPECT_FALSE(ReadFileBytes((root_ / "big.tern").string(), &why, 1000));
  EXPECT_NE(why.find("larger than the source size limit"), std::string::npos);
  // An endless input is refused after reading just past the cap.
  EXPECT_FALSE(ReadFileBytes("/dev/zero", &why, 1 << 20));
  EXPECT_NE(why.find("/dev/zero: larger than"), std::string::npos) << why;
}

TEST_F(SourceFilesTest, OrphanExpectedFilesAreProblems) {
  std::ofstream(root_ / "b/lonely.expected") << "status: ok\n";
  std::string why;
  auto paths = ExpandTernPaths({root_.string()}, &why);
  ASSERT_TRUE(paths) << why;
  ASSERT_EQ(paths->problems.size(), 1u);
  EXPECT_EQ(paths->problems[0], (root_ / "b/lonely.expected").string() +
                                    ": no lonely.tern beside it");
  EXPECT_EQ(paths->files.size(), 3u);
}

TEST_F(SourceFilesTest, UnreadableSubdirectoryIsAProblemAndTheRestGoesOn) {
  if (::geteuid() == 0) GTEST_SKIP() << "root reads every directory";
  fs::permissions(root_ / "b/c", fs::perms::none);
  std::string why;
  auto paths = ExpandTernPaths({root_.string()}, &why);
  fs::permissions(root_ / "b/c", fs::perms::owner_all);
  ASSERT_TRUE(paths) << why;
  ASSERT_EQ(paths->problems.size(), 1u);
  EXPECT_EQ(paths->problems[0].rfind((root_ / "b/c").string() + ": ", 0), 0u)
      << paths->problems[0];
  EXPECT_EQ(paths->files.size(), 2u);
}

TEST(ExpectedPathFor, ReplacesExtension) {
  EXPECT_EQ(ExpectedPathFor("d/x.tern"), "d/x.expected");
  EXPECT_EQ(ExpectedPathFor("x"), "x.expected");
}

}  // namespace
}  // namespace tern
