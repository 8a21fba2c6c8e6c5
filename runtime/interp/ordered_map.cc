#include "runtime/interp/ordered_map.h"

#include <functional>
#include <string_view>

#include "runtime/interp/object.h"

namespace tern::interp {
namespace {

// splitmix64's finaliser: spreads nearby ints over the buckets.
uint64_t Mix(uint64_t x) {
  x ^= x >> 30;
  x *= 0xbf58476d1ce4e5b9ULL;
  x ^= x >> 27;
  x *= 0x94d049bb133111ebULL;
  return x ^ (x >> 31);
}

constexpr size_t kMinErasedToCompact = 16;

}  // namespace

size_t OrderedMap::KeyHash::operator()(const Value& key) const {
  switch (key.tag) {
    case Tag::kInt: return Mix(static_cast<uint64_t>(key.i));
    case Tag::kBool: return Mix(0x9e3779b97f4a7c15ULL + (key.b ? 1 : 0));
    case Tag::kStr: return std::hash<std::string_view>()(key.str()->bytes);
    default: return 0;  // not a key type; callers never pass one
  }
}

bool OrderedMap::KeyEq::operator()(const Value& a, const Value& b) const {
  if (a.tag != b.tag) return false;
  switch (a.tag) {
    case Tag::kInt: return a.i == b.i;
    case Tag::kBool: return a.b == b.b;
    case Tag::kStr: return a.str()->bytes == b.str()->bytes;
    default: return false;
  }
}

bool OrderedMap::Get(const Value& key, Value* value) const {
  auto it = index_.find(key);
  if (it == index_.end()) return false;
  *value = slots_[it->second].value;
  return true;
}

bool OrderedMap::Contains(const Value& key) const {
  return index_.contains(key);
}

void OrderedMap::Put(const Value& key, const Value& value) {
  auto [it, inserted] =
      index_.try_emplace(key, static_cast<uint32_t>(slots_.size()));
  if (!inserted) {
    slots_[it->second].value = value;
    return;
  }
  slots_.push_back(Slot{key, value, true});
  ++live_;
}

bool OrderedMap::Erase(const Value& key) {
  auto it = index_.find(key);
  if (it == index_.end()) return false;
  Slot& slot = slots_[it->second];
  slot.live = false;
  // Drop the references so the slot keeps nothing reachable.
  slot.key = Value();
  slot.value = Value();
  index_.erase(it);
  --live_;
  CompactIfSparse();
  return true;
}

void OrderedMap::CompactIfSparse() {
  size_t erased = slots_.size() - live_;
  if (erased < kMinErasedToCompact || erased <= live_) return;
  std::vector<Slot> kept;
  kept.reserve(live_);
  for (const Slot& s : slots_) {
    if (s.live) kept.push_back(s);
  }
  slots_ = std::move(kept);
  for (uint32_t i = 0; i < slots_.size(); ++i) index_[slots_[i].key] = i;
}

void OrderedMap::Release() {
  std::vector<Slot>().swap(slots_);
  std::unordered_map<Value, uint32_t, KeyHash, KeyEq>().swap(index_);
  live_ = 0;
}

}  // namespace tern::interp
