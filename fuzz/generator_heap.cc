// Heap shapes that a VM with a GC and physical arenas makes interesting
// (issue 6): containers grown, emptied and refilled; closures over heap
// values and over `mut` variables (the closure's own copy); deep
// structures; outer heap values used inside nested arenas; strings around
// the VM's inline-string cut-off. Each statement is written whole, with
// values that carry no arena provenance (loop variables, literals), so the
// arena rules hold by construction.

#include <string>

#include "fuzz/generator.h"

namespace tern::fuzz {
namespace {

std::string Loop(const std::string& var, int64_t n, const std::string& body) {
  return Cat({"(for (", var, " 0 ", std::to_string(n), ") ", body, ")"});
}

}  // namespace

std::string Generator::CutoffStrLiteral() {
  // Lengths in bytes: just below, at and above the cut-off; now and then
  // a 2-byte character straddles it. Switched off (swarm): a short one.
  if (!On(Feature::kInlineCutoffStr)) return "\"s\"";
  Use(Feature::kInlineCutoffStr);
  const int64_t len = in_.InRange(kInlineStringCutoff - 1, kInlineStringCutoff + 1);
  const bool multibyte = in_.Percent(25);
  std::string text;
  while (static_cast<int64_t>(text.size()) < len) {
    if (multibyte && len - static_cast<int64_t>(text.size()) >= 2 &&
        text.size() + 2 >= static_cast<size_t>(kInlineStringCutoff)) {
      text += "\xce\xbb";  // λ
    } else {
      text += static_cast<char>('a' + text.size() % 26);
    }
  }
  return Cat({"\"", text, "\""});
}

std::string Generator::ChurnStmt() {
  Use(Feature::kContainerChurn);
  const auto vecs = Containers(Kind::kVec);
  const auto maps = scope_.Find([&](const Var& v) {
    return v.type.kind == Kind::kMap && (v.type.key == Kind::kInt || depth_ == 0);
  });
  const bool use_map = !maps.empty() && (vecs.empty() || in_.Percent(50));
  if (!use_map && vecs.empty()) return "null";
  const size_t index = Pick(use_map ? maps : vecs);
  const Var var = scope_.at(index);
  const std::string c = UseVar(index).text;
  const std::string i = NewName();
  const int64_t n = in_.InRange(8, 160);
  auto value = [&] {
    return var.type.elem == Kind::kStr ? CutoffStrLiteral() : i;
  };
  if (!use_map) {
    Use(Feature::kPush);
    Use(Feature::kPop);
    Use(Feature::kLen);
    const int64_t drop = in_.InRange(1, n);
    return Cat({"(do ", Loop(i, n, "(push! " + c + ' ' + value() + ')'), " ",
                Loop(i, drop, "(if (> (len " + c + ") 0) (pop! " + c + "))"),
                " ",
                Loop(i, in_.InRange(1, n), "(push! " + c + ' ' + value() + ')'),
                " (len ", c, "))"});
  }
  Use(Feature::kPut);
  Use(Feature::kDel);
  Use(Feature::kHas);
  Use(Feature::kLen);
  const std::string key = var.type.key == Kind::kInt ? i : "(str \"k\" " + i + ')';
  const int64_t every = in_.InRange(2, 4);
  return Cat({"(do ",
              Loop(i, n, "(put! " + c + ' ' + key + ' ' + value() + ')'), " ",
              Loop(i, n,
                   "(if (= (% " + i + ' ' + std::to_string(every) +
                       ") 0) (del! " + c + ' ' + key + "))"),
              " ",
              Loop(i, n,
                   "(if (has? " + c + ' ' + key + ") (del! " + c + ' ' + key +
                       ") (put! " + c + ' ' + key + ' ' + value() + "))"),
              " (len ", c, "))"});
}

std::string Generator::ClosureStmt() {
  Use(Feature::kLambda);
  Use(Feature::kCapture);
  Use(Feature::kClosureCall);
  const std::string f = NewName(), x = NewName();
  const auto vecs = scope_.Find([&](const Var& v) {
    return v.type.kind == Kind::kVec && v.type.elem != Kind::kStr;
  });
  switch (in_.Weighted({3, When(!vecs.empty(), 3), 2})) {
    case 0: {
      // A `mut` captured: the closure changes its own copy.
      Use(Feature::kMutCopy);
      Use(Feature::kMutCapture);
      const int64_t start = in_.InRange(-3, 3);
      return Cat({"(let ((mut ", x, " ", std::to_string(start), ")) (let ((", f,
                  " (fn () (set! ", x, " (+ ", x, " 1)) ", x, "))) (", f,
                  ") (print (", f, ") ", x, ")))"});
    }
    case 1: {
      // A heap vector captured and grown through the closure.
      Use(Feature::kClosureHeap);
      Use(Feature::kPush);
      const std::string v = UseVar(Pick(vecs)).text;
      return Cat({"(let ((", f, " (fn () (push! ", v, " ",
                  std::to_string(in_.InRange(0, 9)), ") (len ", v, ")))) (", f,
                  ") (print (", f, ") (len ", v, ")))"});
    }
    default: {
      // A `mut` heap value captured: the copy is rebound, the original not.
      Use(Feature::kClosureHeap);
      Use(Feature::kMutCopy);
      Use(Feature::kMutCapture);
      return Cat({"(let ((mut ", x, " [1 2])) (let ((", f, " (fn () (push! ", x,
                  " 3) (set! ", x, " [", CutoffStrLiteral(), "]) (len ", x,
                  ")))) (print (", f, ") (", f, ") (len ", x, "))))"});
    }
  }
}

std::string Generator::DeepStmt() {
  Use(Feature::kDeepStructure);
  Use(Feature::kMutSet);
  const std::string d = NewName(), i = NewName();
  const int64_t n = in_.InRange(32, 400);
  const bool map = in_.Percent(30);
  const std::string wrap = map ? "{\"n\" " + d + '}' : '[' + d + ']';
  std::string body = Cat({"(set! ", d, " ", wrap, ")"});
  if (On(Feature::kGc) && in_.Percent(40)) {
    Use(Feature::kGc);
    body += Cat({" (if (= (% ", i, " 64) 0) (gc))"});
  }
  return Cat({"(let ((mut ", d, " [])) ", Loop(i, n, body), " (len ", d, "))"});
}

std::string Generator::ArenaHeapStmt() {
  Use(Feature::kArenaHeapRef);
  Use(Feature::kWithArena);
  Use(Feature::kNestedArena);
  const auto vecs = Containers(Kind::kVec);
  if (vecs.empty()) return "null";
  const std::string v = UseVar(Pick(vecs)).text;
  const std::string h = NewName();
  std::string inner = Cat({"(len ", h, ")"});
  if (On(Feature::kGc) && in_.Percent(50)) {
    Use(Feature::kGc);
    inner = "(gc) " + inner;
  }
  if (in_.Percent(50)) inner = Cat({"(print [1 2] (len ", h, ")) ", inner});
  return Cat({"(with-arena ", NewLabel(), " (let ((", h, " ", v,
              ")) (with-arena ", NewLabel(), " ", inner, ")))"});
}

}  // namespace tern::fuzz
