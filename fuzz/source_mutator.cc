#include "fuzz/source_mutator.h"

#include <cmath>
#include <cstdint>
#include <limits>
#include <utility>
#include <vector>

#include "fuzz/program_generator.h"

namespace tern::fuzz {
namespace {

using sexpr::Forest;
using sexpr::Node;
using sexpr::Path;

bool IsPrefix(const Path& a, const Path& b) {
  return a.size() <= b.size() && std::equal(a.begin(), a.end(), b.begin());
}

// A string of `n` bytes; multi-byte code points on request (the cut-off is
// in bytes, so a 2-byte character can straddle it).
std::string StringOfLength(size_t n, bool multibyte) {
  std::string s;
  while (s.size() < n) {
    if (multibyte && n - s.size() >= 2) s += "\xce\xbb";  // λ
    else s += static_cast<char>('a' + s.size() % 26);
  }
  return s;
}

Node Boundary(Rng& rng) {
  const size_t cut = static_cast<size_t>(kInlineStringCutoff);
  switch (rng.Below(12)) {
    case 0: return Node::Int(0);
    case 1: return Node::Int(-1);
    case 2: return Node::Int(std::numeric_limits<int64_t>::min());
    case 3: return Node::Int(std::numeric_limits<int64_t>::max());
    case 4: return Node::Float(std::nan(""));
    case 5: return Node::Float(-0.0);
    case 6: return Node::Float(rng.Below(2) ? INFINITY : -INFINITY);
    case 7: return Node::Int(rng.Below(2) ? 1 : 2);
    case 8: return Node::Str("");
    default:
      return Node::Str(StringOfLength(cut - 1 + rng.Below(3), rng.Below(3) == 0));
  }
}

// A fresh name for a label or loop variable (unlikely to collide).
std::string Fresh(Rng& rng, const char* prefix) {
  return std::string(prefix) + std::to_string(rng.Below(1000));
}

Node Wrap(Node inner, Rng& rng) {
  switch (rng.Below(6)) {
    case 0:
      return Node::List(
          {Node::Symbol("with-arena"), Node::Symbol(Fresh(rng, "mut-a")), std::move(inner)});
    case 1: return Node::List({Node::Symbol("no-gc"), std::move(inner)});
    case 2:
      return Node::List({Node::List({Node::Symbol("fn"), Node::List({}), std::move(inner)})});
    case 3:
      return Node::List({Node::Symbol("for"),
                         Node::List({Node::Symbol(Fresh(rng, "mut-i")), Node::Int(0),
                                     Node::Int(static_cast<int64_t>(1 + rng.Below(3)))}),
                         std::move(inner)});
    case 4:
      return Node::List({Node::Symbol("do"), Node::List({Node::Symbol("gc")}),
                         std::move(inner)});
    default:
      return Node::List({Node::Symbol("let"), Node::List({}), std::move(inner)});
  }
}

// A child slot of a bracketed node where a new element may go.
struct Slot {
  Path parent;  // empty: top level
  size_t index;
};

void CollectExprPaths(const Node& n, Path* path, bool is_expr,
                      std::vector<Path>* out) {
  if (is_expr) out->push_back(*path);
  auto visit = [&](size_t i, bool expr) {
    path->push_back(i);
    CollectExprPaths(n.kids[i], path, expr, out);
    path->pop_back();
  };
  if (n.kind != Node::Kind::kList) {
    for (size_t i = 0; i < n.kids.size(); ++i) visit(i, true);
    return;
  }
  if (n.kids.empty()) return;
  const Node& head = n.kids[0];
  size_t first_expr = head.IsSymbol() ? 1 : 0;
  if (head.IsSymbol("let") && n.kids.size() > 1) {
    path->push_back(1);
    for (size_t b = 0; b < n.kids[1].kids.size(); ++b) {
      const Node& binding = n.kids[1].kids[b];
      if (binding.kind != Node::Kind::kList || binding.kids.empty()) continue;
      path->push_back(b);
      path->push_back(binding.kids.size() - 1);
      CollectExprPaths(binding.kids.back(), path, true, out);
      path->pop_back();
      path->pop_back();
    }
    path->pop_back();
    first_expr = 2;
  } else if (head.IsSymbol("for") && n.kids.size() > 1) {
    path->push_back(1);
    for (size_t k = 1; k < n.kids[1].kids.size(); ++k) {
      path->push_back(k);
      CollectExprPaths(n.kids[1].kids[k], path, true, out);
      path->pop_back();
    }
    path->pop_back();
    first_expr = 2;
  } else if (head.IsSymbol("fn") || head.IsSymbol("with-arena") ||
             head.IsSymbol("set!")) {
    first_expr = 2;
  } else if (head.IsSymbol("defn")) {
    first_expr = 3;
  }
  for (size_t i = first_expr; i < n.kids.size(); ++i) visit(i, true);
}

// Paths of the nodes in expression position (not heads, names, labels,
// parameter and binding lists): edits there keep the syntax valid more often.
std::vector<Path> ExprPaths(const Forest& forest) {
  std::vector<Path> out;
  Path path;
  for (size_t i = 0; i < forest.size(); ++i) {
    path.assign(1, i);
    CollectExprPaths(forest[i], &path, !forest[i].IsForm("defn"), &out);
  }
  return out;
}

}  // namespace

bool MutateOnce(Forest* forest, Rng& rng) {
  if (forest->empty()) return false;
  // Mostly expression positions; now and then any node, for the front end.
  const std::vector<Path> paths = rng.Below(16) == 0 ? sexpr::AllPaths(*forest)
                                                     : ExprPaths(*forest);
  if (paths.empty()) return false;
  const Path& p = paths[rng.Below(paths.size())];
  Node* node = sexpr::At(forest, p);
  auto parent_of = [&](const Path& q) -> std::pair<std::vector<Node>*, size_t> {
    if (q.size() == 1) return {forest, q[0]};
    Path up(q.begin(), q.end() - 1);
    return {&sexpr::At(forest, up)->kids, q.back()};
  };
  switch (rng.Below(9)) {
    case 0: {  // swap with an unrelated subtree
      const Path& q = paths[rng.Below(paths.size())];
      if (IsPrefix(p, q) || IsPrefix(q, p)) return false;
      std::swap(*node, *sexpr::At(forest, q));
      return true;
    }
    case 1: {  // duplicate as the next sibling
      auto [siblings, i] = parent_of(p);
      siblings->insert(siblings->begin() + static_cast<long>(i) + 1, *node);
      return true;
    }
    case 2: {  // delete
      auto [siblings, i] = parent_of(p);
      siblings->erase(siblings->begin() + static_cast<long>(i));
      return true;
    }
    case 3: {  // replace by a copy of another subtree
      const Path& q = paths[rng.Below(paths.size())];
      if (IsPrefix(p, q)) return false;
      Node copy = *sexpr::At(*forest, q);
      *sexpr::At(forest, p) = std::move(copy);
      return true;
    }
    case 4:
    case 5: {  // a boundary literal, preferably over a literal
      for (size_t tries = 0; tries < 8 && !node->IsAtom(); ++tries)
        node = sexpr::At(forest, paths[rng.Below(paths.size())]);
      if (node->IsSymbol()) return false;
      *node = Boundary(rng);
      return true;
    }
    case 6:
    case 7: {  // wrap
      *node = Wrap(std::move(*node), rng);
      return true;
    }
    default: {  // insert (gc) into a body
      auto [siblings, i] = parent_of(p);
      siblings->insert(siblings->begin() + static_cast<long>(i),
                       Node::List({Node::Symbol("gc")}));
      return true;
    }
  }
}

std::optional<std::string> MutateSource(std::string_view source, uint64_t seed,
                                        size_t max_size) {
  Error error;
  std::optional<Forest> forest = sexpr::Read(source, &error);
  if (!forest) return std::nullopt;
  Rng rng(seed);
  if (forest->empty()) forest->push_back(Boundary(rng));
  const size_t edits = 1 + rng.Below(3);
  for (size_t done = 0, tries = 0; done < edits && tries < 16; ++tries) {
    if (MutateOnce(&*forest, rng)) ++done;
    if (forest->empty()) forest->push_back(Boundary(rng));
  }
  std::string out = sexpr::Print(*forest);
  if (out.size() > max_size) return std::nullopt;
  return out;
}

std::optional<std::string> CrossOverSources(std::string_view a,
                                            std::string_view b, uint64_t seed,
                                            size_t max_size) {
  Error error;
  std::optional<Forest> fa = sexpr::Read(a, &error);
  std::optional<Forest> fb = sexpr::Read(b, &error);
  if (!fa || !fb || fb->empty()) return std::nullopt;
  Rng rng(seed);
  const std::vector<Path> pb = sexpr::AllPaths(*fb);
  const Node& graft = *sexpr::At(*fb, pb[rng.Below(pb.size())]);
  if (fa->empty() || rng.Below(4) == 0) {
    // Splice: a's first forms, then b's from a random point.
    const size_t keep = rng.Below(fa->size() + 1);
    fa->resize(keep);
    for (size_t i = rng.Below(fb->size()); i < fb->size(); ++i)
      fa->push_back((*fb)[i]);
  } else {
    const std::vector<Path> pa = sexpr::AllPaths(*fa);
    *sexpr::At(&*fa, pa[rng.Below(pa.size())]) = graft;
  }
  std::string out = sexpr::Print(*fa);
  if (out.size() > max_size) return std::nullopt;
  return out;
}

}  // namespace tern::fuzz
