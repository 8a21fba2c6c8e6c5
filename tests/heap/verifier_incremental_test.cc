// The verifier between full walks (docs/heap.md, "GC-heap cells,
// incrementally"): a fault planted into an old, already checked cell, which
// no barrier recorded, is reported by the run whose round-robin slice
// reaches the cell or by the next full walk (the run numbered by the next
// power of two), whichever comes first, and by a full verification such as
// the end of a run's; a fault in a new cell, or in an object the write
// barrier recorded, is reported by the very next run.

#include <cstdint>
#include <string>

#include "gtest/gtest.h"
#include "runtime/heap/heap.h"
#include "runtime/heap/heap_testing.h"
#include "tests/heap/fault_report.h"
#include "tests/heap/test_roots.h"

namespace tern::heap {
namespace {

GcConfig GenVerifying() {
  GcConfig c = Verifying();
  c.mode = GcMode::kGen;
  return c;
}

uint64_t NextPowerOfTwo(uint64_t n) {
  uint64_t p = 1;
  while (p < n) p *= 2;
  return p;
}

// Runs Verify until one reports; returns the number of the reporting run
// (0 if none did up to `last`) and its report.
uint64_t FirstReportingRun(Heap& heap, uint64_t last, std::string* report) {
  while (HeapTesting::verifications(heap) < last) {
    *report = ReportOf([&] { heap.Verify("test"); });
    if (!report->empty()) return HeapTesting::verifications(heap);
  }
  return 0;
}

// Many old small cells (root `slot`): more than a few runs' slices.
void Filler(Heap& heap, TestRoots& roots, int slot, int cells) {
  VecObj* f = heap.NewVec(0);
  roots[slot] = V(f);
  for (int i = 0; i < cells; ++i) heap.VecPush(f, V(heap.NewVec(0)));
}

// A vector of two ints (root 0), old (in gen mode) after the collection.
VecObj* OldPair(Heap& heap, TestRoots& roots) {
  VecObj* v = heap.NewVec(3);
  heap.VecPush(v, Value::Int(0));
  heap.VecPush(v, Value::Int(0));
  roots[0] = V(v);
  return v;
}

// Old checked vector v (root 0) whose element 0 is a child; returns the
// child after v dropped it and a collection freed it.
Value FreedChild(Heap& heap, TestRoots& roots) {
  VecObj* v = heap.NewVec(2);
  roots[0] = V(v);
  heap.VecPush(v, V(heap.NewVec(1)));
  heap.VecPush(v, Value::Int(1));
  heap.Verify("test");  // v and its child are checked
  Value child = v->Get(0);
  heap.VecSet(v, 0, Value::Int(0));
  heap.Collect();  // the child is freed (two more verifications)
  EXPECT_TRUE(HeapTesting::IsFreed(heap, child.as_object()));
  return child;
}

TEST(VerifierIncremental, StrayPointerInAnOldCellFoundWithinTheInterval) {
  for (GcConfig config : {Verifying(), GenVerifying()}) {
    Heap heap(config);
    TestRoots roots(heap, 2);
    Value child = FreedChild(heap, roots);
    Filler(heap, roots, 1, 5000);
    // A few runs more, so that the next one is not a full walk.
    while (HeapTesting::verifications(heap) < 5) heap.Verify("test");
    VecObj* v = roots[0].as_vec();
    HeapTesting::StoreWithoutBarrier(v, 1, child);  // into a checked cell
    uint64_t planted = HeapTesting::verifications(heap);
    std::string r;
    uint64_t at = FirstReportingRun(heap, 64, &r);
    EXPECT_GT(at, planted);
    EXPECT_LE(at, NextPowerOfTwo(planted + 1));
    EXPECT_CONTAINS(r, "reference to a freed heap cell");
    EXPECT_CONTAINS(r, "field: element [1]");
    r = ReportOf([&] { heap.VerifyFull("the end of the run"); });
    EXPECT_CONTAINS(r, "heap verifier (the end of the run): reference to a "
                       "freed heap cell");
    HeapTesting::StoreWithoutBarrier(v, 1, Value());
    heap.VerifyFull("after the repair");
  }
}

TEST(VerifierIncremental, MissingRememberedEntryFoundWithinTheInterval) {
  Heap heap(GenVerifying());
  TestRoots roots(heap, 2);
  VecObj* old_vec = OldPair(heap, roots);
  Filler(heap, roots, 1, 5000);
  heap.Collect();  // old and checked
  while (HeapTesting::verifications(heap) < 5) heap.Verify("test");
  MapObj* young = heap.NewMap(0);
  HeapTesting::StoreWithoutBarrier(old_vec, 1, V(young));
  uint64_t planted = HeapTesting::verifications(heap);
  std::string r;
  uint64_t at = FirstReportingRun(heap, 64, &r);
  EXPECT_GT(at, planted);
  EXPECT_LE(at, NextPowerOfTwo(planted + 1));
  EXPECT_CONTAINS(r, "not in the remembered set (a store missed the write "
                     "barrier)");
  EXPECT_CONTAINS(r, "field: element [1]");
  r = ReportOf([&] { heap.VerifyFull("the end of the run"); });
  EXPECT_CONTAINS(r, "not in the remembered set");
  HeapTesting::StoreWithoutBarrier(old_vec, 1, Value());
  heap.VerifyFull("after the repair");
}

// A heap smaller than a run's slice is looked at whole by every run: the
// fault is reported by the next one.
TEST(VerifierIncremental, SmallHeapFaultFoundByTheNextRun) {
  for (GcConfig config : {Verifying(), GenVerifying()}) {
    Heap heap(config);
    TestRoots roots(heap, 1);
    VecObj* old_vec = OldPair(heap, roots);
    heap.Collect();
    while (HeapTesting::verifications(heap) < 5) heap.Verify("test");
    MapObj* young = heap.NewMap(0);
    HeapTesting::StoreWithoutBarrier(old_vec, 1, V(young));
    if (config.mode == GcMode::kFull) {
      HeapTesting::FreeObject(heap, &young->header);  // a stray pointer
    }
    std::string r = ReportOf([&] { heap.Verify("test"); });  // run 6
    EXPECT_CONTAINS(r, config.mode == GcMode::kFull
                           ? "reference to a freed heap cell"
                           : "not in the remembered set");
    HeapTesting::StoreWithoutBarrier(old_vec, 1, Value());
    heap.VerifyFull("after the repair");
  }
}

TEST(VerifierIncremental, NewCellsAreCheckedAtEveryRun) {
  Heap heap(Verifying());
  TestRoots roots(heap, 2);
  Value child = FreedChild(heap, roots);
  while (HeapTesting::verifications(heap) < 5) heap.Verify("test");
  // New, not checked yet (of another size class than the freed child, so
  // not in its cell).
  VecObj* fresh = heap.NewVec(4);
  heap.VecPush(fresh, Value::Int(0));
  ASSERT_NE(&fresh->header, child.as_object());
  roots[1] = V(fresh);
  HeapTesting::StoreWithoutBarrier(fresh, 0, child);
  std::string r = ReportOf([&] { heap.Verify("test"); });  // run 6
  EXPECT_CONTAINS(r, "reference to a freed heap cell");
  EXPECT_CONTAINS(r, "field: element [0]");
  EXPECT_CONTAINS(r, "slot 1 of root");
  HeapTesting::StoreWithoutBarrier(fresh, 0, Value());
  heap.VerifyFull("after the repair");
}

TEST(VerifierIncremental, RememberedObjectsAreCheckedAtEveryRun) {
  Heap heap(GenVerifying());
  TestRoots roots(heap, 1);
  Value child = FreedChild(heap, roots);
  VecObj* v = roots[0].as_vec();
  heap.Collect();  // v old
  while (HeapTesting::verifications(heap) < 9) heap.Verify("test");
  // A young value stored through the barrier: v is remembered.
  heap.VecSet(v, 0, V(heap.NewVec(0)));
  ASSERT_EQ(heap.remembered_set_size(), 1u);
  HeapTesting::StoreWithoutBarrier(v, 1, child);  // and a stray pointer
  std::string r = ReportOf([&] { heap.Verify("test"); });  // run 10
  EXPECT_CONTAINS(r, "reference to a freed heap cell");
  EXPECT_CONTAINS(r, "field: element [1]");
  EXPECT_CONTAINS(r, "remembered set");
  HeapTesting::StoreWithoutBarrier(v, 1, Value());
  heap.VerifyFull("after the repair");
}

}  // namespace
}  // namespace tern::heap
