#include "runtime/big_stack.h"

#include <pthread.h>
#include <sys/mman.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <condition_variable>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <mutex>
#include <vector>

namespace tern {
namespace {

// Pages of the stack deeper than this below its top are given back to the
// system after every run: a deep run does not keep hundreds of MiB
// resident, while the few pages a typical run touches stay mapped for the
// next one (no page faults, no zeroing).
constexpr size_t kKeepResident = size_t{8} << 20;
// Below the worker loop's frame, what its own calls (the wait, madvise)
// may use while pages under it are dropped.
constexpr size_t kLoopSlack = size_t{64} << 10;

[[noreturn]] void Die(const char* what, int err) {
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

// Bumped in a forked child: a worker thread of the parent does not exist
// there, so the child's workers are abandoned, never waited for.
std::atomic<uint64_t> fork_generation{0};

// One thread on a big stack, kept for the runs of the thread that made it:
// a run is handed to it and waited for, so `fn` runs on the same stack of
// the same size as on a thread of its own, without the thread creation,
// the mapping and (under ASan) the set-up and clearing of the shadow of
// the whole stack that each new thread costs.
class Worker {
 public:
  // Throws StackReservationError when the stack cannot be mapped or the
  // thread cannot start.
  explicit Worker(size_t bytes) : bytes_(bytes) {
    // The stack is mapped here rather than by pthread, so that a failed
    // reservation is reported as such (and its use can be measured).
    void* stack = ::mmap(nullptr, bytes, PROT_READ | PROT_WRITE,
                         MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE | MAP_STACK,
                         -1, 0);
    if (stack == MAP_FAILED) {
      throw StackReservationError(CannotReserve(bytes, errno));
    }
    stack_ = static_cast<char*>(stack);
    pthread_attr_t attr;
    if (int e = pthread_attr_init(&attr)) Die("pthread_attr_init", e);
    if (int e = pthread_attr_setstack(&attr, stack_, bytes)) {
      Die("pthread_attr_setstack", e);
    }
    int e = pthread_create(&thread_, &attr, &Worker::Main, this);
    pthread_attr_destroy(&attr);
    if (e != 0) {
      ::munmap(stack_, bytes_);
      throw StackReservationError(CannotReserve(bytes, e));
    }
  }

  ~Worker() {
    {
      std::lock_guard<std::mutex> lock(mu_);
      quit_ = true;
    }
    wake_.notify_one();
    if (int j = pthread_join(thread_, nullptr)) Die("pthread_join", j);
    ::munmap(stack_, bytes_);
  }

  Worker(const Worker&) = delete;
  Worker& operator=(const Worker&) = delete;

  size_t bytes() const { return bytes_; }
  uint64_t generation() const { return generation_; }

  void Run(const std::function<void()>& fn, size_t* touched) {
    std::unique_lock<std::mutex> lock(mu_);
    job_ = &fn;
    touched_ = touched;
    wake_.notify_one();
    done_.wait(lock, [this] { return job_ == nullptr; });
  }

 private:
  static void* Main(void* self) {
    static_cast<Worker*>(self)->Loop();
    return nullptr;
  }

  void Loop() {
    // Everything below this frame (less the slack its own calls use) is
    // dead between runs. The frame address, not a local's: under ASan a
    // local may live on a fake stack.
    char* const live = static_cast<char*>(__builtin_frame_address(0));
    const size_t page = PageSize();
    char* const floor = reinterpret_cast<char*>(
        (reinterpret_cast<uintptr_t>(live) - kLoopSlack) & ~(page - 1));
    char* const keep = stack_ + (bytes_ > kKeepResident ? bytes_ - kKeepResident : 0);
    std::unique_lock<std::mutex> lock(mu_);
    for (;;) {
      wake_.wait(lock, [this] { return job_ != nullptr || quit_; });
      if (quit_) return;
      const std::function<void()>* job = job_;
      size_t* touched = touched_;
      lock.unlock();
      // A measured run starts from an untouched stack, as on a new thread.
      if (touched != nullptr) Drop(stack_, floor);
      (*job)();  // an exception escaping it terminates, as on a new thread
      if (touched != nullptr) *touched = Touched(stack_, bytes_);
      Drop(stack_, std::min(keep, floor));
      lock.lock();
      job_ = nullptr;
      touched_ = nullptr;
      done_.notify_one();
    }
  }

  const size_t bytes_;
  const uint64_t generation_ = fork_generation.load();
  char* stack_ = nullptr;
  pthread_t thread_{};
  std::mutex mu_;
  std::condition_variable wake_;  // a job or quit_ for the worker
  std::condition_variable done_;  // the job ran
  const std::function<void()>* job_ = nullptr;
  size_t* touched_ = nullptr;
  bool quit_ = false;
};

// The calling thread's worker: made on first use, replaced when a run asks
// for another stack size, joined when the calling thread ends.
struct ThreadWorker {
  std::unique_ptr<Worker> worker;
  // A forked child's copy of a parent's worker has no thread to join, and
  // its lock and condition variables may be mid-use: it is kept as it is
  // (reachable, so not a leak), never destroyed.
  void AbandonIfForked() {
    if (!worker || worker->generation() == fork_generation.load()) return;
    static auto* abandoned = new std::vector<Worker*>;
    abandoned->push_back(worker.release());
  }
  ~ThreadWorker() { AbandonIfForked(); }
};

void OnForkChild() { fork_generation.fetch_add(1); }

Worker& WorkerFor(size_t bytes) {
  static const bool registered = [] {
    if (int e = pthread_atfork(nullptr, nullptr, &OnForkChild)) {
      Die("pthread_atfork", e);
    }
    return true;
  }();
  (void)registered;
  thread_local ThreadWorker mine;
  mine.AbandonIfForked();
  if (!mine.worker || mine.worker->bytes() != bytes) {
    mine.worker.reset();
    mine.worker = std::make_unique<Worker>(bytes);
  }
  return *mine.worker;
}

}  // namespace

void RunOnBigStack(const std::function<void()>& fn, size_t bytes,
                   size_t* touched) {
  WorkerFor(bytes).Run(fn, touched);
}

}  // namespace tern
