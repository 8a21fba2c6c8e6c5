#include "runtime/interp/region.h"

namespace tern::interp {

Regions::Regions() {
  all_.push_back(std::make_unique<Region>(0, nullptr));
  live_.push_back(all_.back().get());
}

void Regions::Enter(const Expr* block) {
  auto depth = static_cast<uint32_t>(live_.size());
  all_.push_back(std::make_unique<Region>(depth, block));
  live_.push_back(all_.back().get());
}

void Regions::Exit() {
  Region* r = live_.back();
  live_.pop_back();
  r->alive = false;
  for (auto& obj : r->objects) obj->ReleasePayload();
  // A region that allocated nothing has no tombstone pointing at it: drop it
  // so that a loop entering an arena does not accumulate empty regions.
  if (r->objects.empty() && all_.back().get() == r) all_.pop_back();
}

}  // namespace tern::interp
