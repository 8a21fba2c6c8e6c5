#include "runtime/big_stack.h"

#include <gtest/gtest.h>

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

}  // namespace
}  // namespace tern
