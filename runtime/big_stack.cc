#include "runtime/big_stack.h"

#include <pthread.h>
#include <sys/mman.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <vector>

namespace tern {
namespace {

void* Trampoline(void* arg) {
  (*static_cast<const std::function<void()>*>(arg))();
  return nullptr;
}

[[noreturn]] void Die(const char* what, int err) {
  std::fprintf(stderr, "internal fault: %s failed (%d)\n", what, err);
  std::abort();
}

std::string CannotReserve(size_t bytes, int err) {
  return "cannot reserve " + std::to_string(bytes >> 20) +
         " MiB of stack for the run: " + std::strerror(err);
}

// The resident pages of [base, base + bytes), in bytes.
size_t Touched(void* base, size_t bytes) {
  const size_t page = static_cast<size_t>(::sysconf(_SC_PAGESIZE));
  std::vector<unsigned char> resident((bytes + page - 1) / page);
  if (::mincore(base, bytes, resident.data()) != 0) return 0;
  size_t n = 0;
  for (unsigned char r : resident) n += r & 1;
  return n * page;
}

}  // namespace

void RunOnBigStack(const std::function<void()>& fn, size_t bytes,
                   size_t* touched) {
  // The stack is mapped here rather than by pthread, so that a failed
  // reservation is reported as such (and its use can be measured).
  void* stack = ::mmap(nullptr, bytes, PROT_READ | PROT_WRITE,
                       MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE | MAP_STACK,
                       -1, 0);
  if (stack == MAP_FAILED) throw StackReservationError(CannotReserve(bytes, errno));
  pthread_attr_t attr;
  if (int e = pthread_attr_init(&attr)) Die("pthread_attr_init", e);
  if (int e = pthread_attr_setstack(&attr, stack, bytes)) {
    Die("pthread_attr_setstack", e);
  }
  pthread_t thread;
  // The callable outlives the thread: we join before returning.
  int e = pthread_create(&thread, &attr, Trampoline,
                         const_cast<std::function<void()>*>(&fn));
  pthread_attr_destroy(&attr);
  if (e != 0) {
    ::munmap(stack, bytes);
    throw StackReservationError(CannotReserve(bytes, e));
  }
  if (int j = pthread_join(thread, nullptr)) Die("pthread_join", j);
  if (touched != nullptr) *touched = Touched(stack, bytes);
  ::munmap(stack, bytes);
}

}  // namespace tern
