#ifndef TERN_FUZZ_GENERATOR_H_
#define TERN_FUZZ_GENERATOR_H_

// Internals of GenerateProgram (program_generator.h), split by concern:
//   generator.cc        program layout, defns, names, types, shared helpers
//   generator_expr.cc   expressions by type
//   generator_form.cc   let/if/do/no-gc/with-arena forms, calls, lambdas
//   generator_stmt.cc   statements, loops
//   generator_heap.cc   heap shapes: container churn, closures over heap
//                       values, deep structures, strings at the inline cut-off
//   generator_gc.cc     the heap mode's shapes, aimed at a collector (old
//                       objects given young children, cycles, ...)
//   generator_error.cc  deliberate runtime errors
//
// How the generator keeps programs valid, by construction:
// - Names: every variable it writes is looked up in `scope_`; defns are
//   planned (names and signatures) before any body is written.
// - Types: it tracks a static type per variable (gen_type.h), so builtins
//   get operands of the right kinds; indexing is guarded by a length test.
// - Arena rules (docs/language.md, Arenas): it tracks the arena provenance of
//   each expression as bounds on a depth (see Code) and asks each
//   sub-expression for a value whose provenance is at most `m`: a block's
//   result at most the depth outside it, a set! value at most the variable's,
//   a stored value at most the container's.
// - Termination: `for` ranges are small constants or lengths; `while` loops
//   count to a small constant; every defn takes a depth budget `d` as its
//   first parameter, and a call between defns is guarded by (> d 0) and
//   passes (- d 1). Fuel stops whatever is left (closure call chains, the
//   deliberate infinite loops).
// - Size: a node budget per form and depth caps; containers are displayed
//   and copied in full only in straight-line top-level code ("cold"), never
//   in loops or function bodies ("hot"), and in hot code no container is
//   stored into another, so output stays small.

#include <cstddef>
#include <functional>
#include <initializer_list>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "fuzz/byte_source.h"
#include "fuzz/feature.h"
#include "fuzz/gen_scope.h"
#include "fuzz/gen_type.h"
#include "fuzz/program_generator.h"

namespace tern::fuzz {

// Caps that keep generated programs small and their bracket nesting far
// below the parser's limit of 256.
inline constexpr int kMaxExprDepth = 7;
inline constexpr int kMaxStmtDepth = 4;
inline constexpr int kMaxLoopDepth = 3;
inline constexpr int kMaxArenaDepth = 3;

// The concatenation of `parts` in one allocation (a chain of operator+
// reallocates as the result grows, and under ASan every allocation costs
// about a microsecond). The parts are evaluated left to right, as the
// generator's byte order needs.
std::string Cat(std::initializer_list<std::string_view> parts);

// out += ' ' + part, without the temporary.
inline void AddSpaced(std::string& out, std::string_view part) {
  out += ' ';
  out += part;
}

// A weight for ByteSource::Weighted: `weight` if the option is available.
inline unsigned When(bool available, unsigned weight) {
  return available ? weight : 0;
}

// Emitted expression text with bounds on its arena provenance: the depth of
// the innermost with-arena block whose provenance the front end may infer
// for it (0: none). Provenance sets are always {B1..Bj} for the enclosing
// blocks B1..Bk, so one depth describes them.
struct Code {
  std::string text;
  int lo = 0;
  int hi = 0;
};

// Restores a context variable when the emitting function returns.
template <typename T>
class Saved {
 public:
  explicit Saved(T& slot) : slot_(slot), old_(slot) {}
  ~Saved() { slot_ = old_; }
  Saved(const Saved&) = delete;
  Saved& operator=(const Saved&) = delete;

 private:
  T& slot_;
  T old_;
};

class Generator {
 public:
  Generator(ByteSource& in, const GeneratorOptions& options);
  GeneratedProgram Generate();

 private:
  struct Defn {
    std::string name;
    int sig = -1;  // parameters after `d`
  };

  // generator.cc
  void PlanDefns();
  std::string DefnForm(size_t index);
  std::string TopForm();
  void NoteRecursion();
  std::string NewName();
  std::string NewParamName();
  std::string NewLabel();
  Type RandomType(int fn_order);  // fn_order: 0 none, 1 first-order, 2 any
  Kind RandomElem();
  int RandomSig(bool higher_order);
  bool Hot() const { return loop_depth_ > 0 || fn_level_ > 0; }
  bool CanAlloc(int m) const { return depth_ <= m; }
  // With relax_arena_rules: now and then `to` (default: the current arena
  // depth) instead of the provenance bound m, breaking the static rules.
  int Relaxed(int m, int to = -1);
  bool CanMake(const Type& want, int m) const;
  IndexList VarsFitting(const Type& want, int m) const;
  bool AnyFitting(const Type& want, int m) const;  // !VarsFitting().empty()
  IndexList Containers(Kind kind) const;           // any provenance
  bool AnyContainer(Kind kind) const;
  Code UseVar(size_t index);
  size_t Pick(const IndexList& candidates);
  Code Alloc(std::string text);
  void Use(Feature f) { features_.Add(f); }
  // Swarm testing: whether this program may use f (see ChooseSwarm).
  bool On(Feature f) const { return enabled_.Has(f); }
  bool AnyErrorOn() const;
  void ChooseSwarm();
  void ChooseSize();
  [[noreturn]] void Bug(const char* what) const;

  // generator_expr.cc
  Code Expr(const Type& want, int m);
  Code Leaf(const Type& want, int m);
  Code IntExpr(int m);
  Code FloatExpr(int m);
  Code BoolExpr(int m);
  Code StrExpr(int m);
  Code NullExpr(int m);
  Code VecExpr(const Type& want, int m);
  Code MapExpr(const Type& want, int m);
  Code FnExpr(const Type& want, int m);
  Code AnyExpr(int m);
  enum class Read { kVecGet, kMapGet, kPop };
  Code GuardedRead(Read read, const IndexList& candidates,
                   const std::function<Code()>& fallback);
  Code VecLiteral(Kind elem);
  Code MapLiteral(Kind key, Kind elem);
  Code ElemExpr(Kind elem, int m);
  Code PrintArg();
  std::string StrArgs();
  std::string IndexAtom();
  std::string KeyAtom(Kind key);
  std::string IntLiteral();
  std::string FloatLiteral();
  std::string StrLiteral();
  std::string KeyLiteral(Kind key);

  // generator_form.cc
  Code FormExpr(const Type& want, int m);
  Code LetExpr(const Type& want, int m);
  std::string Binding();
  Code IfExpr(const Type& want, int m);
  Code ArenaExpr(const Type& want, int m);
  Code CallExpr(const Type& want, int m);
  Code CallDefn(size_t index, const Type& want, int m);
  std::string Args(int sig);
  Code Lambda(int sig, bool calls_defns);
  Code Cond();

  // generator_stmt.cc
  std::string Stmt();
  std::string Stmts(int max);
  std::string SetStmt();
  std::string StoreStmt();
  std::string ForStmt();
  std::string WhileStmt();
  std::string AssertStmt();

  // generator_heap.cc
  std::string ChurnStmt();
  std::string ClosureStmt();
  std::string DeepStmt();
  std::string ArenaHeapStmt();
  std::string CutoffStrLiteral();

  // generator_gc.cc (heap mode)
  std::string OldYoungStmt();
  std::string CycleStmt();
  std::string GrowShrinkStmt();
  std::string MapDeletesStmt();
  std::string ClosureChainStmt();
  std::string ArenaCallStmt();
  std::string GcCall();                      // " (gc)", or "" (swarm)
  std::string GcEvery(const std::string& i);  // now and then a (gc) in a loop
  int64_t HeapCount(int64_t lo, int64_t hi);  // iterations; few when Hot()
  std::string YoungValue(Kind elem, const std::string& i);  // a fresh value
  bool heap_mode() const { return options_.heap; }

  // generator_error.cc
  std::string ErrorStmt();
  std::string TypeError();
  std::string IndexError();
  std::string KeyError();
  std::string OverflowError();
  std::string ArityError();
  std::string ArenaEscapeError();

  ByteSource& in_;
  GeneratorOptions options_;  // capped by the program's size class
  int max_call_depth_ = 7;    // of top-level defn calls (size class)
  SignatureTable sigs_;
  std::vector<Defn> defns_;
  std::vector<std::set<size_t>> calls_;  // defn -> defns its body calls
  Scope scope_;
  FeatureSet features_;
  FeatureSet enabled_ = FeatureSet::All();
  int next_name_ = 0;

  // Where the emitter is.
  int budget_ = 0;        // nodes left for the current top-level form
  int depth_ = 0;         // enclosing with-arena blocks (lexical)
  int loop_depth_ = 0;    // enclosing loops in the current function
  int fn_level_ = 0;      // 0 top-level form; +1 per defn or lambda
  int lambda_depth_ = 0;  // enclosing lambdas
  int defn_ = -1;         // defn being emitted, or -1
  bool may_call_defns_ = true;
  int expr_depth_ = 0;
  int stmt_depth_ = 0;
};

}  // namespace tern::fuzz

#endif  // TERN_FUZZ_GENERATOR_H_
