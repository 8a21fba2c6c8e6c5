// The heap mode's statements (GeneratorOptions::heap, gc_fuzzer): shapes
// aimed at a collector rather than at arithmetic. Each one is written whole,
// with locals of its own allocated in the current block, so that the arena
// rules hold by construction; an outer container is stored into only when
// its provenance allows a fresh allocation (CanAlloc of its lower bound).
// Results are lengths, never the structures: cycles and shared subtrees
// stay out of the output.
//
// What each shape is for:
// - OldYoungStmt: objects that survive (gc) and allocation churn (so are
//   old in a generational heap), then get fresh children: the write
//   barrier's only job, on every store path (push!, put! into a vector slot,
//   map value and key, and outer containers).
// - CycleStmt: a ring through vectors and a map, dropped while live
//   references to it remain elsewhere only for a while.
// - GrowShrinkStmt: a vector of heap values grown and shrunk over rounds.
// - MapDeletesStmt: a map of heap keys and values with most keys deleted,
//   then refilled.
// - ClosureChainStmt: closures whose `mut` copies are rebound to fresh heap
//   values (the closure environment's store path), over captured vectors.
// - ArenaCallStmt: nested arenas holding heap references handed in and out
//   of closure calls.
// `(gc)` is sprinkled through them (when the swarm leaves it on), so that
// the census samples the heap at many points.

#include <string>

#include "fuzz/generator.h"

namespace tern::fuzz {
namespace {

std::string Num(int64_t n) { return std::to_string(n); }

std::string Loop(const std::string& var, int64_t n, const std::string& body) {
  return Cat({"(for (", var, " 0 ", Num(n), ") ", body, ")"});
}

// A string longer than the VM's inline cut-off (a heap object) built from
// `i`: distinct per iteration.
std::string HeapStr(const char* prefix, const std::string& i) {
  return Cat(
      {"(str \"", std::string(prefix), "-padding-past-cutoff-\" ", i, ")"});
}

}  // namespace

// A (gc) is a full collection (tens of microseconds on an empty heap, far
// more under the verifier and ASan), and code in loops and function bodies
// runs an unknown number of times: there, only now and then.
std::string Generator::GcCall() {
  if (!On(Feature::kGc) || (Hot() && !in_.Percent(15))) return "";
  Use(Feature::kGc);
  return " (gc)";
}

std::string Generator::GcEvery(const std::string& i) {
  if (!On(Feature::kGc) || Hot() || !in_.Percent(60)) return "";
  Use(Feature::kGc);
  return Cat({" (if (= (% ", i, " ", Num(in_.InRange(3, 32)), ") 0) (gc))"});
}

int64_t Generator::HeapCount(int64_t lo, int64_t hi) {
  // In loops and function bodies a statement runs many times: keep it small
  // there (fuel bounds the rest).
  return Hot() ? in_.InRange(1, 3) : in_.InRange(lo, hi);
}

std::string Generator::YoungValue(Kind elem, const std::string& i) {
  switch (elem) {
    case Kind::kInt:
      return i;
    case Kind::kStr:
      return HeapStr("young", i);
    default:
      switch (in_.Weighted({3, 2, 2, 1})) {
        case 0:
          return Cat({"[", i, " ", HeapStr("y", i), "]"});
        case 1:
          return Cat({"{\"y\" [", i, "]}"});
        case 2:
          Use(Feature::kLambda);
          Use(Feature::kCapture);
          return Cat({"(fn () ", i, ")"});
        default:
          return HeapStr("young", i);
      }
  }
}

std::string Generator::OldYoungStmt() {
  Use(Feature::kOldYoung);
  Use(Feature::kPush);
  Use(Feature::kPut);
  Use(Feature::kGet);
  const std::string o = NewName(), m = NewName(), i = NewName();
  const int64_t k = HeapCount(4, 40);
  // Old: a vector of one-slot vectors and a map of heap strings.
  std::string text = Cat({"(let ((", o, " []) (", m, " {})) ",
                          Loop(i, k,
                               "(push! " + o + " [" + i + "]) (put! " + m +
                                   ' ' + i + ' ' + HeapStr("old", i) + ')')});
  text += GcCall();
  // Churn: garbage enough for several minor collections in between.
  AddSpaced(text, Loop(i, HeapCount(16, 200),
                       "[" + i + ' ' + i + "] " + HeapStr("garbage", i) +
                           GcEvery(i)));
  // Young children for the old objects, through each store path.
  std::string young =
      Cat({"(put! (get ", o, " ", i, ") 0 ", YoungValue(Kind::kAny, i),
           ") (put! ", m, " ", i, " ", HeapStr("young", i), ")"});
  if (in_.Percent(50))
    young += Cat({" (push! ", o, " ", YoungValue(Kind::kAny, i), ")"});
  if (in_.Percent(40)) {
    Use(Feature::kStr);
    young += Cat({" (put! ", m, " ", HeapStr("young-key", i), " [", i, "])"});
  }
  AddSpaced(text, Loop(i, k, young + GcEvery(i)));
  // An outer container (when the arena rules let it take a fresh object)
  // gets young children too: it is older than anything made here.
  const auto outer = scope_.Find([&](const Var& v) {
    return IsContainer(v.type.kind) && CanAlloc(v.prov_lo) &&
           (v.type.kind == Kind::kMap || v.type.elem != Kind::kInt);
  });
  if (!outer.empty() && !Hot() && in_.Percent(60)) {
    const size_t index = Pick(outer);
    const Var var = scope_.at(index);
    const std::string c = UseVar(index).text;
    const std::string value = YoungValue(var.type.elem, i);
    std::string store;
    if (var.type.kind == Kind::kVec) {
      store = Cat({"(push! ", c, " ", value, ")"});
    } else {
      const std::string key =
          var.type.key == Kind::kInt ? i : HeapStr("outer-key", i);
      store = Cat({"(put! ", c, " ", key, " ", value, ")"});
    }
    AddSpaced(text, Loop(i, in_.InRange(1, 8), store));
  }
  return Cat({text, GcCall(), " (len ", o, "))"});
}

std::string Generator::CycleStmt() {
  Use(Feature::kCycle);
  Use(Feature::kMutSet);
  Use(Feature::kPush);
  Use(Feature::kPut);
  const std::string a = NewName(), b = NewName(), cur = NewName(),
                    n = NewName(), i = NewName();
  // a <-> b, a -> a, then a chain from a back to a: a ring.
  std::string text = Cat(
      {"(let ((", a,           " [0]) (",   b,           " {\"a\" null}) (mut ",
       cur,       " ",         a,           ")) (put! ", b,
       " \"a\" ", a,           ") (push! ", a,           " ",
       b,         ") (push! ", a,           " ",         a,
       ") "});
  text += Loop(i, HeapCount(2, 120),
               "(let ((" + n + " [" + i + ' ' + cur + "])) (set! " + cur +
                   ' ' + n + "))" + GcEvery(i));
  text += Cat({" (push! ", a, " ", cur, ")", GcCall()});
  // Cut the ring's entry: what stays reachable is a and b only through the
  // chain's last link, now dropped too.
  if (in_.Percent(50)) text += Cat({" (set! ", cur, " null)", GcCall()});
  return Cat({text, " (len ", a, "))"});
}

std::string Generator::GrowShrinkStmt() {
  Use(Feature::kGrowShrink);
  Use(Feature::kPush);
  Use(Feature::kPop);
  Use(Feature::kLen);
  const std::string v = NewName(), r = NewName(), i = NewName();
  const int64_t grow = HeapCount(8, 96);
  const int64_t shrink = in_.InRange(1, grow);
  std::string round =
      Loop(i, grow, "(push! " + v + ' ' + YoungValue(Kind::kAny, i) + ')') +
      ' ' + Loop(i, shrink, "(if (> (len " + v + ") 0) (pop! " + v + "))");
  if (On(Feature::kGc) && !Hot() && in_.Percent(70)) {
    Use(Feature::kGc);
    round += Cat({" (if (= (% ", r, " 2) 0) (gc))"});
  }
  return Cat({"(let ((", v, " [])) ", Loop(r, in_.InRange(1, 6), round),
              " (len ", v, "))"});
}

std::string Generator::MapDeletesStmt() {
  Use(Feature::kMapDeletes);
  Use(Feature::kPut);
  Use(Feature::kDel);
  Use(Feature::kHas);
  Use(Feature::kStr);
  const std::string m = NewName(), i = NewName();
  const int64_t n = HeapCount(16, 160);
  const std::string keep = Num(in_.InRange(3, 8));
  const std::string key = HeapStr("key", i);
  std::string text = Cat(
      {"(let ((", m, " {})) ",
       Loop(i, n,
            "(put! " + m + ' ' + key + ' ' + YoungValue(Kind::kAny, i) + ')')});
  // Most keys go; the map keeps its capacity and its tombstones.
  AddSpaced(text, Loop(i, n,
                       "(if (= (% " + i + ' ' + keep + ") 0) null (del! " + m +
                           ' ' + key + "))" + GcEvery(i)));
  text += GcCall();
  // Refill over the deleted slots, and delete again half the time.
  AddSpaced(text, Loop(i, in_.InRange(1, n),
                       "(if (has? " + m + ' ' + key + ") (del! " + m + ' ' +
                           key + ") (put! " + m + ' ' + key + ' ' +
                           YoungValue(Kind::kAny, i) + "))"));
  return Cat({text, GcCall(), " (len ", m, "))"});
}

std::string Generator::ClosureChainStmt() {
  Use(Feature::kClosureChain);
  Use(Feature::kLambda);
  Use(Feature::kCapture);
  Use(Feature::kMutCapture);
  Use(Feature::kMutCopy);
  Use(Feature::kClosureCall);
  Use(Feature::kClosureHeap);
  const std::string c = NewName(), h = NewName(), f = NewName(),
                    g = NewName(), i = NewName(), x = NewName();
  // f's own copy of c becomes a chain through f's environment; h is shared
  // with g, which grows it. The outer c stays [0].
  std::string text = Cat({"(let ((mut ",
                          c,
                          " [0]) (",
                          h,
                          " [])) (let ((",
                          f,
                          " (fn (",
                          x,
                          ") (set! ",
                          c,
                          " [",
                          x,
                          " ",
                          c,
                          " ",
                          h,
                          "])",
                          GcEvery(x),
                          " (len ",
                          c,
                          "))) (",
                          g,
                          " (fn (",
                          x,
                          ") (push! ",
                          h,
                          " ",
                          YoungValue(Kind::kAny, x),
                          ") (len ",
                          h,
                          ")))) "});
  const int64_t n = HeapCount(4, 100);
  text += Loop(i, n, "(" + f + ' ' + i + ") (" + g + ' ' + i + ')');
  text += GcCall();
  if (On(Feature::kPrint) && in_.Percent(50)) {
    Use(Feature::kPrint);
    text +=
        Cat({" (print (", f, " ", Num(n), ") (len ", c, ") (len ", h, "))"});
  }
  return Cat({text, " (len ", h, ")))"});
}

std::string Generator::ArenaCallStmt() {
  Use(Feature::kArenaCallHeap);
  Use(Feature::kWithArena);
  Use(Feature::kNestedArena);
  Use(Feature::kArenaCall);
  Use(Feature::kLambda);
  Use(Feature::kClosureCall);
  const std::string keep = NewName(), id = NewName(), pair = NewName(),
                    t = NewName(), u = NewName(), x = NewName(), y = NewName(),
                    i = NewName();
  // id hands a heap vector in and back out (after a store of an immediate);
  // pair makes a fresh vector of its arguments: in an arena, an arena
  // object holding heap references.
  std::string text = Cat({"(let ((",   keep,     " [[0] [1]]) (",
                          id,          " (fn (", x,
                          ") (push! ", x,        " 1) ",
                          x,           ")) (",   pair,
                          " (fn (",    x,        " ",
                          y,           ") [",    x,
                          " ",         y,        "]))) "});
  std::string inner =
      Cat({"(let ((", u, " (", pair, " ", t, " (", id, " (get ", keep,
           " 1)))))", GcCall(), " (len (", id, " (get ", u, " 1))))"});
  std::string outer_body =
      "(let ((" + t + " (" + pair + ' ' + keep + " (" + id + " (get " + keep +
      " 0))))) " +
      Loop(i, HeapCount(1, 24), "(" + pair + ' ' + t + ' ' + i + ')') + ' ' +
      "(with-arena " + NewLabel() + ' ' + inner + ") (len (get " + t +
      " 1)))";
  text += Cat({"(with-arena ", NewLabel(), " ", outer_body, ")"});
  return Cat({text, GcCall(), " (len (get ", keep, " 0)))"});
}

}  // namespace tern::fuzz
