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

}  // namespace
}  // namespace tern
