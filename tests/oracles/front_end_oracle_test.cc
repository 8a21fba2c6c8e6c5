#include "oracles/front_end_oracle.h"

#include <gtest/gtest.h>

#include <string>

namespace tern {
namespace {

TEST(FrontEndOracle, HoldsOnValidAndInvalidInputs) {
  const std::string deep(10000, '(');
  for (std::string_view source :
       {std::string_view(""), std::string_view("(print \"a\\x00\" 1.5e300)"),
        std::string_view("(defn f (x) (fn () x)) (f 1)"),
        std::string_view("(with-arena a [1])"), std::string_view("(let x)"),
        std::string_view("\xff\xfe"), std::string_view(deep),
        std::string_view("(print 1e999 -0.0 -9223372036854775808)"),
        std::string_view("{1 2 3}"), std::string_view(")")}) {
    auto broken = CheckFrontEnd(source);
    EXPECT_FALSE(broken.has_value()) << source.substr(0, 60) << ": " << *broken;
  }
}

}  // namespace
}  // namespace tern
