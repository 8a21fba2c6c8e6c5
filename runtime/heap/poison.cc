#include "runtime/heap/poison.h"

namespace tern::heap {
namespace {

constexpr size_t kBlock = 4096;

struct FilledBlock {
  unsigned char bytes[kBlock];
  FilledBlock() { std::memset(bytes, kFillByte, kBlock); }
};

}  // namespace

bool IsFilled(const void* p, size_t n) {
  static const FilledBlock block;
  const unsigned char* b = static_cast<const unsigned char*>(p);
  while (n > 0) {
    size_t k = n < kBlock ? n : kBlock;
    if (std::memcmp(b, block.bytes, k) != 0) return false;
    b += k;
    n -= k;
  }
  return true;
}

}  // namespace tern::heap
