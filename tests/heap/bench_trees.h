#ifndef TERN_TESTS_HEAP_BENCH_TREES_H_
#define TERN_TESTS_HEAP_BENCH_TREES_H_

// Shared by the heap's bench binaries: CPU time, and binary trees built
// and checked through the heap API.

#include <time.h>

#include <cstdint>

#include "runtime/heap/heap.h"
#include "tests/heap/test_roots.h"

namespace tern::heap {

// CPU time of this process: the machine is shared, wall time is not ours.
inline double CpuNow() {
  timespec ts;
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) + ts.tv_nsec / 1e9;
}

inline double Seconds(double since) { return CpuNow() - since; }

inline Value Tree(Heap& heap, int depth) {
  if (depth == 0) {
    VecObj* leaf = heap.NewVec(2);
    heap.VecPush(leaf, Value());
    heap.VecPush(leaf, Value());
    return V(leaf);
  }
  HandleScope scope(heap);
  Value* left = scope.Protect(Tree(heap, depth - 1));
  Value* right = scope.Protect(Tree(heap, depth - 1));
  VecObj* node = heap.NewVec(2);
  heap.VecPush(node, *left);
  heap.VecPush(node, *right);
  return V(node);
}

inline int64_t Check(Value t) {
  VecObj* v = t.as_vec();
  if (v->Get(0).is_null()) return 1;
  return 1 + Check(v->Get(0)) + Check(v->Get(1));
}

// The binary-trees benchmark: a long-lived tree of max_depth while many
// short-lived trees are built and checked; returns the nodes checked.
inline int64_t BinaryTreesRun(Heap& heap, int max_depth) {
  TestRoots roots(heap, 1);
  roots[0] = Tree(heap, max_depth);
  int64_t total = 0;
  for (int d = 4; d <= max_depth; d += 2) {
    int iterations = 1 << (max_depth - d + 4);
    for (int i = 0; i < iterations; ++i) total += Check(Tree(heap, d));
  }
  return total + Check(roots[0]);
}

}  // namespace tern::heap

#endif  // TERN_TESTS_HEAP_BENCH_TREES_H_
