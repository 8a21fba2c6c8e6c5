#ifndef TERN_RUNTIME_DISPLAY_WALK_H_
#define TERN_RUNTIME_DISPLAY_WALK_H_

// The display of containers (docs/language.md §6), one algorithm for every
// tier: each tier supplies an adapter that knows its value representation.
//
// The walk keeps an explicit stack (no host recursion, whatever the
// nesting), shows a container met again on its own display path as
// `[...]`/`{...}`, and stops once the text passes the size cap. Sharing makes
// that cap expensive to reach by brute force: `[v v]` nested 60 deep is a
// 2^60-byte text built from 60 objects. So once a walk has produced
// kLengthCheckAfter bytes it computes the exact length of the whole display
// from the object graph (memoised per container: linear in the number of
// distinct objects) and stops at once when that passes the cap. The length
// pass only decides for graphs without cycles and without dead objects, where
// the text of a container does not depend on the path to it; otherwise the
// walk simply goes on, so the outcome is always the brute-force one.
//
// The adapter A provides:
//   using Value = ...;
//   DisplayKind Kind(const Value& v) const;      // scalar, vec or map
//   const void* Id(const Value& v) const;        // a container's identity
//   bool IsDead(const Value& v) const;           // object of an ended arena
//   void AppendScalar(std::string* out, const Value& v, bool quoted) const;
//   uint64_t ScalarLength(const Value& v, bool quoted) const;
//   size_t SlotCount(const Value& c) const;      // vec size, map slot count
//   // A vec's element i (in *value), or a map's slot i (false if erased).
//   bool Slot(const Value& c, size_t i, Value* key, Value* value) const;
//   bool EnterPath(const Value& c);   // false if c is already on the path
//   void LeavePath(const Value& c);
// Map keys are always scalars (ints, bools, strings).

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

namespace tern {

enum class DisplayKind : unsigned char { kScalar, kVec, kMap };

enum class DisplayStatus : unsigned char {
  kOk,
  kTooLong,     // the text would exceed the size limit
  kDeadObject,  // met an object of an arena that has ended
};

inline constexpr size_t kLengthCheckAfter = size_t{1} << 20;

template <typename A>
class DisplayWalk {
 public:
  using Value = typename A::Value;

  // `check_after`: output produced before the length pass runs (tests
  // lower it to compare the pass with the brute-force walk).
  DisplayWalk(A& adapter, std::string* out, size_t max_size,
              size_t check_after = kLengthCheckAfter)
      : a_(adapter), out_(out), max_size_(max_size), check_after_(check_after) {}

  // Appends the display of v (a top-level string raw unless `quoted_top`).
  DisplayStatus Run(const Value& v, bool quoted_top) {
    start_ = out_->size();
    if (!Emit(v, quoted_top)) return Finish();
    bool length_checked = false;
    while (!stack_.empty() && !TooLong()) {
      if (!length_checked && out_->size() - start_ >= check_after_) {
        length_checked = true;
        std::optional<uint64_t> n = SharedLength(v);
        if (n && start_ + *n > max_size_) {
          too_long_ = true;
          return Finish();
        }
      }
      Frame& f = stack_.back();
      if (!Step(f)) return Finish();
    }
    return Finish();
  }

  // kDeadObject: the value met.
  const Value& dead() const { return dead_; }

 private:
  struct Frame {
    Value container;
    DisplayKind kind;
    size_t next = 0;    // next element / map slot
    bool first = true;  // nothing shown yet
  };

  bool TooLong() const { return too_long_ || out_->size() > max_size_; }

  bool Step(Frame& f) {
    Value key, value;
    size_t count = a_.SlotCount(f.container);
    while (f.next < count && !a_.Slot(f.container, f.next, &key, &value)) {
      ++f.next;
    }
    if (f.next >= count) {
      out_->push_back(f.kind == DisplayKind::kVec ? ']' : '}');
      a_.LeavePath(f.container);
      stack_.pop_back();
      return true;
    }
    ++f.next;
    if (f.kind == DisplayKind::kVec) {
      if (!f.first) out_->push_back(' ');
    } else {
      if (!f.first) out_->append(", ");
      if (!Emit(key, true)) return false;
      out_->push_back(' ');
    }
    f.first = false;
    return Emit(value, true);  // may invalidate f
  }

  // Shows a scalar, or opens a container by pushing a frame. False on a
  // dead object.
  bool Emit(const Value& v, bool quoted) {
    if (a_.IsDead(v)) {
      dead_ = v;
      is_dead_ = true;
      return false;
    }
    DisplayKind kind = a_.Kind(v);
    if (kind == DisplayKind::kScalar) {
      a_.AppendScalar(out_, v, quoted);
      return true;
    }
    bool is_vec = kind == DisplayKind::kVec;
    if (!a_.EnterPath(v)) {
      out_->append(is_vec ? "[...]" : "{...}");
      return true;
    }
    out_->push_back(is_vec ? '[' : '{');
    stack_.push_back(Frame{v, kind});
    return true;
  }

  // Leaves every container off the display path, whatever stopped the walk.
  DisplayStatus Finish() {
    for (Frame& f : stack_) a_.LeavePath(f.container);
    stack_.clear();
    if (is_dead_) return DisplayStatus::kDeadObject;
    if (TooLong()) return DisplayStatus::kTooLong;
    return DisplayStatus::kOk;
  }

  // The exact length of the display of container `top`, or nullopt when the
  // graph has a cycle or a dead object (then the text depends on the path).
  std::optional<uint64_t> SharedLength(const Value& top) {
    constexpr uint64_t kSaturated = uint64_t{1} << 62;
    auto add = [](uint64_t a, uint64_t b) {
      return a + b > kSaturated ? kSaturated : a + b;
    };
    struct Pending {
      Value container;
      bool is_vec;
      size_t next = 0;
      uint64_t length = 2;  // the brackets
      size_t shown = 0;
    };
    std::unordered_map<const void*, uint64_t> done;
    std::unordered_set<const void*> open;
    std::vector<Pending> stack;
    stack.push_back(Pending{top, a_.Kind(top) == DisplayKind::kVec});
    open.insert(a_.Id(top));
    uint64_t result = 0;
    while (!stack.empty()) {
      Pending& p = stack.back();
      Value key, value;
      size_t count = a_.SlotCount(p.container);
      while (p.next < count && !a_.Slot(p.container, p.next, &key, &value)) {
        ++p.next;
      }
      if (p.next >= count) {
        uint64_t n = p.length;
        const void* id = a_.Id(p.container);
        open.erase(id);
        done.emplace(id, n);
        stack.pop_back();
        if (stack.empty()) {
          result = n;
        } else {
          stack.back().length = add(stack.back().length, n);
        }
        continue;
      }
      ++p.next;
      // Separators: vec ' ', map ", " between entries and ' ' in each.
      uint64_t extra = p.shown > 0 ? (p.is_vec ? 1 : 2) : 0;
      if (!p.is_vec) {
        if (a_.IsDead(key)) return std::nullopt;
        extra += a_.ScalarLength(key, true) + 1;
      }
      ++p.shown;
      p.length = add(p.length, extra);
      if (a_.IsDead(value)) return std::nullopt;
      DisplayKind kind = a_.Kind(value);
      if (kind == DisplayKind::kScalar) {
        p.length = add(p.length, a_.ScalarLength(value, true));
        continue;
      }
      const void* id = a_.Id(value);
      if (auto it = done.find(id); it != done.end()) {
        p.length = add(p.length, it->second);
        continue;
      }
      if (!open.insert(id).second) return std::nullopt;  // a cycle
      stack.push_back(Pending{value, kind == DisplayKind::kVec});  // p dies
    }
    return result;
  }

  A& a_;
  std::string* out_;
  size_t max_size_;
  size_t check_after_;
  size_t start_ = 0;
  bool too_long_ = false;
  bool is_dead_ = false;
  Value dead_{};
  std::vector<Frame> stack_;
};

}  // namespace tern

#endif  // TERN_RUNTIME_DISPLAY_WALK_H_
