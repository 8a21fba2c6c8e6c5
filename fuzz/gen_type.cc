#include "fuzz/gen_type.h"

namespace tern::fuzz {

Type TypeOf(Kind kind) {
  Type t;
  t.kind = kind;
  return t;
}

Type VecOf(Kind elem) {
  Type t = TypeOf(Kind::kVec);
  t.elem = elem;
  return t;
}

Type MapOf(Kind key, Kind value) {
  Type t = TypeOf(Kind::kMap);
  t.key = key;
  t.elem = value;
  return t;
}

Type FnOf(int sig, bool calls_defns) {
  Type t = TypeOf(Kind::kFn);
  t.sig = sig;
  t.calls_defns = calls_defns;
  return t;
}

bool IsScalar(Kind kind) {
  return kind == Kind::kNull || kind == Kind::kBool || kind == Kind::kInt ||
         kind == Kind::kFloat;
}

bool IsContainer(Kind kind) { return kind == Kind::kVec || kind == Kind::kMap; }

bool Fits(const Type& have, const Type& want) {
  if (want.kind == Kind::kAny) return true;
  if (have.kind != want.kind) return false;
  switch (want.kind) {
    case Kind::kVec:
      return have.elem == want.elem;
    case Kind::kMap:
      return have.elem == want.elem && have.key == want.key;
    case Kind::kFn:
      return have.sig == want.sig && (want.calls_defns || !have.calls_defns);
    default:
      return true;
  }
}

bool IsFirstOrder(const Signature& sig) {
  for (const Type& p : sig.params) {
    if (p.kind == Kind::kFn) return false;
  }
  return sig.result.kind != Kind::kFn;
}

int SignatureTable::Intern(const Signature& sig) {
  for (size_t i = 0; i < sigs_.size(); ++i) {
    if (sigs_[i] == sig) return static_cast<int>(i);
  }
  sigs_.push_back(sig);
  return static_cast<int>(sigs_.size()) - 1;
}

}  // namespace tern::fuzz
