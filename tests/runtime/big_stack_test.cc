#include "runtime/big_stack.h"

#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <string>
#include <thread>
#include <vector>

namespace tern {
namespace {

// Recursion that needs far more than a default 8 MiB stack: 200k frames with
// a 256-byte live buffer each (~50 MiB, more under ASan).
int Deep(int n) {
  volatile char pad[256];
  pad[0] = static_cast<char>(n);
  if (n == 0) return pad[0];
  return Deep(n - 1) + 1 + pad[0] * 0;
}

TEST(BigStack, RunsDeepRecursion) {
  int result = -1;
  RunOnBigStack([&] { result = Deep(200000); });
  EXPECT_EQ(result, 200000);
}

TEST(BigStack, PropagatesSideEffectsInOrder) {
  std::string trace;
  RunOnBigStack([&] { trace += "a"; });
  RunOnBigStack([&] { trace += "b"; });
  EXPECT_EQ(trace, "ab");
}

TEST(BigStack, ReportsHowMuchStackWasUsed) {
  size_t shallow = 0, deep = 0;
  RunOnBigStack([&] { Deep(10); }, kBigStackBytes, &shallow);
  RunOnBigStack([&] { Deep(20000); }, kBigStackBytes, &deep);
  // 20000 frames of a 256-byte buffer at least (frames may share a page
  // under sanitizers' layouts, so only a safe fraction is demanded).
  EXPECT_GT(deep, shallow + (size_t{1} << 20));
  EXPECT_LT(deep, kBigStackBytes);
}

TEST(BigStack, AFailedReservationIsAnErrorNotACrash) {
  // More address space than any machine has.
  EXPECT_THROW(RunOnBigStack([] {}, size_t{1} << 62), StackReservationError);
  try {
    RunOnBigStack([] {}, size_t{1} << 62);
  } catch (const StackReservationError& e) {
    EXPECT_NE(std::string(e.what()).find("cannot reserve"), std::string::npos);
  }
}

// The worker's stack is reused: a deep run's pages are not counted in the
// next run's use, and every run still gets the whole depth.
TEST(BigStack, EachRunGetsTheWholeStackAndItsOwnMeasure) {
  size_t first = 0, after_deep = 0;
  RunOnBigStack([&] { Deep(10); }, kBigStackBytes, &first);
  for (int i = 0; i < 3; ++i) {
    int result = -1;
    RunOnBigStack([&] { result = Deep(200000); });
    EXPECT_EQ(result, 200000);
  }
  RunOnBigStack([&] { Deep(10); }, kBigStackBytes, &after_deep);
  EXPECT_LT(after_deep, first + (size_t{1} << 20));
}

TEST(BigStack, NestsAndServesSeveralThreads) {
  int inner = -1;
  RunOnBigStack([&] { RunOnBigStack([&] { inner = Deep(100000); }); });
  EXPECT_EQ(inner, 100000);
  std::vector<std::thread> threads;
  std::vector<int> results(4, -1);
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&results, t] {
      for (int i = 0; i < 20; ++i) {
        RunOnBigStack([&] { results[t] = Deep(1000 * (t + 1)); });
      }
    });
  }
  for (std::thread& t : threads) t.join();
  for (int t = 0; t < 4; ++t) EXPECT_EQ(results[t], 1000 * (t + 1));
}

TEST(BigStack, WorksInAForkedChild) {
  RunOnBigStack([] { Deep(10); });  // the parent has a worker
  pid_t pid = fork();
  ASSERT_GE(pid, 0);
  if (pid == 0) {
    int result = -1;
    RunOnBigStack([&] { result = Deep(100000); });
    _exit(result == 100000 ? 0 : 1);
  }
  int status = 0;
  ASSERT_EQ(waitpid(pid, &status, 0), pid);
  EXPECT_TRUE(WIFEXITED(status));
  EXPECT_EQ(WEXITSTATUS(status), 0);
}

TEST(BigStack, ASizeItCannotReserveLeavesTheNextRunWorking) {
  EXPECT_THROW(RunOnBigStack([] {}, size_t{1} << 62), StackReservationError);
  int result = -1;
  RunOnBigStack([&] { result = Deep(200000); });
  EXPECT_EQ(result, 200000);
}

#if defined(__has_feature)
#if __has_feature(address_sanitizer)
#define TERN_TEST_ASAN 1
#endif
#endif

#ifdef TERN_TEST_ASAN
// A run happens on another stack of the calling thread: ASan must still
// report a fault in it, with the run's frames, and unwind across the switch
// (a fault in the reference interpreter is a finding like any other).
[[gnu::noinline]] int ReadFreed() {
  int* p = new int(7);
  delete p;
  return *static_cast<volatile int*>(p);
}

[[gnu::noinline]] int OverflowLocal(int i) {
  volatile char buf[8];
  volatile char* p = buf;  // through a pointer: ASan's check, not UBSan's
  p[i] = 1;
  return buf[0];
}

TEST(BigStackDeathTest, ASanReportsAUseAfterFreeInARun) {
  EXPECT_DEATH(RunOnBigStack([] { ReadFreed(); }),
               "heap-use-after-free(.|\n)*ReadFreed(.|\n)*TestBody");
}

TEST(BigStackDeathTest, ASanReportsAStackOverflowOfALocalInARun) {
  EXPECT_DEATH(RunOnBigStack([] { OverflowLocal(8); }),
               "stack-buffer-overflow(.|\n)*OverflowLocal(.|\n)*TestBody");
}
#endif

}  // namespace
}  // namespace tern
