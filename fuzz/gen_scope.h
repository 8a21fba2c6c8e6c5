#ifndef TERN_FUZZ_GEN_SCOPE_H_
#define TERN_FUZZ_GEN_SCOPE_H_

// The program generator's view of the variables in scope at the point it is
// emitting, so that every name it writes is bound, and bound to what it
// expects.

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "fuzz/gen_type.h"

namespace tern::fuzz {

struct Var {
  std::string name;
  Type type;
  bool assignable = false;  // a `mut` binding the generator may set!
  bool index_safe = false;  // a `for` variable: a small non-negative int
  bool shadowable = false;  // a let binding, whose name may be reused
  int fn_level = 0;         // function nesting level that declared it
  // Bounds on the arena provenance the front end infers for the variable,
  // as the depth of the innermost with-arena block in it (0: none). The
  // upper bound matters where the variable is a stored value; the lower
  // bound where it is the container stored into.
  int prov_lo = 0;
  int prov_hi = 0;
};

// Indices into a Scope, as Scope::Find returns them: up to kInline of them
// without a heap allocation (the generator asks for candidate lists several
// times per node, and under ASan each malloc costs about a microsecond).
class IndexList {
 public:
  static constexpr size_t kInline = 24;

  void push_back(size_t index) {
    if (size_ < kInline) {
      inline_[size_] = static_cast<uint32_t>(index);
    } else {
      if (size_ == kInline) spill_.assign(inline_, inline_ + kInline);
      spill_.push_back(static_cast<uint32_t>(index));
    }
    ++size_;
  }
  size_t size() const { return size_; }
  bool empty() const { return size_ == 0; }
  size_t operator[](size_t i) const { return data()[i]; }

 private:
  const uint32_t* data() const {
    return size_ <= kInline ? inline_ : spill_.data();
  }

  size_t size_ = 0;
  uint32_t inline_[kInline];
  std::vector<uint32_t> spill_;
};

class Scope {
 public:
  // Room for a typical program's variables without regrowth.
  Scope() { entries_.reserve(64); }

  size_t Mark() const { return entries_.size(); }
  // Forgets the variables declared since `mark`, revealing what they hid.
  void PopTo(size_t mark);
  // Declares `var`; a visible variable of the same name is hidden by it.
  void Declare(Var var);

  const Var& at(size_t index) const { return entries_[index].var; }

  // Indices of the visible variables satisfying `pred`, oldest first.
  template <typename Pred>
  IndexList Find(Pred pred) const {
    IndexList found;
    for (size_t i = 0; i < entries_.size(); ++i) {
      if (!entries_[i].hidden && pred(entries_[i].var)) found.push_back(i);
    }
    return found;
  }

  // Whether Find(pred) would find any.
  template <typename Pred>
  bool Any(Pred pred) const {
    return std::any_of(entries_.begin(), entries_.end(), [&](const Entry& e) {
      return !e.hidden && pred(e.var);
    });
  }

 private:
  static constexpr size_t kNone = static_cast<size_t>(-1);
  struct Entry {
    Var var;
    bool hidden = false;
    size_t hides = kNone;
  };
  std::vector<Entry> entries_;
};

}  // namespace tern::fuzz

#endif  // TERN_FUZZ_GEN_SCOPE_H_
