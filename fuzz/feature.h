#ifndef TERN_FUZZ_FEATURE_H_
#define TERN_FUZZ_FEATURE_H_

// The language constructs the program generator can emit. The generator
// reports which ones each program uses, so tests can measure that the
// generator reaches every construct and every kind of runtime error.

#include <bitset>
#include <cstddef>
#include <string_view>

namespace tern::fuzz {

#define TERN_GEN_FEATURES(X)                                           \
  /* Values and builtins. */                                           \
  X(kIntArith, "int-arith")                                            \
  X(kFloatArith, "float-arith")                                        \
  X(kComparison, "comparison")                                         \
  X(kEquality, "equality")                                             \
  X(kLogic, "logic")                                                   \
  X(kStringConcat, "string-concat")                                    \
  X(kStr, "str")                                                       \
  X(kSlice, "slice")                                                   \
  X(kTypeOf, "type-of")                                                \
  X(kConversion, "conversion")                                         \
  X(kVecLiteral, "vec-literal")                                        \
  X(kMapLiteral, "map-literal")                                        \
  X(kGet, "get")                                                       \
  X(kPut, "put")                                                       \
  X(kPush, "push")                                                     \
  X(kPop, "pop")                                                       \
  X(kHas, "has")                                                       \
  X(kDel, "del")                                                       \
  X(kKeys, "keys")                                                     \
  X(kLen, "len")                                                       \
  X(kPrint, "print")                                                   \
  X(kGc, "gc")                                                         \
  /* Bindings and control. */                                          \
  X(kLet, "let")                                                       \
  X(kMutSet, "mut-set")                                                \
  X(kShadowing, "shadowing")                                           \
  X(kIf, "if")                                                         \
  X(kDo, "do")                                                         \
  X(kFor, "for")                                                       \
  X(kWhile, "while")                                                   \
  /* Functions. */                                                     \
  X(kDefn, "defn")                                                     \
  X(kDefnCall, "defn-call")                                            \
  X(kRecursion, "recursion")                                           \
  X(kMutualRecursion, "mutual-recursion")                              \
  X(kLambda, "lambda")                                                 \
  X(kCapture, "capture")                                               \
  X(kMutCapture, "mut-capture")                                        \
  X(kNestedLambda, "nested-lambda")                                    \
  X(kClosureCall, "closure-call")                                      \
  X(kHigherOrder, "higher-order")                                      \
  X(kImmediateCall, "immediate-call")                                  \
  /* Arenas. */                                                        \
  X(kWithArena, "with-arena")                                          \
  X(kNestedArena, "nested-arena")                                      \
  X(kArenaAlloc, "arena-alloc")                                        \
  X(kArenaCall, "arena-call")                                          \
  X(kArenaOuterStore, "arena-outer-store")                             \
  X(kArenaMapKey, "arena-map-key")                                     \
  X(kReservedLabel, "reserved-label")                                  \
  X(kNoGc, "no-gc")                                                    \
  /* Heap shapes the VM and its GC make interesting. */                \
  X(kInlineCutoffStr, "inline-cutoff-str")                             \
  X(kContainerChurn, "container-churn")                                \
  X(kClosureHeap, "closure-heap")                                      \
  X(kMutCopy, "mut-copy")                                              \
  X(kArenaHeapRef, "arena-heap-ref")                                   \
  X(kDeepStructure, "deep-structure")                                  \
  /* The heap mode's shapes (GeneratorOptions::heap). */                \
  X(kOldYoung, "old-young")                                            \
  X(kCycle, "cycle")                                                   \
  X(kGrowShrink, "grow-shrink")                                        \
  X(kMapDeletes, "map-deletes")                                        \
  X(kClosureChain, "closure-chain")                                    \
  X(kArenaCallHeap, "arena-call-heap")                                 \
  /* Deliberate runtime errors (natural ones come on top of these). */ \
  X(kErrType, "err-type")                                              \
  X(kErrIndex, "err-index")                                            \
  X(kErrKey, "err-key")                                                \
  X(kErrDivByZero, "err-div-by-zero")                                  \
  X(kErrOverflow, "err-overflow")                                      \
  X(kErrUser, "err-user")                                              \
  X(kErrAssert, "err-assert")                                          \
  X(kErrArity, "err-arity")                                            \
  X(kErrStackOverflow, "err-stack-overflow")                           \
  X(kErrOutOfFuel, "err-out-of-fuel")                                  \
  X(kErrLimit, "err-limit")                                            \
  X(kErrArenaEscape, "err-arena-escape")                               \
  X(kErrInExpr, "err-in-expr")

enum class Feature : unsigned char {
#define TERN_X(id, name) id,
  TERN_GEN_FEATURES(TERN_X)
#undef TERN_X
};

inline constexpr size_t kFeatureCount = 0
#define TERN_X(id, name) +1
    TERN_GEN_FEATURES(TERN_X)
#undef TERN_X
    ;

std::string_view FeatureName(Feature f);

class FeatureSet {
 public:
  void Add(Feature f) { bits_.set(static_cast<size_t>(f)); }
  bool Has(Feature f) const { return bits_.test(static_cast<size_t>(f)); }
  void AddAll(const FeatureSet& other) { bits_ |= other.bits_; }
  void Remove(Feature f) { bits_.reset(static_cast<size_t>(f)); }
  static FeatureSet All() {
    FeatureSet s;
    s.bits_.set();
    return s;
  }
  size_t Count() const { return bits_.count(); }
  friend bool operator==(const FeatureSet&, const FeatureSet&) = default;

 private:
  std::bitset<kFeatureCount> bits_;
};

}  // namespace tern::fuzz

#endif  // TERN_FUZZ_FEATURE_H_
