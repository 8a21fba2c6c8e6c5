// Full vs generational collection (issue 7), not a test: run by hand with
// `bazel run --config=opt //tests/heap:gen_bench`. Per workload and mode
// (each run in its own child process, for its peak RSS): CPU time,
// collections, total GC pause and pause percentiles, both in wall-clock
// time and in the collecting thread's CPU time (the machine is shared: a
// wall pause includes the slices other processes ran in).
//   binary trees: a long-lived tree while many short-lived ones are built;
//   live map + churn: a ~100 MiB live map while short-lived garbage is
//     made (figures for the churn phase); "+upd" also stores fresh young
//     values into the old map (the write barrier's case: one dirty card
//     per store, rescanned at the next minor collection).

#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <functional>
#include <string>

#include "runtime/heap/heap.h"
#include "runtime/heap/heap_testing.h"
#include "tests/heap/bench_trees.h"
#include "tests/heap/test_roots.h"

namespace tern::heap {
namespace {

// Gen runs: the default nursery, or (nursery_mib > 0) another size.
int nursery_mib = 0;

GcConfig Mode(GcMode mode) {
  GcConfig c;
  c.mode = mode;
  c.stats = true;  // pauses timed
  c.nursery_bytes = static_cast<uint64_t>(nursery_mib) << 20;
  return c;
}

std::string Name(GcMode m) {
  if (m == GcMode::kFull) return "full";
  if (nursery_mib == 0) return "gen ";
  return "gen/" + std::to_string(nursery_mib) + "M";
}

void Report(const char* workload, GcMode mode, double seconds,
            const Heap& heap) {
  const GcStats& s = heap.stats();
  const PauseHistogram& minor = s.minor_pauses;
  const PauseHistogram& full = s.full_pauses;
  const PauseHistogram& mcpu = s.minor_cpu_pauses;
  std::printf(
      "%-22s %s: %.3f s cpu, gc total %.1f ms wall / %.1f ms cpu; full %llu "
      "(max %.2f ms wall, %.2f cpu); minor %llu (wall p50 %.3f, p99 %.3f, "
      "max %.3f ms; cpu p50 %.3f, p99 %.3f, max %.3f ms); promoted %.1f MiB, "
      "largest remembered set %llu, cards dirtied %llu, card slots scanned "
      "%llu",
      workload, Name(mode).c_str(), seconds, s.total_pause_ns / 1e6,
      s.total_pause_cpu_ns / 1e6,
      static_cast<unsigned long long>(s.full_collections), full.max() / 1e6,
      s.full_cpu_pauses.max() / 1e6,
      static_cast<unsigned long long>(s.minor_collections),
      minor.Percentile(0.5) / 1e6, minor.Percentile(0.99) / 1e6,
      minor.max() / 1e6, mcpu.Percentile(0.5) / 1e6,
      mcpu.Percentile(0.99) / 1e6, mcpu.max() / 1e6,
      s.promoted_bytes / 1048576.0,
      static_cast<unsigned long long>(s.peak_remembered_set),
      static_cast<unsigned long long>(s.cards_dirtied),
      static_cast<unsigned long long>(s.card_slots_scanned));
  std::fflush(stdout);
}

void BinaryTrees(GcMode mode, int max_depth) {
  Heap heap(Mode(mode));
  double t = CpuNow();
  int64_t total = BinaryTreesRun(heap, max_depth);
  double s = Seconds(t);
  std::string name = "binary trees " + std::to_string(max_depth);
  Report(name.c_str(), mode, s, heap);
  if (total == 0) std::printf("unreachable\n");
}

// A map of kKeys int keys, each to a vector of two ints (about 100 MiB
// live: 64-byte vector cells plus the map's store), then kChurn rounds of
// short-lived 3-element vectors; with `updates`, every 64th round stores
// one of them into the map.
void LiveMapChurn(GcMode mode, bool updates) {
  constexpr int kKeys = 1 << 20;
  constexpr int kChurn = 20000000;
  Heap heap(Mode(mode));
  TestRoots roots(heap, 2);
  roots[0] = V(heap.NewMap(0));
  for (int i = 0; i < kKeys; ++i) {
    VecObj* v = heap.NewVec(2);
    heap.VecPush(v, Value::Int(i));
    heap.VecPush(v, Value::Int(-i));
    heap.MapPut(roots[0].as_map(), Value::Int(i), V(v));
  }
  heap.Collect();
  double live_mib = heap.live_bytes() / 1048576.0;
  HeapTesting::ResetStats(heap);  // figures for the churn phase only
  double t = CpuNow();
  for (int i = 0; i < kChurn; ++i) {
    VecObj* v = heap.NewVec(3);
    roots[1] = V(v);
    heap.VecPush(v, Value::Int(i));
    heap.VecPush(v, Value::Int(i + 1));
    heap.VecPush(v, Value::Int(i + 2));
    if (updates && i % 64 == 0) {
      heap.MapPut(roots[0].as_map(), Value::Int(i % kKeys), roots[1]);
    }
  }
  double s = Seconds(t);
  char name[64];
  std::snprintf(name, sizeof name, "map %.0f MiB+churn%s", live_mib,
                updates ? "+upd" : "");
  Report(name, mode, s, heap);
}

// Runs one workload in a child process and appends its peak RSS.
void InChild(const std::function<void()>& run) {
  std::fflush(stdout);
  pid_t pid = fork();
  if (pid == 0) {
    run();
    std::fflush(stdout);
    _exit(0);
  }
  int status = 0;
  rusage ru{};
  wait4(pid, &status, 0, &ru);
  std::printf("; peak RSS %.1f MiB\n", ru.ru_maxrss / 1024.0);
}

}  // namespace
}  // namespace tern::heap

// An argument "map" runs only the map workloads.
int main(int argc, char** argv) {
  using tern::heap::GcMode;
  using tern::heap::InChild;
  bool only_map = argc > 1 && std::string(argv[1]) == "map";
  for (int depth : {16, 18}) {
    if (only_map) break;
    for (GcMode m : {GcMode::kFull, GcMode::kGen}) {
      InChild([=] { tern::heap::BinaryTrees(m, depth); });
    }
  }
  for (bool updates : {false, true}) {
    for (GcMode m : {GcMode::kFull, GcMode::kGen}) {
      InChild([=] { tern::heap::LiveMapChurn(m, updates); });
    }
  }
  // A smaller nursery: shorter minor pauses, more promotion.
  tern::heap::nursery_mib = 2;
  for (int depth : {16, 18}) {
    if (only_map) break;
    InChild([=] { tern::heap::BinaryTrees(GcMode::kGen, depth); });
  }
  for (bool updates : {false, true}) {
    InChild([=] { tern::heap::LiveMapChurn(GcMode::kGen, updates); });
  }
  return 0;
}
