#ifndef TERN_RUNTIME_BIG_STACK_H_
#define TERN_RUNTIME_BIG_STACK_H_

#include <cstddef>
#include <functional>
#include <new>
#include <string>

namespace tern {

// Tree-walking code recurses once per nesting level and per user call
// (256 levels x 1000 calls), beyond a default 8 MiB thread stack, especially
// under ASan. Runs `fn` to completion on a stack that reserves `bytes` (only
// touched pages are committed), on the calling thread: the caller's stack is
// switched for the big one and back (a ucontext fiber; annotated for ASan).
//
// The stack is kept for the calling thread's next run (the fuzz targets run
// thousands of programs a second; a new mapping per run costs page faults,
// and a worker thread's hand-off a futex wake-up and two context switches):
// every run still gets the whole `bytes` below its entry frame, and after
// each run the pages deeper than a few MiB are given back, so a deep run
// does not keep its stack resident. Nested calls get a stack of their own.
//
// The default is sized from a measurement: the deepest program the limits
// allow (1000 nested calls, each inside 250 nested forms; the `deep` case of
// tests/tools/tern_cli_test.sh) touches about 117 MiB of stack in the plain
// build and 195 MiB under ASan; 512 MiB leaves room for both, and fits in a
// 2 GB address-space limit with the heap.
inline constexpr size_t kBigStackBytes = size_t{512} << 20;

// Thrown when the stack cannot be reserved (address space limit, `ulimit
// -v`): the host lacks a resource, as with std::bad_alloc.
class StackReservationError : public std::bad_alloc {
 public:
  explicit StackReservationError(std::string message)
      : message_(std::move(message)) {}
  const char* what() const noexcept override { return message_.c_str(); }

 private:
  std::string message_;
};

// If `touched` is set, it receives how many bytes of the stack `fn` used
// (the pages it touched).
void RunOnBigStack(const std::function<void()>& fn,
                   size_t bytes = kBigStackBytes, size_t* touched = nullptr);

}  // namespace tern

#endif  // TERN_RUNTIME_BIG_STACK_H_
