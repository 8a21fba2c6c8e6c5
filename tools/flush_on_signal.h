#ifndef TERN_TOOLS_FLUSH_ON_SIGNAL_H_
#define TERN_TOOLS_FLUSH_ON_SIGNAL_H_

// Output printed before a SIGINT or SIGTERM is not lost: while an instance
// lives, both signals are blocked in the thread that created it (and so in
// every thread created after it) and handled by a thread of its own, which
// flushes the sink, then ends the process with the same signal (default
// action), as if nothing had caught it.

#include "runtime/fd_sink.h"

namespace tern {

class FlushOnSignal {
 public:
  explicit FlushOnSignal(FdSink* sink);  // at most one instance at a time
  ~FlushOnSignal();
  FlushOnSignal(const FlushOnSignal&) = delete;
  FlushOnSignal& operator=(const FlushOnSignal&) = delete;
};

}  // namespace tern

#endif  // TERN_TOOLS_FLUSH_ON_SIGNAL_H_
