#include "runtime/messages.h"

#include <gtest/gtest.h>

#include <cmath>

namespace tern {
namespace {

// The texts are part of every tier's observable behaviour: pin them.
TEST(Messages, TypeErrors) {
  EXPECT_EQ(BinaryOperandsMessage("+", "int", "string"),
            "cannot apply + to int and string");
  EXPECT_EQ(UnaryOperandMessage("-", "string"), "cannot apply - to string");
  EXPECT_EQ(OperandTypeMessage(Builtin::kLen, "int"),
            "len: expected string, vec or map, got int");
  EXPECT_EQ(OperandTypeMessage(Builtin::kInt, "bool"),
            "int: expected int, float or string, got bool");
  EXPECT_EQ(OperandTypeMessage(Builtin::kFloat, "string"),
            "float: expected int or float, got string");
  EXPECT_EQ(OperandTypeMessage(Builtin::kPut, "string"),
            "put!: expected vec or map, got string");
  EXPECT_EQ(OperandTypeMessage(Builtin::kPop, "map"),
            "pop!: expected vec, got map");
  EXPECT_EQ(OperandTypeMessage(Builtin::kSlice, "null"),
            "slice: expected string or vec, got null");
  EXPECT_EQ(OperandTypeMessage(Builtin::kKeys, "vec"),
            "keys: expected map, got vec");
  EXPECT_EQ(IndexTypeMessage(Builtin::kGet, "float"),
            "get: index must be int, got float");
  EXPECT_EQ(KeyTypeMessage(Builtin::kMap, "fn"),
            "map: key must be int, string or bool, got fn");
  EXPECT_EQ(MalformedIntStringMessage(),
            "int: string is not a decimal integer");
  EXPECT_EQ(NotCallableMessage("null"), "cannot call null");
  EXPECT_EQ(ForBoundMessage(false, "float"),
            "for: start must be int, got float");
  EXPECT_EQ(ForBoundMessage(true, "null"), "for: end must be int, got null");
}

TEST(Messages, Arity) {
  EXPECT_EQ(ArityMessage("f", 2, 3), "<fn f> expects 2 arguments, got 3");
  EXPECT_EQ(ArityMessage("", 1, 0), "<fn> expects 1 argument, got 0");
  EXPECT_EQ(ArityMessage("g", 0, 1), "<fn g> expects 0 arguments, got 1");
}

TEST(Messages, IndexAndKey) {
  EXPECT_EQ(IndexRangeMessage(Builtin::kGet, "vec", 5, 3),
            "get: index 5 out of range for vec of length 3");
  EXPECT_EQ(IndexRangeMessage(Builtin::kPut, "vec", -1, 0),
            "put!: index -1 out of range for vec of length 0");
  EXPECT_EQ(SliceRangeMessage("string", 2, 1, 3),
            "slice: range 2..1 out of bounds for string of length 3");
  EXPECT_EQ(EmptyPopMessage(), "pop!: vec is empty");
  EXPECT_EQ(MissingIntKeyMessage(Builtin::kGet, -7), "get: key -7 not found");
  EXPECT_EQ(MissingBoolKeyMessage(Builtin::kGet, true),
            "get: key true not found");
  EXPECT_EQ(MissingStringKeyMessage(Builtin::kGet, "a\"\n"),
            "get: key \"a\\\"\\n\" not found");
}

TEST(Messages, ArithmeticErrors) {
  EXPECT_EQ(DivByZeroMessage(Builtin::kDiv), "integer division by zero");
  EXPECT_EQ(DivByZeroMessage(Builtin::kMod), "integer remainder by zero");
  EXPECT_EQ(IntOverflowMessage("*"), "integer overflow in *");
  EXPECT_EQ(FloatToIntOverflowMessage(1e300),
            "int: 1e+300 is out of int range");
  EXPECT_EQ(FloatToIntOverflowMessage(std::nan("")),
            "int: nan is out of int range");
  EXPECT_EQ(FloatToIntOverflowMessage(-INFINITY),
            "int: -inf is out of int range");
  EXPECT_EQ(StringToIntOverflowMessage(), "int: string is out of int range");
}

TEST(Messages, ArenaEscape) {
  EXPECT_EQ(
      ArenaEscapeMessage("push!", StoreTarget::kVecElement),
      "push!: cannot store a value from an inner arena into an outer vec");
  EXPECT_EQ(ArenaEscapeMessage("put!", StoreTarget::kMapKey),
            "put!: cannot store a key from an inner arena into an outer map");
  EXPECT_EQ(ArenaEscapeMessage("put!", StoreTarget::kMapValue),
            "put!: cannot store a value from an inner arena into an outer map");
  EXPECT_EQ(ArenaEscapeMessage("set!", StoreTarget::kCapture, "acc"),
            "set! acc: cannot store a value from an inner arena into an outer "
            "closure");
}

TEST(Messages, LimitsAndAssert) {
  EXPECT_EQ(StackOverflowMessage(), "call depth exceeds 1000");
  EXPECT_EQ(OutOfFuelMessage(), "out of fuel");
  EXPECT_EQ(StringLimitMessage(), "string longer than 16777216 bytes");
  EXPECT_EQ(VecLimitMessage(), "vec longer than 16777216 elements");
  EXPECT_EQ(DisplayLimitMessage(), "display longer than 134217728 bytes");
  EXPECT_EQ(AssertMessage(), "assertion failed");
}

}  // namespace
}  // namespace tern
