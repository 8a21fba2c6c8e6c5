// Arenas: bump allocation in chunks of doubling size, nested arenas with
// their own chunks, release on exit and on unwinding, arena objects as roots
// of the heap objects they refer to, and the store rule.

#include <stdexcept>
#include <string>

#include "gtest/gtest.h"
#include "runtime/heap/heap.h"
#include "runtime/heap/heap_testing.h"
#include "tests/heap/test_roots.h"

namespace tern::heap {
namespace {

TEST(Arena, AllocatesInCurrentRegion) {
  Heap heap(Verifying());
  EXPECT_EQ(heap.current_region(), 0);
  VecObj* h = heap.NewVec(0);
  EXPECT_EQ(h->header.region, 0);
  heap.EnterArena();
  EXPECT_EQ(heap.current_region(), 1);
  VecObj* a = heap.NewVec(2);
  EXPECT_EQ(a->header.region, 1);
  heap.EnterArena();
  MapObj* b = heap.NewMap(1);
  EXPECT_EQ(b->header.region, 2);
  uint64_t heap_objects = heap.live_objects();
  EXPECT_EQ(heap_objects, 1u);  // arena objects are not heap objects
  heap.ExitArena();
  heap.ExitArena();
  EXPECT_EQ(heap.current_region(), 0);
  EXPECT_EQ(HeapTesting::arena_chunk_bytes(heap), 0u);
}

TEST(Arena, ChunksDoubleAndAreReleasedOnExit) {
  Heap heap;
  heap.EnterArena();
  EXPECT_EQ(HeapTesting::arena_chunk_bytes(heap), 0u);  // lazily
  heap.NewClosure(0, 0);
  EXPECT_EQ(HeapTesting::arena_chunk_bytes(heap), kFirstChunkSize);
  // Fill past the first chunk: the second is twice its size.
  for (int i = 0; i < 5000; ++i) heap.NewClosure(0, 0);
  EXPECT_EQ(HeapTesting::arena_chunk_bytes(heap), 3 * kFirstChunkSize);
  heap.EnterArena();  // nested: its own chunks
  heap.NewClosure(0, 0);
  EXPECT_EQ(HeapTesting::arena_chunk_bytes(heap), 4 * kFirstChunkSize);
  heap.ExitArena();
  EXPECT_EQ(HeapTesting::arena_chunk_bytes(heap), 3 * kFirstChunkSize);
  heap.ExitArena();
  EXPECT_EQ(HeapTesting::arena_chunk_bytes(heap), 0u);
  EXPECT_LE(HeapTesting::pooled_chunks(heap), 4u);
  // An object bigger than the next chunk gets a chunk of its own size.
  heap.EnterArena();
  heap.NewStr(std::string(300000, 's'));
  EXPECT_GE(HeapTesting::arena_chunk_bytes(heap), 300000u);
  heap.ExitArena();
  EXPECT_EQ(HeapTesting::arena_chunk_bytes(heap), 0u);
  EXPECT_GE(heap.stats().peak_arena_chunk_bytes, 300000u);
}

// The VM calls ExitArena when an error unwinds through a with-arena block;
// modelled here by a guard object.
class ArenaBlock {
 public:
  explicit ArenaBlock(Heap& heap) : heap_(heap) { heap_.EnterArena(); }
  ~ArenaBlock() { heap_.ExitArena(); }

 private:
  Heap& heap_;
};

TEST(Arena, ReleasedOnUnwinding) {
  Heap heap(Verifying());
  try {
    ArenaBlock outer(heap);
    heap.NewVec(100);
    ArenaBlock inner(heap);
    for (int i = 0; i < 5000; ++i) heap.NewMap(2);
    throw std::runtime_error("a runtime error unwinds");
  } catch (const std::runtime_error&) {
  }
  EXPECT_EQ(heap.current_region(), 0);
  EXPECT_EQ(HeapTesting::arena_chunk_bytes(heap), 0u);
  heap.Verify("after unwinding");
}

TEST(Arena, ArenaObjectsRootHeapObjects) {
  GcConfig config = Verifying();
  config.stress_every = 1;
  Heap heap(config);
  TestRoots roots(heap, 1);
  StrObj* s = heap.NewStr("a heap string only an arena object refers to");
  roots[0] = V(s);
  heap.EnterArena();
  VecObj* holder = heap.NewVec(1);
  heap.VecPush(holder, V(s));
  roots[0] = Value();  // now only the arena vector holds the string
  for (int i = 0; i < 50; ++i) heap.NewClosure(0, 0);  // collects each time
  EXPECT_GE(heap.stats().collections, 50u);
  EXPECT_EQ(holder->Get(0).as_str(), s);
  EXPECT_EQ(s->bytes(), "a heap string only an arena object refers to");
  EXPECT_EQ(heap.live_objects(), 1u);
  heap.ExitArena();
  heap.Collect();
  EXPECT_EQ(heap.live_objects(), 0u);  // the arena no longer holds it
}

TEST(Arena, StoreRule) {
  Heap heap;
  VecObj* h = heap.NewVec(0);
  heap.EnterArena();
  VecObj* a1 = heap.NewVec(0);
  heap.EnterArena();
  VecObj* a2 = heap.NewVec(0);
  EXPECT_TRUE(heap.CanStore(&h->header, Value::Int(1)));
  EXPECT_TRUE(heap.CanStore(&h->header, Value::ShortStr("short")));
  EXPECT_TRUE(heap.CanStore(&h->header, V(h)));
  EXPECT_FALSE(heap.CanStore(&h->header, V(a1)));
  EXPECT_FALSE(heap.CanStore(&h->header, V(a2)));
  EXPECT_TRUE(heap.CanStore(&a1->header, V(h)));
  EXPECT_TRUE(heap.CanStore(&a1->header, V(a1)));
  EXPECT_FALSE(heap.CanStore(&a1->header, V(a2)));
  EXPECT_TRUE(heap.CanStore(&a2->header, V(a1)));
  EXPECT_TRUE(heap.CanStore(&a2->header, V(h)));
  heap.ExitArena();
  heap.ExitArena();
}

TEST(Arena, GrowthInOwnersRegion) {
  Heap heap(Verifying());
  TestRoots roots(heap, 1);
  VecObj* h = heap.NewVec(0);
  roots[0] = V(h);
  heap.EnterArena();
  VecObj* a = heap.NewVec(0);
  for (int i = 0; i < 1000; ++i) {
    heap.VecPush(h, Value::Int(i));  // heap vector grows in the heap
    heap.VecPush(a, Value::Int(i));  // arena vector grows in the arena
  }
  MapObj* am = heap.NewMap(0);
  for (int i = 0; i < 1000; ++i) heap.MapPut(am, Value::Int(i), Value::Int(i));
  heap.Verify("inside the arena");
  heap.ExitArena();
  EXPECT_EQ(h->size(), 1000u);
  EXPECT_EQ(heap.live_objects(), 1u);
  heap.Collect();
  EXPECT_EQ(h->Get(999).as_int(), 999);
}

TEST(Arena, TooDeepIsBadAlloc) {
  Heap heap;
  for (size_t i = 0; i < kMaxArenaDepth; ++i) heap.EnterArena();
  EXPECT_THROW(heap.EnterArena(), std::bad_alloc);
  for (size_t i = 0; i < kMaxArenaDepth; ++i) heap.ExitArena();
  EXPECT_THROW(heap.ExitArena(), HeapFault);
}

}  // namespace
}  // namespace tern::heap
