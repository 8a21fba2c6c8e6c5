// The verifier catches every kind of corruption it claims to: each test
// plants one bug with a test-only hook (or a store the VM would have
// refused) and checks the report names the problem, the object, the field
// and the path from a root.

#include <string>

#include "gtest/gtest.h"
#include "runtime/heap/heap.h"
#include "runtime/heap/heap_testing.h"
#include "tests/heap/fault_report.h"
#include "tests/heap/test_roots.h"

namespace tern::heap {
namespace {

TEST(Verifier, CleanHeapPasses) {
  Heap heap(Verifying());
  TestRoots roots(heap, 3);
  VecObj* v = heap.NewVec(0);
  roots[0] = V(v);
  MapObj* m = heap.NewMap(0);
  heap.VecPush(v, V(m));
  for (int i = 0; i < 200; ++i) {
    heap.MapPut(m, Value::Int(i),
                heap.MakeString("value string number " + std::to_string(i)));
    if (i % 3 == 0) m->Del(Value::Int(i / 2));
  }
  ClosureObj* c = heap.NewClosure(2, 2);
  c->captures()[0] = V(v);
  roots[1] = V(c);
  heap.EnterArena();
  VecObj* a = heap.NewVec(0);
  heap.VecPush(a, V(c));
  roots[2] = V(a);
  heap.NewVec(10);  // arena garbage
  heap.Verify("test");
  roots[2] = Value();
  heap.ExitArena();
  heap.Collect();
  heap.Verify("test");
}

TEST(Verifier, DanglingReferenceToFreedCell) {
  Heap heap(Verifying());
  TestRoots roots(heap, 1);
  VecObj* v = heap.NewVec(2);
  roots[0] = V(v);
  heap.VecPush(v, Value::Int(0));
  StrObj* s = heap.NewStr("this string's cell will be freed");
  heap.VecPush(v, V(s));
  HeapTesting::FreeObject(heap, &s->header);
  std::string r = ReportOf([&] { heap.Verify("test"); });
  EXPECT_CONTAINS(r, "heap verifier (test): reference to a freed heap cell");
  EXPECT_CONTAINS(r, "object: vec of length 2 in the GC heap");
  EXPECT_CONTAINS(r, "field: element [1]");
  EXPECT_CONTAINS(r,
                  "path: slot 0 of root 'test registers' -> vec of length "
                  "2 in the GC heap, element [1]");
  // The collector runs the verifier first.
  r = ReportOf([&] { heap.Collect(); });
  EXPECT_CONTAINS(r, "heap verifier (before collection): reference to a freed");
  v->length = 1;  // repair: the verifier left no visited bit behind
  heap.Verify("after the repair");
}

TEST(Verifier, LargeCellsAndStores) {
  GcConfig config = Verifying();
  config.stress_every = 7;
  Heap heap(config);
  TestRoots roots(heap, 1);
  VecObj* v = heap.NewVec(0);
  roots[0] = V(v);
  MapObj* m = heap.NewMap(0);
  heap.VecPush(v, V(m));
  for (int i = 0; i < 3000; ++i) {  // stores grow past the small cells
    heap.VecPush(v, Value::Int(i));
    heap.MapPut(m, Value::Int(i), Value::Int(-i));
  }
  heap.VecPush(v, V(heap.NewStr(std::string(100000, 'L'))));
  heap.Collect();
  heap.Verify("test");
  StrObj* big = v->Get(3001).as_str();
  EXPECT_EQ(big->bytes().size(), 100000u);
  Value out;
  ASSERT_TRUE(m->Get(Value::Int(2999), &out));
  EXPECT_EQ(out.as_int(), -2999);
  // A reference to a large cell that was freed is no longer live (the
  // stale Value is kept, never read through: ASan would report it).
  Value stale = v->Get(3001);
  v->Set(3001, Value::Int(0));
  heap.Collect();
  v->Set(3001, stale);
  std::string r = ReportOf([&] { heap.VerifyFull("test"); });
  EXPECT_CONTAINS(r, "neither a live heap cell nor a live arena cell");
  EXPECT_CONTAINS(r, "field: element [3001]");
  v->Set(3001, Value());
}

TEST(Verifier, PathThroughSeveralObjects) {
  Heap heap(Verifying());
  TestRoots roots(heap, 2);
  MapObj* m = heap.NewMap(0);
  roots[1] = V(m);
  VecObj* v = heap.NewVec(0);
  heap.MapPut(m, heap.MakeString("key"), V(v));
  ClosureObj* c = heap.NewClosure(5, 1);
  heap.VecPush(v, V(c));
  VecObj* victim = heap.NewVec(0);
  c->captures()[0] = V(victim);
  HeapTesting::FreeObject(heap, &victim->header);
  std::string r = ReportOf([&] { heap.Verify("test"); });
  EXPECT_CONTAINS(r, "reference to a freed heap cell");
  EXPECT_CONTAINS(r, "object: closure of function 5 with 1 captures");
  EXPECT_CONTAINS(r, "field: capture 0");
  EXPECT_CONTAINS(r,
                  "slot 1 of root 'test registers' -> map of 1 entries in "
                  "the GC heap, value of entry 0 -> vec of length 1 in the "
                  "GC heap, element [0] -> closure of function 5 with 1 "
                  "captures in the GC heap, capture 0");
  c->captures()[0] = Value();
}

TEST(Verifier, HeapObjectReferencingArenaObject) {
  Heap heap(Verifying());
  TestRoots roots(heap, 1);
  VecObj* h = heap.NewVec(1);
  roots[0] = V(h);
  heap.EnterArena();
  VecObj* a = heap.NewVec(0);
  ASSERT_FALSE(heap.CanStore(&h->header, V(a)));
  heap.VecPush(h, V(a));  // the store the VM would refuse
  std::string r = ReportOf([&] { heap.Verify("test"); });
  EXPECT_CONTAINS(r, "a heap object references an object in arena 1");
  EXPECT_CONTAINS(r, "object: vec of length 1 in the GC heap");
  EXPECT_CONTAINS(r, "field: element [0]");
  // At the arena's exit the verifier sees it before the release.
  r = ReportOf([&] { heap.ExitArena(); });
  EXPECT_CONTAINS(r,
                  "heap verifier (arena exit (before release)): a heap "
                  "object references");
  h->length = 0;
  heap.ExitArena();
}

TEST(Verifier, ArenaObjectReferencingYoungerArena) {
  Heap heap(Verifying());
  heap.EnterArena();
  VecObj* outer = heap.NewVec(1);
  heap.EnterArena();
  VecObj* inner = heap.NewVec(0);
  heap.VecPush(outer, V(inner));
  std::string r = ReportOf([&] { heap.Verify("test"); });
  EXPECT_CONTAINS(r,
                  "an object of arena 1 references an object of younger "
                  "arena 2");
  EXPECT_CONTAINS(r, "object: vec of length 1 in arena 1");
  EXPECT_CONTAINS(r,
                  "path: cell 0 of arena 1 -> vec of length 1 in arena 1, "
                  "element [0]");
  outer->length = 0;
  heap.ExitArena();
  heap.ExitArena();
}

TEST(Verifier, RootIntoEndedArena) {
  Heap heap(Verifying());
  TestRoots roots(heap, 1);
  heap.EnterArena();
  roots[0] = V(heap.NewVec(0));  // a register not cleared at the block's end
  std::string r = ReportOf([&] { heap.ExitArena(); });
  EXPECT_CONTAINS(r,
                  "heap verifier (arena exit): reference into an ended "
                  "arena");
  EXPECT_CONTAINS(r, "field: slot 0 of root 'test registers'");
  EXPECT_EQ(heap.current_region(), 0);  // released all the same
  roots[0] = Value();
}

// The verifier locates cells by the allocators' structures (CellIndex):
// every arena cell of every chunk is accepted, interior pointers of large
// and arena cells and abandoned stores are not.
TEST(Verifier, LocatesArenaAndLargeCellsExactly) {
  Heap heap(Verifying());
  TestRoots roots(heap, 3);
  heap.EnterArena();
  VecObj* first = heap.NewVec(2);
  heap.VecPush(first, Value::Int(1));
  VecObj* last = nullptr;
  for (int i = 0; i < 20000; ++i) {  // several chunks (64 KiB, 128 KiB, ...)
    last = heap.NewVec(2);
    heap.VecPush(last, V(first));
  }
  roots[0] = V(last);
  heap.Verify("test");
  // The middle of an arena cell.
  roots[1] =
      Value::Obj(reinterpret_cast<Object*>(reinterpret_cast<char*>(last) + 8));
  std::string r = ReportOf([&] { heap.Verify("test"); });
  EXPECT_CONTAINS(r, "reference into the middle of a cell");
  // A store abandoned when its vector grew.
  VecObj* grown = heap.NewVec(20);
  Object* old_store = &Buffer::FromPayload(grown->elements)->header;
  for (int i = 0; i < 21; ++i) heap.VecPush(grown, Value::Int(i));
  old_store->type = ObjType::kVec;  // a vec-tagged value to it
  roots[1] = Value::Obj(old_store);
  old_store->type = static_cast<ObjType>(kFreeKind);
  r = ReportOf([&] { heap.Verify("test"); });
  EXPECT_CONTAINS(r, "reference to an abandoned arena cell");
  roots[1] = Value();
  roots[0] = Value();
  heap.ExitArena();
  // The middle of a large heap cell.
  StrObj* big = heap.NewStr(std::string(10000, '\x01'));  // reads as kVec
  roots[2] = V(big);
  roots[1] = Value::Obj(
      reinterpret_cast<Object*>(reinterpret_cast<char*>(big) + 4096));
  r = ReportOf([&] { heap.Verify("test"); });
  EXPECT_CONTAINS(r, "reference into the middle of a cell");
  roots[1] = Value();
  heap.Verify("test");
}

// After the release only roots are checked again (VerifyRelease): a root
// into any chunk of the ended arena is found, one into an outer arena is
// not a fault.
TEST(Verifier, RootIntoALaterChunkOfAnEndedArena) {
  Heap heap(Verifying());
  TestRoots roots(heap, 2);
  heap.EnterArena();
  roots[0] = V(heap.NewVec(0));  // the outer arena: still live after
  heap.EnterArena();
  VecObj* v = nullptr;
  for (int i = 0; i < 20000; ++i) v = heap.NewVec(2);  // past the first chunk
  roots[1] = V(v);
  std::string r = ReportOf([&] { heap.ExitArena(); });
  EXPECT_CONTAINS(r,
                  "heap verifier (arena exit): reference into an ended "
                  "arena");
  EXPECT_CONTAINS(r, "field: slot 1 of root 'test registers'");
  EXPECT_EQ(heap.current_region(), 1);
  roots[1] = Value();
  heap.Verify("test");
  roots[0] = Value();
  heap.ExitArena();
}

TEST(Verifier, StaleMarkBit) {
  Heap heap(Verifying());
  TestRoots roots(heap, 1);
  VecObj* v = heap.NewVec(0);
  roots[0] = V(v);
  MapObj* m = heap.NewMap(0);
  heap.VecPush(v, V(m));
  HeapTesting::SetMarkBit(&m->header);
  std::string r = ReportOf([&] { heap.Verify("test"); });
  EXPECT_CONTAINS(r, "mark bit left set outside a collection");
  EXPECT_CONTAINS(r, "object: map of 0 entries in the GC heap");
  EXPECT_CONTAINS(r,
                  "path: slot 0 of root 'test registers' -> vec of length "
                  "1 in the GC heap, element [0]");
  m->header.flags = 0;
}

TEST(Verifier, WrongObjectCounter) {
  Heap heap(Verifying());
  heap.NewVec(3);
  HeapTesting::SkewObjectCounter(heap, 1);
  std::string r = ReportOf([&] { heap.Verify("test"); });
  EXPECT_CONTAINS(r,
                  "the heap's object counter says 2 but a walk of the heap "
                  "finds 1");
  HeapTesting::SkewObjectCounter(heap, -1);
  HeapTesting::SkewByteCounter(heap, 16);
  r = ReportOf([&] { heap.Verify("test"); });
  EXPECT_CONTAINS(r, "the heap's byte counter says");
  HeapTesting::SkewByteCounter(heap, -16);
  heap.Verify("test");
}

TEST(Verifier, WildAndMisdirectedReferences) {
  Heap heap(Verifying());
  TestRoots roots(heap, 1);
  VecObj* v = heap.NewVec(0);
  // A pointer into the middle of a live cell.
  roots[0] =
      Value::Obj(reinterpret_cast<Object*>(reinterpret_cast<char*>(v) + 8));
  std::string r = ReportOf([&] { heap.Verify("test"); });
  EXPECT_CONTAINS(r, "reference into the middle of a cell");
  // A vector's backing store is no object.
  heap.VecPush(v, Value::Int(1));
  roots[0] = Value::Obj(
      reinterpret_cast<Object*>(reinterpret_cast<char*>(v->elements) - 8));
  r = ReportOf([&] { heap.Verify("test"); });
  EXPECT_CONTAINS(r, "reference to a cell that is not an object");
  // Memory the heap never handed out.
  static Object outside{ObjType::kVec, 0, 0, 24};
  roots[0] = Value::Obj(&outside);
  r = ReportOf([&] { heap.Verify("test"); });
  EXPECT_CONTAINS(r, "neither a live heap cell nor a live arena cell");
  roots[0] = Value();
}

TEST(Verifier, CorruptMapIndex) {
  Heap heap(Verifying());
  TestRoots roots(heap, 1);
  MapObj* m = heap.NewMap(0);
  roots[0] = V(m);
  heap.MapPut(m, Value::Int(1), Value::Int(2));
  --m->count;
  std::string r = ReportOf([&] { heap.Verify("test"); });
  EXPECT_CONTAINS(r, "count disagrees with the entries or the index");
  ++m->count;
}

TEST(Verifier, TouchOfEndedArenaObject) {
  if (kAsan) GTEST_SKIP() << "under ASan the touch itself is reported";
  Heap heap(Verifying());
  heap.EnterArena();
  VecObj* a = heap.NewVec(0);
  heap.ExitArena();  // its chunk is filled and pooled
  std::string r = ReportOf([&] { heap.VecPush(a, Value::Int(1)); });
  EXPECT_CONTAINS(r, "VecPush was given an object that is no longer live");
}

// Freed cells are checked by the first verification after their free, and
// later when they are reused or their page is released (each freed byte
// O(1) times): a stale write is found either way.
TEST(Verifier, WriteAfterFreeBreaksFillPattern) {
  if (kAsan) GTEST_SKIP() << "under ASan freed cells are poisoned instead";
  Heap heap(Verifying());
  ClosureObj* c = heap.NewClosure(0, 2);
  HeapTesting::FreeObject(heap, &c->header);  // freed and filled
  c->captures()[1] = Value::Int(42);          // a stale write before a check
  std::string r = ReportOf([&] { heap.Verify("test"); });
  EXPECT_CONTAINS(r,
                  "a freed heap cell of 48 bytes was written after it was "
                  "freed");
  heap.Verify("test");  // reported once
}

TEST(Verifier, WriteAfterFreeFoundWhenTheCellIsReused) {
  if (kAsan) GTEST_SKIP() << "under ASan freed cells are poisoned instead";
  Heap heap(Verifying());
  ClosureObj* c = heap.NewClosure(0, 2);
  heap.Collect();  // c is garbage: freed, filled, checked after the sweep
  c->captures()[1] = Value::Int(42);  // a stale write after that check
  heap.Verify("test");                // not looked at again until reused
  ClosureObj* d = heap.NewClosure(0, 2);
  ASSERT_EQ(d, c);  // the same cell, off the free list
  std::string r = ReportOf([&] { heap.Verify("test"); });
  EXPECT_CONTAINS(r,
                  "a freed heap cell of 48 bytes was written after it was "
                  "freed");
}

TEST(Verifier, WriteAfterFreeFoundWhenThePageIsReleased) {
  if (kAsan) GTEST_SKIP() << "under ASan freed cells are poisoned instead";
  Heap heap(Verifying());
  TestRoots roots(heap, 1);
  // More 48-byte cells than a page holds: the first page is no longer the
  // class's bump page, so a sweep that empties it releases it.
  ClosureObj* first = heap.NewClosure(0, 2);
  roots[0] = Value::Obj(&first->header);
  ClosureObj* garbage = heap.NewClosure(0, 2);
  for (size_t i = 0; i < kPageSize / 48; ++i) heap.NewClosure(0, 2);
  heap.Collect();  // frees garbage (first stays): checked after the sweep
  garbage->captures()[0] = Value::Int(7);  // a stale write after the check
  roots[0] = Value();
  std::string r = ReportOf([&] { heap.Collect(); });  // the page goes
  EXPECT_CONTAINS(r,
                  "heap verifier (after collection): a freed heap cell of "
                  "48 bytes was written after it was freed");
}

TEST(Verifier, WriteIntoEndedArenaBreaksFillPattern) {
  if (kAsan) GTEST_SKIP() << "under ASan ended chunks are poisoned instead";
  Heap heap(Verifying());
  heap.EnterArena();
  VecObj* a = heap.NewVec(0);
  heap.ExitArena();
  a->length = 3;  // a stale write into a pooled chunk
  std::string r = ReportOf([&] { heap.Verify("test"); });
  EXPECT_CONTAINS(r, "an ended arena chunk was written after its arena ended");
}

// A pooled chunk checked once is checked again when an arena takes it.
TEST(Verifier, WriteIntoEndedArenaFoundWhenTheChunkIsReused) {
  if (kAsan) GTEST_SKIP() << "under ASan ended chunks are poisoned instead";
  Heap heap(Verifying());
  heap.EnterArena();
  VecObj* a = heap.NewVec(0);
  heap.ExitArena();
  heap.Verify("test");  // checks the pooled chunk
  a->length = 3;        // a stale write after that check
  heap.Verify("test");  // not looked at again until reused
  heap.EnterArena();
  heap.NewVec(0);  // takes the chunk from the pool
  std::string r = ReportOf([&] { heap.Verify("test"); });
  EXPECT_CONTAINS(r, "an ended arena chunk was written after its arena ended");
  heap.ExitArena();
}

}  // namespace
}  // namespace tern::heap
