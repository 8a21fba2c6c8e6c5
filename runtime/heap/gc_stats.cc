#include "runtime/heap/gc_stats.h"

#include <algorithm>
#include <bit>
#include <cmath>
#include <cstdio>

namespace tern::heap {

int PauseHistogram::BucketOf(uint64_t ns) {
  if (ns < 2 * kSub) return static_cast<int>(ns);
  int e = 63 - std::countl_zero(ns);  // 2^e <= ns < 2^(e+1), e >= 4
  int sub = static_cast<int>((ns >> (e - 3)) & (kSub - 1));
  return 2 * kSub + (e - 4) * kSub + sub;
}

uint64_t PauseHistogram::UpperBound(int bucket) {
  if (bucket < 2 * kSub) return static_cast<uint64_t>(bucket);
  int e = (bucket - 2 * kSub) / kSub + 4;
  uint64_t sub = static_cast<uint64_t>((bucket - 2 * kSub) % kSub);
  uint64_t low = (uint64_t{1} << e) + (sub << (e - 3));
  return low + (uint64_t{1} << (e - 3)) - 1;
}

void PauseHistogram::Add(uint64_t ns) {
  ++buckets_[static_cast<size_t>(BucketOf(ns))];
  ++count_;
  max_ = std::max(max_, ns);
}

uint64_t PauseHistogram::Percentile(double p) const {
  if (count_ == 0) return 0;
  uint64_t rank = static_cast<uint64_t>(std::ceil(p * static_cast<double>(count_)));
  rank = std::clamp<uint64_t>(rank, 1, count_);
  uint64_t seen = 0;
  for (int b = 0; b < kBuckets; ++b) {
    seen += buckets_[static_cast<size_t>(b)];
    if (seen >= rank) return std::min(UpperBound(b), max_);
  }
  return max_;
}

namespace {

std::string PauseLine(const char* name, const PauseHistogram& h) {
  char buf[200];
  std::snprintf(buf, sizeof buf,
                "gc: %s pauses: p50 %.3f ms, p99 %.3f ms, max %.3f ms\n", name,
                static_cast<double>(h.Percentile(0.5)) / 1e6,
                static_cast<double>(h.Percentile(0.99)) / 1e6,
                static_cast<double>(h.max()) / 1e6);
  return buf;
}

}  // namespace

std::string FormatGcStats(const GcStats& s) {
  char buf[768];
  std::snprintf(
      buf, sizeof buf,
      "gc: collections %llu (minor %llu, full %llu), pause total %.3f ms, "
      "longest %.3f ms; thread cpu %.3f ms\n"
      "gc: allocated %llu objects, %llu bytes; peak live %llu bytes, peak "
      "heap %llu bytes\n"
      "gc: promoted %llu bytes; remembered %llu objects, largest remembered "
      "set %llu; cards dirtied %llu, card slots scanned %llu; largest "
      "nursery %llu bytes\n"
      "gc: arenas %llu, arena bytes %llu, peak arena chunks %llu bytes\n",
      static_cast<unsigned long long>(s.collections),
      static_cast<unsigned long long>(s.minor_collections),
      static_cast<unsigned long long>(s.full_collections),
      static_cast<double>(s.total_pause_ns) / 1e6,
      static_cast<double>(s.max_pause_ns) / 1e6,
      static_cast<double>(s.total_pause_cpu_ns) / 1e6,
      static_cast<unsigned long long>(s.objects_allocated),
      static_cast<unsigned long long>(s.bytes_allocated),
      static_cast<unsigned long long>(s.peak_live_bytes),
      static_cast<unsigned long long>(s.peak_heap_bytes),
      static_cast<unsigned long long>(s.promoted_bytes),
      static_cast<unsigned long long>(s.remembered),
      static_cast<unsigned long long>(s.peak_remembered_set),
      static_cast<unsigned long long>(s.cards_dirtied),
      static_cast<unsigned long long>(s.card_slots_scanned),
      static_cast<unsigned long long>(s.peak_nursery_bytes),
      static_cast<unsigned long long>(s.arenas_entered),
      static_cast<unsigned long long>(s.arena_bytes),
      static_cast<unsigned long long>(s.peak_arena_chunk_bytes));
  std::string out = buf;
  if (s.minor_collections > 0) {
    out += PauseLine("minor", s.minor_pauses);
    out += PauseLine("minor (thread cpu)", s.minor_cpu_pauses);
  }
  out += PauseLine("full", s.full_pauses);
  out += PauseLine("full (thread cpu)", s.full_cpu_pauses);
  return out;
}

}  // namespace tern::heap
