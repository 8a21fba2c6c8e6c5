#ifndef TERN_FUZZ_GEN_TYPE_H_
#define TERN_FUZZ_GEN_TYPE_H_

// The static types the program generator tracks. Tern is dynamically typed;
// the generator keeps its own types so that what it emits is mostly
// type-correct and programs run far instead of stopping at the first `type`
// error (those are injected on purpose, see Feature::kErrType).

#include <cstddef>
#include <deque>
#include <vector>

namespace tern::fuzz {

enum class Kind : unsigned char {
  kAny,  // no static knowledge: usable only where any value is
  kNull,
  kBool,
  kInt,
  kFloat,
  kStr,
  kVec,
  kMap,
  kFn,
};

struct Type {
  Kind kind = Kind::kAny;
  Kind elem = Kind::kAny;  // kVec elements, kMap values: kAny, kInt or kStr
  Kind key = Kind::kInt;   // kMap keys: kInt or kStr
  int sig = -1;            // kFn: index into the SignatureTable
  // kFn: the closure may call a defn. Such closures are never passed to a
  // defn nor returned from one: calling one from inside a defn could re-enter
  // the defns with a fresh depth budget and break termination.
  bool calls_defns = false;

  friend bool operator==(const Type&, const Type&) = default;
};

Type TypeOf(Kind kind);
Type VecOf(Kind elem);
Type MapOf(Kind key, Kind value);
Type FnOf(int sig, bool calls_defns);

bool IsScalar(Kind kind);     // null, bool, int, float
bool IsContainer(Kind kind);  // vec, map

// Whether a value of static type `have` may be used where `want` is expected.
bool Fits(const Type& have, const Type& want);

// A function's parameter and result types. Parameters and results are never
// functions that call defns; they may be functions only in a "higher-order"
// signature, and then only first-order ones (whose own parameters and result
// are not functions). That bounds higher-order nesting at two levels.
struct Signature {
  std::vector<Type> params;
  Type result;
  friend bool operator==(const Signature&, const Signature&) = default;
};

bool IsFirstOrder(const Signature& sig);

// Interned signatures: equal signatures share one index, so function types
// compare by index. Interning never moves a signature (a deque): the
// generator holds references to signatures while it emits code that
// interns more.
class SignatureTable {
 public:
  int Intern(const Signature& sig);
  const Signature& Get(int index) const {
    return sigs_[static_cast<size_t>(index)];
  }
  int size() const { return static_cast<int>(sigs_.size()); }

 private:
  std::deque<Signature> sigs_;
};

}  // namespace tern::fuzz

#endif  // TERN_FUZZ_GEN_TYPE_H_
