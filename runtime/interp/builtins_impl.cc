#include "runtime/interp/builtins_impl.h"

#include <cmath>
#include <utility>
#include <vector>

#include "runtime/interp/object.h"
#include "runtime/interp/signals.h"
#include "runtime/interp/value_display.h"
#include "runtime/limits.h"
#include "runtime/messages.h"
#include "runtime/numeric.h"

namespace tern::interp {
namespace {

constexpr size_t kMaxLength = static_cast<size_t>(kMaxSequenceLength);
constexpr size_t kMaxDisplay = static_cast<size_t>(kMaxDisplayLength);

std::string_view NameOf(Builtin b) { return GetBuiltinInfo(b).name; }

bool IsKey(const Value& k) {
  return k.tag == Tag::kInt || k.tag == Tag::kStr || k.tag == Tag::kBool;
}

void CheckKey(Builtin b, const Value& k, Pos pos) {
  if (!IsKey(k)) Raise(ErrorKind::kType, pos, KeyTypeMessage(b, TypeName(k)));
}

[[noreturn]] void MissingKey(Builtin b, const Value& k, Pos pos) {
  std::string message;
  switch (k.tag) {
    case Tag::kInt: message = MissingIntKeyMessage(b, k.i); break;
    case Tag::kBool: message = MissingBoolKeyMessage(b, k.b); break;
    default: message = MissingStringKeyMessage(b, k.str()->bytes); break;
  }
  Raise(ErrorKind::kKey, pos, std::move(message));
}

// A vector or string index: an int in [0, length).
size_t CheckIndex(Builtin b, const Value& c, const Value& k, size_t length,
                  Pos pos) {
  if (k.tag != Tag::kInt) {
    Raise(ErrorKind::kType, pos, IndexTypeMessage(b, TypeName(k)));
  }
  if (k.i < 0 || static_cast<uint64_t>(k.i) >= length) {
    Raise(ErrorKind::kIndex, pos,
          IndexRangeMessage(b, TypeName(c), k.i, length));
  }
  return static_cast<size_t>(k.i);
}

[[noreturn]] void WrongOperand(Builtin b, const Value& x, Pos pos) {
  Raise(ErrorKind::kType, pos, OperandTypeMessage(b, TypeName(x)));
}

void CheckStore(const Object* container, const Value& v, std::string_view op,
                StoreTarget target, Pos pos) {
  if (!MayStore(container->region, v)) {
    Raise(ErrorKind::kArenaEscape, pos, ArenaEscapeMessage(op, target));
  }
}

// One step of a left fold of + - * / %, or the whole of / and %.
Value Arith(Builtin b, const Value& x, const Value& y, Pos pos) {
  if (x.tag == Tag::kInt && y.tag == Tag::kInt) {
    IntResult r;
    switch (b) {
      case Builtin::kAdd: r = IntAdd(x.i, y.i); break;
      case Builtin::kSub: r = IntSub(x.i, y.i); break;
      case Builtin::kMul: r = IntMul(x.i, y.i); break;
      case Builtin::kDiv: r = IntDiv(x.i, y.i); break;
      default: r = IntMod(x.i, y.i); break;
    }
    switch (r.status) {
      case IntStatus::kOk: return Value::Int(r.value);
      case IntStatus::kOverflow:
        Raise(ErrorKind::kOverflow, pos, IntOverflowMessage(NameOf(b)));
      case IntStatus::kDivByZero:
        Raise(ErrorKind::kDivByZero, pos, DivByZeroMessage(b));
    }
  }
  if (x.IsNumber() && y.IsNumber()) {
    double a = x.AsDouble();
    double c = y.AsDouble();
    switch (b) {
      case Builtin::kAdd: return Value::Float(a + c);
      case Builtin::kSub: return Value::Float(a - c);
      case Builtin::kMul: return Value::Float(a * c);
      case Builtin::kDiv: return Value::Float(a / c);
      default: return Value::Float(std::fmod(a, c));
    }
  }
  Raise(ErrorKind::kType, pos,
        BinaryOperandsMessage(NameOf(b), TypeName(x), TypeName(y)));
}

bool Equal(const Value& x, const Value& y) {
  if (x.tag == Tag::kInt && y.tag == Tag::kInt) return x.i == y.i;
  if (x.IsNumber() && y.IsNumber()) return x.AsDouble() == y.AsDouble();
  if (x.tag != y.tag) return false;
  switch (x.tag) {
    case Tag::kNull: return true;
    case Tag::kBool: return x.b == y.b;
    case Tag::kDefn: return x.defn == y.defn;
    case Tag::kStr: return x.str()->bytes == y.str()->bytes;
    default: return x.obj == y.obj;  // vec, map, closure: identity
  }
}

}  // namespace

Value BuiltinOps::Call(Builtin b, std::span<const Value> args, Pos pos) {
  // Any use of an object of an ended arena is a fault, whatever the builtin.
  for (const Value& v : args) CheckLive(v, pos);
  switch (b) {
    // Two operands (the first a number, for +) are one step of the fold.
    case Builtin::kAdd:
      if (args.size() == 2 && args[0].IsNumber()) {
        return Arith(b, args[0], args[1], pos);
      }
      return Add(args, pos);
    case Builtin::kSub:
    case Builtin::kMul:
      if (args.size() == 2) return Arith(b, args[0], args[1], pos);
      return SubOrMul(b, args, pos);
    case Builtin::kDiv:
    case Builtin::kMod: return Arith(b, args[0], args[1], pos);
    case Builtin::kLt:
    case Builtin::kLe:
    case Builtin::kGt:
    case Builtin::kGe: return Compare(b, args[0], args[1], pos);
    case Builtin::kEq: return Value::Bool(Equal(args[0], args[1]));
    case Builtin::kNe: return Value::Bool(!Equal(args[0], args[1]));
    case Builtin::kInt: return ToInt(args[0], pos);
    case Builtin::kFloat: return ToFloat(args[0], pos);
    case Builtin::kStr: return Str(args, pos);
    case Builtin::kTypeOf: return TypeOf(args[0]);
    case Builtin::kLen: return Len(args[0], pos);
    case Builtin::kGet: return Get(args[0], args[1], pos);
    case Builtin::kPut: return Put(args[0], args[1], args[2], pos);
    case Builtin::kPush: return Push(args[0], args[1], pos);
    case Builtin::kPop: return Pop(args[0], pos);
    case Builtin::kSlice: return Slice(args[0], args[1], args[2], pos);
    case Builtin::kVec: return Vec(args, pos);
    case Builtin::kMap: return Map(args, pos);
    case Builtin::kHas: return Has(args[0], args[1], pos);
    case Builtin::kDel: return Del(args[0], args[1], pos);
    case Builtin::kKeys: return Keys(args[0], pos);
    case Builtin::kPrint: return Print(args, pos);
    case Builtin::kGc: return Value::Null();  // a hint; nothing to collect
    case Builtin::kError: UserError(args[0], pos);
    case Builtin::kAssert:
      if (!args[0].IsTruthy()) Raise(ErrorKind::kAssert, pos, AssertMessage());
      return Value::Null();
  }
  Fault(pos, "unknown builtin");
}

Value BuiltinOps::Add(std::span<const Value> args, Pos pos) {
  Value acc = args[0];
  if (args.size() == 1) {
    if (acc.IsNumber() || acc.tag == Tag::kStr) return acc;
    Raise(ErrorKind::kType, pos, UnaryOperandMessage("+", TypeName(acc)));
  }
  size_t i = 1;
  for (; i < args.size() && acc.tag != Tag::kStr; ++i) {
    acc = Arith(Builtin::kAdd, acc, args[i], pos);
  }
  if (i == args.size()) return acc;
  // The rest is a concatenation. Its steps fail, in fold order, first on the
  // length limit within the leading run of strings, then on the first
  // operand that is not a string; the intermediate strings are not
  // observable, so only the final one is built.
  size_t total = acc.str()->bytes.size();
  size_t end = i;
  for (; end < args.size() && args[end].tag == Tag::kStr; ++end) {
    total += args[end].str()->bytes.size();
  }
  if (total > kMaxLength) Raise(ErrorKind::kLimit, pos, StringLimitMessage());
  if (end < args.size()) {
    Raise(ErrorKind::kType, pos,
          BinaryOperandsMessage("+", "string", TypeName(args[end])));
  }
  std::string bytes;
  bytes.reserve(total);
  bytes += acc.str()->bytes;
  for (; i < end; ++i) bytes += args[i].str()->bytes;
  return NewString(std::move(bytes), pos);
}

Value BuiltinOps::SubOrMul(Builtin b, std::span<const Value> args, Pos pos) {
  Value acc = args[0];
  if (args.size() == 1) {
    if (b == Builtin::kSub && acc.tag == Tag::kInt) {
      IntResult r = IntNeg(acc.i);
      if (r.status != IntStatus::kOk) {
        Raise(ErrorKind::kOverflow, pos, IntOverflowMessage(NameOf(b)));
      }
      return Value::Int(r.value);
    }
    if (acc.tag == Tag::kFloat) {
      return b == Builtin::kSub ? Value::Float(-acc.f) : acc;
    }
    if (acc.tag == Tag::kInt) return acc;  // unary *
    Raise(ErrorKind::kType, pos, UnaryOperandMessage(NameOf(b), TypeName(acc)));
  }
  for (size_t i = 1; i < args.size(); ++i) acc = Arith(b, acc, args[i], pos);
  return acc;
}

Value BuiltinOps::Compare(Builtin b, const Value& x, const Value& y, Pos pos) {
  int order;  // <0, 0, >0; NaN compares false whatever the operator
  if (x.tag == Tag::kInt && y.tag == Tag::kInt) {
    order = x.i < y.i ? -1 : x.i > y.i ? 1 : 0;
  } else if (x.IsNumber() && y.IsNumber()) {
    double a = x.AsDouble();
    double c = y.AsDouble();
    if (std::isnan(a) || std::isnan(c)) return Value::Bool(false);
    order = a < c ? -1 : a > c ? 1 : 0;
  } else if (x.tag == Tag::kStr && y.tag == Tag::kStr) {
    // char_traits<char> compares as unsigned char: bytewise, like memcmp.
    order = x.str()->bytes.compare(y.str()->bytes);
  } else {
    Raise(ErrorKind::kType, pos,
          BinaryOperandsMessage(NameOf(b), TypeName(x), TypeName(y)));
  }
  switch (b) {
    case Builtin::kLt: return Value::Bool(order < 0);
    case Builtin::kLe: return Value::Bool(order <= 0);
    case Builtin::kGt: return Value::Bool(order > 0);
    default: return Value::Bool(order >= 0);
  }
}

Value BuiltinOps::ToInt(const Value& x, Pos pos) {
  switch (x.tag) {
    case Tag::kInt: return x;
    case Tag::kFloat: {
      std::optional<int64_t> r = FloatToInt(x.f);
      if (!r) Raise(ErrorKind::kOverflow, pos, FloatToIntOverflowMessage(x.f));
      return Value::Int(*r);
    }
    case Tag::kStr: {
      int64_t r = 0;
      switch (ParseDecimalInt(x.str()->bytes, &r)) {
        case ParseIntStatus::kOk: return Value::Int(r);
        case ParseIntStatus::kMalformed:
          Raise(ErrorKind::kType, pos, MalformedIntStringMessage());
        case ParseIntStatus::kOverflow:
          Raise(ErrorKind::kOverflow, pos, StringToIntOverflowMessage());
      }
      break;
    }
    default: break;
  }
  WrongOperand(Builtin::kInt, x, pos);
}

Value BuiltinOps::ToFloat(const Value& x, Pos pos) {
  if (x.tag == Tag::kInt) return Value::Float(static_cast<double>(x.i));
  if (x.tag == Tag::kFloat) return x;
  WrongOperand(Builtin::kFloat, x, pos);
}

Value BuiltinOps::Str(std::span<const Value> args, Pos pos) {
  std::string text;
  if (!DisplayJoined(args, "", kMaxLength, &text, pos)) {
    Raise(ErrorKind::kLimit, pos, StringLimitMessage());
  }
  return NewString(std::move(text), pos);
}

Value BuiltinOps::TypeOf(const Value& x) {
  Value& name = type_names_[static_cast<size_t>(x.tag)];
  if (name.tag == Tag::kNull) {
    name = Value::Ref(
        regions_->NewIn<StrObj>(regions_->heap(), std::string(TypeName(x))));
  }
  return name;
}

Value BuiltinOps::Len(const Value& c, Pos pos) {
  switch (c.tag) {
    case Tag::kStr:
      return Value::Int(static_cast<int64_t>(c.str()->bytes.size()));
    case Tag::kVec:
      return Value::Int(static_cast<int64_t>(c.vec()->items.size()));
    case Tag::kMap:
      return Value::Int(static_cast<int64_t>(c.map()->entries.size()));
    default: WrongOperand(Builtin::kLen, c, pos);
  }
}

Value BuiltinOps::Get(const Value& c, const Value& k, Pos pos) {
  switch (c.tag) {
    case Tag::kVec: {
      const auto& items = c.vec()->items;
      return items[CheckIndex(Builtin::kGet, c, k, items.size(), pos)];
    }
    case Tag::kStr: {
      const std::string& bytes = c.str()->bytes;
      size_t i = CheckIndex(Builtin::kGet, c, k, bytes.size(), pos);
      return Value::Int(static_cast<unsigned char>(bytes[i]));
    }
    case Tag::kMap: {
      CheckKey(Builtin::kGet, k, pos);
      Value v;
      if (!c.map()->entries.Get(k, &v)) MissingKey(Builtin::kGet, k, pos);
      return v;
    }
    default: WrongOperand(Builtin::kGet, c, pos);
  }
}

Value BuiltinOps::Put(const Value& c, const Value& k, const Value& v, Pos pos) {
  constexpr std::string_view kOp = "put!";
  if (c.tag == Tag::kVec) {
    VecObj* vec = c.vec();
    size_t i = CheckIndex(Builtin::kPut, c, k, vec->items.size(), pos);
    CheckStore(vec, v, kOp, StoreTarget::kVecElement, pos);
    vec->items[i] = v;
    return Value::Null();
  }
  if (c.tag == Tag::kMap) {
    MapObj* map = c.map();
    CheckKey(Builtin::kPut, k, pos);
    // An update keeps the entry's original key, so only a new entry stores
    // (and checks) the key.
    if (!map->entries.Contains(k)) {
      CheckStore(map, k, kOp, StoreTarget::kMapKey, pos);
    }
    CheckStore(map, v, kOp, StoreTarget::kMapValue, pos);
    map->entries.Put(k, v);
    return Value::Null();
  }
  WrongOperand(Builtin::kPut, c, pos);
}

Value BuiltinOps::Push(const Value& c, const Value& v, Pos pos) {
  if (c.tag != Tag::kVec) WrongOperand(Builtin::kPush, c, pos);
  VecObj* vec = c.vec();
  CheckStore(vec, v, "push!", StoreTarget::kVecElement, pos);
  if (vec->items.size() >= kMaxLength) {
    Raise(ErrorKind::kLimit, pos, VecLimitMessage());
  }
  vec->items.push_back(v);
  return Value::Null();
}

Value BuiltinOps::Pop(const Value& c, Pos pos) {
  if (c.tag != Tag::kVec) WrongOperand(Builtin::kPop, c, pos);
  auto& items = c.vec()->items;
  if (items.empty()) Raise(ErrorKind::kIndex, pos, EmptyPopMessage());
  Value last = items.back();
  items.pop_back();
  return last;
}

Value BuiltinOps::Slice(const Value& c, const Value& from, const Value& to,
                        Pos pos) {
  if (c.tag != Tag::kStr && c.tag != Tag::kVec) {
    WrongOperand(Builtin::kSlice, c, pos);
  }
  for (const Value& bound : {from, to}) {
    if (bound.tag != Tag::kInt) {
      Raise(ErrorKind::kType, pos,
            IndexTypeMessage(Builtin::kSlice, TypeName(bound)));
    }
  }
  size_t length =
      c.tag == Tag::kStr ? c.str()->bytes.size() : c.vec()->items.size();
  if (from.i < 0 || from.i > to.i || static_cast<uint64_t>(to.i) > length) {
    Raise(ErrorKind::kIndex, pos,
          SliceRangeMessage(TypeName(c), from.i, to.i, length));
  }
  auto begin = static_cast<size_t>(from.i);
  auto count = static_cast<size_t>(to.i - from.i);
  if (c.tag == Tag::kStr) {
    return NewString(c.str()->bytes.substr(begin, count), pos);
  }
  const auto& items = c.vec()->items;
  std::vector<Value> part(items.begin() + begin, items.begin() + begin + count);
  return Value::Ref(regions_->New<VecObj>(std::move(part)));
}

Value BuiltinOps::Vec(std::span<const Value> args, Pos pos) {
  if (args.size() > kMaxLength)
    Raise(ErrorKind::kLimit, pos, VecLimitMessage());
  // Every live object is in the innermost region or an outer one, so a new
  // container in the innermost region may hold anything: no store check.
  std::vector<Value> items(args.begin(), args.end());
  return Value::Ref(regions_->New<VecObj>(std::move(items)));
}

Value BuiltinOps::Map(std::span<const Value> args, Pos pos) {
  for (size_t i = 0; i < args.size(); i += 2)
    CheckKey(Builtin::kMap, args[i], pos);
  MapObj* map = regions_->New<MapObj>();
  for (size_t i = 0; i + 1 < args.size(); i += 2) {
    map->entries.Put(args[i], args[i + 1]);
  }
  return Value::Ref(map);
}

Value BuiltinOps::Has(const Value& m, const Value& k, Pos pos) {
  if (m.tag != Tag::kMap) WrongOperand(Builtin::kHas, m, pos);
  CheckKey(Builtin::kHas, k, pos);
  return Value::Bool(m.map()->entries.Contains(k));
}

Value BuiltinOps::Del(const Value& m, const Value& k, Pos pos) {
  if (m.tag != Tag::kMap) WrongOperand(Builtin::kDel, m, pos);
  CheckKey(Builtin::kDel, k, pos);
  return Value::Bool(m.map()->entries.Erase(k));
}

Value BuiltinOps::Keys(const Value& m, Pos pos) {
  if (m.tag != Tag::kMap) WrongOperand(Builtin::kKeys, m, pos);
  const OrderedMap& entries = m.map()->entries;
  if (entries.size() > kMaxLength) {
    Raise(ErrorKind::kLimit, pos, VecLimitMessage());
  }
  std::vector<Value> keys;
  keys.reserve(entries.size());
  for (const OrderedMap::Slot& s : entries.slots()) {
    if (s.live) keys.push_back(s.key);
  }
  return Value::Ref(regions_->New<VecObj>(std::move(keys)));
}

Value BuiltinOps::Print(std::span<const Value> args, Pos pos) {
  std::string line;
  if (!DisplayJoined(args, " ", kMaxDisplay, &line, pos)) {
    Raise(ErrorKind::kLimit, pos, DisplayLimitMessage());
  }
  line.push_back('\n');
  out_->Write(line);
  return Value::Null();
}

void BuiltinOps::UserError(const Value& v, Pos pos) {
  std::string message;
  if (!DisplayJoined({&v, 1}, "", kMaxDisplay, &message, pos)) {
    Raise(ErrorKind::kLimit, pos, DisplayLimitMessage());
  }
  Raise(ErrorKind::kUser, pos, std::move(message));
}

Value BuiltinOps::NewString(std::string bytes, Pos pos) {
  if (bytes.size() > kMaxLength) {
    Raise(ErrorKind::kLimit, pos, StringLimitMessage());
  }
  return Value::Ref(regions_->New<StrObj>(std::move(bytes)));
}

bool BuiltinOps::DisplayJoined(std::span<const Value> args,
                               std::string_view separator, size_t max_size,
                               std::string* text, Pos pos) {
  // A leading run of strings displays as its bytes: a run already too long
  // fails before anything is copied (doubling a string up to the limit
  // otherwise copies twice the limit just to fail), and a shorter one
  // sizes the text once.
  size_t known = text->size();
  for (size_t i = 0;
       i < args.size() && args[i].tag == Tag::kStr && IsLive(args[i].obj);
       ++i) {
    known += (i > 0 ? separator.size() : 0) + args[i].str()->bytes.size();
    if (known > max_size) return false;
  }
  text->reserve(known);
  for (size_t i = 0; i < args.size(); ++i) {
    if (i > 0) text->append(separator);
    DisplayResult r = AppendDisplay(text, args[i], StringStyle::kRaw, max_size);
    if (r.status == DisplayStatus::kDeadObject) FaultDeadObject(r.dead, pos);
    if (r.status == DisplayStatus::kTooLong) return false;
  }
  return text->size() <= max_size;
}

}  // namespace tern::interp
