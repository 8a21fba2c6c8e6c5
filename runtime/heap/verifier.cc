// The heap verifier: re-derives every invariant of the heap from scratch and
// throws HeapFault naming the object, the field and the path from a root at
// the first violation. It never dereferences a pointer before locating it in
// a live heap cell or a live arena cell, so it is safe on a corrupt heap and
// under ASan. Reports contain no addresses (they must be reproducible).
//
// Hash-free and proportionate: what an address is comes from the
// allocators' own structures (CellIndex: sorted spans of pages, large cells
// and live-arena chunks, the pages' allocation bitmaps, a bitmap of checked
// arena cell starts), not from a table of every object. Visited objects and
// owned stores carry kVisitedBit while a run lasts (it is cleared from every
// cell at the end). A first run records nothing else; only if it finds a
// violation does a second run record, for every object, how it was reached,
// to name the path in the report.
//
// The arenas are checked incrementally, so that a program collecting
// thousands of times while big arenas live does not pay for every arena
// cell at every verification. Arena cells never move or die until their
// arena ends, so the index of their starts is kept from run to run
// (ArenaStack::CellStarts) and each run:
// - walks and checks fully (header, region, mark bit, an abandoned store's
//   fill, every reference, the census) the cells allocated since the last
//   successful run (each cell is walked once as new);
// - checks fully every object on the arenas' recorded lists (the only
//   arena objects allowed a GC-heap reference, what a collection marks
//   from) and every arena object the roots reach, and the lists themselves
//   (each entry a flagged object of its arena, no duplicates, the count);
// - walks and checks every cell of every live arena ("full") on runs
//   numbered 1, 2, 4, 8, ... of the heap, and every cell of the innermost
//   arena at its exit (before release).
// Why this is sound: a cell is checked fully when new. An unlisted old
// cell can only come to hold a GC-heap reference through a store; a store
// through the write barrier lists it (then it is checked at every run), so
// only a store that bypasses the barrier, or memory corruption, can break
// an unchecked old cell, and that state is found by the next full run or
// at the arena's exit check, whichever comes first (before the arena's
// memory is released). Every violation that lasts until then is reported,
// later than a full check at every run would; the cost per run is the new
// cells, the listed ones, the reached ones, plus an amortised O(1) share
// of the geometric full runs. The checks that need every cell (flagged
// cells all listed, the census counts, the fill of stores abandoned after
// they were walked) are made per arena on its full walks.

//
// The GC heap likewise (docs/heap.md, "GC-heap cells, incrementally"):
// every heap cell is walked only on runs 1, 2, 4, 8, ... and by VerifyFull
// (the end of every VM run). Other runs check the root slots, the objects
// without kCheckedBit (new or reused cells) they reach, the young list, the
// remembered set, the dirty cards' slots, and a round-robin slice of the
// checked cells sized to that work. A barrier-less store or stray pointer
// into an old checked cell is found by the slice that reaches it or the
// next full walk, whichever comes first; the barrier's lists only add
// checks, they never let a run skip one.

#include <algorithm>
#include <array>
#include <string>
#include <unordered_map>  // origins, recorded only to report a violation
#include <vector>

#include "runtime/heap/card_table.h"
#include "runtime/heap/cell_index.h"
#include "runtime/heap/heap.h"

namespace tern::heap {

class Verifier {
 public:
  // Thrown by a run without paths at a violation: rerun with paths.
  struct NeedPaths {};

  // `full`: every arena cell is walked (else the new ones, and all of the
  // innermost arena's when `exiting` it). `heap_full`: every GC-heap cell
  // is walked (else the unchecked ones reached, and the heap's lists).
  Verifier(Heap& heap, std::string_view when, bool paths,
           bool roots_only = false, bool full = true, bool exiting = false,
           bool heap_full = true)
      : h_(heap),
        when_(when),
        index_(heap.small_, heap.large_, heap.arenas_, !roots_only),
        paths_(paths),
        roots_only_(roots_only),
        full_(full),
        exiting_(exiting),
        heap_full_(heap_full) {}
  ~Verifier() {
    if (!roots_only_) ClearVisited();
  }
  Verifier(const Verifier&) = delete;
  Verifier& operator=(const Verifier&) = delete;

  void Run() {
    IndexArenas();
    TraceRoots();
    Drain();
    if (!heap_full_) {
      CheckHeapLists();
      CheckSlice();
    }
    CheckArenaObjects();
    CheckArenaRecords();
    if (heap_full_) {
      WalkHeap();
      CheckStores();
      CheckGenerations();
      CheckCounters();
    }
    CheckFill();
  }

  // One verification: a run without paths, and at a violation a second
  // one with them, which throws the HeapFault.
  static void Check(Heap& heap, std::string_view when, bool full,
                    bool exiting, bool heap_full) {
    try {
      Verifier v(heap, when, /*paths=*/false, /*roots_only=*/false, full,
                 exiting, heap_full);
      v.Run();
      v.Commit();
      return;
    } catch (const NeedPaths&) {
    }
    Verifier(heap, when, /*paths=*/true, /*roots_only=*/false, full, exiting,
             heap_full)
        .Run();
    throw HeapFault{"heap verifier (" + std::string(when) +
                    "): a violation that a second run did not find"};
  }

  // Only the root slots' references (visiting nothing): see
  // Heap::VerifyRelease.
  void RunRoots() { TraceRoots(); }

  // After a Run without a violation: the next run walks only the arena
  // cells allocated since this one, and checks only the GC-heap objects
  // not checked by this one (or an earlier one).
  void Commit() {
    if (!heap_full_) h_.verify_cursor_ = next_cursor_;
    h_.verify_young_done_ = h_.young_.size();
    for (Object* o : visited_heap_) {
      if (IsObjectKind(o->kind())) o->flags |= kCheckedBit;
    }
    for (uint16_t r = 1; r <= h_.arenas_.depth(); ++r) {
      ArenaStack::CellStarts& st = h_.arenas_.cell_starts(r);
      const Walked& w = walked_[r - 1];
      st.chunk = w.chunk;
      st.offset = w.offset;
      st.cells = w.cells;
    }
  }

 private:
  enum class Edge : uint8_t {
    kRootSlot,
    kHandle,
    kTempRoot,
    kArenaCell,
    kArenaRecord,
    kHeapList,
    kUnreachable,
    kElement,
    kMapKey,
    kMapValue,
    kCapture,
  };
  // How an object was reached: from `parent` (null for a root) by `edge`;
  // a and b number the root source and slot, or the field.
  struct Origin {
    const Object* parent;
    Edge edge;
    uint32_t a;
    uint32_t b;
  };
  using Where = CellIndex::Where;

  // Checks each slot of root source `source` as it is visited (no copy:
  // a run visits every root slot, and deep register files are most of a
  // verification's work in the fuzz campaign's slow programs).
  class SlotChecker final : public RootVisitor {
   public:
    SlotChecker(Verifier& v, uint32_t source) : v_(v), source_(source) {}
    void Visit(Value* slot) override {
      v_.CheckRef(nullptr, *slot,
                  Origin{nullptr, Edge::kRootSlot, source_, index_++});
    }

   private:
    Verifier& v_;
    uint32_t source_;
    uint32_t index_ = 0;
  };

  [[noreturn]] void Fail(const std::string& problem, const Object* holder,
                         const Origin& at) const {
    if (!paths_) throw NeedPaths{};
    std::string r = "heap verifier (" + when_ + "): " + problem + "\n";
    if (holder != nullptr) r += "  object: " + Describe(holder) + "\n";
    r += "  field: " + EdgeText(at) + "\n";
    r += "  path: " + PathTo(holder, at) + "\n";
    throw HeapFault{r};
  }

  static std::string RegionText(uint16_t region) {
    return region == 0 ? "in the GC heap"
                       : "in arena " + std::to_string(region);
  }

  static std::string Describe(const Object* o) {
    std::string where = RegionText(o->region);
    switch (o->type) {
      case ObjType::kStr:
        return "string of " +
               std::to_string(reinterpret_cast<const StrObj*>(o)->length) +
               " bytes " + where;
      case ObjType::kVec:
        return "vec of length " +
               std::to_string(reinterpret_cast<const VecObj*>(o)->length) +
               " " + where;
      case ObjType::kMap:
        return "map of " +
               std::to_string(reinterpret_cast<const MapObj*>(o)->count) +
               " entries " + where;
      case ObjType::kClosure: {
        const ClosureObj* c = reinterpret_cast<const ClosureObj*>(o);
        return "closure of function " + std::to_string(c->function_index) +
               " with " + std::to_string(c->capture_count) + " captures " +
               where;
      }
    }
    return "cell of kind " + std::to_string(o->kind());
  }

  std::string EdgeText(const Origin& o) const {
    switch (o.edge) {
      case Edge::kRootSlot:
        return "slot " + std::to_string(o.b) + " of root '" +
               std::string(h_.root_sources_[o.a]->root_name()) + "'";
      case Edge::kHandle:
        return "handle " + std::to_string(o.b);
      case Edge::kTempRoot:
        return "heap temporary " + std::to_string(o.b);
      case Edge::kArenaCell:
        return "cell " + std::to_string(o.b) + " of arena " +
               std::to_string(o.a);
      case Edge::kArenaRecord:
        return "recorded object " + std::to_string(o.b) + " of arena " +
               std::to_string(o.a);
      case Edge::kHeapList:
        return "entry " + std::to_string(o.b) + " of the heap's " +
               kHeapListNames[o.a];
      case Edge::kUnreachable:
        return "(unreachable object)";
      case Edge::kElement:
        return "element [" + std::to_string(o.b) + "]";
      case Edge::kMapKey:
        return "key of entry " + std::to_string(o.b);
      case Edge::kMapValue:
        return "value of entry " + std::to_string(o.b);
      case Edge::kCapture:
        return "capture " + std::to_string(o.b);
    }
    return "?";
  }

  // "root 'registers' slot 3 -> vec of length 2 ... element [1] -> ..."
  std::string PathTo(const Object* holder, const Origin& at) const {
    std::vector<std::string> steps;
    steps.push_back(EdgeText(at));
    const Object* o = holder;
    // Bounded by the number of reached objects (origins form a tree).
    for (size_t guard = 0; o != nullptr && guard <= origins_.size(); ++guard) {
      auto it = origins_.find(o);
      if (it == origins_.end()) break;
      steps.back() = Describe(o) + ", " + steps.back();
      steps.push_back(EdgeText(it->second));
      o = it->second.parent;
    }
    std::string path;
    for (size_t i = steps.size(); i-- > 0;) {
      path += steps[i];
      if (i != 0) path += " -> ";
    }
    return path;
  }

  Where Locate(const void* p, uint16_t* region) const {
    return index_.Locate(p, region);
  }

  // Walks each live arena's cells not walked by an earlier run (all of
  // them on a full walk), checking each cell's header (and an abandoned
  // store's fill), recording it in the index and reaching it as a root.
  void IndexArenas() {
    walked_.resize(h_.arenas_.depth());
    for (uint16_t r = 1; r <= h_.arenas_.depth(); ++r) {
      Walked& w = walked_[r - 1];
      w.full = full_ || (exiting_ && r == h_.arenas_.depth());
      if (!w.full) {
        const ArenaStack::CellStarts& st = h_.arenas_.cell_starts(r);
        w.chunk = st.chunk;
        w.offset = st.offset;
        w.cells = st.cells;
      }
      const std::vector<ArenaStack::Chunk>& chunks = h_.arenas_.chunks(r);
      for (size_t i = w.chunk; i < chunks.size(); ++i) {
        const ArenaStack::Chunk& c = chunks[i];
        size_t off = i == w.chunk ? w.offset : 0;
        w.chunk = i;
        w.offset = off;
        if (off >= c.used) continue;
        size_t span = index_.ChunkSpan(c.base);
        while (off < c.used) {
          Object* cell = reinterpret_cast<Object*>(c.base + off);
          off += ArenaCellStep(cell);
          IndexArenaCell(span, cell,
                         Origin{nullptr, Edge::kArenaCell, r, w.cells++});
        }
        w.offset = off;
      }
    }
  }

  void IndexArenaCell(size_t span, Object* cell, const Origin& at) {
    uint8_t k = cell->kind();
    if (!IsObjectKind(k) && k != kBufferKind && k != kFreeKind) {
      Fail("arena cell with an invalid header (kind " + std::to_string(k) + ")",
           nullptr, at);
    }
    if (cell->region != at.a) {
      Fail(
          "arena cell whose header says region " + std::to_string(cell->region),
          nullptr, at);
    }
    if (cell->flags & kMarkBit) {
      Fail("mark bit left set outside a collection", cell, at);
    }
    index_.AddArenaCell(span, cell);
    if (IsObjectKind(k)) {
      // A root: checked by CheckArenaObjects (not pushed: there may be
      // many, and they are checked in place).
      Walked& w = walked_[at.a - 1];
      if (cell->flags & kRememberedBit) ++w.flagged;
      w.objects.push_back(cell);
      Visit(cell);
      if (paths_) origins_.emplace(cell, at);
    } else if (k == kFreeKind && h_.arenas_.fills() &&
               !IsFilled(cell + 1, cell->size - sizeof(Object))) {
      throw HeapFault{"heap verifier (" + when_ +
                      "): an abandoned store in arena " + std::to_string(at.a) +
                      " was written after it was replaced\n"};
    }
  }

  // The arena cells were visited by IndexArenas.
  void TraceRoots() {
    for (uint32_t s = 0; s < h_.root_sources_.size(); ++s) {
      SlotChecker check(*this, s);
      h_.root_sources_[s]->TraceRoots(check);
    }
    uint32_t i = 0;
    for (const Value& v : h_.handles_) {
      CheckRef(nullptr, v, Origin{nullptr, Edge::kHandle, 0, i++});
    }
    for (int t = 0; t < h_.num_temp_roots_; ++t) {
      CheckRef(nullptr, h_.temp_roots_[t],
               Origin{nullptr, Edge::kTempRoot, 0, static_cast<uint32_t>(t)});
    }
  }

  // Sets o's kVisitedBit (o located as a live cell of region o->region);
  // false if it was set already.
  bool Visit(const Object* o) {
    Object* w = const_cast<Object*>(o);
    if (w->flags & kVisitedBit) return false;
    w->flags |= kVisitedBit;
    (w->region != 0 ? visited_arena_ : visited_heap_).push_back(w);
    return true;
  }

  // Only cells located as live were ever flagged, all listed by Visit.
  void ClearVisited() const {
    for (Object* cell : visited_heap_) {
      cell->flags &= static_cast<uint8_t>(~kVisitedBit);
    }
    for (Object* cell : visited_arena_) {
      cell->flags &= static_cast<uint8_t>(~kVisitedBit);
    }
  }

  void Reach(const Object* o, const Origin& at) {
    // Not a full heap walk: a GC-heap object an earlier run checked is not
    // checked again (nor what it references); the reference to it was
    // located and checked by the caller.
    if (!heap_full_ && o->region == 0 && (o->flags & kCheckedBit)) return;
    if (!Visit(o)) return;
    if (paths_) origins_.emplace(o, at);
    stack_.push_back(o);
  }

  void Drain() {
    while (!stack_.empty()) {
      const Object* o = stack_.back();
      stack_.pop_back();
      CheckObject(o);
    }
  }

  // The walked arena objects (roots, visited by IndexArenas), the listed
  // ones of the arenas not walked fully, and what they reach; the census
  // counts of the walked ones.
  void CheckArenaObjects() {
    for (uint16_t r = 1; r <= h_.arenas_.depth(); ++r) {
      Walked& w = walked_[r - 1];
      for (const Object* cell : w.objects) {
        CheckObject(cell);
        Drain();
        CensusCount& c = w.census[cell->kind()];
        ++c.objects;
        c.bytes += Heap::LogicalSize(cell);
      }
      if (w.full) continue;
      const std::vector<Object*>& recorded = h_.arenas_.recorded(r);
      for (uint32_t i = 0; i < recorded.size(); ++i) {
        const Object* cell = recorded[i];
        CheckListed(r, cell);
        if (!Visit(cell)) continue;  // walked, or reached and checked
        if (paths_) {
          origins_.emplace(cell, Origin{nullptr, Edge::kArenaRecord, r, i});
        }
        CheckObject(cell);
        Drain();
      }
    }
  }

  // An entry of arena r's recorded list is a flagged object of arena r.
  void CheckListed(uint16_t r, const Object* cell) const {
    uint16_t region;
    if (Locate(cell, &region) != Where::kArena || region != r ||
        !IsObjectKind(cell->kind()) || !(cell->flags & kRememberedBit)) {
      throw HeapFault{"heap verifier (" + when_ + "): the recorded list "
                      "of arena " + std::to_string(r) +
                      " holds something that is not a recorded object "
                      "of that arena\n"};
    }
  }

  // The arenas' recorded lists (what a collection marks from, instead of
  // every arena cell) hold exactly the arena objects flagged recorded, each
  // once (CheckRef checks that every arena object holding a GC-heap
  // reference is flagged); the arenas' census counts match their cells.
  // "Exactly" and the census need every cell: checked per fully walked
  // arena; the sums over arenas at every run.
  void CheckArenaRecords() {
    const ArenaStack& arenas = h_.arenas_;
    std::vector<const Object*> listed;
    std::array<CensusCount, 4> sum{};
    for (uint16_t r = 1; r <= arenas.depth(); ++r) {
      const Walked& w = walked_[r - 1];
      for (const Object* cell : arenas.recorded(r)) {
        CheckListed(r, cell);
        listed.push_back(cell);
      }
      if (w.full && w.flagged != arenas.recorded(r).size()) {
        throw HeapFault{"heap verifier (" + when_ + "): " +
                        std::to_string(w.flagged) + " objects of arena " +
                        std::to_string(r) +
                        " flagged recorded but its recorded list holds " +
                        std::to_string(arenas.recorded(r).size()) +
                        " entries\n"};
      }
      if (w.full && w.census != arenas.census(r)) {
        HeapCensus kept, walked;
        kept.arena = arenas.census(r);
        walked.arena = w.census;
        throw HeapFault{"heap verifier (" + when_ + "): arena " +
                        std::to_string(r) + "'s census counts say '" +
                        FormatCensus(kept) +
                        "' but a walk of its cells finds '" +
                        FormatCensus(walked) + "'\n"};
      }
      for (size_t k = 0; k < sum.size(); ++k) {
        sum[k].objects += arenas.census(r)[k].objects;
        sum[k].bytes += arenas.census(r)[k].bytes;
      }
    }
    std::sort(listed.begin(), listed.end());
    if (std::adjacent_find(listed.begin(), listed.end()) != listed.end() ||
        listed.size() != arenas.recorded_count()) {
      throw HeapFault{"heap verifier (" + when_ + "): the arenas' recorded "
                      "lists hold " + std::to_string(listed.size()) +
                      " entries (" + std::to_string(arenas.recorded_count()) +
                      " counted), or one twice\n"};
    }
    if (sum != arenas.census()) {
      HeapCensus kept, summed;
      kept.arena = arenas.census();
      summed.arena = sum;
      throw HeapFault{"heap verifier (" + when_ +
                      "): the arenas' census counts say '" +
                      FormatCensus(kept) + "' but their arenas' sum to '" +
                      FormatCensus(summed) + "'\n"};
    }
  }

  // Checks one reference held by `holder` (null: a root).
  void CheckRef(const Object* holder, Value v, const Origin& at) {
    uint8_t tag = static_cast<uint8_t>(v.tag());
    if (tag > static_cast<uint8_t>(Tag::kClosure)) {
      Fail("value with an invalid tag " + std::to_string(tag), holder, at);
    }
    if (!v.is_object()) return;
    const Object* t = v.as_object();
    if (roots_only_) {
      if (h_.arenas_.InLastExit(t)) {
        Fail("reference into an ended arena", holder, at);
      }
      return;
    }
    uint16_t region;
    switch (Locate(t, &region)) {
      case Where::kHeap:
      case Where::kArena:
        break;
      case Where::kFreedHeapCell:
        Fail("reference to a freed heap cell", holder, at);
      case Where::kAbandonedArenaCell:
        Fail("reference to an abandoned arena cell", holder, at);
      case Where::kInsideCell:
        Fail("reference into the middle of a cell", holder, at);
      case Where::kEndedArena:
        Fail("reference into an ended arena", holder, at);
      case Where::kNowhere:
        Fail(
            "reference to memory that is neither a live heap cell nor a "
            "live arena cell (freed or wild)",
            holder, at);
    }
    if (!IsObjectKind(t->kind())) {
      Fail("reference to a cell that is not an object (kind " +
               std::to_string(t->kind()) + ")",
           holder, at);
    }
    if (tag != kFirstObjectTag + t->kind()) {
      Fail("value tag " + std::to_string(tag) +
               " does not match the object's type",
           holder, at);
    }
    if (t->region != region) {
      Fail("object header says region " + std::to_string(t->region) +
               " but it lies " + RegionText(region),
           holder, at);
    }
    if (holder != nullptr) {
      if (holder->region == 0 && region != 0) {
        Fail("a heap object references an object in arena " +
                 std::to_string(region),
             holder, at);
      }
      // Collections mark from the recorded arena objects only.
      if (holder->region != 0 && region == 0 &&
          !(holder->flags & kRememberedBit)) {
        Fail("an arena object references a GC-heap object but is not in "
             "its arena's recorded list (a store missed the write barrier)",
             holder, at);
      }
      if (region > holder->region) {
        Fail("an object of arena " + std::to_string(holder->region) +
                 " references an object of younger arena " +
                 std::to_string(region),
             holder, at);
      }
      // Gen mode: the minor collection's premise.
      if (region == 0 && holder->region == 0 && (holder->flags & kOldBit) &&
          !(t->flags & kOldBit) && !(holder->flags & kRememberedBit) &&
          !CardCovers(holder, at)) {
        Fail(CardsOf(holder).bytes != nullptr
                 ? "an old object references a young object but is not in "
                   "the remembered set and the field's card is clean (a "
                   "store missed the write barrier)"
                 : "an old object references a young object but is not in "
                   "the remembered set (a store missed the write barrier)",
             holder, at);
      }
    }
    Reach(t, at);
  }

  // Whether holder (old, with a checked store) is on the dirty-card list
  // with the card of field `at` dirty.
  static bool CardCovers(const Object* holder, const Origin& at) {
    if (!(holder->flags & kCardsBit)) return false;
    StoreCards cards = CardsOf(holder);
    if (cards.bytes == nullptr) return false;
    const void* slot = nullptr;
    if (at.edge == Edge::kElement) {
      slot = &reinterpret_cast<const VecObj*>(holder)->elements[at.b];
    } else if (at.edge == Edge::kMapKey || at.edge == Edge::kMapValue) {
      slot = &reinterpret_cast<const MapObj*>(holder)->entries[at.b];
    } else {
      return false;
    }
    uint32_t card = cards.CardOf(slot);
    return card < cards.count && cards.bytes[card] != 0;
  }

  // A dirty card needs its owner on the dirty-card list (an old GC-heap
  // object with kCardsBit), else no minor collection would scan it. Called
  // once the owner's store has been checked.
  void CheckCards(const Object* o) {
    StoreCards cards = CardsOf(o);
    if (cards.bytes == nullptr) return;
    for (uint32_t c = 0; c < cards.count; ++c) {
      if (cards.bytes[c] > 1) FailAt(o, "a card byte is neither 0 nor 1");
      if (cards.bytes[c] != 0 && !(o->flags & kCardsBit)) {
        FailAt(o, "dirty card " + std::to_string(c) +
                      " is not on the dirty-card list (no minor collection "
                      "would scan it)");
      }
    }
  }

  // A backing store: a live cell of kind kBufferKind in the owner's region,
  // big enough, owned by nobody else.
  void CheckStore(const Object* owner, const void* payload, uint64_t needed) {
    const Buffer* b = Buffer::FromPayload(const_cast<void*>(payload));
    uint16_t region;
    Where w = Locate(b, &region);
    if ((w != Where::kHeap && w != Where::kArena) ||
        b->header.kind() != kBufferKind || region != owner->region ||
        b->header.region != owner->region) {
      FailAt(owner, "its backing store is not a live store cell of its region");
    }
    if (b->header.size < sizeof(Buffer) + needed) {
      FailAt(owner, "its backing store is too small");
    }
    if (!Visit(&b->header)) {
      FailAt(owner, "its backing store is shared with another object");
    }
  }

  [[noreturn]] void FailAt(const Object* o, const std::string& problem) const {
    if (!paths_) throw NeedPaths{};
    auto it = origins_.find(o);
    const Object* parent = it != origins_.end() ? it->second.parent : nullptr;
    Origin at = it != origins_.end()
                    ? it->second
                    : Origin{nullptr, Edge::kUnreachable, 0, 0};
    std::string r = "heap verifier (" + when_ + "): " + Describe(o) + ": " +
                    problem + "\n  object: " + Describe(o) +
                    "\n  path: " + PathTo(parent, at) + "\n";
    throw HeapFault{r};
  }

  void CheckObject(const Object* o) {
    if (o->region == 0) ++checked_;
    // A full heap walk checks these for every cell (WalkHeap).
    if (!heap_full_ && o->region == 0) CheckHeaderBits(o);
    switch (o->type) {
      case ObjType::kStr: {
        const StrObj* s = reinterpret_cast<const StrObj*>(o);
        if (o->size != StrObj::SizeFor(s->length)) FailAt(o, "size mismatch");
        if (o->region == 0 && s->length <= Value::kMaxShortString) {
          FailAt(o, "a heap string this short must be a ShortStr value");
        }
        break;
      }
      case ObjType::kVec: {
        const VecObj* v = reinterpret_cast<const VecObj*>(o);
        if (o->size < sizeof(VecObj) ||
            (o->size - sizeof(VecObj)) % sizeof(Value) != 0) {
          FailAt(o, "size mismatch");
        }
        uint32_t room = (o->size - sizeof(VecObj)) / sizeof(Value);
        if (v->length > v->capacity) FailAt(o, "length exceeds capacity");
        if ((v->capacity == 0) != (v->elements == nullptr)) {
          FailAt(o, "capacity and store disagree");
        }
        if (v->has_store()) {
          CheckStore(o, v->elements, uint64_t{v->capacity} * sizeof(Value));
          CheckCards(o);
        } else if (v->elements != nullptr && v->capacity != room) {
          FailAt(o, "inline capacity disagrees with the size");
        }
        for (uint32_t i = 0; i < v->length; ++i) {
          CheckRef(o, v->elements[i], Origin{o, Edge::kElement, 0, i});
        }
        break;
      }
      case ObjType::kMap:
        CheckMap(reinterpret_cast<const MapObj*>(o));
        break;
      case ObjType::kClosure: {
        const ClosureObj* c = reinterpret_cast<const ClosureObj*>(o);
        if (o->size != ClosureObj::SizeFor(c->capture_count)) {
          FailAt(o, "size mismatch");
        }
        for (uint32_t i = 0; i < c->capture_count; ++i) {
          CheckRef(o, c->captures()[i], Origin{o, Edge::kCapture, 0, i});
        }
        break;
      }
      default:
        FailAt(o, "invalid object type");
    }
  }

  void CheckMap(const MapObj* m) {
    const Object* o = &m->header;
    if (o->size != sizeof(MapObj)) FailAt(o, "size mismatch");
    if (m->count > m->used || m->used > m->capacity) {
      FailAt(o, "entry counts out of order");
    }
    if ((m->capacity == 0) != (m->entries == nullptr)) {
      FailAt(o, "capacity and store disagree");
    }
    if (m->entries == nullptr) return;
    CheckStore(o, m->entries, MapObj::StoreBytes(m->capacity));
    CheckCards(o);
    if (m->index_mask + 1 != MapObj::IndexSizeFor(m->capacity) ||
        m->index !=
            reinterpret_cast<const int32_t*>(m->entries + m->capacity)) {
      FailAt(o, "index does not match the capacity");
    }
    uint32_t live = 0;
    for (uint32_t i = 0; i < m->used; ++i) {
      const MapEntry& e = m->entries[i];
      if (e.key.is_null()) {
        if (!e.value.is_null()) FailAt(o, "a hole holds a value");
        continue;
      }
      Tag k = e.key.tag();
      if (k != Tag::kInt && k != Tag::kBool && !e.key.is_string()) {
        FailAt(o, "a key of a type maps do not allow");
      }
      ++live;
      CheckRef(o, e.key, Origin{o, Edge::kMapKey, 0, i});
      CheckRef(o, e.value, Origin{o, Edge::kMapValue, 0, i});
    }
    uint32_t indexed = 0;
    for (uint32_t s = 0; s <= m->index_mask; ++s) {
      int32_t e = m->index[s];
      if (e >= 0) {
        if (static_cast<uint32_t>(e) >= m->used ||
            m->entries[e].key.is_null()) {
          FailAt(o, "index slot points at a hole or past the entries");
        }
        ++indexed;
      }
    }
    if (live != m->count || indexed != m->count) {
      FailAt(o, "count disagrees with the entries or the index");
    }
  }

  // Not a full heap walk: the header bits WalkHeap checks on every cell,
  // for an object checked now.
  void CheckHeaderBits(const Object* o) {
    if (o->flags & kMarkBit) {
      FailAt(o, "mark bit left set outside a collection");
    }
    if (h_.config_.mode != GcMode::kGen &&
        (o->flags & (kOldBit | kRememberedBit | kCardsBit))) {
      FailAt(o, "a generation bit is set on a cell of a heap in the full "
                "mode");
    }
  }

  // Not a full heap walk: what the heap's own lists name. Every young
  // object (all the GC-heap objects allocated since the last collection,
  // in the gen mode: a young container takes stores without the barrier)
  // and every remembered one (the barrier recorded a store into it) is
  // checked; every object
  // with dirty cards has its store, its card bytes and the slots of its
  // dirty cards checked. Each entry must be a live object flagged
  // accordingly. (The full walk checks that the lists hold every such
  // object.)
  void CheckHeapLists() {
    // The young list holds tagged addresses (Heap::kYoungLargeBit).
    auto size_of = [&](uint32_t l) -> size_t {
      return l == 0 ? h_.young_.size()
                    : (l == 1 ? h_.remembered_ : h_.carded_).size();
    };
    auto entry = [&](uint32_t l, uint32_t i) -> const Object* {
      if (l == 0) {
        return reinterpret_cast<const Object*>(h_.young_[i] &
                                               ~Heap::kYoungLargeBit);
      }
      return (l == 1 ? h_.remembered_ : h_.carded_)[i];
    };
    for (uint32_t l = 0; l < 3; ++l) {
      // Young entries an earlier run checked are left to the slice (4) and
      // the full walks: checking the whole young list at every run made a
      // verification O(nursery), 32 MiB of it with the adaptive nursery.
      uint32_t first = l == 0 ? static_cast<uint32_t>(h_.verify_young_done_) : 0;
      for (uint32_t i = first; i < size_of(l); ++i) {
        const Object* o = entry(l, i);
        Origin at{nullptr, Edge::kHeapList, l, i};
        uint16_t region;
        if (Locate(o, &region) != Where::kHeap || !IsObjectKind(o->kind())) {
          throw HeapFault{"heap verifier (" + when_ + "): the heap's " +
                          kHeapListNames[l] +
                          " holds something that is not a live GC-heap "
                          "object\n"};
        }
        uint8_t f = o->flags;
        const char* wrong =
            l == 0 ? ((f & kOldBit) ? "an old object is on the young list"
                                    : nullptr)
            : !(f & kOldBit) ? (l == 1 ? "a young object is in the "
                                         "remembered set"
                                       : "a young object is on the "
                                         "dirty-card list")
            : !(f & (l == 1 ? kRememberedBit : kCardsBit))
                ? "an object on the heap's list is not flagged so"
                : nullptr;
        if (wrong != nullptr) {
          if (paths_ && !(f & kVisitedBit)) origins_.emplace(o, at);
          FailAt(o, wrong);
        }
        if (Visit(o)) {
          if (paths_) origins_.emplace(o, at);
          if (l != 2 || !(f & kCheckedBit)) {
            CheckObject(o);
          } else {
            CheckDirtyCards(o);
          }
        }
        Drain();
      }
    }
  }

  // Not a full heap walk: some GC-heap cells after where the previous
  // run's slice ended (in address order, wrapping around), each checked
  // object among them checked again: kSliceMin plus twice the GC-heap
  // objects this run checked so far, so that the slice costs at most a
  // constant factor of the run (and O(pages) to find the cells).
  // Between the full walks every cell is so looked at again after a
  // bounded number of runs (about heap cells / kSliceMin), whether or not
  // a barrier recorded a store into it.
  void CheckSlice() {
    uint64_t budget = kSliceMin + 2 * checked_;
    next_cursor_ = index_.ForEachHeapCellFrom(
        h_.verify_cursor_, [&](const Object* cell) {
          if (budget == 0) return false;
          --budget;
          RecheckCell(cell);
          return true;
        });
  }

  void RecheckCell(const Object* cell) {
    if (!IsObjectKind(cell->kind()) || cell->region != 0 ||
        !(cell->flags & kCheckedBit) || !Visit(cell)) {
      return;  // WalkHeap reports a bad header; new cells are reached
    }
    if (paths_) origins_.emplace(cell, Origin{nullptr, Edge::kUnreachable, 0, 0});
    CheckObject(cell);
    Drain();
  }

  // An old object on the dirty-card list, checked by an earlier run: its
  // store, card bytes and the slots of its dirty cards (where the barrier
  // recorded stores since; the rest waits for a full walk).
  void CheckDirtyCards(const Object* o) {
    constexpr uint32_t kSlotsPerCard = kCardBytes / sizeof(Value);
    constexpr uint32_t kEntriesPerCard = kCardBytes / sizeof(MapEntry);
    if (o->type == ObjType::kVec) {
      const VecObj* v = reinterpret_cast<const VecObj*>(o);
      if (v->length > v->capacity || !v->has_store()) {
        FailAt(o, "length exceeds capacity or no store");
      }
      CheckStore(o, v->elements, uint64_t{v->capacity} * sizeof(Value));
      CheckCards(o);
      StoreCards cards = CardsOf(o);
      for (uint32_t c = 0; cards.bytes != nullptr && c < cards.count; ++c) {
        if (cards.bytes[c] == 0) continue;
        uint32_t end = std::min(v->length, (c + 1) * kSlotsPerCard);
        for (uint32_t i = c * kSlotsPerCard; i < end; ++i) {
          CheckRef(o, v->elements[i], Origin{o, Edge::kElement, 0, i});
        }
      }
    } else if (o->type == ObjType::kMap) {
      const MapObj* m = reinterpret_cast<const MapObj*>(o);
      if (m->used > m->capacity || m->entries == nullptr) {
        FailAt(o, "entry counts out of order or no store");
      }
      CheckStore(o, m->entries, MapObj::StoreBytes(m->capacity));
      CheckCards(o);
      StoreCards cards = CardsOf(o);
      for (uint32_t c = 0; cards.bytes != nullptr && c < cards.count; ++c) {
        if (cards.bytes[c] == 0) continue;
        uint32_t end = std::min(m->used, (c + 1) * kEntriesPerCard);
        for (uint32_t i = c * kEntriesPerCard; i < end; ++i) {
          const MapEntry& e = m->entries[i];
          CheckRef(o, e.key, Origin{o, Edge::kMapKey, 0, i});
          CheckRef(o, e.value, Origin{o, Edge::kMapValue, 0, i});
        }
      }
    } else {
      CheckObject(o);  // no cards to go by: CheckObject reports it
    }
  }

  // Every allocated heap cell: marks, counters, and the references of
  // objects no root reaches.
  void WalkHeap() {
    auto visit = [&](Object* cell, uint64_t cell_size) {
      uint8_t k = cell->kind();
      if (IsObjectKind(k)) {
        ++objects_;
      } else if (k == kBufferKind) {
        ++buffers_;
        heap_stores_.push_back(cell);
      } else {
        throw HeapFault{"heap verifier (" + when_ +
                        "): allocated heap cell with an invalid header (kind " +
                        std::to_string(k) + ")\n"};
      }
      if (cell->region != 0) {
        throw HeapFault{"heap verifier (" + when_ + "): " +
                        (IsObjectKind(k) ? Describe(cell) : "store cell") +
                        " lies in the GC heap but its header says region " +
                        std::to_string(cell->region) + "\n"};
      }
      logical_ += cell->size;
      cells_ += cell_size;
      CheckGeneration(cell);
      if (cell->flags & kMarkBit) {
        auto it = origins_.find(cell);
        Fail("mark bit left set outside a collection", cell,
             it != origins_.end() ? it->second
                                  : Origin{nullptr, Edge::kUnreachable, 0, 0});
      }
      if (IsObjectKind(k) && !(cell->flags & kVisitedBit)) {
        Reach(cell, Origin{nullptr, Edge::kUnreachable, 0, 0});
        Drain();
      }
    };
    h_.small_.ForEachCell(visit);
    h_.large_.ForEachCell(visit);
  }

  // The generation bits: none in the full mode; in the gen mode every young
  // object is on the young list, every remembered one old and listed.
  void CheckGeneration(const Object* cell) {
    bool gen = h_.config_.mode == GcMode::kGen;
    uint8_t f = cell->flags;
    if (!gen && (f & (kOldBit | kRememberedBit | kCardsBit))) {
      throw HeapFault{"heap verifier (" + when_ +
                      "): a generation bit is set on a cell of a heap in the "
                      "full mode\n"};
    }
    if (!IsObjectKind(cell->kind())) return;
    if (!(f & kOldBit)) ++young_;
    if (f & kRememberedBit) {
      ++remembered_;
      if (!(f & kOldBit))
        FailAt(cell, "a young object is in the remembered set");
    }
    if (f & kCardsBit) {
      ++carded_;
      if (!(f & kOldBit))
        FailAt(cell, "a young object is on the dirty-card list");
    }
  }

  void CheckGenerations() const {
    if (h_.config_.mode != GcMode::kGen) return;
    if (young_ != h_.young_.size()) {
      throw HeapFault{
          "heap verifier (" + when_ + "): " + std::to_string(young_) +
          " young objects in the heap but the young list holds " +
          std::to_string(h_.young_.size()) +
          (h_.young_.empty() ? " (young objects survived a collection unmarked)"
                             : "") +
          "\n"};
    }
    if (remembered_ != h_.remembered_.size()) {
      throw HeapFault{"heap verifier (" + when_ +
                      "): " + std::to_string(remembered_) +
                      " objects flagged remembered but the remembered set "
                      "holds " +
                      std::to_string(h_.remembered_.size()) + "\n"};
    }
    if (carded_ != h_.carded_.size()) {
      throw HeapFault{"heap verifier (" + when_ +
                      "): " + std::to_string(carded_) +
                      " objects flagged with dirty cards but the dirty-card "
                      "list holds " +
                      std::to_string(h_.carded_.size()) + "\n"};
    }
  }

  void CheckStores() {
    for (const Object* b : heap_stores_) {
      if (!(b->flags & kVisitedBit)) {
        throw HeapFault{"heap verifier (" + when_ + "): a backing store of " +
                        std::to_string(b->size) +
                        " bytes that no object owns\n"};
      }
    }
  }

  void CheckCounters() const {
    auto check = [&](const char* name, uint64_t counter, uint64_t walked) {
      if (counter != walked) {
        throw HeapFault{"heap verifier (" + when_ + "): the heap's " + name +
                        " counter says " + std::to_string(counter) +
                        " but a walk of the heap finds " +
                        std::to_string(walked) + "\n"};
      }
    };
    check("object", h_.objects_, objects_);
    check("store", h_.buffers_, buffers_);
    check("byte", h_.logical_bytes_, logical_);
    check("cell-byte", h_.cell_bytes_, cells_);
  }

  // Without ASan, freed cells and ended chunks hold the fill pattern:
  // checked here once after they were freed or ended, and by the spaces
  // when they are reused or released (what those found is reported here).
  void CheckFill() {
    SmallSpace& small = h_.small_;
    if (small.fills()) {
      uint32_t stale = small.TakeStaleWrite();
      for (char* cell : small.freed_since_check()) {
        if (stale != 0) break;
        uint16_t region;
        // Skipped if reused or its page released since (checked there).
        if (index_.Locate(cell, &region) != Where::kFreedHeapCell) continue;
        uint32_t size = Page::Of(cell)->cell_size;
        if (!SmallSpace::StillFilled(cell, size)) stale = size;
      }
      small.ClearFreedSinceCheck();
      if (stale != 0) {
        throw HeapFault{"heap verifier (" + when_ + "): a freed heap cell of " +
                        std::to_string(stale) +
                        " bytes was written after it was freed\n"};
      }
    }
    ArenaStack& arenas = h_.arenas_;
    if (arenas.fills()) {
      bool stale = arenas.TakeStaleWrite();
      const std::vector<ArenaStack::Chunk>& pool = arenas.pool();
      for (size_t i = arenas.unchecked_pool(); i < pool.size() && !stale; ++i) {
        stale = !IsFilled(pool[i].base, pool[i].size);
      }
      arenas.PoolChecked();
      if (stale) {
        throw HeapFault{"heap verifier (" + when_ +
                        "): an ended arena chunk was written after its "
                        "arena ended\n"};
      }
    }
  }

  Heap& h_;
  std::string when_;
  CellIndex index_;
  std::unordered_map<const Object*, Origin> origins_;
  bool paths_;
  bool roots_only_;
  bool full_;
  bool exiting_;
  bool heap_full_;
  // Cells a run between full walks looks at beyond the new and listed ones
  // (CheckSlice), and where the next run's slice starts.
  static constexpr uint64_t kSliceMin = 16;
  uintptr_t next_cursor_ = 0;
  uint64_t checked_ = 0;  // GC-heap objects CheckObject looked at
  static constexpr const char* kHeapListNames[] = {
      "young list", "remembered set", "dirty-card list"};
  // Per live arena: what this run walked, and where the walk ended.
  struct Walked {
    bool full = false;
    size_t chunk = 0;
    size_t offset = 0;
    uint32_t cells = 0;
    size_t flagged = 0;  // walked objects flagged recorded
    std::vector<const Object*> objects;
    std::array<CensusCount, 4> census{};
  };
  std::vector<Walked> walked_;
  std::vector<Object*> visited_arena_;
  std::vector<Object*> visited_heap_;  // cells given kVisitedBit
  std::vector<const Object*> heap_stores_;
  std::vector<const Object*> stack_;
  uint64_t objects_ = 0;
  uint64_t buffers_ = 0;
  uint64_t logical_ = 0;
  uint64_t cells_ = 0;
  uint64_t young_ = 0;
  uint64_t remembered_ = 0;
  uint64_t carded_ = 0;
};

void Heap::Verify(std::string_view when, bool arena_exit) {
  // Full walks (every arena and GC-heap cell) on runs 1, 2, 4, 8, ...; of
  // the innermost arena at ExitArena's check.
  uint64_t n = arenas_.NextVerification();
  bool full = (n & (n - 1)) == 0;
  Verifier::Check(*this, when, full, arena_exit, /*heap_full=*/full);
}

void Heap::VerifyFull(std::string_view when) {
  arenas_.NextVerification();
  Verifier::Check(*this, when, /*full=*/true, /*exiting=*/false,
                  /*heap_full=*/true);
}

void Heap::VerifyRelease(std::string_view when) {
  try {
    Verifier(*this, when, /*paths=*/false, /*roots_only=*/true).RunRoots();
    return;
  } catch (const Verifier::NeedPaths&) {
  }
  Verifier(*this, when, /*paths=*/true, /*roots_only=*/true).RunRoots();
  throw HeapFault{"heap verifier (" + std::string(when) +
                  "): a violation that a second run did not find"};
}

}  // namespace tern::heap
