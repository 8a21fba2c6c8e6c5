// The register file's per-thread reuse: a released file comes back all
// null (even after a deep run left registers set), pages beyond the
// resident bound are given back, and threads never share a file.

#include "runtime/vm/register_file.h"

#include <gtest/gtest.h>
#include <sys/mman.h>
#include <unistd.h>

#include <cstring>
#include <string>
#include <thread>
#include <vector>

#include "oracles/engine.h"
#include "runtime/outcome.h"

namespace tern::vm {
namespace {

constexpr size_t kValues = size_t{1} << 20;  // 16 MiB of registers

bool AllNull(RegisterFile& f) {
  static const heap::Value zero{};
  for (size_t i = 0; i < f.size(); ++i) {
    if (std::memcmp(&f[i], &zero, sizeof zero) != 0) return false;
  }
  return true;
}

// Sets registers near the start, in the middle and at the end.
void Dirty(RegisterFile& f) {
  for (size_t i : {size_t{0}, size_t{1}, size_t{100}, f.size() / 2,
                   f.size() - 1}) {
    std::memset(static_cast<void*>(&f[i]), 0xab, sizeof(heap::Value));
  }
}

size_t ResidentPages(void* base, size_t bytes) {
  const size_t page = static_cast<size_t>(::sysconf(_SC_PAGESIZE));
  std::vector<unsigned char> v((bytes + page - 1) / page);
  EXPECT_EQ(::mincore(base, bytes, v.data()), 0);
  size_t n = 0;
  for (unsigned char r : v) n += r & 1;
  return n;
}

TEST(RegisterFileTest, ReusedCleanAfterADeepRun) {
  heap::Value* first;
  {
    RegisterFile f;
    f.Reserve(kValues, 0);
    ASSERT_TRUE(AllNull(f));
    Dirty(f);
    first = f.data();
  }
  RegisterFile g;
  g.Reserve(kValues / 2, 0);  // a smaller module takes the spare
  EXPECT_EQ(g.data(), first);
  EXPECT_GE(g.size(), kValues);
  EXPECT_TRUE(AllNull(g));
}

TEST(RegisterFileTest, PagesBeyondTheBoundGiveBack) {
  heap::Value* base;
  const size_t bytes = kValues * sizeof(heap::Value);
  {
    RegisterFile f;
    f.Reserve(kValues, 0);
    std::memset(static_cast<void*>(f.data()), 0x5a, bytes);
    base = f.data();
    EXPECT_EQ(ResidentPages(base, bytes) * ::sysconf(_SC_PAGESIZE), bytes);
  }
  // The spare is still mapped (this thread keeps it): only its first
  // kKeepResidentBytes may stay resident.
  EXPECT_LE(ResidentPages(base, bytes) * ::sysconf(_SC_PAGESIZE),
            RegisterFile::kKeepResidentBytes);
  RegisterFile g;
  g.Reserve(kValues, 0);
  EXPECT_EQ(g.data(), base);
  EXPECT_TRUE(AllNull(g));
}

TEST(RegisterFileTest, GrowingKeepsTheLiveRegisters) {
  RegisterFile f;
  f.Reserve(16, 0);
  std::memset(static_cast<void*>(&f[3]), 0x11, sizeof(heap::Value));
  const size_t old = f.size();
  f.Reserve(old + 4096, 4);  // more than a spare holds: a new mapping
  ASSERT_GE(f.size(), old + 4096);
  unsigned char want[sizeof(heap::Value)];
  std::memset(want, 0x11, sizeof want);
  EXPECT_EQ(std::memcmp(&f[3], want, sizeof want), 0);
  std::memset(static_cast<void*>(&f[3]), 0, sizeof(heap::Value));
  EXPECT_TRUE(AllNull(f));
}

TEST(RegisterFileTest, ThreadsKeepTheirOwn) {
  // Both threads hold a file at once, dirty it, release it and take it
  // back: never the other's, always clean.
  std::vector<heap::Value*> seen(2);
  std::vector<int> ok(2, 0);
  auto body = [&](int t) {
    for (int round = 0; round < 3; ++round) {
      RegisterFile f;
      f.Reserve(kValues / 4, 0);
      if (!AllNull(f)) return;
      if (round == 0) seen[t] = f.data();
      if (f.data() != seen[t]) return;
      Dirty(f);
    }
    ok[t] = 1;
  };
  std::thread a(body, 0), b(body, 1);
  a.join();
  b.join();
  EXPECT_EQ(ok, (std::vector<int>{1, 1}));
  EXPECT_NE(seen[0], seen[1]);
}

// A run stopped at the call depth limit leaves its frames set; the next
// runs on the same thread (which reuse the file) still see null registers.
TEST(RegisterFileTest, RunsAfterAnOverflowAgreeWithTheInterpreter) {
  const std::string deep =
      "(defn deep (n) (let ((a [n n]) (b {n a})) (deep (+ n 1)))) (deep 1)";
  const std::string after =
      "(defn f (n) (let ((x nil) (y nil)) (if (= n 0) [x y] (f (- n 1)))))"
      " (gc) (f 500)";
  for (const char* name :
       {"vm", "vm-stress", "vm-verify", "vm-gen", "vm-gen-stress"}) {
    const Engine* e = FindEngine(name);
    ASSERT_NE(e, nullptr) << name;
    const Engine* interp = FindEngine("interp");
    RunLimits limits;
    for (const std::string& src : {deep, after, deep, after}) {
      EXPECT_EQ(FormatOutcome(RunSource(*e, src, limits)),
                FormatOutcome(RunSource(*interp, src, limits)))
          << name << " on " << src;
    }
  }
}

}  // namespace
}  // namespace tern::vm
