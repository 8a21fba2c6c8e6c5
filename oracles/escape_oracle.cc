#include "oracles/escape_oracle.h"

#include <optional>

#include "fuzz/sexpr.h"
#include "runtime/front/front_end.h"

namespace tern {
namespace {

using sexpr::Forest;
using sexpr::Node;
using sexpr::Path;

struct Var {
  std::string name;
  bool mut;
  int depth;  // enclosing with-arena blocks where it is declared
};

struct Block {
  Path path;
  int depth;                  // 1: outermost
  std::vector<Var> visible;   // locals visible at the start of its body
};

// Innermost declaration per name.
std::vector<Var> Visible(const std::vector<Var>& scope) {
  std::vector<Var> out;
  for (size_t i = scope.size(); i-- > 0;) {
    bool shadowed = false;
    for (const Var& v : out) shadowed |= v.name == scope[i].name;
    if (!shadowed) out.push_back(scope[i]);
  }
  return out;
}

class Walker {
 public:
  std::vector<Block> blocks;

  void Visit(const Node& n, Path* path, std::vector<Var>* scope, int depth) {
    if (n.kind != Node::Kind::kList || n.kids.empty()) {
      VisitKids(n, 0, path, scope, depth);
      return;
    }
    const size_t mark = scope->size();
    if (n.IsForm("let") && n.kids.size() >= 2 &&
        n.kids[1].kind == Node::Kind::kList) {
      const Node& bindings = n.kids[1];
      for (size_t b = 0; b < bindings.kids.size(); ++b) {
        const Node& binding = bindings.kids[b];
        if (binding.kind != Node::Kind::kList || binding.kids.empty()) continue;
        path->insert(path->end(), {1, b, binding.kids.size() - 1});
        Visit(binding.kids.back(), path, scope, depth);
        path->resize(path->size() - 3);
        const bool mut = binding.kids.size() == 3 && binding.kids[0].IsSymbol("mut");
        const Node& name = binding.kids[mut ? 1 : 0];
        if (name.IsSymbol()) scope->push_back({name.text, mut, depth});
      }
      VisitKids(n, 2, path, scope, depth);
    } else if ((n.IsForm("fn") && n.kids.size() >= 2) ||
               (n.IsForm("defn") && n.kids.size() >= 3)) {
      const size_t params = n.IsForm("fn") ? 1 : 2;
      for (const Node& p : n.kids[params].kids) {
        if (p.IsSymbol()) scope->push_back({p.text, false, depth});
      }
      VisitKids(n, params + 1, path, scope, depth);
    } else if (n.IsForm("for") && n.kids.size() >= 2 &&
               n.kids[1].kind == Node::Kind::kList && !n.kids[1].kids.empty()) {
      path->push_back(1);
      VisitKids(n.kids[1], 1, path, scope, depth);
      path->pop_back();
      if (n.kids[1].kids[0].IsSymbol())
        scope->push_back({n.kids[1].kids[0].text, false, depth});
      VisitKids(n, 2, path, scope, depth);
    } else if (n.IsForm("with-arena") && n.kids.size() >= 3) {
      blocks.push_back({*path, depth + 1, Visible(*scope)});
      VisitKids(n, 2, path, scope, depth + 1);
    } else {
      VisitKids(n, 0, path, scope, depth);
    }
    scope->resize(mark);
  }

 private:
  void VisitKids(const Node& n, size_t from, Path* path, std::vector<Var>* scope,
                 int depth) {
    for (size_t i = from; i < n.kids.size(); ++i) {
      path->push_back(i);
      Visit(n.kids[i], path, scope, depth);
      path->pop_back();
    }
  }
};

Node Alloc() { return Node::Vec({Node::Int(0)}); }

}  // namespace

std::string_view EscapeKindName(EscapeKind kind) {
  switch (kind) {
    case EscapeKind::kBlockResult: return "block-result";
    case EscapeKind::kSetOuter: return "set-outer";
    case EscapeKind::kStoreOuter: return "store-outer";
  }
  return "?";
}

std::vector<Injection> InjectEscapes(std::string_view source,
                                     const std::function<size_t(size_t)>& pick) {
  std::vector<Injection> out;
  Error error;
  std::optional<Forest> forest = sexpr::Read(source, &error);
  if (!forest) return out;
  Walker walker;
  for (size_t i = 0; i < forest->size(); ++i) {
    Path path = {i};
    std::vector<Var> scope;
    walker.Visit((*forest)[i], &path, &scope, 0);
  }
  for (EscapeKind kind : kEscapeKinds) {
    // Eligible (block, variable) places.
    std::vector<std::pair<size_t, size_t>> places;
    for (size_t b = 0; b < walker.blocks.size(); ++b) {
      const Block& block = walker.blocks[b];
      if (block.depth != 1) continue;
      if (kind == EscapeKind::kBlockResult) {
        places.emplace_back(b, 0);
        continue;
      }
      for (size_t v = 0; v < block.visible.size(); ++v) {
        if (kind == EscapeKind::kStoreOuter || block.visible[v].mut)
          places.emplace_back(b, v);
      }
    }
    if (places.empty()) continue;
    const auto [b, v] = places[pick(places.size()) % places.size()];
    const Block& block = walker.blocks[b];
    Forest copy = *forest;
    Node* w = sexpr::At(&copy, block.path);
    Injection inj;
    inj.kind = kind;
    Path injected = block.path;
    if (kind == EscapeKind::kBlockResult) {
      w->kids.push_back(Alloc());
      inj.form = "[0] as the result of " + sexpr::PrintFlat(w->kids[1]);
    } else {
      const std::string& name = block.visible[v].name;
      Node form;
      if (kind == EscapeKind::kSetOuter) {
        form = Node::List({Node::Symbol("set!"), Node::Symbol(name), Alloc()});
      } else if (pick(2) == 0) {
        form = Node::List({Node::Symbol("push!"), Node::Symbol(name), Alloc()});
      } else {
        form = Node::List(
            {Node::Symbol("put!"), Node::Symbol(name), Node::Int(0), Alloc()});
      }
      inj.form = sexpr::PrintFlat(form);
      w->kids.insert(w->kids.begin() + 2, std::move(form));
      injected.push_back(2);
    }
    std::vector<Pos> at;
    inj.source = sexpr::Print(copy, {block.path, injected}, &at);
    const Pos* at_block = &at[0];
    const Pos* at_form = &at[1];
    if (kind == EscapeKind::kBlockResult) {
      inj.allowed = {*at_block};
    } else if (kind == EscapeKind::kSetOuter) {
      inj.allowed = {*at_form, *at_block};
    } else {
      inj.allowed = {*at_form};
    }
    out.push_back(std::move(inj));
  }
  return out;
}

std::string CheckInjection(const Injection& inj) {
  const CompileResult r = Compile(inj.source);
  auto where = [&] {
    std::string s;
    for (const Pos& p : inj.allowed)
      s += (s.empty() ? "" : " or ") + std::to_string(p.line) + ":" +
           std::to_string(p.col);
    return s;
  };
  const std::string what = std::string(EscapeKindName(inj.kind)) +
                           " escape " + inj.form + " (expected arena-escape at " +
                           where() + ")";
  if (!r.error) return what + ": accepted\n";
  if (r.error->kind != ErrorKind::kArenaEscape) {
    return what + ": rejected with " + std::string(ErrorKindName(r.error->kind)) +
           " at " + std::to_string(r.error->pos.line) + ":" +
           std::to_string(r.error->pos.col) + ": " + r.error->message + "\n";
  }
  for (const Pos& p : inj.allowed) {
    if (r.error->pos == p) return "";
  }
  return what + ": reported at " + std::to_string(r.error->pos.line) + ":" +
         std::to_string(r.error->pos.col) + ": " + r.error->message + "\n";
}

}  // namespace tern
