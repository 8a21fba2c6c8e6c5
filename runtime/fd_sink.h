#ifndef TERN_RUNTIME_FD_SINK_H_
#define TERN_RUNTIME_FD_SINK_H_

// An OutputSink that streams a program's output to a file descriptor as it
// is printed (`tern run`), in bounded memory: at most one buffer of bytes is
// held. Thread-safe, so that a signal-handling thread may Flush() while the
// program prints.

#include <cstddef>
#include <functional>
#include <mutex>
#include <string>
#include <string_view>

#include "runtime/output_sink.h"

namespace tern {

class FdSink final : public OutputSink {
 public:
  enum class Buffering {
    kLine,   // flush at each newline (a terminal)
    kBlock,  // flush when the buffer is full (a file or a pipe)
  };
  static constexpr size_t kBufferBytes = 64 * 1024;

  // `on_error(errno)` is called once, at the first failed write; output is
  // dropped from then on. It may end the process.
  FdSink(int fd, Buffering buffering, std::function<void(int)> on_error);
  ~FdSink() override;
  FdSink(const FdSink&) = delete;
  FdSink& operator=(const FdSink&) = delete;

  // kLine when `fd` is a terminal, else kBlock.
  static Buffering BufferingFor(int fd);

  void Write(std::string_view bytes) override;
  // Writes out what is buffered. Returns false if any write has failed.
  bool Flush();
  // The errno of the first failed write, or 0.
  int error() const;

 private:
  void WriteAllLocked(std::string_view bytes);
  void FlushLocked();

  const int fd_;
  const Buffering buffering_;
  const std::function<void(int)> on_error_;
  mutable std::mutex mu_;
  std::string buffer_;
  int error_ = 0;
};

}  // namespace tern

#endif  // TERN_RUNTIME_FD_SINK_H_
