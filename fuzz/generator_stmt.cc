// Statements: expressions evaluated for their effects, in bodies.

#include <string>

#include "fuzz/generator.h"

namespace tern::fuzz {
namespace {

// Out of about 100: deliberate errors end a run, so they stay rare enough
// that most programs run most of their code first.
constexpr unsigned kErrorWeight = 1;

}  // namespace

std::string Generator::Stmts(int max) {
  if (budget_ <= 0) return "";
  const int n = static_cast<int>(in_.Below(static_cast<uint64_t>(max) + 1));
  std::string out;
  for (int i = 0; i < n; ++i) AddSpaced(out, Stmt());
  return out;
}

std::string Generator::Stmt() {
  if (budget_ <= 0 || stmt_depth_ >= kMaxStmtDepth)
    return Leaf(TypeOf(Kind::kAny), depth_).text;
  --budget_;
  Saved<int> saved(stmt_depth_);
  ++stmt_depth_;
  const bool assignable = scope_.Any([](const Var& v) { return v.assignable; });
  const bool vecs = AnyContainer(Kind::kVec);
  const bool containers = vecs || AnyContainer(Kind::kMap);
  enum {
    kExpr,
    kLet,
    kSet,
    kPrint,
    kStore,
    kIf,
    kFor,
    kWhile,
    kArena,
    kNoGc,
    kCall,
    kGc,
    kAssert,
    kError,
    kChurn,
    kClosure,
    kDeep,
    kArenaHeap,
    // The heap mode's (zero weights otherwise: the default mode's choices,
    // and so its programs, are unchanged).
    kOldYoung,
    kCycle,
    kGrowShrink,
    kMapDeletes,
    kClosureChain,
    kArenaCall
  };
  // The heap mode also makes the heap shapes and (gc) more frequent.
  const bool heap = heap_mode();
  // In loops and function bodies, which run an unknown number of times,
  // they are rare: their allocations multiply there.
  auto heap_weight = [&](Feature f, unsigned w) {
    return When(heap && On(f), Hot() ? 1 : w);
  };
  const size_t which = in_.Weighted(
      {8, When(On(Feature::kLet), 10),
       When(assignable && On(Feature::kMutSet), 12),
       When(On(Feature::kPrint), 5), When(containers && On(Feature::kPut), 14),
       When(On(Feature::kIf), 6),
       When(loop_depth_ < kMaxLoopDepth && On(Feature::kFor), 5),
       When(loop_depth_ < kMaxLoopDepth && On(Feature::kWhile), 3),
       When(depth_ < kMaxArenaDepth && On(Feature::kWithArena), 6),
       When(On(Feature::kNoGc), 1), When(On(Feature::kDefnCall), 8),
       When(On(Feature::kGc), heap && !Hot() ? 6 : 1), 2,
       When(AnyErrorOn(), kErrorWeight),
       When(containers && !Hot() && On(Feature::kContainerChurn),
            heap ? 4 : 2),
       When(On(Feature::kClosureHeap), 2),
       When(!Hot() && On(Feature::kDeepStructure), heap ? 3 : 1),
       When(vecs && depth_ + 2 <= kMaxArenaDepth && On(Feature::kArenaHeapRef),
            heap ? 3 : 1),
       heap_weight(Feature::kOldYoung, 8), heap_weight(Feature::kCycle, 4),
       heap_weight(Feature::kGrowShrink, 4),
       heap_weight(Feature::kMapDeletes, 4),
       heap_weight(Feature::kClosureChain, 4),
       When(depth_ + 2 <= kMaxArenaDepth, heap_weight(Feature::kArenaCallHeap, 4))});
  switch (which) {
    case kExpr:
      return Expr(TypeOf(Kind::kAny), depth_).text;
    case kLet: {
      Use(Feature::kLet);
      const size_t mark = scope_.Mark();
      std::string bindings;
      const int n = 1 + static_cast<int>(in_.Below(3));
      for (int i = 0; i < n; ++i) {
        if (i > 0) bindings += ' ';
        bindings += Binding();
      }
      std::string body = Stmts(3);
      AddSpaced(body, Stmt());
      scope_.PopTo(mark);
      return Cat({"(let (", bindings, ")", body, ")"});
    }
    case kSet:
      return SetStmt();
    case kPrint: {
      Use(Feature::kPrint);
      std::string text = "(print";
      const int n = static_cast<int>(in_.Below(4));
      for (int i = 0; i < n; ++i) AddSpaced(text, PrintArg().text);
      return text + ')';
    }
    case kStore:
      return StoreStmt();
    case kIf: {
      Use(Feature::kIf);
      const Code cond = Cond();
      std::string text = Cat({"(if ", cond.text, " ", Stmt()});
      if (in_.Percent(50)) AddSpaced(text, Stmt());
      return text + ')';
    }
    case kFor:
      return ForStmt();
    case kWhile:
      return WhileStmt();
    case kArena: {
      // Mostly scalar results, the usual shape: compute in the arena, keep
      // a number.
      Type result = TypeOf(Kind::kInt);
      switch (in_.Weighted({5, 2, 2, 1, 1, 1})) {
        case 1:
          result = TypeOf(Kind::kBool);
          break;
        case 2:
          result = TypeOf(Kind::kNull);
          break;
        case 3:
          result = TypeOf(Kind::kFloat);
          break;
        case 4:
          result = TypeOf(Kind::kStr);
          break;
        case 5:
          result = TypeOf(Kind::kAny);
          break;
        default:
          break;
      }
      return ArenaExpr(result, depth_).text;
    }
    case kNoGc: {
      Use(Feature::kNoGc);
      std::string body = Stmts(3);
      AddSpaced(body, Stmt());
      return Cat({"(no-gc", body, ")"});
    }
    case kCall:
      return CallExpr(TypeOf(Kind::kAny), depth_).text;
    case kGc:
      Use(Feature::kGc);
      return "(gc)";
    case kAssert:
      return AssertStmt();
    case kError:
      return ErrorStmt();
    case kChurn:
      return ChurnStmt();
    case kClosure:
      return ClosureStmt();
    case kDeep:
      return DeepStmt();
    case kArenaHeap:
      return ArenaHeapStmt();
    case kOldYoung:
      return OldYoungStmt();
    case kCycle:
      return CycleStmt();
    case kGrowShrink:
      return GrowShrinkStmt();
    case kMapDeletes:
      return MapDeletesStmt();
    case kClosureChain:
      return ClosureChainStmt();
    default:
      return ArenaCallStmt();
  }
}

std::string Generator::SetStmt() {
  const size_t index =
      Pick(scope_.Find([](const Var& v) { return v.assignable; }));
  const Var var =
      scope_.at(index);  // a copy: emitting the value may grow the scope
  Use(Feature::kMutSet);
  if (var.fn_level < fn_level_) Use(Feature::kMutCapture);
  // The value may carry no provenance the variable does not already have:
  // for a variable declared outside the innermost block, none of it.
  const Code value = Expr(var.type, Relaxed(var.prov_hi));
  return Cat({"(set! ", var.name, " ", value.text, ")"});
}

std::string Generator::StoreStmt() {
  const auto vecs = Containers(Kind::kVec);
  const auto maps = Containers(Kind::kMap);
  enum { kPush, kPutVec, kPop, kPutMap, kDel };
  const size_t which = in_.Weighted(
      {When(!vecs.empty(), 6), When(!vecs.empty(), 2), When(!vecs.empty(), 2),
       When(!maps.empty(), 5), When(!maps.empty(), 2)});
  const size_t index = Pick(which <= kPop ? vecs : maps);
  const Var var = scope_.at(index);
  const std::string c = UseVar(index).text;
  // A stored value may carry only provenance the container surely has.
  const bool outer = depth_ > 0 && var.prov_lo < depth_;
  switch (which) {
    case kPush: {
      Use(Feature::kPush);
      if (outer) Use(Feature::kArenaOuterStore);
      const Code value = ElemExpr(var.type.elem, Relaxed(var.prov_lo));
      return Cat({"(push! ", c, " ", value.text, ")"});
    }
    case kPutVec: {
      Use(Feature::kPut);
      if (outer) Use(Feature::kArenaOuterStore);
      const std::string i = IndexAtom();
      const Code value = ElemExpr(var.type.elem, Relaxed(var.prov_lo));
      return Cat({"(if (< ", i, " (len ", c, ")) (put! ", c, " ", i, " ",
                  value.text, "))"});
    }
    case kPop:
      Use(Feature::kPop);
      return Cat({"(if (> (len ", c, ") 0) (pop! ", c, "))"});
    case kPutMap: {
      Use(Feature::kPut);
      if (outer) Use(Feature::kArenaOuterStore);
      // Keys are left to the run-time rule: a fresh string key made in an
      // arena and stored into an outer map is an escape only it can see.
      std::string key;
      if (var.type.key == Kind::kStr && in_.Percent(25)) {
        if (outer) Use(Feature::kArenaMapKey);
        Use(Feature::kStr);
        key = Alloc(Cat({"(str \"k\" ", IndexAtom(), ")"})).text;
      } else {
        key = KeyAtom(var.type.key);
      }
      const Code value = ElemExpr(var.type.elem, Relaxed(var.prov_lo));
      return Cat({"(put! ", c, " ", key, " ", value.text, ")"});
    }
    default:
      Use(Feature::kDel);
      return Cat({"(del! ", c, " ", KeyAtom(var.type.key), ")"});
  }
}

std::string Generator::ForStmt() {
  Use(Feature::kFor);
  const int64_t from = in_.InRange(0, 2);
  std::string to;
  const auto sized = scope_.Find([](const Var& v) {
    return v.type.kind == Kind::kStr || IsContainer(v.type.kind);
  });
  if (!sized.empty() && in_.Percent(30)) {
    Use(Feature::kLen);
    to = Cat({"(len ", UseVar(Pick(sized)).text, ")"});
  } else {
    to = std::to_string(from + in_.InRange(0, 5));
  }
  Saved<int> saved(loop_depth_);
  ++loop_depth_;
  const size_t mark = scope_.Mark();
  Var index;
  index.name = NewName();
  index.type = TypeOf(Kind::kInt);
  index.index_safe = true;
  index.fn_level = fn_level_;
  const std::string head =
      "(for (" + index.name + ' ' + std::to_string(from) + ' ' + to + ')';
  scope_.Declare(std::move(index));
  const std::string body = Stmts(3);
  scope_.PopTo(mark);
  return Cat({head, body, ")"});
}

std::string Generator::WhileStmt() {
  Use(Feature::kWhile);
  Use(Feature::kLet);
  Use(Feature::kMutSet);
  const std::string limit = std::to_string(in_.InRange(1, 5));
  const size_t mark = scope_.Mark();
  Var counter;
  counter.name = NewName();
  counter.type = TypeOf(Kind::kInt);
  counter.fn_level = fn_level_;
  counter.prov_hi = depth_;  // (+ c 1) counts as allocating inside an arena
  const std::string name = counter.name;
  scope_.Declare(std::move(counter));  // not assignable: only the loop counts
  Saved<int> saved(loop_depth_);
  ++loop_depth_;
  std::string cond = Cat({"(< ", name, " ", limit, ")"});
  if (in_.Percent(25)) {
    Use(Feature::kLogic);
    cond = Cat({"(and ", cond, " ", Cond().text, ")"});
  }
  const std::string body = Stmts(3);
  scope_.PopTo(mark);
  return Cat({"(let ((mut ", name, " 0)) (while ", cond, body, " (set! ", name,
              " (+ ", name, " 1))))"});
}

std::string Generator::AssertStmt() {
  // Assertions that hold: the failing ones are deliberate errors.
  const auto pure = scope_.Find([](const Var& v) {
    return v.type.kind == Kind::kInt || v.type.kind == Kind::kStr;
  });
  const auto sized = scope_.Find([](const Var& v) {
    return v.type.kind == Kind::kStr || IsContainer(v.type.kind);
  });
  switch (
      in_.Weighted({1, When(!pure.empty(), 2), When(!sized.empty(), 2), 1})) {
    case 0:
      return "(assert true)";
    case 1: {
      const std::string x = UseVar(Pick(pure)).text;
      return Cat({"(assert (= ", x, " ", x, "))"});
    }
    case 2:
      Use(Feature::kLen);
      return Cat({"(assert (>= (len ", UseVar(Pick(sized)).text, ") 0))"});
    default:
      Use(Feature::kTypeOf);
      return Cat(
          {"(assert (type-of ", Expr(TypeOf(Kind::kAny), depth_).text, "))"});
  }
}

}  // namespace tern::fuzz
