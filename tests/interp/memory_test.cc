// End to end: the interpreter's memory. An object is freed with its last
// reference, so a loop that drops what it makes runs in constant memory;
// cycles are freed when their arena or the run ends; nothing is left after
// the run (LeakSanitizer checks the same under --config=asan).

#include <gtest/gtest.h>

#include <string>
#include <string_view>

#include "runtime/interp/region.h"
#include "tests/interp/run_source.h"

namespace tern {
namespace {

using interp::MemoryStats;

MemoryStats RunCounted(std::string_view source, std::string_view value) {
  MemoryStats stats;
  Outcome o = testing::RunSource(source, &stats);
  EXPECT_EQ(o.status, Status::kOk) << source << "\n" << testing::Describe(o);
  EXPECT_EQ(o.value, value) << source;
  // Whatever happened, the run's end freed everything.
  EXPECT_EQ(stats.live, 0u) << source;
  EXPECT_EQ(stats.regions, 0u) << source;
  return stats;
}

std::string Loop(int n, std::string_view make) {
  return "(let ((mut v null)) (for (i 0 " + std::to_string(n) + ") (set! v " +
         std::string(make) + ")) 1)";
}

TEST(Memory, ALoopThatDropsWhatItMakesKeepsAFewObjects) {
  for (std::string_view make :
       {"[i]", "{i i}", "(str i)", "(fn () i)", "[[i] {i [i]}]",
        "(slice [i i] 0 1)", "(keys {i 1})", "(+ \"a\" (str i))"}) {
    MemoryStats s = RunCounted(Loop(10000, make), "1");
    EXPECT_GE(s.allocated, 10000u) << make;
    EXPECT_LE(s.peak_live, 10u) << make;  // one iteration's worth
    EXPECT_EQ(s.left_for_end, 0u) << make;
  }
}

TEST(Memory, PeakIsFlatInTheIterationCount) {
  // A small storage-like tree, rebuilt and dropped each iteration.
  constexpr std::string_view kTree =
      "(defn tree (d) (if (= d 0) [] (let ((a [])) (for (i 0 4) (push! a "
      "(tree (- d 1)))) a)))";
  MemoryStats few =
      RunCounted(std::string(kTree) +
                     " (let ((mut t null)) (for (i 0 2) (set! t (tree "
                     "4))) (len t))",
                 "4");
  MemoryStats many =
      RunCounted(std::string(kTree) +
                     " (let ((mut t null)) (for (i 0 40) (set! t (tree "
                     "4))) (len t))",
                 "4");
  EXPECT_EQ(many.allocated, 20 * few.allocated);
  EXPECT_EQ(many.peak_live, few.peak_live);
}

TEST(Memory, FramesAndTemporariesAreReleasedOnReturn) {
  MemoryStats s = RunCounted(
      "(defn f (n) (let ((a [n n]) (b {n a})) (len b))) "
      "(let ((mut t 0)) (for (i 0 5000) (set! t (+ t (f i)))) t)",
      "5000");
  EXPECT_LE(s.peak_live, 4u);
}

TEST(Memory, EndedArenasReleaseTheirObjectsAndRecords) {
  MemoryStats s = RunCounted(
      "(let ((mut s 0)) (for (i 0 5000) (with-arena a (let ((v [i i]) (m {i "
      "v})) (push! v m) (set! s (- s (- (len v))))))) s)",
      "15000");
  EXPECT_GE(s.allocated, 10000u);
  // The last iteration's objects may outlive their arena as empty headers,
  // referenced by dead frame slots, with their region's record.
  EXPECT_LE(s.peak_live, 4u);
  EXPECT_LE(s.peak_regions, 3u);
  EXPECT_EQ(s.left_for_end, 0u);  // the v <-> m cycles went with their arena
}

TEST(Memory, NestedArenasInRecursionRelease) {
  MemoryStats s = RunCounted(
      "(defn f (n) (if (= n 0) 0 (with-arena a (let ((v [n])) (- (f (- n 1)) "
      "(- (len v))))))) (let ((mut t 0)) (for (i 0 200) (set! t (f 20))) t)",
      "20");
  EXPECT_LE(s.peak_live, 45u);
  EXPECT_LE(s.peak_regions, 45u);
}

TEST(Memory, CyclesStayUntilTheRunEndsAndAreFreedThen) {
  MemoryStats s = RunCounted(
      "(let ((v []) (m {})) (push! v v) (put! m 1 m) (let ((f (let ((w [])) "
      "(let ((g (fn () w))) (push! w g) g)))) (len v)))",
      "1");
  EXPECT_EQ(s.left_for_end, 4u);  // v, m, and the closure with its vector
}

TEST(Memory, CyclesMadeInALoopAccumulateOnlyAsCycles) {
  MemoryStats s = RunCounted(Loop(1000, "(let ((w [i])) (push! w w) w)"), "1");
  EXPECT_EQ(s.left_for_end, 1000u);  // documented: cycles wait for the end
}

TEST(Memory, ARuntimeErrorInsideArenasStillFreesEverything) {
  MemoryStats stats;
  Outcome o = testing::RunSource(
      "(with-arena a (let ((v [1])) (push! v v) (with-arena b (let ((w [v])) "
      "(push! w w) (len (get w 5))))))",
      &stats);
  EXPECT_EQ(o.status, Status::kRuntimeError) << testing::Describe(o);
  EXPECT_EQ(stats.left_for_end, 2u);
  EXPECT_EQ(stats.live, 0u);
  EXPECT_EQ(stats.regions, 0u);
}

// Deep structures made by programs are freed as they are dropped
// (region_test.cc shows 10^6 levels on an ordinary thread stack).
TEST(Memory, DroppingDeepStructuresFreesThem) {
  for (std::string_view make : {"[v]", "{1 v}", "(let ((c v)) (fn () c))"}) {
    std::string src = "(let ((mut v null)) (for (i 0 100000) (set! v " +
                      std::string(make) + ")) (set! v null) 1)";
    MemoryStats s = RunCounted(src, "1");
    EXPECT_EQ(s.peak_live, 100000u) << make;
    EXPECT_EQ(s.left_for_end, 0u) << make;
  }
}

}  // namespace
}  // namespace tern
