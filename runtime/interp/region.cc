#include "runtime/interp/region.h"

namespace tern::interp {

void ObjectList::TakeAll(ObjectList* from) {
  if (from->empty()) return;
  head_.next = from->head_.next;
  head_.prev = from->head_.prev;
  head_.next->prev = &head_;
  head_.prev->next = &head_;
  from->head_.prev = from->head_.next = &from->head_;
}

void FreeObject(Object* o) noexcept { o->region->owner->Free(o); }

Regions::Regions(MemoryStats* report) : report_(report) {
  live_.reserve(8);  // the heap and a few nested arenas, without regrowth
  live_.push_back(new Region(this, 0, nullptr));
  stats_.regions = stats_.peak_regions = 1;
}

Regions::~Regions() {
  EndRun();
  if (report_ != nullptr) *report_ = stats_;
}

void Regions::EndRun() {
  // What is left is kept only by cycles, or by nothing (an object made but
  // never referenced, when an exception stopped the run).
  if (!live_.empty()) stats_.left_for_end = stats_.live;
  while (!live_.empty()) {
    Region* r = live_.back();
    live_.pop_back();
    r->alive = false;
    ReleaseAll(r);
    DropRegion(r);
  }
}

void Regions::Enter(const Expr* block) {
  auto depth = static_cast<uint32_t>(live_.size());
  live_.push_back(new Region(this, depth, block));
  if (++stats_.regions > stats_.peak_regions) {
    stats_.peak_regions = stats_.regions;
  }
}

void Regions::Exit() {
  Region* r = live_.back();
  live_.pop_back();
  r->alive = false;
  ReleaseAll(r);
  DropRegion(r);
}

void Regions::ReleaseAll(Region* r) noexcept {
  // Visit each object once: move them all aside, and put each back before
  // releasing its payload. Objects freed meanwhile unlink themselves from
  // whichever list holds them.
  ObjectList pending;
  pending.TakeAll(&r->objects);
  while (!pending.empty()) {
    Object* o = pending.front();
    ObjectList::Unlink(o);
    r->objects.PushBack(o);
    Retain(o);  // a pin: `o` outlives the release of its own payload
    ReleasePayload(o);
    Release(o);
  }
}

void Regions::DropRegion(Region* r) noexcept {
  if (--r->refs > 0) return;
  delete r;
  --stats_.regions;
}

void Regions::Free(Object* o) noexcept {
  ObjectList::Unlink(o);
  o->next = to_free_;
  to_free_ = o;
  if (freeing_) return;  // the loop below, further up the stack, frees it
  freeing_ = true;
  while (to_free_ != nullptr) {
    Object* next = to_free_;
    to_free_ = next->next;
    Region* r = next->region;
    // Releasing the payload may queue more objects, never recurse.
    DeleteObject(next);
    --stats_.live;
    DropRegion(r);
  }
  freeing_ = false;
}

}  // namespace tern::interp
