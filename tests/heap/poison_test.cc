// Stale memory is loud: under ASan freed heap cells, arena red zones and
// ended arena chunks are poisoned (checked with __asan_address_is_poisoned,
// and a stale read dies with an ASan report); without ASan a verify heap
// fills them with kFillByte instead.

#include "runtime/heap/poison.h"

#include <string>

#include "gtest/gtest.h"
#include "runtime/heap/heap.h"
#include "tests/heap/test_roots.h"

namespace tern::heap {
namespace {

// A load the optimiser must keep (ASan checks it).
int64_t StaleRead(ClosureObj* c) {
  return *reinterpret_cast<volatile int64_t*>(c->captures());
}

TEST(Poison, FreedHeapCells) {
  Heap heap(Verifying());
  TestRoots roots(heap, 1);
  ClosureObj* live = heap.NewClosure(0, 1);
  roots[0] = V(live);
  ClosureObj* dead = heap.NewClosure(0, 1);
  heap.Collect();
  if (kAsan) {
    EXPECT_TRUE(IsPoisoned(dead));
    EXPECT_TRUE(IsPoisoned(dead->captures()));
    EXPECT_FALSE(IsPoisoned(live));
    EXPECT_FALSE(IsPoisoned(live->captures()));
  } else {
    const unsigned char* b = reinterpret_cast<const unsigned char*>(dead);
    EXPECT_TRUE(IsFilled(b, 8));
    EXPECT_TRUE(IsFilled(b + 16, 16));
  }
  // Reallocating the cell unpoisons it.
  ClosureObj* again = heap.NewClosure(0, 1);
  EXPECT_FALSE(IsPoisoned(again->captures()));
}

TEST(Poison, ReplacedStoreIsPoisoned) {
  Heap heap(Verifying());
  TestRoots roots(heap, 1);
  VecObj* v = heap.NewVec(0);
  roots[0] = V(v);
  heap.VecPush(v, Value::Int(1));
  Value* old = v->elements;
  for (int i = 0; i < 10; ++i) heap.VecPush(v, Value::Int(i));
  ASSERT_NE(v->elements, old);
  if (kAsan) {
    EXPECT_TRUE(IsPoisoned(old));
  } else {
    EXPECT_TRUE(IsFilled(reinterpret_cast<char*>(old) + 8, 8));
  }
}

TEST(Poison, ArenaRedZonesAndEndedChunks) {
  Heap heap(Verifying());
  heap.EnterArena();
  ClosureObj* a = heap.NewClosure(0, 1);  // 32 bytes
  ClosureObj* b = heap.NewClosure(0, 1);
  EXPECT_FALSE(IsPoisoned(a));
  EXPECT_FALSE(IsPoisoned(reinterpret_cast<char*>(a) + 31));
  if (kAsan) {
    // The red zone between the two objects.
    EXPECT_TRUE(IsPoisoned(reinterpret_cast<char*>(a) + 32));
    EXPECT_EQ(reinterpret_cast<char*>(b), reinterpret_cast<char*>(a) + 48);
  }
  heap.ExitArena();
  if (kAsan) {
    EXPECT_TRUE(IsPoisoned(a));
    EXPECT_TRUE(IsPoisoned(b->captures()));
  } else {
    EXPECT_TRUE(IsFilled(a, 32));
  }
}

using PoisonDeathTest = ::testing::Test;

TEST(PoisonDeathTest, StaleHeapReadIsAnAsanReport) {
  if (!kAsan) GTEST_SKIP() << "needs ASan";
  GTEST_FLAG_SET(death_test_style, "threadsafe");
  EXPECT_DEATH(
      {
        Heap heap;
        ClosureObj* dead = heap.NewClosure(0, 1);
        dead->captures()[0] = Value::Int(7);
        heap.Collect();
        StaleRead(dead);
      },
      "use-after-poison");
}

TEST(PoisonDeathTest, StaleArenaReadIsAnAsanReport) {
  if (!kAsan) GTEST_SKIP() << "needs ASan";
  GTEST_FLAG_SET(death_test_style, "threadsafe");
  EXPECT_DEATH(
      {
        Heap heap;
        heap.EnterArena();
        ClosureObj* a = heap.NewClosure(0, 1);
        heap.ExitArena();
        StaleRead(a);
      },
      "use-after-poison");
}

}  // namespace
}  // namespace tern::heap
