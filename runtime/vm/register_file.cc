#include "runtime/vm/register_file.h"

#include <sys/mman.h>
#include <unistd.h>

#include <algorithm>
#include <cstring>
#include <new>

namespace tern::vm {

// Fresh anonymous pages read as zero bytes, and a zero Value is null.
static_assert(static_cast<int>(heap::Tag::kNull) == 0);

namespace {

size_t PageSize() {
  static const size_t page = static_cast<size_t>(::sysconf(_SC_PAGESIZE));
  return page;
}

// Nulls a released mapping: the resident pages of its first
// kKeepResidentBytes are cleared in place, every page beyond is dropped.
void Clean(void* base, size_t bytes) {
  const size_t page = PageSize();
  const size_t keep =
      std::min(bytes, RegisterFile::kKeepResidentBytes) / page * page;
  char* p = static_cast<char*>(base);
  unsigned char resident[RegisterFile::kKeepResidentBytes / 4096 + 1];
  if (keep / page <= sizeof resident && ::mincore(p, keep, resident) == 0) {
    for (size_t i = 0; i < keep / page; ++i) {
      if (resident[i] & 1) std::memset(p + i * page, 0, page);
    }
  } else {
    std::memset(p, 0, keep);
  }
  // MADV_DONTNEED on private anonymous memory: touched again, the pages
  // read as zero.
  if (bytes > keep && ::madvise(p + keep, bytes - keep, MADV_DONTNEED) != 0) {
    std::memset(p + keep, 0, bytes - keep);
  }
}

// This thread's spare reservation (clean), kept between runs. A forked
// child inherits a private copy of it, which is as clean as the parent's.
struct Spare {
  void* base = nullptr;
  size_t bytes = 0;
  ~Spare() {
    if (base != nullptr) ::munmap(base, bytes);
  }
};
thread_local Spare spare;

// A clean mapping of at least `bytes`: the spare if it is large enough.
void* Acquire(size_t* bytes) {
  if (spare.base != nullptr && spare.bytes >= *bytes) {
    void* p = spare.base;
    *bytes = spare.bytes;
    spare.base = nullptr;
    spare.bytes = 0;
    return p;
  }
  // MAP_NORESERVE: no swap is set aside for the untouched part.
  void* p = ::mmap(nullptr, *bytes, PROT_READ | PROT_WRITE,
                   MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
  if (p == MAP_FAILED) throw std::bad_alloc();
  return p;
}

// Cleans a mapping and keeps it as the spare, unless the spare is larger.
void Release(void* base, size_t bytes) {
  if (spare.base != nullptr && spare.bytes >= bytes) {
    ::munmap(base, bytes);
    return;
  }
  Clean(base, bytes);
  if (spare.base != nullptr) ::munmap(spare.base, spare.bytes);
  spare.base = base;
  spare.bytes = bytes;
}

}  // namespace

RegisterFile::~RegisterFile() {
  if (values_ != nullptr) Release(values_, size_ * sizeof(heap::Value));
}

void RegisterFile::Reserve(size_t n, size_t keep) {
  if (n <= size_) return;
  size_t bytes = n * sizeof(heap::Value);
  auto* values = static_cast<heap::Value*>(Acquire(&bytes));
  if (values_ != nullptr) {
    std::memcpy(static_cast<void*>(values), values_,
                keep * sizeof(heap::Value));
    Release(values_, size_ * sizeof(heap::Value));
  }
  values_ = values;
  size_ = bytes / sizeof(heap::Value);
}

}  // namespace tern::vm
