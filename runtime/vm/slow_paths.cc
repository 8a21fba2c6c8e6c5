#include "runtime/vm/slow_paths.h"

#include <cmath>
#include <cstring>

#include "runtime/builtins.h"
#include "runtime/heap/string_object.h"
#include "runtime/limits.h"
#include "runtime/messages.h"
#include "runtime/numeric.h"
#include "runtime/vm/value_display.h"

namespace tern::vm {
namespace {

using heap::Tag;

constexpr size_t kMaxLength = static_cast<size_t>(kMaxSequenceLength);

std::string_view NameOf(Builtin b) { return GetBuiltinInfo(b).name; }

bool IsNumber(const Value& v) {
  return v.tag() == Tag::kInt || v.tag() == Tag::kFloat;
}
double AsDouble(const Value& v) {
  return v.tag() == Tag::kInt ? static_cast<double>(v.as_int()) : v.as_float();
}

}  // namespace

Value NewString(VmState* vm, std::string_view bytes) {
  if (vm->heap.current_region() == 0) return vm->heap.MakeString(bytes);
  return Value::Obj(&vm->heap.NewStr(bytes)->header);
}

Value NewStringJoined(VmState* vm, const Value* strings, uint32_t count) {
  size_t total = 0;
  for (uint32_t i = 0; i < count; ++i) total += heap::StringBytes(strings[i]).size();
  char inline_bytes[Value::kMaxShortString];
  char* to = inline_bytes;
  heap::StrObj* s = nullptr;
  const bool inline_str =
      vm->heap.current_region() == 0 && total <= Value::kMaxShortString;
  if (!inline_str) {
    // The heap never moves objects, so the parts' bytes stay put.
    s = vm->heap.NewStrToFill(static_cast<uint32_t>(total));
    to = s->chars();
  }
  for (uint32_t i = 0; i < count; ++i) {
    const std::string_view part = heap::StringBytes(strings[i]);
    if (!part.empty()) std::memcpy(to, part.data(), part.size());
    to += part.size();
  }
  if (inline_str) return Value::ShortStr(std::string_view(inline_bytes, total));
  return Value::Obj(&s->header);
}

bool SlowArith(VmState* vm, uint32_t builtin, Value* dst, const Value* x,
               const Value* y) {
  auto b = static_cast<Builtin>(builtin);
  if (x->tag() == Tag::kInt && y->tag() == Tag::kInt) {
    IntResult r;
    switch (b) {
      case Builtin::kAdd: r = IntAdd(x->as_int(), y->as_int()); break;
      case Builtin::kSub: r = IntSub(x->as_int(), y->as_int()); break;
      case Builtin::kMul: r = IntMul(x->as_int(), y->as_int()); break;
      case Builtin::kDiv: r = IntDiv(x->as_int(), y->as_int()); break;
      default: r = IntMod(x->as_int(), y->as_int()); break;
    }
    switch (r.status) {
      case IntStatus::kOk: *dst = Value::Int(r.value); return true;
      case IntStatus::kOverflow:
        return vm->Fail(ErrorKind::kOverflow, IntOverflowMessage(NameOf(b)));
      case IntStatus::kDivByZero:
        return vm->Fail(ErrorKind::kDivByZero, DivByZeroMessage(b));
    }
  }
  if (IsNumber(*x) && IsNumber(*y)) {
    double a = AsDouble(*x);
    double c = AsDouble(*y);
    double r;
    switch (b) {
      case Builtin::kAdd: r = a + c; break;
      case Builtin::kSub: r = a - c; break;
      case Builtin::kMul: r = a * c; break;
      case Builtin::kDiv: r = a / c; break;
      default: r = std::fmod(a, c); break;
    }
    *dst = Value::Float(r);
    return true;
  }
  if (b == Builtin::kAdd && x->is_string() && y->is_string()) {
    if (heap::StringBytes(*x).size() + heap::StringBytes(*y).size() >
        kMaxLength) {
      return vm->Fail(ErrorKind::kLimit, StringLimitMessage());
    }
    const Value parts[2] = {*x, *y};  // dst may alias x or y
    *dst = NewStringJoined(vm, parts, 2);
    return true;
  }
  return vm->Fail(ErrorKind::kType,
                  BinaryOperandsMessage(NameOf(b), TypeName(*x), TypeName(*y)));
}

bool SlowCompare(VmState* vm, uint32_t builtin, const Value* x, const Value* y,
                 bool* result) {
  auto b = static_cast<Builtin>(builtin);
  int order;  // <0, 0, >0; NaN compares false whatever the operator
  if (x->tag() == Tag::kInt && y->tag() == Tag::kInt) {
    order = x->as_int() < y->as_int() ? -1 : x->as_int() > y->as_int() ? 1 : 0;
  } else if (IsNumber(*x) && IsNumber(*y)) {
    double a = AsDouble(*x);
    double c = AsDouble(*y);
    if (std::isnan(a) || std::isnan(c)) {
      *result = false;
      return true;
    }
    order = a < c ? -1 : a > c ? 1 : 0;
  } else if (x->is_string() && y->is_string()) {
    // char_traits<char> compares as unsigned char: bytewise, like memcmp.
    order = heap::StringBytes(*x).compare(heap::StringBytes(*y));
  } else {
    return vm->Fail(ErrorKind::kType, BinaryOperandsMessage(
                                          NameOf(b), TypeName(*x), TypeName(*y)));
  }
  switch (b) {
    case Builtin::kLt: *result = order < 0; break;
    case Builtin::kLe: *result = order <= 0; break;
    case Builtin::kGt: *result = order > 0; break;
    default: *result = order >= 0; break;
  }
  return true;
}

bool ValuesEqual(const Value* x, const Value* y) {
  Tag tx = x->tag();
  Tag ty = y->tag();
  if (tx == Tag::kInt && ty == Tag::kInt) return x->as_int() == y->as_int();
  if (IsNumber(*x) && IsNumber(*y)) return AsDouble(*x) == AsDouble(*y);
  if (x->is_string() && y->is_string()) {
    return heap::StringBytes(*x) == heap::StringBytes(*y);
  }
  if (tx != ty) return false;
  switch (tx) {
    case Tag::kNull: return true;
    case Tag::kBool: return x->as_bool() == y->as_bool();
    case Tag::kDefn: return x->as_defn() == y->as_defn();
    default: return x->as_object() == y->as_object();  // identity
  }
}

bool MakeClosure(VmState* vm, uint32_t chunk, Value* dst, const Value* frame) {
  const Chunk& lambda = vm->module.chunks[chunk];
  auto n = static_cast<uint32_t>(lambda.captures.size());
  // The sources are registers of the creating frame (rooted) and captures
  // of the creating closure (rooted through frame[0]); nothing allocates
  // between the allocation and the copies.
  // SetCapture runs the one write barrier: a new GC-heap closure is young
  // (never recorded), but one made inside an arena is listed by its arena
  // when it captures a GC-heap reference (docs/heap.md).
  heap::ClosureObj* c = vm->heap.NewClosure(chunk, n);
  for (uint32_t i = 0; i < n; ++i) {
    const CaptureSource& s = lambda.captures[i];
    vm->heap.SetCapture(c, i,
                        s.from_register
                            ? frame[s.index]
                            : frame[0].as_closure()->captures()[s.index]);
  }
  // Every live object is in the current region or an outer one, so the
  // copies obey the store rule without a check.
  *dst = Value::Obj(&c->header);
  return true;
}

bool SetCapture(VmState* vm, uint32_t index, const Value* frame,
                const Value* v) {
  heap::ClosureObj* c = frame[0].as_closure();
  if (!vm->heap.CanStore(&c->header, *v)) {
    const Chunk& lambda = vm->module.chunks[c->function()];
    return vm->Fail(ErrorKind::kArenaEscape,
                    ArenaEscapeMessage("set!", StoreTarget::kCapture,
                                       lambda.captures[index].name));
  }
  vm->heap.SetCapture(c, index, *v);  // store + write barrier
  return true;
}

bool FailNotCallable(VmState* vm, const Value* callee) {
  return vm->Fail(ErrorKind::kType, NotCallableMessage(TypeName(*callee)));
}

bool FailArity(VmState* vm, uint32_t chunk, uint32_t argc) {
  const Chunk& c = vm->module.chunks[chunk];
  return vm->Fail(ErrorKind::kArity, ArityMessage(c.name, c.num_params, argc));
}

bool FailOutOfFuel(VmState* vm) {
  return vm->Fail(ErrorKind::kOutOfFuel, OutOfFuelMessage());
}

bool FailStackOverflow(VmState* vm) {
  return vm->Fail(ErrorKind::kStackOverflow, StackOverflowMessage());
}

bool FailForBound(VmState* vm, const Value* from, const Value* to) {
  bool is_end = from->tag() == Tag::kInt;
  return vm->Fail(ErrorKind::kType,
                  ForBoundMessage(is_end, TypeName(is_end ? *to : *from)));
}

bool ExitArena(VmState* vm, const Value* result, Value* frame,
               uint32_t num_regs) {
  uint16_t ending = vm->heap.current_region();
  if (result->is_object() && result->as_object()->region >= ending) {
    return vm->Fault(
        "the result of a with-arena block is an object of the arena that "
        "ends with it");
  }
  // Values of the ending arena left in this frame are dead: the static and
  // dynamic rules keep them from being read after the block. Only this
  // frame can hold them (the arena was entered in it; its callees have
  // returned).
  for (uint32_t i = 0; i < num_regs; ++i) {
    if (frame[i].is_object() && frame[i].as_object()->region >= ending) {
      frame[i] = Value::Null();
    }
  }
  vm->heap.ExitArena();
  --vm->arena_depth;
  return true;
}

}  // namespace tern::vm
