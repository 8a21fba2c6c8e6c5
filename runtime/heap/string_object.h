#ifndef TERN_RUNTIME_HEAP_STRING_OBJECT_H_
#define TERN_RUNTIME_HEAP_STRING_OBJECT_H_

// A heap string: immutable bytes stored right after a 16-byte prefix.
// Strings of at most Value::kMaxShortString bytes are always ShortStr values
// (Heap::MakeString picks), so one string never has two representations.

#include <cstdint>
#include <string_view>

#include "runtime/heap/object.h"
#include "runtime/heap/value.h"

namespace tern::heap {

struct StrObj {
  Object header;
  uint32_t length;
  // Content hash, computed on first use as a map key; 0 = not yet.
  mutable uint32_t hash;

  const char* chars() const { return reinterpret_cast<const char*>(this + 1); }
  char* chars() { return reinterpret_cast<char*>(this + 1); }
  std::string_view bytes() const { return std::string_view(chars(), length); }

  static constexpr uint32_t SizeFor(uint32_t length) {
    return static_cast<uint32_t>(sizeof(StrObj)) + length;
  }
};

static_assert(sizeof(StrObj) == 16);

// The bytes of either kind of string (precondition: v.is_string()). For a
// short string the view points INTO v.
inline std::string_view StringBytes(const Value& v) {
  return v.tag() == Tag::kShortStr ? v.short_str() : v.as_str()->bytes();
}

// splitmix64's finaliser: spreads nearby words over all bits.
inline uint64_t HashMix(uint64_t x) {
  x ^= x >> 30;
  x *= 0xbf58476d1ce4e5b9ULL;
  x ^= x >> 27;
  x *= 0x94d049bb133111ebULL;
  return x ^ (x >> 31);
}

// Deterministic content hash (no seed): the same bytes give the same hash
// in every run, whichever representation holds them.
uint64_t HashBytes(std::string_view bytes);

}  // namespace tern::heap

#endif  // TERN_RUNTIME_HEAP_STRING_OBJECT_H_
