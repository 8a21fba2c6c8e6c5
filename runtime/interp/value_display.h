#ifndef TERN_RUNTIME_INTERP_VALUE_DISPLAY_H_
#define TERN_RUNTIME_INTERP_VALUE_DISPLAY_H_

// The display form of interpreter values (docs/language.md, Display).
// Iterative, so that arbitrarily deep nesting never grows the host stack;
// a container met again while it is being displayed prints `[...]`/`{...}`.

#include <cstddef>
#include <string>

#include "runtime/interp/value.h"

namespace tern::interp {

enum class DisplayStatus : unsigned char {
  kOk,
  kTooLong,     // the text would exceed the size limit
  kDeadObject,  // met an object of an arena that has ended
};

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
