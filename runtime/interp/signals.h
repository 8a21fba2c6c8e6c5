#ifndef TERN_RUNTIME_INTERP_SIGNALS_H_
#define TERN_RUNTIME_INTERP_SIGNALS_H_

// How evaluation stops early: C++ exceptions internal to the interpreter,
// caught by Interpret and turned into an Outcome. They never cross the
// interpreter's public interface.

#include <string>
#include <string_view>

#include "runtime/error.h"
#include "runtime/interp/region.h"
#include "runtime/interp/value.h"
#include "runtime/pos.h"

namespace tern::interp {

// A language runtime error: the program stops with `error`.
struct RuntimeError {
  Error error;
};

// A broken invariant: of the interpreter itself, or of a front-end check the
// interpreter relies on (e.g. an arena object outliving its arena).
struct InternalFault {
  std::string message;
};

[[noreturn]] void Raise(ErrorKind kind, Pos pos, std::string message);
// Takes views, so that callers on hot paths build no string (and so get no
// stack-protector canary) unless they fail.
[[noreturn]] void Fault(Pos pos, std::string_view what);
// "what `name`rest".
[[noreturn]] void FaultNamed(Pos pos, std::string_view what,
                             std::string_view name, std::string_view rest = "");
// `obj` belongs to an arena that has ended and was touched at `where`.
[[noreturn]] void FaultDeadObject(const Object* obj, Pos where);

inline void CheckLive(const Value& v, Pos where) {
  if (v.IsObject() && !IsLive(v.obj)) FaultDeadObject(v.obj, where);
}

}  // namespace tern::interp

#endif  // TERN_RUNTIME_INTERP_SIGNALS_H_
