#include "runtime/big_stack.h"

#include <pthread.h>

#include <cstdio>
#include <cstdlib>

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

}  // namespace

void RunOnBigStack(const std::function<void()>& fn, size_t bytes) {
  pthread_attr_t attr;
  if (int e = pthread_attr_init(&attr)) Die("pthread_attr_init", e);
  if (int e = pthread_attr_setstacksize(&attr, bytes)) {
    Die("pthread_attr_setstacksize", e);
  }
  pthread_t thread;
  // The callable outlives the thread: we join before returning.
  if (int e = pthread_create(&thread, &attr, Trampoline,
                             const_cast<std::function<void()>*>(&fn))) {
    Die("pthread_create", e);
  }
  pthread_attr_destroy(&attr);
  if (int e = pthread_join(thread, nullptr)) Die("pthread_join", e);
}

}  // namespace tern
