#ifndef TERN_RUNTIME_HEAP_OBJECT_H_
#define TERN_RUNTIME_HEAP_OBJECT_H_

// The 8-byte header every heap and arena object starts with.
//
//   byte 0     ObjType (or an internal cell kind, below)
//   byte 1     flags: kMarkBit while a collection runs, kVisitedBit while
//              the verifier runs; in the generational mode kOldBit (the
//              sticky mark: the object survived a collection) and
//              kRememberedBit (the object is in the remembered set; an
//              arena object: in its arena's recorded list),
//              kCardsBit (its store has dirty cards: card_table.h);
//              kCheckedBit once the verifier has checked the object
//   bytes 2..3 region: 0 = the GC heap, k >= 1 = the arena at run-time
//              nesting depth k
//   bytes 4..7 size: the object's logical size in bytes (header included,
//              allocator rounding excluded); backing stores count separately

#include <cstdint>

namespace tern::heap {

enum class ObjType : uint8_t { kStr, kVec, kMap, kClosure };

// Internal cell kinds, never seen through a Value: the growable backing
// store of a vector or map, and (verify builds) a freed cell.
inline constexpr uint8_t kBufferKind = 0x10;
inline constexpr uint8_t kFreeKind = 0xFE;

enum ObjFlags : uint8_t {
  kMarkBit = 1 << 0,
  kOldBit = 1 << 1,         // gen mode: survived a collection (sticky)
  kRememberedBit = 1 << 2,  // gen mode: in the remembered set; on an
                            // arena object: in its arena's recorded list
                            // (it may hold a GC-heap reference)
  kCardsBit = 1 << 3,       // gen mode: in the dirty-card list (its large
                            // store has dirty cards)
  kCheckedBit = 1 << 4,     // GC-heap object the verifier has checked
                            // (kept across its runs; a new cell's header
                            // starts without it)
  kVisitedBit = 1 << 7,     // set only while the verifier runs
};

struct Object {
  ObjType type;
  uint8_t flags;
  uint16_t region;
  uint32_t size;

  uint8_t kind() const { return static_cast<uint8_t>(type); }
  bool marked() const { return (flags & kMarkBit) != 0; }
};

static_assert(sizeof(Object) == 8);

inline bool IsObjectKind(uint8_t kind) {
  return kind <= static_cast<uint8_t>(ObjType::kClosure);
}

// A vector's or map's storage: an 8-byte header (kind kBufferKind, the
// owner's region, the logical byte size) followed by the payload.
struct Buffer {
  Object header;
  void* payload() { return this + 1; }
  static Buffer* FromPayload(void* p) { return static_cast<Buffer*>(p) - 1; }
};

static_assert(sizeof(Buffer) == 8);

}  // namespace tern::heap

#endif  // TERN_RUNTIME_HEAP_OBJECT_H_
