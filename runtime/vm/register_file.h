#ifndef TERN_RUNTIME_VM_REGISTER_FILE_H_
#define TERN_RUNTIME_VM_REGISTER_FILE_H_

// The VM's register file: one flat array of Values (the frames, docs/vm.md),
// reserved at its worst-case size for the loaded module and committed by
// the OS page by page as frames first touch it. Reserved so that a call
// needs no growth check and no frame ever moves while a run executes; lazily
// committed so that the reservation (up to the call depth limit times the
// largest frame) costs only the memory deep recursion really uses.
//
// A thread keeps its last reservation after a run and hands it to its next
// one (a fuzzer makes several VM runs per program): no map and unmap per
// run, and the pages a typical run touches stay committed. A released file
// is cleaned: its first kKeepResidentBytes are nulled where resident, the
// pages beyond are given back to the system (they read as zero again), so
// every run starts from an all-null file and a deep run does not keep its
// memory resident.

#include <cstddef>

#include "runtime/heap/value.h"

namespace tern::vm {

class RegisterFile {
 public:
  // The bytes at the start of a released file that stay committed.
  static constexpr size_t kKeepResidentBytes = size_t{64} << 10;

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
