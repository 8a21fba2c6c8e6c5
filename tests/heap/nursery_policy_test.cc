// Gen mode's adaptive nursery (nursery_policy.h): the pure policy, then a
// heap driven through it: the nursery grows while what minors find alive
// is a large share of it, never past its bounds, shrinks back once little
// survives, returns to the minimum when a full collection finds that the
// promoted bytes were long-lived, keeps its size when they had died, and
// stays fixed when only nursery_bytes is configured.

#include <algorithm>
#include <cstdint>
#include <string>
#include <vector>

#include "gtest/gtest.h"
#include "runtime/heap/heap.h"
#include "runtime/heap/nursery_policy.h"
#include "tests/heap/test_roots.h"

namespace tern::heap {
namespace {

constexpr uint64_t kMiB = uint64_t{1} << 20;
constexpr NurseryBounds kBounds{4 * kMiB, 32 * kMiB};

TEST(NurseryPolicyTest, HighSurvivalDoublesUpToTheMaximum) {
  EXPECT_EQ(NurseryAfterMinor(4 * kMiB, kBounds, 4 * kMiB, kMiB), 8 * kMiB);
  EXPECT_EQ(NurseryAfterMinor(16 * kMiB, kBounds, 16 * kMiB, 16 * kMiB),
            32 * kMiB);
  EXPECT_EQ(NurseryAfterMinor(32 * kMiB, kBounds, 32 * kMiB, 32 * kMiB),
            32 * kMiB);
  // Not a power-of-two step below the maximum: capped, not overshot.
  EXPECT_EQ(NurseryAfterMinor(20 * kMiB, kBounds, 20 * kMiB, 10 * kMiB),
            32 * kMiB);
}

TEST(NurseryPolicyTest, LowSurvivalHalvesDownToTheMinimum) {
  EXPECT_EQ(NurseryAfterMinor(32 * kMiB, kBounds, 32 * kMiB, 0), 16 * kMiB);
  EXPECT_EQ(NurseryAfterMinor(8 * kMiB, kBounds, 8 * kMiB, 1), 4 * kMiB);
  EXPECT_EQ(NurseryAfterMinor(4 * kMiB, kBounds, 4 * kMiB, 0), 4 * kMiB);
}

TEST(NurseryPolicyTest, SurvivalInsideTheBandKeepsTheSize) {
  // Between 1/32 and 1/4 of the nursery survives: no change either way.
  EXPECT_EQ(NurseryAfterMinor(16 * kMiB, kBounds, 16 * kMiB, 2 * kMiB),
            16 * kMiB);
  EXPECT_EQ(NurseryAfterMinor(16 * kMiB, kBounds, 16 * kMiB,
                              16 * kMiB / 4 - 1),
            16 * kMiB);
  EXPECT_EQ(NurseryAfterMinor(16 * kMiB, kBounds, 16 * kMiB, 16 * kMiB / 32),
            16 * kMiB);
  // A minor with nothing allocated since the last collection (stress
  // schedules) says nothing about survival.
  EXPECT_EQ(NurseryAfterMinor(8 * kMiB, kBounds, 0, 0), 8 * kMiB);
}

TEST(NurseryPolicyTest, AFullCollectionResetsItOnlyWhenPromotionWasRight) {
  // Most of what minors promoted was still live: back to the minimum.
  EXPECT_EQ(NurseryAfterFull(32 * kMiB, kBounds, 40 * kMiB, 2 * kMiB),
            4 * kMiB);
  // Most of it had died old (premature promotion): keep the big nursery.
  EXPECT_EQ(NurseryAfterFull(32 * kMiB, kBounds, 40 * kMiB, 30 * kMiB),
            32 * kMiB);
  // Nothing promoted (only (gc) calls): nothing to learn, size kept.
  EXPECT_EQ(NurseryAfterFull(8 * kMiB, kBounds, 0, 0), 8 * kMiB);
}

TEST(NurseryPolicyTest, FixedBoundsNeverMove) {
  NurseryBounds fixed{kMiB, kMiB};
  EXPECT_EQ(NurseryAfterMinor(kMiB, fixed, kMiB, kMiB), kMiB);
  EXPECT_EQ(NurseryAfterMinor(kMiB, fixed, kMiB, 0), kMiB);
  EXPECT_EQ(NurseryAfterFull(kMiB, fixed, kMiB, 0), kMiB);
}

GcConfig Adaptive(uint64_t min, uint64_t max) {
  GcConfig c;
  c.mode = GcMode::kGen;
  c.verify = true;
  c.nursery_bytes = min;
  c.nursery_max_bytes = max;
  return c;
}

// Allocates 2-element vectors, each kept alive in `keep` when it is
// non-null, until `minors` more minor collections have run; checks the
// bounds after every one and returns the largest nursery seen.
uint64_t AllocateThroughMinors(Heap& heap, VecObj* keep, int minors) {
  uint64_t target = heap.stats().minor_collections + minors;
  uint64_t largest = 0;
  uint64_t seen = heap.stats().minor_collections;
  while (heap.stats().minor_collections < target) {
    VecObj* v = heap.NewVec(2);
    if (keep != nullptr) heap.VecPush(keep, V(v));
    if (heap.stats().minor_collections != seen) {
      seen = heap.stats().minor_collections;
      uint64_t n = heap.nursery_bytes();
      EXPECT_GE(n, heap.nursery_bounds().min);
      EXPECT_LE(n, heap.nursery_bounds().max);
      largest = std::max(largest, n);
    }
  }
  return largest;
}

TEST(AdaptiveNurseryTest, GrowsUnderHighSurvivalAndShrinksBack) {
  Heap heap(Adaptive(256 << 10, 2 * kMiB));
  TestRoots roots(heap, 1);
  EXPECT_EQ(heap.nursery_bytes(), uint64_t{256} << 10);
  roots[0] = V(heap.NewVec(0));
  // Everything survives: 256 KiB -> 512 KiB -> 1 MiB -> 2 MiB, then capped.
  EXPECT_EQ(AllocateThroughMinors(heap, roots[0].as_vec(), 6), 2 * kMiB);
  EXPECT_EQ(heap.nursery_bytes(), 2 * kMiB);
  EXPECT_EQ(heap.stats().peak_nursery_bytes, 2 * kMiB);
  // Now nothing does: halved at each minor back to the minimum, and kept.
  AllocateThroughMinors(heap, nullptr, 3);
  EXPECT_EQ(heap.nursery_bytes(), uint64_t{256} << 10);
  AllocateThroughMinors(heap, nullptr, 3);
  EXPECT_EQ(heap.nursery_bytes(), uint64_t{256} << 10);
  EXPECT_EQ(heap.stats().full_collections, 0u);
  EXPECT_NE(heap.FormatStats().find("largest nursery 2097152 bytes"),
            std::string::npos)
      << heap.FormatStats();
}

// Grows the nursery to its maximum with survivors, optionally drops them,
// then runs a full collection; returns the nursery after it.
uint64_t NurseryAfterGrowthThenFull(bool drop_survivors) {
  Heap heap(Adaptive(256 << 10, 2 * kMiB));
  TestRoots roots(heap, 1);
  roots[0] = V(heap.NewVec(0));
  AllocateThroughMinors(heap, roots[0].as_vec(), 4);
  EXPECT_EQ(heap.nursery_bytes(), 2 * kMiB);
  if (drop_survivors) roots[0] = Value();  // what minors promoted dies old
  heap.Collect();
  return heap.nursery_bytes();
}

TEST(AdaptiveNurseryTest, AFullCollectionAfterLongLivedPromotionResetsIt) {
  // All of it is still live: promotion was right.
  EXPECT_EQ(NurseryAfterGrowthThenFull(false), uint64_t{256} << 10);
}

TEST(AdaptiveNurseryTest, AFullCollectionAfterPrematurePromotionKeepsIt) {
  EXPECT_EQ(NurseryAfterGrowthThenFull(true), 2 * kMiB);
}

TEST(AdaptiveNurseryTest, OnlyNurseryBytesConfiguredMeansAFixedNursery) {
  GcConfig c = Adaptive(256 << 10, 0);
  Heap heap(c);
  TestRoots roots(heap, 1);
  roots[0] = V(heap.NewVec(0));
  EXPECT_EQ(AllocateThroughMinors(heap, roots[0].as_vec(), 4),
            uint64_t{256} << 10);
  GcConfig d;
  d.mode = GcMode::kGen;
  Heap defaults(d);
  EXPECT_EQ(defaults.nursery_bounds().min, kNurseryBytes);
  EXPECT_EQ(defaults.nursery_bounds().max, kMaxNurseryBytes);
}

// The schedule depends on allocation alone: two heaps given the same
// allocations collect at the same points with the same nursery sizes.
TEST(AdaptiveNurseryTest, TheScheduleIsDeterministic) {
  auto run = [](std::vector<uint64_t>& sizes) {
    Heap heap(Adaptive(128 << 10, kMiB));
    TestRoots roots(heap, 1);
    roots[0] = V(heap.NewVec(0));
    uint64_t seen = 0;
    for (int i = 0; i < 60000; ++i) {
      VecObj* v = heap.NewVec(2);
      if ((i / 5000) % 2 == 0) heap.VecPush(roots[0].as_vec(), V(v));
      if (heap.stats().collections != seen) {
        seen = heap.stats().collections;
        sizes.push_back(heap.nursery_bytes());
      }
    }
  };
  std::vector<uint64_t> a, b;
  run(a);
  run(b);
  EXPECT_GT(a.size(), 5u);
  EXPECT_EQ(a, b);
}

}  // namespace
}  // namespace tern::heap
