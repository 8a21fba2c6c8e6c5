#include "tools/isolated_run.h"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace tern {
namespace {

// Cap on what is kept of a child's stderr: a sanitizer report fits easily.
constexpr size_t kMaxStderr = 1 << 20;

void WriteAll(int fd, std::string_view bytes) {
  while (!bytes.empty()) {
    ssize_t n = write(fd, bytes.data(), bytes.size());
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return;
    bytes.remove_prefix(static_cast<size_t>(n));
  }
}

double Now() {
  timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) * 1e-9;
}

}  // namespace

bool RunInChild(const std::function<std::string()>& work, int timeout_seconds,
                ChildResult* result, std::string* why) {
  int out_pipe[2], err_pipe[2];
  if (pipe2(out_pipe, O_CLOEXEC) != 0) {
    *why = std::string("pipe: ") + std::strerror(errno);
    return false;
  }
  if (pipe2(err_pipe, O_CLOEXEC) != 0) {
    *why = std::string("pipe: ") + std::strerror(errno);
    close(out_pipe[0]);
    close(out_pipe[1]);
    return false;
  }
  fflush(nullptr);
  const pid_t pid = fork();
  if (pid < 0) {
    *why = std::string("fork: ") + std::strerror(errno);
    for (int fd : {out_pipe[0], out_pipe[1], err_pipe[0], err_pipe[1]})
      close(fd);
    return false;
  }
  if (pid == 0) {
    close(out_pipe[0]);
    close(err_pipe[0]);
    dup2(err_pipe[1], STDERR_FILENO);
    // The result goes first as a length-prefixed frame, so that a child
    // that dies mid-write is not mistaken for one that finished.
    const std::string payload = work();
    const std::string frame = std::to_string(payload.size()) + "\n" + payload;
    WriteAll(out_pipe[1], frame);
    _exit(0);
  }
  close(out_pipe[1]);
  close(err_pipe[1]);
  std::string out;
  pollfd fds[2] = {{out_pipe[0], POLLIN, 0}, {err_pipe[0], POLLIN, 0}};
  const double deadline = Now() + timeout_seconds;
  int open = 2;
  while (open > 0) {
    const double left = deadline - Now();
    if (left <= 0) {
      result->timed_out = true;
      kill(pid, SIGKILL);
      break;
    }
    int ready = poll(fds, 2, static_cast<int>(left * 1000) + 1);
    if (ready < 0 && errno == EINTR) continue;
    if (ready < 0) break;
    for (pollfd& p : fds) {
      if (p.fd < 0 || !(p.revents & (POLLIN | POLLHUP | POLLERR))) continue;
      char buf[65536];
      ssize_t n = read(p.fd, buf, sizeof buf);
      if (n < 0 && errno == EINTR) continue;
      if (n <= 0) {
        close(p.fd);
        p.fd = -1;
        --open;
        continue;
      }
      std::string& dest = p.fd == out_pipe[0] ? out : result->stderr_text;
      if (&dest == &out || dest.size() < kMaxStderr)
        dest.append(buf, static_cast<size_t>(n));
    }
  }
  for (pollfd& p : fds) {
    if (p.fd >= 0) close(p.fd);
  }
  int status = 0;
  while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  if (result->timed_out) return true;
  if (WIFSIGNALED(status)) result->signal = WTERMSIG(status);
  if (WIFEXITED(status)) result->exit_code = WEXITSTATUS(status);
  const size_t nl = out.find('\n');
  if (result->signal == 0 && result->exit_code == 0 && nl != std::string::npos) {
    const size_t len = std::strtoull(out.c_str(), nullptr, 10);
    if (out.size() - nl - 1 == len) {
      result->finished = true;
      result->payload = out.substr(nl + 1);
    }
  }
  return true;
}

IsolatedRun RunEngineIsolated(const Engine& engine, std::string_view source,
                              const RunLimits& limits, int timeout_seconds) {
  IsolatedRun run;
  ChildResult child;
  std::string why;
  const bool started = RunInChild(
      [&] {
        RunLimits captured = limits;
        captured.stream = nullptr;
        return FormatOutcome(RunSource(engine, source, captured),
                             /*with_census=*/true);
      },
      timeout_seconds, &child, &why);
  run.stderr_text = std::move(child.stderr_text);
  if (!started) {
    run.end = IsolatedRun::End::kCrashed;
    run.stderr_text += "could not start a child: " + why + "\n";
    return run;
  }
  if (child.timed_out) {
    run.end = IsolatedRun::End::kTimedOut;
    return run;
  }
  if (child.finished) {
    std::string parse_error;
    std::optional<Expectation> e = ParseExpectation(child.payload, &parse_error);
    if (e) {
      run.outcome = std::move(e->outcome);
      return run;
    }
    run.stderr_text += "unreadable outcome from the child: " + parse_error + "\n";
  }
  run.end = IsolatedRun::End::kCrashed;
  run.signal = child.signal;
  run.exit_code = child.exit_code;
  return run;
}

std::string SignalName(int signal) {
  switch (signal) {
    case SIGSEGV: return "SIGSEGV";
    case SIGABRT: return "SIGABRT";
    case SIGBUS: return "SIGBUS";
    case SIGFPE: return "SIGFPE";
    case SIGILL: return "SIGILL";
    case SIGKILL: return "SIGKILL";
    case SIGTRAP: return "SIGTRAP";
    default: return "signal " + std::to_string(signal);
  }
}

}  // namespace tern
