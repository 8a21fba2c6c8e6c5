#ifndef TERN_RUNTIME_VM_VALUE_DISPLAY_H_
#define TERN_RUNTIME_VM_VALUE_DISPLAY_H_

// Display of VM values (docs/language.md §6), byte for byte the
// interpreter's: the scalar rules come from runtime/display.h and the walk
// over containers is the one every tier shares (runtime/display_walk.h).

#include <cstddef>
#include <string>

#include "runtime/heap/value.h"
#include "runtime/vm/chunk.h"
#include "runtime/value_type.h"

namespace tern::vm {

enum class StringStyle : unsigned char { kRaw, kQuoted };

// Appends the display of v; returns false as soon as *out passes max_size
// bytes (the caller raises `limit`). Defn names come from `module`.
bool AppendDisplay(std::string* out, heap::Value v, StringStyle top,
                   size_t max_size, const Module& module);

ValueType TypeOf(heap::Value v);
std::string_view TypeName(heap::Value v);

}  // namespace tern::vm

#endif  // TERN_RUNTIME_VM_VALUE_DISPLAY_H_
