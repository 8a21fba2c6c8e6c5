#ifndef TERN_RUNTIME_AST_H_
#define TERN_RUNTIME_AST_H_

// The Tern program tree. The parser builds it; the resolver fills in the
// fields marked "resolved"; the arena-escape checker numbers the arena blocks.
// After that it is read-only, and it is the one input of every tier: the
// interpreter walks it, the VM compiler and the JIT compile it.
//
// The tree is compact (a program of N top-level literals costs about 32*N
// bytes: a 32-byte TopForm holding its Expr): every node, list and string
// lives in the Program's bump arena and dies with it; a node is one fixed-size Expr whose kind-specific fields
// share storage; lists and strings are one pointer to a length-prefixed
// block. Fields documented for one kind must be read only on that kind.

#include <cstdint>
#include <cstring>
#include <deque>
#include <memory>
#include <span>
#include <stdexcept>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "runtime/builtins.h"
#include "runtime/bump_arena.h"
#include "runtime/pos.h"

namespace tern {

// Bytes owned by the Program (a string literal's decoded bytes, or a name),
// readable as a std::string_view. Empty when default-constructed.
class Str {
 public:
  Str() = default;

  std::string_view view() const {
    if (block_ == nullptr) return {};
    uint32_t size;
    std::memcpy(&size, block_, sizeof size);
    return {block_ + sizeof size, size};
  }
  operator std::string_view() const { return view(); }  // NOLINT: by design
  size_t size() const { return view().size(); }
  bool empty() const { return block_ == nullptr; }
  const char* data() const { return view().data(); }
  auto begin() const { return view().begin(); }
  auto end() const { return view().end(); }

  friend bool operator==(Str a, std::string_view b) { return a.view() == b; }
  friend bool operator==(Str a, Str b) { return a.view() == b.view(); }
  // For building messages: "unbound " + name.
  friend std::string operator+(std::string a, Str b) {
    return a.append(b.view());
  }
  friend std::string operator+(Str a, std::string_view b) {
    return std::string(a.view()).append(b);
  }

  // Copies `bytes` (at most 2^32-1 of them) into `arena`.
  static Str Make(BumpArena& arena, std::string_view bytes);

 private:
  explicit Str(const char* block) : block_(block) {}
  const char* block_ = nullptr;  // uint32_t size, then the bytes
};

// A fixed-length array in the Program's arena, used like a std::span:
// size(), empty(), [i], front(), back(), begin()/end(). Empty when
// default-constructed.
template <typename T>
class List {
 public:
  List() = default;

  size_t size() const {
    if (block_ == nullptr) return 0;
    uint32_t size;
    std::memcpy(&size, block_, sizeof size);
    return size;
  }
  bool empty() const { return block_ == nullptr; }
  T* data() { return block_ == nullptr ? nullptr : Items(); }
  const T* data() const { return block_ == nullptr ? nullptr : Items(); }
  T* begin() { return data(); }
  T* end() { return data() + size(); }
  const T* begin() const { return data(); }
  const T* end() const { return data() + size(); }
  T& operator[](size_t i) { return Items()[i]; }
  const T& at(size_t i) const {
    if (i >= size()) throw std::out_of_range("List::at");
    return Items()[i];
  }
  const T& operator[](size_t i) const { return Items()[i]; }
  T& front() { return Items()[0]; }
  const T& front() const { return Items()[0]; }
  T& back() { return Items()[size() - 1]; }
  const T& back() const { return Items()[size() - 1]; }

  // Copies `items` into `arena` (an empty list allocates nothing).
  static List Make(BumpArena& arena, std::span<const T> items) {
    static_assert(std::is_trivially_destructible_v<T>);
    List list;
    if (items.empty()) return list;
    const auto n = static_cast<uint32_t>(items.size());
    list.block_ = static_cast<char*>(
        arena.Allocate(kOffset + sizeof(T) * items.size(), kAlign));
    std::memcpy(list.block_, &n, sizeof n);
    T* out = list.Items();
    for (size_t i = 0; i < items.size(); ++i) new (out + i) T(items[i]);
    return list;
  }

 private:
  static constexpr size_t kAlign =
      alignof(T) > alignof(uint32_t) ? alignof(T) : alignof(uint32_t);
  static constexpr size_t kOffset = kAlign;  // room for the uint32_t size
  T* Items() const { return std::launder(reinterpret_cast<T*>(block_ + kOffset)); }

  char* block_ = nullptr;  // uint32_t size, padding, then the items
};

struct Function;

enum class ExprKind : unsigned char {
  // Literals.
  kInt,    // int_value
  kFloat,  // float_value
  kStr,    // str_value (bytes, escapes decoded)
  kBool,   // bool_value
  kNull,
  // Names.
  kVar,  // name; resolved: var
  kSet,  // (set! name kids[0]); NamePos; resolved: var (never kGlobal)
  // Special forms.
  kLet,        // bindings; kids = body (at least one expression)
  kIf,         // kids = cond, then[, else]
  kAnd,        // kids = operands (may be empty: true)
  kOr,         // kids = operands (may be empty: false)
  kNot,        // kids = operand (exactly one)
  kDo,         // kids = expressions (may be empty: null)
  kWhile,      // kids = cond, body...
  kFor,        // name/NamePos/var = loop variable; kids = from, to, body...
  kFn,         // fn = the lambda
  kWithArena,  // name = label; kids = body...; resolved: arena_id
  kNoGc,       // kids = body...
  // Calls.
  kCall,     // kids = callee, args...; direct_defn (resolved, else -1)
  kBuiltin,  // builtin; kids = args. `[..]` is kVec, `{..}` is kMap.
};

// Where a resolved name lives.
enum class VarScope : unsigned char {
  kUnresolved,
  kLocal,    // slot `index` of the current function's frame
  kCapture,  // captured slot `index` of the running closure
  kGlobal,   // the defn number `index` (Program::defns), used as a value
};

// Packed into 4 bytes: an index is a slot or a defn number, and a source is
// capped at kMaxSourceBytes (far below 2^30), so every index fits.
struct VarRef {
  VarScope scope : 2 = VarScope::kUnresolved;
  uint32_t index : 30 = 0;
};
static_assert(sizeof(VarRef) == 4);

struct Expr;
using ExprPtr = Expr*;  // owned by the Program's arena
using ExprList = List<ExprPtr>;

struct LetBinding {
  Str name;
  bool is_mut = false;
  Pos pos;  // position of the name
  ExprPtr init = nullptr;
  uint32_t slot = 0;  // resolved: frame slot of the new variable
};

// 32 bytes: a common header (kind, builtin, bool_value, pos) and two unions
// of kind-specific fields, so a top-level literal costs one small node.
struct Expr {
  Expr() {}  // NOLINT: the unions' members are not trivially constructible

  ExprKind kind = ExprKind::kNull;
  Builtin builtin = Builtin::kAdd;  // kBuiltin
  bool bool_value = false;          // kBool
  union {
    VarRef var = {};  // resolved: kVar, kSet; kFor: the loop variable (kLocal)
    int32_t direct_defn;  // resolved: kCall whose callee names a defn, or -1
    uint32_t arena_id;    // resolved: kWithArena, 1-based, unique
  };
  Pos pos;  // a form's opening bracket; a literal's or symbol's first char
  ExprList kids;
  union {
    int64_t int_value = 0;      // kInt
    double float_value;         // kFloat
    Str str_value;              // kStr
    List<LetBinding> bindings;  // kLet
    Function* fn;               // kFn
    Str name;  // kVar, kSet, kFor (loop var), kWithArena (label)
  };
  // kSet, kFor: the position of `name` is kept by the Program (NamePos),
  // since only error messages need it.
};
static_assert(std::is_trivially_destructible_v<Expr>);
static_assert(sizeof(Expr) == 32);

// A literal or a variable: a node with no sub-expressions, whose evaluation
// has no effect and cannot fail.
inline bool IsAtom(const Expr& e) {
  switch (e.kind) {
    case ExprKind::kInt:
    case ExprKind::kFloat:
    case ExprKind::kStr:
    case ExprKind::kBool:
    case ExprKind::kNull:
    case ExprKind::kVar: return true;
    default: return false;
  }
}

struct Param {
  Str name;
  Pos pos;
};

// A captured variable of a lambda: copied, at closure creation, from the
// enclosing function's local slot or from the enclosing closure's capture.
struct Capture {
  Str name;
  VarScope from = VarScope::kLocal;  // kLocal or kCapture
  uint32_t index = 0;
  bool is_mut = false;  // the closure's copy may be assigned
};

// A unit of code with parameters and its own frame: a defn or a lambda.
// (A top-level expression has a frame but no Function: see TopForm.)
struct Function {
  enum class Kind : unsigned char { kDefn, kLambda };
  Kind kind = Kind::kLambda;
  uint32_t num_slots = 0;  // resolved: params + every let/for variable
  Str name;                // defn name; empty otherwise
  Pos name_pos;            // defn: position of `name` (for errors)
  Pos pos;                 // the `(defn` or `(fn`
  List<Param> params;      // occupy slots 0..params.size()-1
  ExprList body;           // at least one expression

  // Resolved.
  List<Capture> captures;  // lambdas only
  List<bool> slot_is_mut;  // num_slots entries
};
static_assert(std::is_trivially_destructible_v<Function>);

// One top-level form, in source order: a defn (Program::defns[index()]) or
// an expression evaluated in a frame of its own with num_slots() slots (its
// let and for variables). 32 bytes, and most expressions live inside it:
// the parser builds a top-level expression that binds no variable in place
// (Inline), so a program of N top-level literals costs 32*N bytes; one that
// binds (its frame size is the resolver's) is a reference to a node in the
// arena and its slot count (Expression). The first byte tells them apart: an
// Expr's kind, or a tag no ExprKind uses.
class TopForm {
 public:
  TopForm() : ref_{kRefTag, 0, nullptr} {}
  static TopForm Defn(uint32_t index) {
    TopForm f;
    f.ref_ = Ref{kDefnTag, index, nullptr};
    return f;
  }
  // By reference; the resolver sets its slot count.
  static TopForm Expression(ExprPtr expr) {
    TopForm f;
    f.ref_ = Ref{kRefTag, 0, expr};
    return f;
  }
  // An expression binding no variable, built in place: fill *expr() where
  // the form will stay (an inline node's address identifies it, NamePos).
  static TopForm Inline() {
    TopForm f;
    new (&f.expr_) Expr();
    return f;
  }

  bool is_defn() const { return ref_.tag == kDefnTag; }
  uint32_t index() const { return ref_.index_or_slots; }  // is_defn
  // !is_defn. The tree is mutable through its nodes (the resolver fills
  // them), wherever they live.
  ExprPtr expr() const {
    return is_inline() ? const_cast<Expr*>(&expr_) : ref_.expr;
  }
  uint32_t num_slots() const {
    return is_inline() ? 0 : ref_.index_or_slots;
  }
  // Resolved: the frame size; false for an inline form asked for slots
  // (the parser made it inline because it binds nothing).
  bool set_num_slots(uint32_t n) {
    if (is_inline()) return n == 0;
    ref_.index_or_slots = n;
    return true;
  }

 private:
  static constexpr ExprKind kDefnTag = static_cast<ExprKind>(0xf0);
  static constexpr ExprKind kRefTag = static_cast<ExprKind>(0xf1);
  struct Ref {
    ExprKind tag;  // shares its place with Expr::kind
    uint32_t index_or_slots;
    ExprPtr expr;
  };
  bool is_inline() const {
    return ref_.tag != kDefnTag && ref_.tag != kRefTag;
  }

  union {
    Ref ref_;
    Expr expr_;
  };
};
static_assert(sizeof(TopForm) == sizeof(Expr));
static_assert(std::is_trivially_copyable_v<TopForm> &&
              std::is_trivially_destructible_v<TopForm>);
static_assert(std::is_standard_layout_v<Expr> &&
              std::is_standard_layout_v<TopForm>);

struct Program {
  Program() = default;
  Program(const Program&) = delete;
  Program& operator=(const Program&) = delete;

  // Storage of every node, list and string of this program.
  BumpArena arena;
  Expr* NewExpr(ExprKind kind, Pos pos);
  Function* NewFunction(Function::Kind kind, Pos pos);
  Str NewStr(std::string_view bytes) { return Str::Make(arena, bytes); }
  template <typename T>
  List<T> NewList(std::span<const T> items) {
    return List<T>::Make(arena, items);
  }
  template <typename T>
  List<T> NewList(const std::vector<T>& items) {
    return List<T>::Make(arena, std::span<const T>(items));
  }
  List<bool> NewList(const std::vector<bool>& items);

  // The position of the name of a kSet or kFor (for error messages).
  Pos NamePos(const Expr& e) const;
  void SetNamePos(const Expr& e, Pos pos) { name_positions_[&e] = pos; }

  std::vector<Function*> defns;  // in source order
  std::deque<TopForm> order;     // all top-level forms (a deque: no copying
                                 // on growth, no doubled peak)
  uint32_t num_arenas = 0;       // resolved: arena ids run 1..num_arenas

 private:
  // Keyed by node for lookup only: nothing iterates it, so no address order
  // reaches an outcome.
  std::unordered_map<const Expr*, Pos> name_positions_;
};

// The word that opens a parenthesised form other than a call: `if`, `let`,
// ..., or the builtin's name for kBuiltin; empty for calls, literals and
// variables. The one spelling the printer and tools share.
std::string_view FormHead(const Expr& e);

}  // namespace tern

#endif  // TERN_RUNTIME_AST_H_
