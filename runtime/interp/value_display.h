#ifndef TERN_RUNTIME_INTERP_VALUE_DISPLAY_H_
#define TERN_RUNTIME_INTERP_VALUE_DISPLAY_H_

// The display form of interpreter values (docs/language.md, Display).
// The walk itself is the one every tier shares (runtime/display_walk.h).

#include <cstddef>
#include <string>

#include "runtime/display_walk.h"
#include "runtime/interp/value.h"

namespace tern::interp {

using tern::DisplayStatus;

struct DisplayResult {
  DisplayStatus status = DisplayStatus::kOk;
  const Object* dead = nullptr;  // kDeadObject: the object met
};

enum class StringStyle : unsigned char {
  kRaw,     // a top-level string as print and str show it
  kQuoted,  // as inside containers and for the program's value
};

// Appends the display of `v` to *out. Strings nested in containers are
// always quoted; `top` says how a top-level string appears. Stops early
// (the contents of *out are then unspecified) once out->size() would exceed
// `max_size`.
DisplayResult AppendDisplay(std::string* out, const Value& v, StringStyle top,
                            size_t max_size);

}  // namespace tern::interp

#endif  // TERN_RUNTIME_INTERP_VALUE_DISPLAY_H_
