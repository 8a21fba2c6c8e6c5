// Heap figures for docs and reports (not a test: run by hand with
// `bazel run --config=opt //tests/heap:heap_bench`): allocation throughput,
// collection time for N live objects, and a binary-trees-shaped workload.
// Times are CPU seconds; collection pauses in the stats are wall time.

#include <cstdio>

#include "runtime/heap/heap.h"
#include "tests/heap/bench_trees.h"
#include "tests/heap/test_roots.h"

namespace tern::heap {
namespace {

// Pauses are timed only when stats are asked for.
GcConfig Timed() {
  GcConfig c;
  c.stats = true;
  return c;
}

void Throughput() {
  Heap heap(Timed());
  TestRoots roots(heap, 1);
  constexpr int kN = 20000000;
  double t = CpuNow();
  for (int i = 0; i < kN; ++i) {
    VecObj* v = heap.NewVec(2);
    heap.VecPush(v, Value::Int(i));
    heap.VecPush(v, roots[0]);
    roots[0] = i % 64 == 0 ? Value() : V(v);
  }
  double s = Seconds(t);
  std::printf(
      "allocation: %d two-element vectors in %.3f s = %.1f M/s "
      "(%.1f ns each), %llu collections, longest pause %.3f ms\n",
      kN, s, kN / s / 1e6, s / kN * 1e9,
      static_cast<unsigned long long>(heap.stats().collections),
      heap.stats().max_pause_ns / 1e6);
}

void CollectionTime(int depth) {
  Heap heap;
  TestRoots roots(heap, 1);
  roots[0] = Tree(heap, depth);
  heap.Collect();
  double t = CpuNow();
  constexpr int kRounds = 5;
  for (int i = 0; i < kRounds; ++i) heap.Collect();
  double s = Seconds(t) / kRounds;
  std::printf(
      "collection: %llu live objects (%.1f MiB) in %.2f ms = %.1f ns "
      "per object\n",
      static_cast<unsigned long long>(heap.live_objects()),
      heap.heap_cell_bytes() / 1048576.0, s * 1e3,
      s / heap.live_objects() * 1e9);
}

void VerifyTime(int depth) {
  Heap heap;
  TestRoots roots(heap, 1);
  roots[0] = Tree(heap, depth);
  double t = CpuNow();
  heap.Verify("bench");
  double s = Seconds(t);
  std::printf("verify: %llu live objects in %.2f ms = %.1f ns per object\n",
              static_cast<unsigned long long>(heap.live_objects()), s * 1e3,
              s / heap.live_objects() * 1e9);
}

void BinaryTrees(int max_depth) {
  Heap heap(Timed());
  double t = CpuNow();
  int64_t total = BinaryTreesRun(heap, max_depth);
  double s = Seconds(t);
  std::printf(
      "binary trees (depth %d, heap only): %.3f s, %lld nodes "
      "checked, %llu collections, pause total %.1f ms, longest %.2f "
      "ms\n",
      max_depth, s, static_cast<long long>(total),
      static_cast<unsigned long long>(heap.stats().collections),
      heap.stats().total_pause_ns / 1e6, heap.stats().max_pause_ns / 1e6);
}

}  // namespace
}  // namespace tern::heap

int main() {
  tern::heap::Throughput();
  tern::heap::CollectionTime(16);
  tern::heap::CollectionTime(20);
  tern::heap::VerifyTime(16);
  tern::heap::BinaryTrees(16);
  return 0;
}
