#include "tests/interp/run_source.h"

#include <gtest/gtest.h>

#include "runtime/display.h"
#include "runtime/front/front_end.h"
#include "runtime/interp/interpreter.h"

namespace tern::testing {

Outcome RunSource(std::string_view source, uint64_t fuel) {
  return RunSource(source, nullptr, fuel);
}

Outcome RunSource(std::string_view source, interp::MemoryStats* stats,
                  uint64_t fuel) {
  CompileResult compiled = Compile(source);
  if (compiled.error) {
    Outcome o;
    o.status = Status::kStaticError;
    o.error = compiled.error;
    return o;
  }
  return Interpret(*compiled.program, RunLimits{fuel}, stats);
}

std::string Describe(const Outcome& o) {
  std::string s(StatusName(o.status));
  if (o.error) {
    s += " ";
    s += ErrorKindName(o.error->kind);
    s += " " + std::to_string(o.error->pos.line) + ":" +
         std::to_string(o.error->pos.col) + " " + Quote(o.error->message);
  }
  if (!o.fault.empty()) s += " fault: " + o.fault;
  s += " value: " + o.value + " stdout: " + Quote(o.out);
  return s;
}

int Col(std::string_view source, std::string_view needle) {
  size_t at = source.find(needle);
  EXPECT_NE(at, std::string_view::npos) << needle;
  return static_cast<int>(at) + 1;
}

}  // namespace tern::testing
