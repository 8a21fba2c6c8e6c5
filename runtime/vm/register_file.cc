#include "runtime/vm/register_file.h"

#include <sys/mman.h>

#include <cstring>
#include <new>

namespace tern::vm {

// Fresh anonymous pages read as zero bytes, and a zero Value is null.
static_assert(static_cast<int>(heap::Tag::kNull) == 0);

RegisterFile::~RegisterFile() {
  if (values_ != nullptr) munmap(values_, size_ * sizeof(heap::Value));
}

void RegisterFile::Reserve(size_t n, size_t keep) {
  if (n <= size_) return;
  const size_t bytes = n * sizeof(heap::Value);
  // MAP_NORESERVE: no swap is set aside for the untouched part.
  void* p = mmap(nullptr, bytes, PROT_READ | PROT_WRITE,
                 MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
  if (p == MAP_FAILED) throw std::bad_alloc();
  auto* values = static_cast<heap::Value*>(p);
  if (values_ != nullptr) {
    std::memcpy(static_cast<void*>(values), values_,
                keep * sizeof(heap::Value));
    munmap(values_, size_ * sizeof(heap::Value));
  }
  values_ = values;
  size_ = n;
}

}  // namespace tern::vm
