#ifndef TERN_FUZZ_SEXPR_H_
#define TERN_FUZZ_SEXPR_H_

// Tern source as a forest of S-expressions that owns its text: what the
// structure-aware mutator, the reducer and the escape injector edit. Read
// from the reader's datum tree (runtime/front/reader.h), so any source the
// reader accepts is representable; printed back as source that reads to an
// equal forest. Comments are not kept.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "runtime/error.h"
#include "runtime/front/lexer.h"
#include "runtime/pos.h"

namespace tern::sexpr {

struct Node {
  enum class Kind : unsigned char { kAtom, kList, kVec, kMap };
  Kind kind = Kind::kAtom;
  // Atoms: the token kind and its value (text for strings and symbols).
  TokenKind token = TokenKind::kNull;
  std::string text;
  int64_t int_value = 0;
  double float_value = 0;
  std::vector<Node> kids;  // bracketed kinds

  static Node Symbol(std::string name);
  static Node Int(int64_t v);
  static Node Float(double v);
  static Node Str(std::string bytes);
  static Node Null();
  static Node Bool(bool v);
  static Node List(std::vector<Node> kids);
  static Node Vec(std::vector<Node> kids);

  bool IsAtom() const { return kind == Kind::kAtom; }
  bool IsSymbol() const { return IsAtom() && token == TokenKind::kSymbol; }
  bool IsSymbol(std::string_view name) const {
    return IsSymbol() && text == name;
  }
  // A list whose first element is the symbol `head`.
  bool IsForm(std::string_view head) const {
    return kind == Kind::kList && !kids.empty() && kids[0].IsSymbol(head);
  }
  friend bool operator==(const Node&, const Node&) = default;
};

using Forest = std::vector<Node>;

// nullopt (and *error) when the reader rejects the source.
std::optional<Forest> Read(std::string_view source, Error* error);

// One line per node (no line breaks inside).
std::string PrintFlat(const Node& node);
// Source text: each top-level form on its own line(s); a form wider than
// 80 columns keeps its head on the first line and puts each further part
// on its own line, indented by 2.
std::string Print(const Forest& forest);

// Print, also giving where the nodes at `paths` start in the output
// (1-based line, column in code points, as the lexer counts them).
std::string Print(const Forest& forest, const std::vector<std::vector<size_t>>& paths,
                  std::vector<Pos>* positions);

// Nodes in a tree / forest (every node counts, atoms included).
size_t CountNodes(const Node& node);
size_t CountNodes(const Forest& forest);

// Pre-order addressing: a path of child indices from a top-level form.
using Path = std::vector<size_t>;
// Every node's path in pre-order (top-level forms first of their subtrees).
std::vector<Path> AllPaths(const Forest& forest);
Node* At(Forest* forest, const Path& path);
const Node* At(const Forest& forest, const Path& path);

}  // namespace tern::sexpr

#endif  // TERN_FUZZ_SEXPR_H_
