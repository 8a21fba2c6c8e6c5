#ifndef TERN_RUNTIME_BIG_STACK_H_
#define TERN_RUNTIME_BIG_STACK_H_

#include <cstddef>
#include <functional>

namespace tern {

// Tree-walking code recurses once per nesting level and per user call
// (256 levels x 1000 calls), far beyond a default 8 MiB thread stack,
// especially under ASan. Runs `fn` to completion on a thread whose stack
// reserves `bytes` (only touched pages are committed).
inline constexpr size_t kBigStackBytes = size_t{2} << 30;
void RunOnBigStack(const std::function<void()>& fn,
                   size_t bytes = kBigStackBytes);

}  // namespace tern

#endif  // TERN_RUNTIME_BIG_STACK_H_
