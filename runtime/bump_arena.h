#ifndef TERN_RUNTIME_BUMP_ARENA_H_
#define TERN_RUNTIME_BUMP_ARENA_H_

// A bump allocator for objects that live exactly as long as their owner (the
// nodes of a program tree): no per-object header, no per-object free, no
// destructor run. Only trivially destructible types may be placed in it.

#include <cstddef>
#include <memory>
#include <new>
#include <type_traits>
#include <utility>
#include <vector>

namespace tern {

class BumpArena {
 public:
  BumpArena() = default;
  BumpArena(const BumpArena&) = delete;
  BumpArena& operator=(const BumpArena&) = delete;

  // `size` bytes aligned to `align` (a power of two, at most 16). Throws
  // std::bad_alloc when the host is out of memory.
  void* Allocate(size_t size, size_t align);

  template <typename T, typename... Args>
  T* New(Args&&... args) {
    static_assert(std::is_trivially_destructible_v<T>);
    return new (Allocate(sizeof(T), alignof(T)))
        T(std::forward<Args>(args)...);
  }

  // Bytes obtained from the host so far (for tests and measurements).
  size_t reserved_bytes() const { return reserved_; }

 private:
  static constexpr size_t kFirstChunk = 4096;
  static constexpr size_t kMaxChunk = size_t{1} << 20;

  std::vector<std::unique_ptr<char[]>> chunks_;
  char* next_ = nullptr;
  char* end_ = nullptr;
  size_t next_chunk_ = kFirstChunk;
  size_t reserved_ = 0;
};

}  // namespace tern

#endif  // TERN_RUNTIME_BUMP_ARENA_H_
