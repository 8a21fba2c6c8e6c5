#include "runtime/builtins.h"

#include <gtest/gtest.h>

#include <set>
#include <string>

#include "runtime/error.h"

namespace tern {
namespace {

TEST(Builtins, NamesRoundTripAndAreUnique) {
  std::set<std::string_view> names;
  for (int i = 0; i < BuiltinCount(); ++i) {
    auto b = static_cast<Builtin>(i);
    const BuiltinInfo& info = GetBuiltinInfo(b);
    EXPECT_TRUE(names.insert(info.name).second) << info.name;
    EXPECT_EQ(BuiltinFromName(info.name), b);
    EXPECT_TRUE(IsReservedName(info.name));
    EXPECT_FALSE(IsSpecialFormName(info.name)) << info.name;
    EXPECT_TRUE(info.max_args == -1 || info.max_args >= info.min_args);
  }
  EXPECT_EQ(BuiltinCount(), 30);
}

TEST(Builtins, ReservedNames) {
  for (const char* s : {"let", "mut", "set!", "if", "and", "or", "not", "do",
                        "while", "for", "fn", "defn", "with-arena", "no-gc"}) {
    EXPECT_TRUE(IsSpecialFormName(s)) << s;
    EXPECT_TRUE(IsReservedName(s)) << s;
  }
  EXPECT_FALSE(IsReservedName("x"));
  EXPECT_FALSE(IsReservedName("vector"));
  EXPECT_FALSE(BuiltinFromName("not").has_value());
}

TEST(Builtins, AllocatingBuiltinsCarryArenaProvenance) {
  std::set<std::string_view> allocating;
  for (int i = 0; i < BuiltinCount(); ++i) {
    const BuiltinInfo& info = GetBuiltinInfo(static_cast<Builtin>(i));
    if (info.allocates) allocating.insert(info.name);
  }
  EXPECT_EQ(allocating, (std::set<std::string_view>{"vec", "map", "str",
                                                     "slice", "keys", "+"}));
}

TEST(ErrorKinds, NamesRoundTrip) {
  for (const char* n :
       {"parse", "unbound", "immutable", "duplicate", "reserved", "arity",
        "arena-escape", "type", "index", "key", "div-by-zero", "overflow",
        "stack-overflow", "out-of-fuel", "limit", "user", "assert"}) {
    auto k = ErrorKindFromName(n);
    ASSERT_TRUE(k.has_value()) << n;
    EXPECT_EQ(ErrorKindName(*k), n);
  }
  EXPECT_FALSE(ErrorKindFromName("oops").has_value());
}

}  // namespace
}  // namespace tern
