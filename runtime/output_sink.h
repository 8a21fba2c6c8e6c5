#ifndef TERN_RUNTIME_OUTPUT_SINK_H_
#define TERN_RUNTIME_OUTPUT_SINK_H_

// Where a program's `print` output goes. Every tier writes through this one
// interface: oracles capture the bytes (Outcome::out) to compare them, while
// `tern run` streams them to its stdout as they are printed, in bounded
// memory.

#include <string>
#include <string_view>

namespace tern {

class OutputSink {
 public:
  virtual ~OutputSink() = default;
  virtual void Write(std::string_view bytes) = 0;
};

// Appends to a string the caller owns (the Outcome's `out`).
class StringSink final : public OutputSink {
 public:
  explicit StringSink(std::string* out) : out_(out) {}
  void Write(std::string_view bytes) override { out_->append(bytes); }

 private:
  std::string* out_;
};

}  // namespace tern

#endif  // TERN_RUNTIME_OUTPUT_SINK_H_
