#include "runtime/heap/heap.h"

#include <algorithm>
#include <cstring>
#include <iterator>
#include <new>

#include "runtime/heap/card_table.h"

namespace tern::heap {
// Roots up to three values for the duration of one internal allocation.
class Heap::TempRoots {
 public:
  TempRoots(Heap& heap, Value a, Value b = Value(), Value c = Value())
      : heap_(heap), base_(heap.num_temp_roots_) {
    if (base_ + 3 > static_cast<int>(std::size(heap.temp_roots_))) {
      throw HeapFault{"heap fault: heap temporaries nested too deep"};
    }
    heap_.temp_roots_[base_] = a;
    heap_.temp_roots_[base_ + 1] = b;
    heap_.temp_roots_[base_ + 2] = c;
    heap_.num_temp_roots_ = base_ + 3;
  }
  ~TempRoots() {
    for (int i = base_; i < base_ + 3; ++i) heap_.temp_roots_[i] = Value();
    heap_.num_temp_roots_ = base_;
  }
  TempRoots(const TempRoots&) = delete;
  TempRoots& operator=(const TempRoots&) = delete;

 private:
  Heap& heap_;
  int base_;
};

Heap::Heap(const GcConfig& config)
    : config_(config),
      small_(config.verify && !kAsan),
      arenas_(config.verify && !kAsan),
      threshold_(kMinGcThreshold) {
  uint64_t min = config_.nursery_bytes != 0 ? config_.nursery_bytes
                                            : kNurseryBytes;
  uint64_t max = config_.nursery_max_bytes != 0
                     ? std::max(min, config_.nursery_max_bytes)
                 : config_.nursery_bytes != 0 ? min
                                              : kMaxNurseryBytes;
  nursery_bounds_ = NurseryBounds{min, max};
  nursery_ = min;
  if (config_.mode == GcMode::kGen) SetFreshPageLimit();
}

void Heap::ResizeNursery(bool minor, uint64_t old_before,
                         uint64_t cells_before) {
  if (minor) {
    // Every young cell left is a survivor (a minor frees only young ones).
    uint64_t survived = cell_bytes_ - std::min(cell_bytes_, old_before);
    promoted_cells_since_full_ += survived;
    nursery_ = NurseryAfterMinor(nursery_, nursery_bounds_,
                                 allocated_since_gc_, survived);
  } else {
    // Bytes this full collection freed, young garbage included: at most
    // a nursery beside the old garbage it is meant to measure.
    uint64_t freed = cells_before - std::min(cells_before, cell_bytes_);
    nursery_ = NurseryAfterFull(nursery_, nursery_bounds_,
                                promoted_cells_since_full_, freed);
    promoted_cells_since_full_ = 0;
  }
  stats_.peak_nursery_bytes = std::max(stats_.peak_nursery_bytes, nursery_);
}

void Heap::SetFreshPageLimit() {
  // Fresh pages until the small pages hold a quarter more than the
  // allocated cells, plus a nursery: bounded fragmentation, measured on
  // gen_bench's map updates (young survivors spread over fresh pages).
  small_.SetFreshPageLimit(
      (cell_bytes_ + cell_bytes_ / 4 + NurseryBytes()) / kPageSize);
}

Heap::~Heap() = default;

void Heap::AddRootSource(RootSource* source) {
  root_sources_.push_back(source);
}

void Heap::RemoveRootSource(RootSource* source) {
  auto it = std::find(root_sources_.begin(), root_sources_.end(), source);
  if (it != root_sources_.end()) root_sources_.erase(it);
}

bool Heap::MinorDue() const {
  // The old generation: what the last collection left (cell bytes since
  // allocated are young, but for the few stores given to old owners).
  uint64_t old_bytes = cell_bytes_ - std::min(cell_bytes_, allocated_since_gc_);
  return config_.mode == GcMode::kGen && !stress_full_ &&
         old_bytes < old_limit_;
}

void Heap::Safepoint() {
  if (no_gc_depth_ > 0) {
    gc_pending_ = true;
    return;
  }
  CollectNow(MinorDue());
}

Object* Heap::Allocate(uint32_t bytes, uint16_t region, uint8_t kind) {
  ++allocations_;
  if (config_.stress_full_every != 0 &&
      allocations_ % config_.stress_full_every == 0) {
    stress_full_ = true;
  }
  uint64_t due = config_.mode != GcMode::kGen ? threshold_ : NurseryBytes();
  if (gc_pending_ || stress_full_ ||
      (region == 0 && allocated_since_gc_ >= due) ||
      (config_.stress_every != 0 && allocations_ % config_.stress_every == 0)) {
    Safepoint();
  }
  Object* o;
  if (region == 0) {
    uint64_t cell_size;
    if (bytes <= kMaxSmallSize) {
      int cls = SmallSpace::ClassFor(bytes);
      o = static_cast<Object*>(small_.Allocate(cls, bytes));
      cell_size = SmallSpace::ClassSize(cls);
      if (config_.mode == GcMode::kGen) {
        // The fresh-page tallies (small_space.h); a page with a store on
        // it is swept cell by cell.
        Page* page = Page::Of(o);
        if (IsObjectKind(kind)) {
          ++page->young_objects;
          page->young_logical += bytes;
        } else {
          page->fresh = 0;
        }
      }
    } else {
      // Gen mode: a large store gets cards (card_table.h).
      uint32_t cards = config_.mode == GcMode::kGen && kind == kBufferKind
                           ? CardsForStore(bytes - sizeof(Buffer))
                           : 0;
      o = static_cast<Object*>(large_.Allocate(bytes, cards));
      cell_size = bytes;
    }
    if (IsObjectKind(kind)) {
      ++objects_;
      ++stats_.objects_allocated;
      if (config_.mode == GcMode::kGen) {
        young_.push_back(reinterpret_cast<uintptr_t>(o) |
                         (bytes > kMaxSmallSize ? kYoungLargeBit : 0));
      }
    } else {
      ++buffers_;
    }
    logical_bytes_ += bytes;
    cell_bytes_ += cell_size;
    allocated_since_gc_ += cell_size;
    stats_.bytes_allocated += bytes;
    stats_.peak_heap_bytes = std::max(stats_.peak_heap_bytes, logical_bytes_);
  } else {
    o = static_cast<Object*>(arenas_.Allocate(region, bytes));
    // The census's arena half, kept as it grows (a store is counted to its
    // owner's type by AllocateStore).
    if (IsObjectKind(kind)) arenas_.CountCensus(region, kind, 1, bytes);
    stats_.arena_bytes += bytes;
    stats_.peak_arena_chunk_bytes =
        std::max(stats_.peak_arena_chunk_bytes, arenas_.live_chunk_bytes());
  }
  o->type = static_cast<ObjType>(kind);
  o->flags = 0;
  o->region = region;
  o->size = bytes;
  return o;
}

Buffer* Heap::AllocateBuffer(uint64_t bytes, uint16_t region) {
  uint64_t total = sizeof(Buffer) + bytes;
  if (total > UINT32_MAX) throw std::bad_alloc();
  return reinterpret_cast<Buffer*>(
      Allocate(static_cast<uint32_t>(total), region, kBufferKind));
}

Buffer* Heap::AllocateStore(const Object* owner, uint64_t bytes) {
  Buffer* b = AllocateBuffer(bytes, owner->region);
  // An old owner's store is old at once (the minor sweep ages and frees
  // stores only with young owners). Read after the allocation: a minor
  // collection in it may just have promoted the owner.
  b->header.flags |= owner->flags & kOldBit;
  // A young owner's page is swept cell by cell: its store goes with it.
  if (owner->region == 0 && owner->size <= kMaxSmallSize) {
    Page::Of(owner)->fresh = 0;
  }
  if (owner->region != 0) {
    arenas_.CountCensus(owner->region, owner->kind(), 0, b->header.size);
  }
  return b;
}

void Heap::FreeCell(Object* o) {
  if (IsObjectKind(o->kind())) {
    --objects_;
  } else {
    --buffers_;
  }
  logical_bytes_ -= o->size;
  if (o->size <= kMaxSmallSize) {
    cell_bytes_ -= SmallSpace::ClassSize(SmallSpace::ClassFor(o->size));
    small_.Free(o);
  } else {
    cell_bytes_ -= o->size;
    large_.Free(o);
  }
}

void Heap::FreeBuffer(const Object* owner, Buffer* b) {
  Object* h = &b->header;
  if (h->region != 0) {
    arenas_.CountCensus(h->region, owner->kind(), 0,
                        -static_cast<int64_t>(h->size));
    arenas_.Abandon(h);
    return;
  }
  FreeCell(h);
}

void Heap::CheckLiveSlow(const Object* o, const char* what) const {
  if (!IsObjectKind(o->kind()) || o->region > arenas_.depth()) {
    throw HeapFault{std::string("heap fault: ") + what +
                    " was given an object that is no longer live (a freed "
                    "cell or an ended arena's object)"};
  }
}

StrObj* Heap::NewStr(std::string_view bytes) {
  if (bytes.size() > UINT32_MAX - sizeof(StrObj)) throw std::bad_alloc();
  StrObj* s = NewStrToFill(static_cast<uint32_t>(bytes.size()));
  std::memcpy(s->chars(), bytes.data(), bytes.size());
  return s;
}

StrObj* Heap::NewStrToFill(uint32_t length) {
  if (length > UINT32_MAX - sizeof(StrObj)) throw std::bad_alloc();
  StrObj* s = reinterpret_cast<StrObj*>(
      Allocate(StrObj::SizeFor(length), current_region(),
               static_cast<uint8_t>(ObjType::kStr)));
  s->length = length;
  s->hash = 0;
  return s;
}

Value Heap::MakeString(std::string_view bytes) {
  if (bytes.size() <= Value::kMaxShortString) return Value::ShortStr(bytes);
  return Value::Obj(&NewStr(bytes)->header);
}

VecObj* Heap::NewVec(uint32_t capacity) {
  bool inline_store = capacity <= kMaxInlineElements;
  VecObj* v = reinterpret_cast<VecObj*>(
      Allocate(VecObj::SizeFor(inline_store ? capacity : 0), current_region(),
               static_cast<uint8_t>(ObjType::kVec)));
  v->length = 0;
  v->capacity = 0;
  v->elements = nullptr;
  if (inline_store) {
    if (capacity > 0) {
      v->elements = v->inline_elements();
      v->capacity = capacity;
    }
  } else {
    TempRoots keep(*this, Value::Obj(&v->header));
    Buffer* b = AllocateStore(&v->header, uint64_t{capacity} * sizeof(Value));
    v->elements = static_cast<Value*>(b->payload());
    v->capacity = capacity;
  }
  return v;
}

MapObj* Heap::NewMap(uint32_t capacity) {
  MapObj* m = reinterpret_cast<MapObj*>(Allocate(
      sizeof(MapObj), current_region(), static_cast<uint8_t>(ObjType::kMap)));
  m->count = 0;
  m->used = 0;
  m->capacity = 0;
  m->index_mask = 0;
  m->entries = nullptr;
  m->index = nullptr;
  if (capacity > 0) {
    TempRoots keep(*this, Value::Obj(&m->header));
    Buffer* b = AllocateStore(&m->header, MapObj::StoreBytes(capacity));
    m->MoveTo(b->payload(), capacity);
  }
  return m;
}

ClosureObj* Heap::NewClosure(uint32_t function, uint32_t num_captures) {
  if (num_captures > (UINT32_MAX - sizeof(ClosureObj)) / sizeof(Value)) {
    throw std::bad_alloc();
  }
  ClosureObj* c = reinterpret_cast<ClosureObj*>(
      Allocate(ClosureObj::SizeFor(num_captures), current_region(),
               static_cast<uint8_t>(ObjType::kClosure)));
  c->function_index = function;
  c->capture_count = num_captures;
  std::memset(static_cast<void*>(c->captures()), 0,
              sizeof(Value) * num_captures);  // all Null
  return c;
}

void Heap::GrowVec(VecObj* v, uint32_t capacity) {
  Buffer* b = AllocateStore(&v->header, uint64_t{capacity} * sizeof(Value));
  Value* fresh = static_cast<Value*>(b->payload());
  if (v->length > 0) {
    std::memcpy(static_cast<void*>(fresh), v->elements,
                sizeof(Value) * v->length);
  }
  if (v->has_store()) FreeBuffer(&v->header, Buffer::FromPayload(v->elements));
  v->elements = fresh;
  v->capacity = capacity;
  if (v->header.flags & kCardsBit) RecordYoungAfterMove(&v->header);
}

void Heap::RecordYoungAfterMove(Object* owner) {
  auto record = [&](Value& slot) {
    if (IsYoungRef(slot) && !(owner->flags & kRememberedBit)) {
      RememberSlot(owner, &slot);
    }
  };
  if (owner->type == ObjType::kVec) {
    VecObj* v = reinterpret_cast<VecObj*>(owner);
    for (uint32_t i = 0; i < v->length; ++i) record(v->elements[i]);
  } else if (owner->type == ObjType::kMap) {
    MapObj* m = reinterpret_cast<MapObj*>(owner);
    for (uint32_t i = 0; i < m->used; ++i) {
      record(m->entries[i].key);
      record(m->entries[i].value);
    }
  }
}

void Heap::RememberSlot(Object* container, const Value* slot) {
  if (container->flags & kRememberedBit) return;
  if (container->region != 0) {  // an arena object given a heap reference
    arenas_.Record(container);
    return;
  }
  if (slot != nullptr) {
    StoreCards cards = CardsOf(container);
    uint32_t card = cards.bytes != nullptr ? cards.CardOf(slot) : 0;
    if (card < cards.count) {
      if (cards.bytes[card] == 0) {
        cards.bytes[card] = 1;
        ++stats_.cards_dirtied;
      }
      if (!(container->flags & kCardsBit)) {
        container->flags |= kCardsBit;
        carded_.push_back(container);
      }
      return;
    }
  }
  Remember(container);
}

void Heap::VecPushSlow(VecObj* v, Value x) {
  CheckLive(&v->header, "VecPush");
  if (v->length == v->capacity) {
    if (v->capacity >= (UINT32_MAX >> 1)) throw std::bad_alloc();
    uint32_t capacity = std::max<uint32_t>(4, v->capacity * 2);
    TempRoots keep(*this, Value::Obj(&v->header), x);
    GrowVec(v, capacity);
  }
  Value* slot = &v->elements[v->length++];
  *slot = x;
  WriteBarrier(this, &v->header, x, slot);
}

Value Heap::VecPop(VecObj* v) {
  CheckLive(&v->header, "VecPop");
  Value x = v->elements[--v->length];
  v->elements[v->length] = Value();
  return x;
}

void Heap::VecResize(VecObj* v, uint32_t n, Value fill) {
  CheckLive(&v->header, "VecResize");
  if (n > v->capacity) {
    uint32_t capacity = std::max(n, v->capacity * 2);
    TempRoots keep(*this, Value::Obj(&v->header), fill);
    GrowVec(v, capacity);
  }
  for (uint32_t i = v->length; i < n; ++i) {
    v->elements[i] = fill;
    WriteBarrier(this, &v->header, fill, &v->elements[i]);
  }
  for (uint32_t i = n; i < v->length; ++i) v->elements[i] = Value();
  v->length = n;
}

void Heap::MapPut(MapObj* m, Value key, Value val) {
  CheckLive(&m->header, "MapPut");
  if (Value* slot = m->Update(key, val)) {
    WriteBarrier(this, &m->header, val, slot);
    return;
  }
  if (!m->HasRoomForInsert()) {
    uint32_t capacity = m->GrownCapacity();
    TempRoots keep(*this, Value::Obj(&m->header), key, val);
    MapEntry* old = m->entries;
    Buffer* b = AllocateStore(&m->header, MapObj::StoreBytes(capacity));
    m->MoveTo(b->payload(), capacity);
    if (old != nullptr) FreeBuffer(&m->header, Buffer::FromPayload(old));
    if (m->header.flags & kCardsBit) RecordYoungAfterMove(&m->header);
  }
  m->InsertNew(key, val);
  MapEntry& e = m->entries[m->used - 1];
  WriteBarrier(this, &m->header, key, &e.key);
  WriteBarrier(this, &m->header, val, &e.value);
}

void Heap::Collect() {
  stress_full_ = true;  // `(gc)` is always a full collection
  if (no_gc_depth_ > 0) {
    gc_pending_ = true;
    return;
  }
  CollectNow(/*minor=*/false);
}

HeapCensus Heap::Census() {
  if (no_gc_depth_ > 0) {
    throw HeapFault{"heap fault: a census needs a full collection, which "
                    "cannot run inside no-gc"};
  }
  HeapCensus c;
  if (collecting_) {  // no collection can run: walk what is there
    auto count = [&c](Object* cell, uint64_t) {
      if (IsObjectKind(cell->kind())) c.Count(cell, LogicalSize(cell));
    };
    small_.ForEachCell(count);
    large_.ForEachCell(count);
  } else {
    // The full sweep counts the survivors (no second walk of the heap).
    census_ = &c;
    struct Reset {
      HeapCensus*& p;
      ~Reset() { p = nullptr; }
    } reset{census_};
    CollectNow(/*minor=*/false);
  }
  // Kept by the arenas as they grow (the verifier checks it against a walk
  // of their cells), so a census costs nothing per live arena cell.
  c.arena = arenas_.census();
  return c;
}

void Heap::ExitNoGc() {
  if (no_gc_depth_ > 0) --no_gc_depth_;
  // A collection that fell due inside runs at the next safepoint, when the
  // caller's values are back in roots.
}

void Heap::EnterArena() {
  arenas_.Enter();
  ++stats_.arenas_entered;
}

void Heap::ExitArena() {
  if (arenas_.depth() == 0) {
    throw HeapFault{"heap fault: ExitArena without a live arena"};
  }
  if (config_.verify) {
    Verify("arena exit (before release)", /*arena_exit=*/true);
  }
  arenas_.Exit();
  if (config_.verify) VerifyRelease("arena exit");
}

HandleScope::HandleScope(Heap& heap)
    : heap_(heap), base_(heap.handles_.size()) {}

HandleScope::~HandleScope() { heap_.handles_.resize(base_); }

Value* HandleScope::Protect(Value v) {
  heap_.handles_.push_back(v);
  return &heap_.handles_.back();
}

}  // namespace tern::heap

extern "C" void tern_heap_remember_slot(tern::heap::Heap* heap,
                                        tern::heap::Object* container,
                                        const tern::heap::Value* slot) {
  heap->RememberSlot(container, slot);
}

extern "C" void tern_heap_remember(tern::heap::Heap* heap,
                                   tern::heap::Object* container) {
  heap->RememberSlot(container, nullptr);
}
