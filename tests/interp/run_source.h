#ifndef TERN_TESTS_INTERP_RUN_SOURCE_H_
#define TERN_TESTS_INTERP_RUN_SOURCE_H_

// Test support: compile Tern source and run it through the interpreter.

#include <cstdint>
#include <string>
#include <string_view>

#include "runtime/limits.h"
#include "runtime/outcome.h"

namespace tern::interp {
struct MemoryStats;
}

namespace tern::testing {

// Compiles `source` (a static error comes back as such) and interprets it.
Outcome RunSource(std::string_view source, uint64_t fuel = kDefaultFuel);
// The same; *stats gets the interpreter's object counts for the run.
Outcome RunSource(std::string_view source, interp::MemoryStats* stats,
                  uint64_t fuel = kDefaultFuel);

// A one-line summary for assertion messages: status, error, value, stdout.
std::string Describe(const Outcome& o);

// 1-based column of the first `needle` in a one-line ASCII source.
int Col(std::string_view source, std::string_view needle);

}  // namespace tern::testing

// Expect `source` to run to the end with this stdout and program value.
#define EXPECT_RUNS(source, out_, value_)                    \
  do {                                                       \
    ::tern::Outcome o_ = ::tern::testing::RunSource(source); \
    EXPECT_EQ(o_.status, ::tern::Status::kOk)                \
        << (source) << "\n"                                  \
        << ::tern::testing::Describe(o_);                    \
    EXPECT_EQ(o_.out, out_) << (source);                     \
    EXPECT_EQ(o_.value, value_) << (source);                 \
  } while (0)

// Expect `source` to stop with this runtime error.
#define EXPECT_RUNTIME_ERROR(source, kind_, line_, col_, message_)         \
  do {                                                                     \
    ::tern::Outcome o_ = ::tern::testing::RunSource(source);               \
    EXPECT_EQ(o_.status, ::tern::Status::kRuntimeError)                    \
        << (source) << "\n"                                                \
        << ::tern::testing::Describe(o_);                                  \
    if (o_.error) {                                                        \
      EXPECT_EQ(::tern::ErrorKindName(o_.error->kind), kind_) << (source); \
      EXPECT_EQ(o_.error->pos, (::tern::Pos{line_, col_})) << (source);    \
      EXPECT_EQ(o_.error->message, message_) << (source);                  \
    }                                                                      \
  } while (0)

#endif  // TERN_TESTS_INTERP_RUN_SOURCE_H_
