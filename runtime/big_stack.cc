#include "runtime/big_stack.h"

#include <sys/mman.h>
#include <unistd.h>

#if !defined(__x86_64__)
#include <ucontext.h>
#endif

#include <cerrno>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <vector>

#if defined(__has_feature)
#if __has_feature(address_sanitizer)
#define TERN_BIG_STACK_ASAN 1
#include <sanitizer/common_interface_defs.h>
#endif
#endif

namespace tern {
namespace {

// Pages of the stack deeper than this below its top are given back to the
// system after every run: a deep run does not keep hundreds of MiB
// resident, while the few pages a typical run touches stay mapped for the
// next one (no page faults, no zeroing).
constexpr size_t kKeepResident = size_t{8} << 20;

[[noreturn, maybe_unused]] void Die(const char* what, int err) {
  std::fprintf(stderr, "internal fault: %s failed (%d)\n", what, err);
  std::abort();
}

std::string CannotReserve(size_t bytes, int err) {
  return "cannot reserve " + std::to_string(bytes >> 20) +
         " MiB of stack for the run: " + std::strerror(err);
}

size_t PageSize() { return static_cast<size_t>(::sysconf(_SC_PAGESIZE)); }

// The resident pages of [base, base + bytes), in bytes.
size_t Touched(void* base, size_t bytes) {
  const size_t page = PageSize();
  std::vector<unsigned char> resident((bytes + page - 1) / page);
  if (::mincore(base, bytes, resident.data()) != 0) return 0;
  size_t n = 0;
  for (unsigned char r : resident) n += r & 1;
  return n * page;
}

// Gives the pages of [base, end) back (they read as zero if touched again).
void Drop(char* base, char* end) {
  if (end > base) ::madvise(base, static_cast<size_t>(end - base), MADV_DONTNEED);
}

#if defined(__x86_64__)
// Calls entry(arg) with the stack pointer at `top` (16-byte aligned) and
// restores the caller's on return: a switch of stacks is two instructions,
// where swapcontext costs two sigprocmask system calls (and, under ASan,
// clears the shadow of the whole 512 MiB stack and warns).
__attribute__((noinline)) void CallOnStack(char* top, void (*entry)(void*),
                                           void* arg) {
  // The caller's stack pointer is kept in rbx (callee-saved, so `entry`
  // preserves it); every register a call may change is clobbered.
  asm volatile(
      "movq %%rsp, %%rbx\n\t"
      "movq %[top], %%rsp\n\t"
      "callq *%[entry]\n\t"
      "movq %%rbx, %%rsp\n\t"
      : [top] "+r"(top), [entry] "+r"(entry), "+D"(arg)
      :
      : "rbx", "rax", "rcx", "rdx", "rsi", "r8", "r9", "r10", "r11", "xmm0",
        "xmm1", "xmm2", "xmm3", "xmm4", "xmm5", "xmm6", "xmm7", "xmm8", "xmm9",
        "xmm10", "xmm11", "xmm12", "xmm13", "xmm14", "xmm15", "st", "st(1)",
        "st(2)", "st(3)", "st(4)", "st(5)", "st(6)", "st(7)", "memory", "cc");
}
#else
// Elsewhere, a ucontext fiber does the same, at the cost of a sigprocmask
// call each way.
void CallOnStack(char* top, void (*entry)(void*), void* arg, size_t bytes) {
  struct Call {
    void (*entry)(void*);
    void* arg;
    ucontext_t caller;
  };
  static thread_local Call* current = nullptr;
  Call call{entry, arg, {}};
  Call* const outer = current;
  current = &call;
  ucontext_t fiber{};
  if (::getcontext(&fiber) != 0) Die("getcontext", errno);
  fiber.uc_stack.ss_sp = top - bytes;
  fiber.uc_stack.ss_size = bytes;
  fiber.uc_link = &call.caller;
  ::makecontext(
      &fiber, +[] { current->entry(current->arg); }, 0);
  if (::swapcontext(&call.caller, &fiber) != 0) Die("swapcontext", errno);
  current = outer;
}
#endif

// A big stack that runs are switched onto on the calling thread itself, kept
// for the thread's next run. A worker thread per calling thread did the
// same with a futex wake-up and two context switches per run. The run gets
// the whole `bytes` below its entry frame, as on a thread of its own, and
// it sees the calling thread's thread_locals.
class Fiber {
 public:
  // Throws StackReservationError when the stack cannot be mapped.
  explicit Fiber(size_t bytes) : bytes_(bytes) {
    // MAP_NORESERVE: only the touched pages are committed.
    void* stack = ::mmap(nullptr, bytes, PROT_READ | PROT_WRITE,
                         MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE | MAP_STACK,
                         -1, 0);
    if (stack == MAP_FAILED) {
      throw StackReservationError(CannotReserve(bytes, errno));
    }
    stack_ = static_cast<char*>(stack);
  }

  ~Fiber() { ::munmap(stack_, bytes_); }

  Fiber(const Fiber&) = delete;
  Fiber& operator=(const Fiber&) = delete;

  size_t bytes() const { return bytes_; }

  void Run(const std::function<void()>& fn, size_t* touched) {
    // A measured run starts from an untouched stack, as on a new thread.
    if (touched != nullptr) Drop(stack_, stack_ + bytes_);
    job_ = &fn;
#ifdef TERN_BIG_STACK_ASAN
    void* fake_stack = nullptr;
    __sanitizer_start_switch_fiber(&fake_stack, stack_, bytes_);
#endif
#if defined(__x86_64__)
    CallOnStack(stack_ + bytes_, &Fiber::Entry, this);
#else
    CallOnStack(stack_ + bytes_, &Fiber::Entry, this, bytes_);
#endif
#ifdef TERN_BIG_STACK_ASAN
    __sanitizer_finish_switch_fiber(fake_stack, nullptr, nullptr);
#endif
    job_ = nullptr;
    if (touched != nullptr) *touched = Touched(stack_, bytes_);
    char* const keep =
        stack_ + (bytes_ > kKeepResident ? bytes_ - kKeepResident : 0);
    if (touched != nullptr || WentBelow(keep)) Drop(stack_, keep);
  }

 private:
  // An exception escaping the job terminates (noexcept), as on a new thread.
  static void Entry(void* arg) noexcept {
    auto* self = static_cast<Fiber*>(arg);
#ifdef TERN_BIG_STACK_ASAN
    const void* caller_bottom = nullptr;
    size_t caller_size = 0;
    __sanitizer_finish_switch_fiber(nullptr, &caller_bottom, &caller_size);
#endif
    (*self->job_)();
#ifdef TERN_BIG_STACK_ASAN
    // This fiber's frames are dead once it returns (nullptr: no fake stack
    // to keep), and the next run starts it afresh.
    __sanitizer_start_switch_fiber(nullptr, caller_bottom, caller_size);
#endif
  }

  // Whether the run touched the pages just below `keep`, as a run deeper
  // than `keep` does on its way down (its frames are far smaller than the
  // window). Most runs are shallow, and a mincore of the window costs far
  // less than an madvise over the hundreds of MiB below `keep`, which walks
  // their page tables (1% of a fuzz target's time).
  bool WentBelow(char* keep) const {
    constexpr size_t kWindow = size_t{64} << 10;
    const size_t page = PageSize();
    if (keep < stack_ + kWindow || kWindow / page > 64) return keep > stack_;
    unsigned char resident[64];
    if (::mincore(keep - kWindow, kWindow, resident) != 0) return true;
    for (size_t i = 0; i < kWindow / page; ++i) {
      if (resident[i] & 1) return true;
    }
    return false;
  }

  const size_t bytes_;
  char* stack_ = nullptr;
  const std::function<void()>* job_ = nullptr;
};

// The calling thread's fibers, one per nesting level of RunOnBigStack (a
// run may itself run on a big stack): made on first use, replaced when a
// run asks for another stack size, unmapped when the thread ends. A forked
// child's copy needs nothing: the fibers are memory of its own thread.
struct ThreadFibers {
  std::vector<std::unique_ptr<Fiber>> levels;
  size_t active = 0;
};

}  // namespace

void RunOnBigStack(const std::function<void()>& fn, size_t bytes,
                   size_t* touched) {
  thread_local ThreadFibers mine;
  const size_t level = mine.active;
  if (mine.levels.size() <= level) mine.levels.resize(level + 1);
  std::unique_ptr<Fiber>& fiber = mine.levels[level];
  if (!fiber || fiber->bytes() != bytes) {
    fiber.reset();
    fiber = std::make_unique<Fiber>(bytes);
  }
  ++mine.active;
  fiber->Run(fn, touched);
  --mine.active;
}

}  // namespace tern
