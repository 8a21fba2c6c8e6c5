// Arena records: a collection marks from the arena objects the write
// barrier recorded (those that may hold GC-heap references), not from every
// arena cell; the census's arena half is kept as arenas grow. The verifier
// checks both, and reports a store that missed the record.

#include <string>

#include "gtest/gtest.h"
#include "runtime/heap/heap.h"
#include "runtime/heap/heap_testing.h"
#include "tests/heap/fault_report.h"
#include "tests/heap/test_roots.h"

namespace tern::heap {
namespace {

TEST(ArenaRecords, OnlyArenaObjectsGivenHeapReferencesAreRecorded) {
  Heap heap(Verifying());
  TestRoots roots(heap, 2);
  StrObj* s = heap.NewStr("a heap string held by arena objects");
  roots[0] = V(s);
  heap.EnterArena();
  VecObj* plain = heap.NewVec(4);
  heap.VecPush(plain, Value::Int(1));
  heap.VecPush(plain, heap.MakeString("an arena string, not a heap one"));
  EXPECT_EQ(HeapTesting::arena_recorded(heap), 0u);
  VecObj* holder = heap.NewVec(0);
  heap.VecPush(holder, V(s));
  heap.VecPush(holder, V(s));  // recorded once
  MapObj* m = heap.NewMap(0);
  heap.MapPut(m, Value::Int(1), V(s));
  ClosureObj* c = heap.NewClosure(0, 1);
  heap.SetCapture(c, 0, V(s));
  EXPECT_EQ(HeapTesting::arena_recorded(heap), 3u);
  heap.Verify("recorded");
  heap.ExitArena();
  EXPECT_EQ(HeapTesting::arena_recorded(heap), 0u);
  heap.Verify("after exit");
}

// An arena vector that is not recorded still keeps heap objects alive when
// an outer arena's recorded object holds them.
TEST(ArenaRecords, MarkingFromRecordsKeepsEveryHeapReferent) {
  GcConfig config = Verifying();
  config.stress_every = 1;
  Heap heap(config);
  TestRoots roots(heap, 1);
  StrObj* s = heap.NewStr("reached through an outer arena's vector");
  roots[0] = V(s);
  heap.EnterArena();
  VecObj* outer = heap.NewVec(0);
  heap.VecPush(outer, V(s));
  heap.EnterArena();
  VecObj* inner = heap.NewVec(0);
  heap.VecPush(inner, V(outer));  // arena -> outer arena: not recorded
  roots[0] = Value();
  for (int i = 0; i < 40; ++i) heap.NewVec(0);  // collects each time
  EXPECT_EQ(HeapTesting::arena_recorded(heap), 1u);
  EXPECT_EQ(inner->Get(0).as_vec()->Get(0).as_str()->bytes(),
            "reached through an outer arena's vector");
  EXPECT_EQ(heap.live_objects(), 1u);
  heap.ExitArena();
  heap.ExitArena();
  heap.Collect();
  EXPECT_EQ(heap.live_objects(), 0u);
}

// The planted bug: a store into an arena object that bypasses the write
// barrier would let a collection free the heap object (the arena object is
// not marked from). The verifier names it before any collection runs.
TEST(ArenaRecords, StoreMissingTheRecordIsReported) {
  Heap heap(Verifying());
  TestRoots roots(heap, 2);
  StrObj* s = heap.NewStr("a heap string an unrecorded closure holds");
  roots[0] = V(s);
  heap.EnterArena();
  ClosureObj* c = heap.NewClosure(5, 2);
  roots[1] = V(c);
  HeapTesting::SetCaptureWithoutBarrier(c, 1, V(s));
  std::string r = ReportOf([&] { heap.Collect(); });
  EXPECT_CONTAINS(r, "before collection");
  EXPECT_CONTAINS(r,
                  "an arena object references a GC-heap object but is not "
                  "in its arena's recorded list");
  EXPECT_CONTAINS(r, "closure of function 5 with 2 captures in arena 1");
  EXPECT_CONTAINS(r, "field: capture 1");
  EXPECT_CONTAINS(r, "path: cell 0 of arena 1 -> closure");
  roots[1] = Value();
  HeapTesting::SetCaptureWithoutBarrier(c, 1, Value());
  heap.ExitArena();
}

// The verifier walks an arena cell fully once, as new; later runs check
// only the recorded (listed) and reached arena objects, and walk every cell
// on runs 1, 2, 4, 8, ... and at the arena's exit. A store bypassing the
// barrier into an old, unlisted, unreached cell is reported by the first of
// those (verification runs: two per collection, one at exit).
ClosureObj* OldClosureGivenAHeapRefWithoutTheBarrier(Heap& heap,
                                                     TestRoots& roots) {
  roots[0] = V(heap.NewStr("a heap string an old arena closure holds"));
  heap.EnterArena();
  ClosureObj* c = heap.NewClosure(5, 2);
  heap.Collect();  // runs 1 and 2: c walked and checked as new
  heap.Collect();  // runs 3 and 4
  HeapTesting::SetCaptureWithoutBarrier(c, 1, roots[0]);
  heap.Collect();  // runs 5 and 6: c old, unlisted, unreached: unchecked
  return c;
}

TEST(ArenaRecords, StoreMissingTheRecordInAnOldCellIsReportedAtExit) {
  Heap heap(Verifying());
  TestRoots roots(heap, 1);
  ClosureObj* c = OldClosureGivenAHeapRefWithoutTheBarrier(heap, roots);
  std::string r = ReportOf([&] { heap.ExitArena(); });  // run 7
  EXPECT_CONTAINS(r, "arena exit (before release)");
  EXPECT_CONTAINS(r,
                  "an arena object references a GC-heap object but is not "
                  "in its arena's recorded list");
  EXPECT_CONTAINS(r, "path: cell 0 of arena 1 -> closure");
  HeapTesting::SetCaptureWithoutBarrier(c, 1, Value());
  heap.ExitArena();
}

TEST(ArenaRecords, StoreMissingTheRecordInAnOldCellIsReportedByAFullRun) {
  Heap heap(Verifying());
  TestRoots roots(heap, 1);
  ClosureObj* c = OldClosureGivenAHeapRefWithoutTheBarrier(heap, roots);
  std::string r = ReportOf([&] { heap.Collect(); });  // runs 7 and 8 (full)
  EXPECT_CONTAINS(r, "after collection");
  EXPECT_CONTAINS(r,
                  "an arena object references a GC-heap object but is not "
                  "in its arena's recorded list");
  EXPECT_CONTAINS(r, "closure of function 5 with 2 captures in arena 1");
  HeapTesting::SetCaptureWithoutBarrier(c, 1, Value());
  heap.ExitArena();
}

// A listed (recorded) old object is checked at every run: a bad reference
// stored into it is reported by the next run, full or not.
TEST(ArenaRecords, RecordedOldObjectsAreCheckedAtEveryRun) {
  Heap heap(Verifying());
  TestRoots roots(heap, 2);
  roots[0] = V(heap.NewStr("a heap string a recorded arena vector holds"));
  StrObj* t = heap.NewStr("a heap string freed while a vector holds it");
  roots[1] = V(t);
  heap.EnterArena();
  VecObj* v = heap.NewVec(2);
  heap.VecPush(v, roots[0]);  // recorded by the barrier
  heap.Collect();             // runs 1 and 2
  heap.Collect();             // runs 3 and 4
  HeapTesting::StoreWithoutBarrier(v, 0, V(t));
  roots[1] = Value();
  HeapTesting::FreeObject(heap, &t->header);
  std::string r = ReportOf([&] { heap.Collect(); });  // run 5: not full
  EXPECT_CONTAINS(r, "before collection");
  EXPECT_CONTAINS(r, "reference to a freed heap cell");
  EXPECT_CONTAINS(r, "recorded object 0 of arena 1");
  HeapTesting::StoreWithoutBarrier(v, 0, roots[0]);
  heap.ExitArena();
}

TEST(ArenaRecords, CensusCountsFollowGrowthAndExit) {
  Heap heap(Verifying());
  TestRoots roots(heap, 1);
  heap.EnterArena();
  VecObj* v = heap.NewVec(2);
  for (int i = 0; i < 100; ++i) heap.VecPush(v, Value::Int(i));  // regrows
  MapObj* m = heap.NewMap(0);
  for (int i = 0; i < 100; ++i) heap.MapPut(m, Value::Int(i), Value::Int(i));
  heap.VecResize(v, 1000, Value());
  heap.MakeString("an arena string long enough for a cell");
  heap.NewClosure(1, 3);
  HeapCensus c = heap.Census();
  EXPECT_EQ(c.arena[static_cast<int>(ObjType::kVec)].objects, 1u);
  EXPECT_EQ(c.arena[static_cast<int>(ObjType::kVec)].bytes,
            Heap::LogicalSize(&v->header));
  EXPECT_EQ(c.arena[static_cast<int>(ObjType::kMap)].bytes,
            Heap::LogicalSize(&m->header));
  EXPECT_EQ(c.arena[static_cast<int>(ObjType::kStr)].objects, 1u);
  EXPECT_EQ(c.arena[static_cast<int>(ObjType::kClosure)].objects, 1u);
  heap.EnterArena();
  heap.NewVec(40);
  EXPECT_EQ(heap.Census().arena[static_cast<int>(ObjType::kVec)].objects, 2u);
  heap.ExitArena();
  EXPECT_EQ(heap.Census(), c);
  heap.ExitArena();
  EXPECT_EQ(heap.Census(), HeapCensus());
}

}  // namespace
}  // namespace tern::heap
