#include "runtime/bump_arena.h"

#include <cstdint>

namespace tern {

void* BumpArena::Allocate(size_t size, size_t align) {
  auto at = reinterpret_cast<uintptr_t>(next_);
  uintptr_t aligned = (at + align - 1) & ~(uintptr_t{align} - 1);
  if (next_ != nullptr && aligned + size <= reinterpret_cast<uintptr_t>(end_)) {
    next_ = reinterpret_cast<char*>(aligned + size);
    return reinterpret_cast<char*>(aligned);
  }
  // A large request gets a chunk of its own, so the current chunk's free
  // tail is not abandoned for it.
  if (size > kMaxChunk / 4) {
    chunks_.push_back(std::make_unique_for_overwrite<char[]>(size));
    reserved_ += size;
    return chunks_.back().get();
  }
  const size_t chunk = next_chunk_;
  if (next_chunk_ < kMaxChunk) next_chunk_ *= 2;
  // new[] aligns to 16.
  chunks_.push_back(std::make_unique_for_overwrite<char[]>(chunk));
  reserved_ += chunk;
  next_ = chunks_.back().get() + size;
  end_ = chunks_.back().get() + chunk;
  return chunks_.back().get();
}

}  // namespace tern
