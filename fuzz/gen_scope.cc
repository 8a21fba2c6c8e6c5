#include "fuzz/gen_scope.h"

#include <utility>

namespace tern::fuzz {

void Scope::PopTo(size_t mark) {
  while (entries_.size() > mark) {
    const size_t hides = entries_.back().hides;
    if (hides != kNone) entries_[hides].hidden = false;
    entries_.pop_back();
  }
}

void Scope::Declare(Var var) {
  Entry entry;
  for (size_t i = entries_.size(); i-- > 0;) {
    if (!entries_[i].hidden && entries_[i].var.name == var.name) {
      entries_[i].hidden = true;
      entry.hides = i;
      break;
    }
  }
  entry.var = std::move(var);
  entries_.push_back(std::move(entry));
}

}  // namespace tern::fuzz
