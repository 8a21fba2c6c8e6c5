#include "runtime/messages.h"

#include "runtime/display.h"
#include "runtime/limits.h"

namespace tern {
namespace {

std::string_view NameOf(Builtin b) { return GetBuiltinInfo(b).name; }

// Concatenates pieces; integers are formatted in decimal.
struct Text {
  std::string s;
  Text& operator<<(std::string_view v) {
    s.append(v);
    return *this;
  }
  Text& operator<<(int64_t v) {
    s.append(std::to_string(v));
    return *this;
  }
  Text& operator<<(size_t v) {
    s.append(std::to_string(v));
    return *this;
  }
};

// The types a builtin's main operand may have, as the message lists them.
std::string_view ExpectedOperand(Builtin b) {
  switch (b) {
    case Builtin::kInt: return "int, float or string";
    case Builtin::kFloat: return "int or float";
    case Builtin::kLen:
    case Builtin::kGet: return "string, vec or map";
    case Builtin::kPut: return "vec or map";
    case Builtin::kPush:
    case Builtin::kPop: return "vec";
    case Builtin::kSlice: return "string or vec";
    case Builtin::kHas:
    case Builtin::kDel:
    case Builtin::kKeys: return "map";
    default: return "a valid operand";
  }
}

std::string MissingKey(Builtin b, std::string_view key_display) {
  return (Text() << NameOf(b) << ": key " << key_display << " not found").s;
}

}  // namespace

std::string BinaryOperandsMessage(std::string_view op, std::string_view lhs,
                                  std::string_view rhs) {
  return (Text() << "cannot apply " << op << " to " << lhs << " and " << rhs).s;
}

std::string UnaryOperandMessage(std::string_view op, std::string_view operand) {
  return (Text() << "cannot apply " << op << " to " << operand).s;
}

std::string OperandTypeMessage(Builtin b, std::string_view got) {
  return (Text() << NameOf(b) << ": expected " << ExpectedOperand(b) << ", got "
                 << got)
      .s;
}

std::string IndexTypeMessage(Builtin b, std::string_view got) {
  return (Text() << NameOf(b) << ": index must be int, got " << got).s;
}

std::string KeyTypeMessage(Builtin b, std::string_view got) {
  return (Text() << NameOf(b) << ": key must be int, string or bool, got "
                 << got)
      .s;
}

std::string MalformedIntStringMessage() {
  return "int: string is not a decimal integer";
}

std::string NotCallableMessage(std::string_view got) {
  return (Text() << "cannot call " << got).s;
}

std::string ForBoundMessage(bool is_end, std::string_view got) {
  return (Text() << "for: " << (is_end ? "end" : "start")
                 << " must be int, got " << got)
      .s;
}

std::string ArityMessage(std::string_view fn_name, size_t expected,
                         size_t got) {
  Text t;
  if (fn_name.empty()) {
    t << "<fn>";
  } else {
    t << "<fn " << ShownName(fn_name) << ">";
  }
  t << " expects " << expected << (expected == 1 ? " argument" : " arguments")
    << ", got " << got;
  return t.s;
}

std::string IndexRangeMessage(Builtin b, std::string_view container,
                              int64_t index, size_t length) {
  return (Text() << NameOf(b) << ": index " << index << " out of range for "
                 << container << " of length " << length)
      .s;
}

std::string SliceRangeMessage(std::string_view container, int64_t from,
                              int64_t to, size_t length) {
  return (Text() << "slice: range " << from << ".." << to
                 << " out of bounds for " << container << " of length "
                 << length)
      .s;
}

std::string EmptyPopMessage() { return "pop!: vec is empty"; }

std::string MissingIntKeyMessage(Builtin b, int64_t key) {
  return MissingKey(b, std::to_string(key));
}

std::string MissingBoolKeyMessage(Builtin b, bool key) {
  return MissingKey(b, key ? "true" : "false");
}

std::string MissingStringKeyMessage(Builtin b, std::string_view key_bytes) {
  return MissingKey(b, Quote(key_bytes));
}

std::string DivByZeroMessage(Builtin b) {
  return b == Builtin::kMod ? "integer remainder by zero"
                            : "integer division by zero";
}

std::string IntOverflowMessage(std::string_view op) {
  return (Text() << "integer overflow in " << op).s;
}

std::string FloatToIntOverflowMessage(double d) {
  return (Text() << "int: " << FormatFloat(d) << " is out of int range").s;
}

std::string StringToIntOverflowMessage() {
  return "int: string is out of int range";
}

std::string ArenaEscapeMessage(std::string_view op, StoreTarget target,
                               std::string_view name) {
  Text t;
  t << op;
  if (target == StoreTarget::kCapture) t << " " << ShownName(name);
  t << ": cannot store a " << (target == StoreTarget::kMapKey ? "key" : "value")
    << " from an inner arena into an outer ";
  switch (target) {
    case StoreTarget::kVecElement: t << "vec"; break;
    case StoreTarget::kMapKey:
    case StoreTarget::kMapValue: t << "map"; break;
    case StoreTarget::kCapture: t << "closure"; break;
  }
  return t.s;
}

std::string StackOverflowMessage() {
  return (Text() << "call depth exceeds " << int64_t{kMaxCallDepth}).s;
}

std::string OutOfFuelMessage() { return "out of fuel"; }

std::string StringLimitMessage() {
  return (Text() << "string longer than " << kMaxSequenceLength << " bytes").s;
}

std::string VecLimitMessage() {
  return (Text() << "vec longer than " << kMaxSequenceLength << " elements").s;
}

std::string DisplayLimitMessage() {
  return (Text() << "display longer than " << kMaxDisplayLength << " bytes").s;
}

std::string AssertMessage() { return "assertion failed"; }

}  // namespace tern
