#ifndef TERN_RUNTIME_VM_REGISTER_FILE_H_
#define TERN_RUNTIME_VM_REGISTER_FILE_H_

// The VM's register file: one flat array of Values (the frames, docs/vm.md),
// reserved at its worst-case size for the loaded module and committed by
// the OS page by page as frames first touch it. Reserved so that a call
// needs no growth check and no frame ever moves while a run executes; lazily
// committed so that the reservation (up to the call depth limit times the
// largest frame) costs only the memory deep recursion really uses.

#include <cstddef>

#include "runtime/heap/value.h"

namespace tern::vm {

class RegisterFile {
 public:
  RegisterFile() = default;
  ~RegisterFile();
  RegisterFile(const RegisterFile&) = delete;
  RegisterFile& operator=(const RegisterFile&) = delete;

  heap::Value* data() { return values_; }
  size_t size() const { return size_; }
  heap::Value& operator[](size_t i) { return values_[i]; }

  // Makes the file hold at least n values, all null beyond the first
  // `keep` (which keep their contents if the file moves). Only between
  // runs of Execute: a move invalidates every frame pointer.
  void Reserve(size_t n, size_t keep);

 private:
  heap::Value* values_ = nullptr;
  size_t size_ = 0;
};

}  // namespace tern::vm

#endif  // TERN_RUNTIME_VM_REGISTER_FILE_H_
