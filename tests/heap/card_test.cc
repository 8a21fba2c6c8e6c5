// Cards (gen mode): a young store into a big old vector or map dirties one
// card, a minor collection scans only the dirty cards and keeps what they
// hold alive, growth and map compaction keep young references covered, and
// the verifier reports a store whose card was never dirtied.

#include <string>

#include "gtest/gtest.h"
#include "runtime/heap/card_table.h"
#include "runtime/heap/heap.h"
#include "runtime/heap/heap_testing.h"
#include "tests/heap/test_roots.h"

namespace tern::heap {
namespace {

GcConfig Gen(uint32_t stress_every, bool verify = true) {
  GcConfig c;
  c.mode = GcMode::kGen;
  c.stress_every = stress_every;
  c.verify = verify;
  return c;
}

// An old vector of n ints (its store is large, so it has cards).
VecObj* OldIntVector(Heap& heap, TestRoots& roots, uint32_t n) {
  VecObj* v = heap.NewVec(0);
  roots[0] = V(v);
  for (uint32_t i = 0; i < n; ++i) heap.VecPush(v, Value::Int(i));
  heap.Collect();
  return v;
}

// A young one-element vector [i], held in roots[1].
void YoungChild(Heap& heap, TestRoots& roots, int i) {
  VecObj* child = heap.NewVec(1);
  roots[1] = V(child);
  heap.VecPush(child, Value::Int(i));
}

TEST(CardTest, SmallStoresHaveNoCardsLargeOnesDo) {
  EXPECT_EQ(CardsForStore(128 * sizeof(Value) - sizeof(Buffer)), 0u);
  EXPECT_EQ(CardsForStore(128 * sizeof(Value)), 2048 / kCardBytes);
  Heap heap(Gen(0));
  TestRoots roots(heap, 1);
  VecObj* v = OldIntVector(heap, roots, 10000);
  EXPECT_EQ(CardsOf(&v->header).count, (v->capacity * 16 + kCardBytes - 1) / kCardBytes);
  Heap full;  // the full mode gives no store cards
  TestRoots full_roots(full, 1);
  VecObj* w = OldIntVector(full, full_roots, 10000);
  EXPECT_EQ(CardsOf(&w->header).bytes, nullptr);
}

TEST(CardTest, YoungStoreIntoBigOldVectorDirtiesOneCardAndMinorScansIt) {
  Heap heap(Gen(0));
  TestRoots roots(heap, 1);
  VecObj* v = OldIntVector(heap, roots, 10000);
  StrObj* young = heap.NewStr("a young string that is not short");
  heap.VecSet(v, 5000, V(young));
  heap.VecSet(v, 5001, V(young));  // same card
  EXPECT_EQ(heap.remembered_set_size(), 0u);
  EXPECT_EQ(heap.carded_objects(), 1u);
  EXPECT_EQ(HeapTesting::DirtyCards(&v->header), 1u);
  heap.Verify("test");
  // A minor collection: the nursery fills.
  for (int i = 0; i < 200000 && heap.stats().minor_collections == 0; ++i) {
    heap.NewVec(8);
  }
  ASSERT_EQ(heap.stats().minor_collections, 1u);
  EXPECT_FALSE(HeapTesting::IsFreed(heap, &young->header));
  EXPECT_TRUE(young->header.flags & kOldBit);
  // One card's elements, not 10000.
  EXPECT_EQ(heap.stats().card_slots_scanned, kCardBytes / sizeof(Value));
  EXPECT_EQ(HeapTesting::DirtyCards(&v->header), 0u);
  EXPECT_EQ(heap.carded_objects(), 0u);
  EXPECT_EQ(v->header.flags & kCardsBit, 0);
}

TEST(CardTest, BigOldMapValueAndKeyStoresAreCarded) {
  Heap heap(Gen(7));
  TestRoots roots(heap, 2);
  MapObj* m = heap.NewMap(0);
  roots[0] = V(m);
  for (int i = 0; i < 5000; ++i) heap.MapPut(m, Value::Int(i), Value::Int(i));
  heap.Collect();
  for (int i = 0; i < 300; ++i) {
    YoungChild(heap, roots, i);
    heap.MapPut(m, Value::Int(i * 13), roots[1]);  // update: a value slot
    StrObj* key = heap.NewStr("key number " + std::to_string(i) + " long");
    heap.MapPut(m, V(key), roots[1]);  // insert: a key slot (may grow)
  }
  heap.Collect();
  for (int i = 0; i < 300; ++i) {
    Value got;
    ASSERT_TRUE(m->Get(Value::Int(i * 13), &got));
    EXPECT_EQ(got.as_vec()->Get(0).as_int(), i);
  }
  EXPECT_GT(heap.stats().minor_collections, 50u);
  EXPECT_GT(heap.stats().cards_dirtied, 0u);
  EXPECT_EQ(heap.stats().remembered, 0u);
}

TEST(CardTest, GrowingACardedOldVectorKeepsItsYoungElementsCovered) {
  Heap heap(Gen(9));
  TestRoots roots(heap, 2);
  VecObj* v = OldIntVector(heap, roots, 1000);
  for (int i = 0; i < 1100; ++i) {  // crosses the growth to 2048
    YoungChild(heap, roots, i);
    heap.VecPush(v, roots[1]);
  }
  heap.Collect();
  for (uint32_t i = 0; i < 1100; ++i) {
    EXPECT_EQ(v->Get(1000 + i).as_vec()->Get(0).as_int(), i);
  }
}

TEST(CardTest, MapCompactionMovesDirtyCardsWithTheirEntries) {
  Heap heap(Gen(0));
  TestRoots roots(heap, 2);
  MapObj* m = heap.NewMap(0);
  roots[0] = V(m);
  for (int i = 0; i < 4000; ++i) heap.MapPut(m, Value::Int(i), Value::Int(i));
  heap.Collect();
  // Young values in the last entries (the last cards) ...
  for (int i = 3990; i < 4000; ++i) {
    roots[1] = V(heap.NewVec(0));
    heap.MapPut(m, Value::Int(i), roots[1]);
  }
  roots[1] = Value();
  // ... then enough deletes to squeeze the holes out: they move to the front.
  for (int i = 0; i < 3000; ++i) ASSERT_TRUE(m->Del(Value::Int(i)));
  ASSERT_LT(m->used, 2000u);
  heap.Verify("after compaction");  // every young entry's card is dirty
  heap.Collect();
  for (int i = 3990; i < 4000; ++i) {
    Value got;
    ASSERT_TRUE(m->Get(Value::Int(i), &got));
    EXPECT_TRUE(got.is_object());
  }
}

TEST(CardTest, VerifierReportsAStoreWhoseCardWasNotDirtied) {
  Heap heap(Gen(0));
  TestRoots roots(heap, 2);
  VecObj* v = OldIntVector(heap, roots, 10000);
  roots[1] = V(heap.NewVec(0));
  heap.VecSet(v, 3, roots[1]);  // card 0 dirty: v is on the card list
  VecObj* young = heap.NewVec(0);
  HeapTesting::StoreWithoutBarrier(v, 7000, V(young));  // its card clean
  try {
    heap.VerifyFull("before minor collection");
    FAIL() << "the verifier missed a young reference on a clean card";
  } catch (const HeapFault& f) {
    EXPECT_NE(f.report.find("not in the remembered set and the field's card "
                            "is clean"),
              std::string::npos)
        << f.report;
    EXPECT_NE(f.report.find("field: element [7000]"), std::string::npos)
        << f.report;
  }
  HeapTesting::StoreWithoutBarrier(v, 7000, Value());
}

TEST(CardTest, VerifierReportsALostCard) {
  Heap heap(Gen(0));
  TestRoots roots(heap, 2);
  VecObj* v = OldIntVector(heap, roots, 10000);
  roots[1] = V(heap.NewVec(0));
  heap.VecSet(v, 9000, roots[1]);
  HeapTesting::CleanCards(&v->header);  // the barrier's card went missing
  try {
    heap.VerifyFull("before minor collection");
    FAIL() << "the verifier missed a lost card";
  } catch (const HeapFault& f) {
    EXPECT_NE(f.report.find("field: element [9000]"), std::string::npos)
        << f.report;
  }
}

TEST(CardTest, WithoutTheVerifierALostCardFreesALiveYoungObject) {
  Heap heap(Gen(0, /*verify=*/false));
  TestRoots roots(heap, 2);
  VecObj* v = OldIntVector(heap, roots, 10000);
  VecObj* young = heap.NewVec(0);
  heap.VecSet(v, 9000, V(young));
  HeapTesting::CleanCards(&v->header);
  for (int i = 0; i < 200000 && heap.stats().minor_collections == 0; ++i) {
    heap.NewVec(8);
  }
  ASSERT_EQ(heap.stats().minor_collections, 1u);
  EXPECT_TRUE(HeapTesting::IsFreed(heap, &young->header));
  HeapTesting::StoreWithoutBarrier(v, 9000, Value());
}

TEST(CardTest, BarrierWithoutASlotRemembersTheWholeObject) {
  Heap heap(Gen(0));
  TestRoots roots(heap, 2);
  VecObj* v = OldIntVector(heap, roots, 10000);
  roots[1] = V(heap.NewVec(0));
  v->Set(42, roots[1]);
  WriteBarrier(&heap, &v->header, roots[1]);  // no slot: whole object
  EXPECT_EQ(heap.remembered_set_size(), 1u);
  EXPECT_EQ(heap.carded_objects(), 0u);
  heap.Verify("test");
}

}  // namespace
}  // namespace tern::heap
