#ifndef TERN_RUNTIME_HEAP_POISON_H_
#define TERN_RUNTIME_HEAP_POISON_H_

// Making stale memory loud. Under AddressSanitizer, freed heap cells, the
// red zone after each arena object and ended arena chunks are poisoned with
// the manual interface, so a stale access is reported at the faulting
// instruction. Without ASan, a heap created with `verify` fills the same
// memory with kFillByte, and the verifier checks that it stayed so.

#include <cstddef>
#include <cstdint>
#include <cstring>

#if defined(__has_feature)
#if __has_feature(address_sanitizer)
#define TERN_HEAP_ASAN 1
#endif
#endif
#if !defined(TERN_HEAP_ASAN) && defined(__SANITIZE_ADDRESS__)
#define TERN_HEAP_ASAN 1
#endif

#if defined(TERN_HEAP_ASAN)
#include <sanitizer/asan_interface.h>
#endif

namespace tern::heap {

inline constexpr unsigned char kFillByte = 0xDB;

#if defined(TERN_HEAP_ASAN)
inline constexpr bool kAsan = true;
inline void Poison(void* p, size_t n) { ASAN_POISON_MEMORY_REGION(p, n); }
inline void Unpoison(void* p, size_t n) { ASAN_UNPOISON_MEMORY_REGION(p, n); }
inline bool IsPoisoned(const void* p) {
  return __asan_address_is_poisoned(p) != 0;
}
#else
inline constexpr bool kAsan = false;
inline void Poison(void*, size_t) {}
inline void Unpoison(void*, size_t) {}
inline bool IsPoisoned(const void*) { return false; }
#endif

// Without ASan, the fill pattern stands in for poison (verify heaps only).
inline void Fill(void* p, size_t n) { std::memset(p, kFillByte, n); }

// Whether [p, p+n) still holds the fill pattern (memcmp against a filled
// block: the verifier checks whole chunks, also in unoptimised builds).
bool IsFilled(const void* p, size_t n);

}  // namespace tern::heap

#endif  // TERN_RUNTIME_HEAP_POISON_H_
