#ifndef TERN_FUZZ_GEN_SCOPE_H_
#define TERN_FUZZ_GEN_SCOPE_H_

// The program generator's view of the variables in scope at the point it is
// emitting, so that every name it writes is bound, and bound to what it
// expects.

#include <cstddef>
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

class Scope {
 public:
  size_t Mark() const { return entries_.size(); }
  // Forgets the variables declared since `mark`, revealing what they hid.
  void PopTo(size_t mark);
  // Declares `var`; a visible variable of the same name is hidden by it.
  void Declare(Var var);

  const Var& at(size_t index) const { return entries_[index].var; }

  // Indices of the visible variables satisfying `pred`, oldest first.
  template <typename Pred>
  std::vector<size_t> Find(Pred pred) const {
    std::vector<size_t> found;
    for (size_t i = 0; i < entries_.size(); ++i) {
      if (!entries_[i].hidden && pred(entries_[i].var)) found.push_back(i);
    }
    return found;
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
