#include "tools/reduce_candidates.h"

#include <cmath>
#include <string>
#include <utility>

namespace tern::reduce {
namespace {

using sexpr::Forest;
using sexpr::Node;
using sexpr::Path;

// A copy of `forest` with the node at `path` replaced.
Forest With(const Forest& forest, const Path& path, Node replacement) {
  Forest copy = forest;
  *sexpr::At(&copy, path) = std::move(replacement);
  return copy;
}

// Chunked deletions of kids[from..]: ddmin's complements.
void DeleteRuns(const Forest& forest, const Path& path, const Node& node,
                size_t from, std::vector<Forest>* out) {
  const size_t n = node.kids.size() - from;
  if (n == 0) return;
  for (size_t chunk = n; chunk >= 1; chunk /= 2) {
    for (size_t start = from; start < node.kids.size(); start += chunk) {
      Node smaller = node;
      const size_t end = std::min(start + chunk, smaller.kids.size());
      smaller.kids.erase(smaller.kids.begin() + static_cast<long>(start),
                         smaller.kids.begin() + static_cast<long>(end));
      out->push_back(With(forest, path, std::move(smaller)));
    }
    if (chunk == 1) break;
  }
}

// Replaces free occurrences of `name` in `n` by `value`; stops at a
// rebinding in a let (later bindings and body), fn parameters or for.
void Substitute(Node* n, const std::string& name, const Node& value) {
  if (n->IsSymbol(name)) {
    *n = value;
    return;
  }
  if (n->IsAtom()) return;
  auto binds = [&](const Node& b) {
    return b.IsSymbol(name) ||
           (b.kind == Node::Kind::kList && !b.kids.empty() &&
            (b.kids[0].IsSymbol(name) ||
             (b.kids.size() > 1 && b.kids[0].IsSymbol("mut") &&
              b.kids[1].IsSymbol(name))));
  };
  if (n->IsForm("let") && n->kids.size() >= 2 &&
      n->kids[1].kind == Node::Kind::kList) {
    for (Node& b : n->kids[1].kids) {
      if (b.kind == Node::Kind::kList && !b.kids.empty())
        Substitute(&b.kids.back(), name, value);
      if (binds(b)) return;  // shadowed from here on
    }
    for (size_t i = 2; i < n->kids.size(); ++i)
      Substitute(&n->kids[i], name, value);
    return;
  }
  if ((n->IsForm("fn") || n->IsForm("defn")) && n->kids.size() >= 2) {
    const Node& params = n->IsForm("fn") ? n->kids[1]
                                         : n->kids[std::min<size_t>(2, n->kids.size() - 1)];
    for (const Node& p : params.kids) {
      if (p.IsSymbol(name)) return;
    }
  }
  if (n->IsForm("for") && n->kids.size() >= 2 && !n->kids[1].kids.empty()) {
    for (size_t i = 1; i < n->kids[1].kids.size(); ++i)
      Substitute(&n->kids[1].kids[i], name, value);
    if (n->kids[1].kids[0].IsSymbol(name)) return;
    for (size_t i = 2; i < n->kids.size(); ++i)
      Substitute(&n->kids[i], name, value);
    return;
  }
  for (Node& k : n->kids) Substitute(&k, name, value);
}

// (let (B... (x e) B'...) body...) -> x replaced by e after its binding.
void InlineLet(const Forest& forest, const Path& path, const Node& node,
               std::vector<Forest>* out) {
  if (!node.IsForm("let") || node.kids.size() < 2 ||
      node.kids[1].kind != Node::Kind::kList)
    return;
  const Node& bindings = node.kids[1];
  if (bindings.kids.empty()) {
    Node as_do = node;
    as_do.kids.erase(as_do.kids.begin() + 1);
    as_do.kids[0] = Node::Symbol("do");
    out->push_back(With(forest, path, std::move(as_do)));
    return;
  }
  for (size_t i = 0; i < bindings.kids.size(); ++i) {
    const Node& b = bindings.kids[i];
    if (b.kind != Node::Kind::kList || b.kids.size() != 2 || !b.kids[0].IsSymbol())
      continue;  // `mut` bindings are assigned: not inlined
    Node let = node;
    const std::string name = b.kids[0].text;
    const Node value = b.kids[1];
    let.kids[1].kids.erase(let.kids[1].kids.begin() + static_cast<long>(i));
    // Substitute in the later bindings and the body, as a let scope does.
    Node rest = Node::List({Node::Symbol("let"), Node::List({})});
    for (size_t j = i; j < let.kids[1].kids.size(); ++j)
      rest.kids[1].kids.push_back(let.kids[1].kids[j]);
    for (size_t j = 2; j < let.kids.size(); ++j) rest.kids.push_back(let.kids[j]);
    Substitute(&rest, name, value);
    let.kids[1].kids.resize(i);
    for (Node& k : rest.kids[1].kids) let.kids[1].kids.push_back(std::move(k));
    let.kids.resize(2);
    for (size_t j = 2; j < rest.kids.size(); ++j)
      let.kids.push_back(std::move(rest.kids[j]));
    out->push_back(With(forest, path, std::move(let)));
  }
}

void ShrinkAtom(const Forest& forest, const Path& path, const Node& node,
                std::vector<Forest>* out) {
  switch (node.token) {
    case TokenKind::kInt:
      if (node.int_value != 0) {
        out->push_back(With(forest, path, Node::Int(0)));
        if (node.int_value != 1) out->push_back(With(forest, path, Node::Int(1)));
        if (node.int_value / 2 != 0 && node.int_value / 2 != 1)
          out->push_back(With(forest, path, Node::Int(node.int_value / 2)));
      }
      return;
    case TokenKind::kFloat:
      if (node.float_value != 0 || std::signbit(node.float_value))
        out->push_back(With(forest, path, Node::Float(0.0)));
      return;
    case TokenKind::kStr:
      if (!node.text.empty()) {
        out->push_back(With(forest, path, Node::Str("")));
        if (node.text.size() > 1)
          out->push_back(
              With(forest, path, Node::Str(node.text.substr(0, node.text.size() / 2))));
        if (node.text.size() > 2)
          out->push_back(
              With(forest, path, Node::Str(node.text.substr(0, node.text.size() - 1))));
      }
      return;
    case TokenKind::kTrue:
    case TokenKind::kFalse:
      out->push_back(With(forest, path, Node::Null()));
      return;
    default: return;
  }
}

}  // namespace

std::vector<Forest> DeleteTopLevel(const Forest& forest) {
  std::vector<Forest> out;
  const size_t n = forest.size();
  for (size_t chunk = n / 2; chunk >= 1; chunk /= 2) {
    for (size_t start = 0; start < n; start += chunk) {
      Forest smaller = forest;
      smaller.erase(smaller.begin() + static_cast<long>(start),
                    smaller.begin() + static_cast<long>(std::min(n, start + chunk)));
      out.push_back(std::move(smaller));
    }
    if (chunk == 1) break;
  }
  return out;
}

std::vector<Forest> ShrinkNode(const Forest& forest, const Path& path) {
  std::vector<Forest> out;
  const Node* at = sexpr::At(forest, path);
  if (at == nullptr) return out;
  const Node node = *at;
  if (node.IsAtom()) {
    ShrinkAtom(forest, path, node, &out);
    return out;
  }
  // A subtree of the same kind: one of its children (the biggest first is
  // not needed: each is tried), then the smallest values.
  for (size_t i = 0; i < node.kids.size(); ++i) {
    const bool head = i == 0 && node.kind == Node::Kind::kList;
    if (!(head && node.kids[i].IsSymbol()))
      out.push_back(With(forest, path, node.kids[i]));
  }
  for (Node leaf : {Node::Null(), Node::Int(0)}) {
    out.push_back(With(forest, path, leaf));
  }
  if (node.kind == Node::Kind::kVec && !node.kids.empty())
    out.push_back(With(forest, path, Node::Vec({})));
  if ((node.IsForm("with-arena") && node.kids.size() >= 2) ||
      node.IsForm("no-gc")) {
    Node unwrapped = node;
    unwrapped.kids.erase(unwrapped.kids.begin(),
                         unwrapped.kids.begin() + (node.IsForm("no-gc") ? 1 : 2));
    unwrapped.kids.insert(unwrapped.kids.begin(), Node::Symbol("do"));
    out.push_back(With(forest, path, std::move(unwrapped)));
  }
  InlineLet(forest, path, node, &out);
  // Subforms: the head of a list stays (removing it rarely helps).
  const size_t from = node.kind == Node::Kind::kList ? 1 : 0;
  DeleteRuns(forest, path, node, from, &out);
  return out;
}

}  // namespace tern::reduce
