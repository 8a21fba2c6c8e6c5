#include "tools/flush_on_signal.h"

#include <pthread.h>
#include <signal.h>

#include <mutex>

namespace tern {
namespace {

std::mutex g_mu;
FdSink* g_sink = nullptr;  // guarded by g_mu

sigset_t Signals() {
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, SIGINT);
  sigaddset(&set, SIGTERM);
  return set;
}

void* WaitForSignal(void*) {
  const sigset_t set = Signals();
  int sig = 0;
  if (sigwait(&set, &sig) != 0) return nullptr;
  {
    std::lock_guard<std::mutex> lock(g_mu);
    if (g_sink != nullptr) g_sink->Flush();
  }
  // Die of the signal, as an uncaught one would.
  signal(sig, SIG_DFL);
  sigset_t one;
  sigemptyset(&one);
  sigaddset(&one, sig);
  pthread_sigmask(SIG_UNBLOCK, &one, nullptr);
  raise(sig);
  return nullptr;
}

}  // namespace

FlushOnSignal::FlushOnSignal(FdSink* sink) {
  {
    std::lock_guard<std::mutex> lock(g_mu);
    g_sink = sink;
  }
  static std::once_flag started;
  std::call_once(started, [] {
    const sigset_t set = Signals();
    sigset_t old;
    pthread_sigmask(SIG_BLOCK, &set, &old);
    pthread_t thread;
    if (pthread_create(&thread, nullptr, WaitForSignal, nullptr) == 0) {
      pthread_detach(thread);
    } else {
      // No thread to handle them: leave the signals to their default action
      // (the output since the last flush may then be lost).
      pthread_sigmask(SIG_SETMASK, &old, nullptr);
    }
  });
}

FlushOnSignal::~FlushOnSignal() {
  std::lock_guard<std::mutex> lock(g_mu);
  g_sink = nullptr;
}

}  // namespace tern
