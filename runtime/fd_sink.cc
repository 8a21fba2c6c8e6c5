#include "runtime/fd_sink.h"

#include <unistd.h>

#include <cerrno>
#include <utility>

namespace tern {

FdSink::FdSink(int fd, Buffering buffering, std::function<void(int)> on_error)
    : fd_(fd), buffering_(buffering), on_error_(std::move(on_error)) {
  buffer_.reserve(kBufferBytes);
}

FdSink::~FdSink() { Flush(); }

FdSink::Buffering FdSink::BufferingFor(int fd) {
  return ::isatty(fd) ? Buffering::kLine : Buffering::kBlock;
}

void FdSink::Write(std::string_view bytes) {
  std::lock_guard<std::mutex> lock(mu_);
  if (error_ != 0) return;
  if (buffer_.size() + bytes.size() > kBufferBytes) {
    FlushLocked();
    // A piece at least as large as the buffer goes out directly.
    if (bytes.size() >= kBufferBytes) {
      WriteAllLocked(bytes);
      return;
    }
  }
  buffer_.append(bytes);
  if (buffering_ == Buffering::kLine &&
      bytes.find('\n') != std::string_view::npos) {
    FlushLocked();
  }
}

bool FdSink::Flush() {
  std::lock_guard<std::mutex> lock(mu_);
  FlushLocked();
  return error_ == 0;
}

int FdSink::error() const {
  std::lock_guard<std::mutex> lock(mu_);
  return error_;
}

void FdSink::FlushLocked() {
  if (!buffer_.empty()) WriteAllLocked(buffer_);
  buffer_.clear();
}

void FdSink::WriteAllLocked(std::string_view bytes) {
  while (!bytes.empty() && error_ == 0) {
    const ssize_t n = ::write(fd_, bytes.data(), bytes.size());
    if (n < 0) {
      if (errno == EINTR) continue;
      error_ = errno;
      buffer_.clear();
      if (on_error_) on_error_(error_);
      return;
    }
    bytes.remove_prefix(static_cast<size_t>(n));
  }
}

}  // namespace tern
