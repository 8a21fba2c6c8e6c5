#ifndef TERN_RUNTIME_INTERP_BUILTINS_IMPL_H_
#define TERN_RUNTIME_INTERP_BUILTINS_IMPL_H_

// The builtin operators applied to already evaluated arguments.

#include <array>
#include <span>
#include <string>

#include "runtime/builtins.h"
#include "runtime/interp/region.h"
#include "runtime/interp/value.h"
#include "runtime/output_sink.h"
#include "runtime/pos.h"

namespace tern::interp {

class BuiltinOps {
 public:
  // New objects go to the innermost region of `regions`; print writes to
  // *out.
  BuiltinOps(Regions* regions, OutputSink* out)
      : regions_(regions), out_(out) {}

  // Applies `b` (arity already checked statically) at the form at `pos`.
  // Throws RuntimeError for language errors, InternalFault when an argument
  // is an object of an arena that has ended.
  Value Call(Builtin b, std::span<const Value> args, Pos pos);

 private:
  Value Add(std::span<const Value> args, Pos pos);
  Value SubOrMul(Builtin b, std::span<const Value> args, Pos pos);
  Value Compare(Builtin b, const Value& x, const Value& y, Pos pos);
  Value ToInt(const Value& x, Pos pos);
  Value ToFloat(const Value& x, Pos pos);
  Value Str(std::span<const Value> args, Pos pos);
  Value TypeOf(const Value& x);
  Value Len(const Value& c, Pos pos);
  Value Get(const Value& c, const Value& k, Pos pos);
  Value Put(const Value& c, const Value& k, const Value& v, Pos pos);
  Value Push(const Value& c, const Value& v, Pos pos);
  Value Pop(const Value& c, Pos pos);
  Value Slice(const Value& c, const Value& from, const Value& to, Pos pos);
  Value Vec(std::span<const Value> args, Pos pos);
  Value Map(std::span<const Value> args, Pos pos);
  Value Has(const Value& m, const Value& k, Pos pos);
  Value Del(const Value& m, const Value& k, Pos pos);
  Value Keys(const Value& m, Pos pos);
  Value Print(std::span<const Value> args, Pos pos);
  [[noreturn]] void UserError(const Value& v, Pos pos);

  // A new string in the innermost region; `limit` error when too long.
  Value NewString(std::string bytes, Pos pos);
  // Display forms of `args` joined by `separator` into *text (strings raw at
  // top level). Returns false when the text would exceed `max_size` bytes.
  bool DisplayJoined(std::span<const Value> args, std::string_view separator,
                     size_t max_size, std::string* text, Pos pos);

  Regions* regions_;
  OutputSink* out_;
  // `type-of` results: heap strings made once per run, one per tag.
  std::array<Value, 9> type_names_;
};

}  // namespace tern::interp

#endif  // TERN_RUNTIME_INTERP_BUILTINS_IMPL_H_
