// The builtins on VM values (CallBuiltin, slow_paths.h): the same checks,
// in the same order, with the same messages as the interpreter's
// runtime/interp/builtins_impl.cc.

#include <string>

#include "runtime/builtins.h"
#include "runtime/heap/string_object.h"
#include "runtime/limits.h"
#include "runtime/messages.h"
#include "runtime/numeric.h"
#include "runtime/vm/slow_paths.h"
#include "runtime/vm/value_display.h"

namespace tern::vm {
namespace {

using heap::Tag;

constexpr size_t kMaxLength = static_cast<size_t>(kMaxSequenceLength);
constexpr size_t kMaxDisplay = static_cast<size_t>(kMaxDisplayLength);

bool IsKey(const Value& k) {
  return k.tag() == Tag::kInt || k.tag() == Tag::kBool || k.is_string();
}

bool IsTruthy(const Value& v) {
  return !(v.tag() == Tag::kNull || (v.tag() == Tag::kBool && !v.as_bool()));
}

class Builtins {
 public:
  Builtins(VmState* vm, Value* dst) : vm_(vm), dst_(dst) {}

  bool Call(Builtin b, const Value* args, uint32_t argc) {
    switch (b) {
      case Builtin::kAdd: return Add(args, argc);
      case Builtin::kSub:
      case Builtin::kMul: return SubOrMul(b, args, argc);
      case Builtin::kDiv:
      case Builtin::kMod:
        return SlowArith(vm_, static_cast<uint32_t>(b), dst_, &args[0],
                         &args[1]);
      case Builtin::kLt:
      case Builtin::kLe:
      case Builtin::kGt:
      case Builtin::kGe: {
        bool r;
        if (!SlowCompare(vm_, static_cast<uint32_t>(b), &args[0], &args[1], &r))
          return false;
        return Set(Value::Bool(r));
      }
      case Builtin::kEq: return Set(Value::Bool(ValuesEqual(&args[0], &args[1])));
      case Builtin::kNe:
        return Set(Value::Bool(!ValuesEqual(&args[0], &args[1])));
      case Builtin::kInt: return ToInt(args[0]);
      case Builtin::kFloat: return ToFloat(args[0]);
      case Builtin::kStr: return Str(args, argc);
      case Builtin::kTypeOf: return Set(Value::ShortStr(TypeName(args[0])));
      case Builtin::kLen: return Len(args[0]);
      case Builtin::kGet: return Get(args[0], args[1]);
      case Builtin::kPut: return Put(args[0], args[1], args[2]);
      case Builtin::kPush: return Push(args[0], args[1]);
      case Builtin::kPop: return Pop(args[0]);
      case Builtin::kSlice: return Slice(args[0], args[1], args[2]);
      case Builtin::kVec: return Vec(args, argc);
      case Builtin::kMap: return Map(args, argc);
      case Builtin::kHas: return Has(args[0], args[1]);
      case Builtin::kDel: return Del(args[0], args[1]);
      case Builtin::kKeys: return Keys(args[0]);
      case Builtin::kPrint: return Print(args, argc);
      case Builtin::kGc:
        vm_->CollectAndCensus();
        return Set(Value::Null());
      case Builtin::kError: return UserError(args[0]);
      case Builtin::kAssert:
        if (!IsTruthy(args[0])) {
          return vm_->Fail(ErrorKind::kAssert, AssertMessage());
        }
        return Set(Value::Null());
    }
    return vm_->Fault("unknown builtin");
  }

 private:
  bool Set(Value v) {
    *dst_ = v;
    return true;
  }
  bool Fail(ErrorKind kind, std::string message) {
    return vm_->Fail(kind, std::move(message));
  }
  bool WrongOperand(Builtin b, const Value& x) {
    return Fail(ErrorKind::kType, OperandTypeMessage(b, TypeName(x)));
  }
  bool CheckKey(Builtin b, const Value& k) {
    if (IsKey(k)) return true;
    return Fail(ErrorKind::kType, KeyTypeMessage(b, TypeName(k)));
  }
  bool MissingKey(Builtin b, const Value& k) {
    switch (k.tag()) {
      case Tag::kInt:
        return Fail(ErrorKind::kKey, MissingIntKeyMessage(b, k.as_int()));
      case Tag::kBool:
        return Fail(ErrorKind::kKey, MissingBoolKeyMessage(b, k.as_bool()));
      default:
        return Fail(ErrorKind::kKey,
                    MissingStringKeyMessage(b, heap::StringBytes(k)));
    }
  }
  // A vector or string index: an int in [0, length); *i on success.
  bool CheckIndex(Builtin b, const Value& c, const Value& k, size_t length,
                  size_t* i) {
    if (k.tag() != Tag::kInt) {
      return Fail(ErrorKind::kType, IndexTypeMessage(b, TypeName(k)));
    }
    if (k.as_int() < 0 || static_cast<uint64_t>(k.as_int()) >= length) {
      return Fail(ErrorKind::kIndex,
                  IndexRangeMessage(b, TypeName(c), k.as_int(), length));
    }
    *i = static_cast<size_t>(k.as_int());
    return true;
  }
  bool CheckStore(const heap::Object* container, const Value& v,
                  std::string_view op, StoreTarget target) {
    if (vm_->heap.CanStore(container, v)) return true;
    return Fail(ErrorKind::kArenaEscape, ArenaEscapeMessage(op, target));
  }
  bool NewString(std::string_view bytes) {
    if (bytes.size() > kMaxLength) {
      return Fail(ErrorKind::kLimit, StringLimitMessage());
    }
    return Set(vm::NewString(vm_, bytes));
  }
  // Display forms of args joined by `separator` into *text (strings raw at
  // top level); false when longer than max_size.
  bool DisplayJoined(const Value* args, uint32_t argc,
                     std::string_view separator, size_t max_size,
                     std::string* text) {
    // A leading run of strings displays as its bytes: a run already too
    // long fails before anything is copied, a shorter one sizes the text
    // once (as the interpreter does).
    size_t known = text->size();
    for (uint32_t i = 0; i < argc && args[i].is_string(); ++i) {
      known += (i > 0 ? separator.size() : 0) + heap::StringBytes(args[i]).size();
      if (known > max_size) return false;
    }
    text->reserve(known);
    for (uint32_t i = 0; i < argc; ++i) {
      if (i > 0) text->append(separator);
      if (!AppendDisplay(text, args[i], StringStyle::kRaw, max_size,
                         vm_->module)) {
        return false;
      }
    }
    return text->size() <= max_size;
  }

  bool Add(const Value* args, uint32_t argc) {
    Value acc = args[0];
    if (argc == 1) {
      if (acc.tag() == Tag::kInt || acc.tag() == Tag::kFloat ||
          acc.is_string()) {
        return Set(acc);
      }
      return Fail(ErrorKind::kType, UnaryOperandMessage("+", TypeName(acc)));
    }
    uint32_t i = 1;
    for (; i < argc && !acc.is_string(); ++i) {
      if (!SlowArith(vm_, static_cast<uint32_t>(Builtin::kAdd), &acc, &acc,
                     &args[i])) {
        return false;
      }
    }
    if (i == argc) return Set(acc);
    // The rest is a concatenation (as the interpreter does it: the length
    // limit within the leading run of strings first, then the first
    // operand that is not a string; only the final string is built).
    size_t total = heap::StringBytes(acc).size();
    uint32_t end = i;
    for (; end < argc && args[end].is_string(); ++end) {
      total += heap::StringBytes(args[end]).size();
    }
    if (total > kMaxLength) return Fail(ErrorKind::kLimit, StringLimitMessage());
    if (end < argc) {
      return Fail(ErrorKind::kType,
                  BinaryOperandsMessage("+", "string", TypeName(args[end])));
    }
    // acc is args[i - 1]: a string only when it was args[0] (a number
    // plus a string fails above).
    return Set(NewStringJoined(vm_, args + (i - 1), end - (i - 1)));
  }

  bool SubOrMul(Builtin b, const Value* args, uint32_t argc) {
    Value acc = args[0];
    if (argc == 1) {
      if (b == Builtin::kSub && acc.tag() == Tag::kInt) {
        IntResult r = IntNeg(acc.as_int());
        if (r.status != IntStatus::kOk) {
          return Fail(ErrorKind::kOverflow,
                      IntOverflowMessage(GetBuiltinInfo(b).name));
        }
        return Set(Value::Int(r.value));
      }
      if (acc.tag() == Tag::kFloat) {
        return Set(b == Builtin::kSub ? Value::Float(-acc.as_float()) : acc);
      }
      if (acc.tag() == Tag::kInt) return Set(acc);  // unary *
      return Fail(ErrorKind::kType,
                  UnaryOperandMessage(GetBuiltinInfo(b).name, TypeName(acc)));
    }
    for (uint32_t i = 1; i < argc; ++i) {
      if (!SlowArith(vm_, static_cast<uint32_t>(b), &acc, &acc, &args[i])) {
        return false;
      }
    }
    return Set(acc);
  }

  bool ToInt(const Value& x) {
    switch (x.tag()) {
      case Tag::kInt: return Set(x);
      case Tag::kFloat: {
        std::optional<int64_t> r = FloatToInt(x.as_float());
        if (!r) {
          return Fail(ErrorKind::kOverflow,
                      FloatToIntOverflowMessage(x.as_float()));
        }
        return Set(Value::Int(*r));
      }
      case Tag::kShortStr:
      case Tag::kStr: {
        int64_t r = 0;
        switch (ParseDecimalInt(heap::StringBytes(x), &r)) {
          case ParseIntStatus::kOk: return Set(Value::Int(r));
          case ParseIntStatus::kMalformed:
            return Fail(ErrorKind::kType, MalformedIntStringMessage());
          case ParseIntStatus::kOverflow:
            return Fail(ErrorKind::kOverflow, StringToIntOverflowMessage());
        }
        break;
      }
      default: break;
    }
    return WrongOperand(Builtin::kInt, x);
  }

  bool ToFloat(const Value& x) {
    if (x.tag() == Tag::kInt) {
      return Set(Value::Float(static_cast<double>(x.as_int())));
    }
    if (x.tag() == Tag::kFloat) return Set(x);
    return WrongOperand(Builtin::kFloat, x);
  }

  bool Str(const Value* args, uint32_t argc) {
    // Strings only (a concatenation, e.g. doubling a string): joined in
    // place, without a temporary.
    size_t total = 0;
    uint32_t strings = 0;
    for (; strings < argc && args[strings].is_string(); ++strings) {
      total += heap::StringBytes(args[strings]).size();
    }
    if (strings == argc) {
      if (total > kMaxLength) return Fail(ErrorKind::kLimit, StringLimitMessage());
      return Set(NewStringJoined(vm_, args, argc));
    }
    std::string text;
    if (!DisplayJoined(args, argc, "", kMaxLength, &text)) {
      return Fail(ErrorKind::kLimit, StringLimitMessage());
    }
    return NewString(text);
  }

  bool Len(const Value& c) {
    switch (c.tag()) {
      case Tag::kShortStr:
      case Tag::kStr:
        return Set(Value::Int(static_cast<int64_t>(heap::StringBytes(c).size())));
      case Tag::kVec: return Set(Value::Int(c.as_vec()->size()));
      case Tag::kMap: return Set(Value::Int(c.as_map()->size()));
      default: return WrongOperand(Builtin::kLen, c);
    }
  }

  bool Get(const Value& c, const Value& k) {
    size_t i;
    switch (c.tag()) {
      case Tag::kVec: {
        const heap::VecObj* v = c.as_vec();
        if (!CheckIndex(Builtin::kGet, c, k, v->size(), &i)) return false;
        return Set(v->Get(static_cast<uint32_t>(i)));
      }
      case Tag::kShortStr:
      case Tag::kStr: {
        std::string_view bytes = heap::StringBytes(c);
        if (!CheckIndex(Builtin::kGet, c, k, bytes.size(), &i)) return false;
        return Set(Value::Int(static_cast<unsigned char>(bytes[i])));
      }
      case Tag::kMap: {
        if (!CheckKey(Builtin::kGet, k)) return false;
        Value v;
        if (!c.as_map()->Get(k, &v)) return MissingKey(Builtin::kGet, k);
        return Set(v);
      }
      default: return WrongOperand(Builtin::kGet, c);
    }
  }

  bool Put(const Value& c, const Value& k, const Value& v) {
    constexpr std::string_view kOp = "put!";
    if (c.tag() == Tag::kVec) {
      heap::VecObj* vec = c.as_vec();
      size_t i;
      if (!CheckIndex(Builtin::kPut, c, k, vec->size(), &i)) return false;
      if (!CheckStore(&vec->header, v, kOp, StoreTarget::kVecElement)) {
        return false;
      }
      vm_->heap.VecSet(vec, static_cast<uint32_t>(i), v);  // + write barrier
      return Set(Value::Null());
    }
    if (c.tag() == Tag::kMap) {
      heap::MapObj* map = c.as_map();
      if (!CheckKey(Builtin::kPut, k)) return false;
      // An update keeps the entry's original key: only a new entry stores
      // (and checks) the key.
      if (!map->Has(k) &&
          !CheckStore(&map->header, k, kOp, StoreTarget::kMapKey)) {
        return false;
      }
      if (!CheckStore(&map->header, v, kOp, StoreTarget::kMapValue)) {
        return false;
      }
      vm_->heap.MapPut(map, k, v);
      return Set(Value::Null());
    }
    return WrongOperand(Builtin::kPut, c);
  }

  bool Push(const Value& c, const Value& v) {
    if (c.tag() != Tag::kVec) return WrongOperand(Builtin::kPush, c);
    heap::VecObj* vec = c.as_vec();
    if (!CheckStore(&vec->header, v, "push!", StoreTarget::kVecElement)) {
      return false;
    }
    if (vec->size() >= kMaxLength) {
      return Fail(ErrorKind::kLimit, VecLimitMessage());
    }
    vm_->heap.VecPush(vec, v);
    return Set(Value::Null());
  }

  bool Pop(const Value& c) {
    if (c.tag() != Tag::kVec) return WrongOperand(Builtin::kPop, c);
    heap::VecObj* vec = c.as_vec();
    if (vec->size() == 0) return Fail(ErrorKind::kIndex, EmptyPopMessage());
    return Set(vm_->heap.VecPop(vec));
  }

  bool Slice(const Value& c, const Value& from, const Value& to) {
    if (!c.is_string() && c.tag() != Tag::kVec) {
      return WrongOperand(Builtin::kSlice, c);
    }
    for (const Value* bound : {&from, &to}) {
      if (bound->tag() != Tag::kInt) {
        return Fail(ErrorKind::kType,
                    IndexTypeMessage(Builtin::kSlice, TypeName(*bound)));
      }
    }
    size_t length = c.is_string() ? heap::StringBytes(c).size()
                                  : c.as_vec()->size();
    int64_t f = from.as_int();
    int64_t t = to.as_int();
    if (f < 0 || f > t || static_cast<uint64_t>(t) > length) {
      return Fail(ErrorKind::kIndex,
                  SliceRangeMessage(TypeName(c), f, t, length));
    }
    auto begin = static_cast<uint32_t>(f);
    auto count = static_cast<uint32_t>(t - f);
    if (c.is_string()) {
      std::string bytes(heap::StringBytes(c).substr(begin, count));
      return NewString(bytes);
    }
    // c is rooted by its register; the new vector by a handle while it
    // is filled.
    heap::HandleScope scope(vm_->heap);
    heap::VecObj* part = vm_->heap.NewVec(count);
    scope.Protect(Value::Obj(&part->header));
    const heap::VecObj* src = c.as_vec();
    for (uint32_t i = 0; i < count; ++i) {
      vm_->heap.VecPush(part, src->Get(begin + i));
    }
    return Set(Value::Obj(&part->header));
  }

  bool Vec(const Value* args, uint32_t argc) {
    if (argc > kMaxLength) return Fail(ErrorKind::kLimit, VecLimitMessage());
    // A new container in the current region may hold anything live: no
    // store check.
    heap::HandleScope scope(vm_->heap);
    heap::VecObj* vec = vm_->heap.NewVec(argc);
    scope.Protect(Value::Obj(&vec->header));
    for (uint32_t i = 0; i < argc; ++i) vm_->heap.VecPush(vec, args[i]);
    return Set(Value::Obj(&vec->header));
  }

  bool Map(const Value* args, uint32_t argc) {
    for (uint32_t i = 0; i < argc; i += 2) {
      if (!CheckKey(Builtin::kMap, args[i])) return false;
    }
    heap::HandleScope scope(vm_->heap);
    heap::MapObj* map = vm_->heap.NewMap(argc / 2);
    scope.Protect(Value::Obj(&map->header));
    for (uint32_t i = 0; i + 1 < argc; i += 2) {
      vm_->heap.MapPut(map, args[i], args[i + 1]);
    }
    return Set(Value::Obj(&map->header));
  }

  bool Has(const Value& m, const Value& k) {
    if (m.tag() != Tag::kMap) return WrongOperand(Builtin::kHas, m);
    if (!CheckKey(Builtin::kHas, k)) return false;
    return Set(Value::Bool(m.as_map()->Has(k)));
  }

  bool Del(const Value& m, const Value& k) {
    if (m.tag() != Tag::kMap) return WrongOperand(Builtin::kDel, m);
    if (!CheckKey(Builtin::kDel, k)) return false;
    return Set(Value::Bool(m.as_map()->Del(k)));
  }

  bool Keys(const Value& m) {
    if (m.tag() != Tag::kMap) return WrongOperand(Builtin::kKeys, m);
    const heap::MapObj* map = m.as_map();
    if (map->size() > kMaxLength) {
      return Fail(ErrorKind::kLimit, VecLimitMessage());
    }
    heap::HandleScope scope(vm_->heap);
    heap::VecObj* keys = vm_->heap.NewVec(map->size());
    scope.Protect(Value::Obj(&keys->header));
    // Pushing never mutates the map, so the cursor stays valid.
    for (uint32_t i = 0; i < map->entry_limit(); ++i) {
      Value key, value;
      if (map->EntryAt(i, &key, &value)) vm_->heap.VecPush(keys, key);
    }
    return Set(Value::Obj(&keys->header));
  }

  bool Print(const Value* args, uint32_t argc) {
    std::string line;
    if (!DisplayJoined(args, argc, " ", kMaxDisplay, &line)) {
      return Fail(ErrorKind::kLimit, DisplayLimitMessage());
    }
    line.push_back('\n');
    vm_->out->Write(line);
    return Set(Value::Null());
  }

  bool UserError(const Value& v) {
    std::string message;
    if (!DisplayJoined(&v, 1, "", kMaxDisplay, &message)) {
      return Fail(ErrorKind::kLimit, DisplayLimitMessage());
    }
    return Fail(ErrorKind::kUser, std::move(message));
  }

  VmState* vm_;
  Value* dst_;
};

}  // namespace

bool CallBuiltin(VmState* vm, uint32_t builtin, Value* dst, const Value* args,
                 uint32_t argc) {
  return Builtins(vm, dst).Call(static_cast<Builtin>(builtin), args, argc);
}

}  // namespace tern::vm
