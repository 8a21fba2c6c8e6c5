// The shared display walk: its length pass must never change an outcome,
// only reach the size cap sooner.

#include "runtime/display_walk.h"

#include <gtest/gtest.h>
#include <rapidcheck.h>

#include <cstdint>
#include <limits>
#include <string>
#include <vector>

namespace tern {
namespace {

// A toy value graph: a value is a scalar int or a reference to a node; a
// node is a vector or a map (int keys) of values, possibly dead.
struct ToyValue {
  int node = -1;  // -1: the scalar `n`
  int64_t n = 0;
};

struct ToyNode {
  bool is_vec = true;
  bool dead = false;
  bool on_path = false;
  std::vector<ToyValue> items;     // vec elements / map values
  std::vector<int64_t> keys;       // map keys, one per item
  std::vector<bool> erased;        // map slots deleted
};

class ToyAdapter {
 public:
  using Value = ToyValue;
  explicit ToyAdapter(std::vector<ToyNode>* nodes) : nodes_(nodes) {}

  DisplayKind Kind(const Value& v) const {
    if (v.node < 0) return DisplayKind::kScalar;
    return Node(v).is_vec ? DisplayKind::kVec : DisplayKind::kMap;
  }
  const void* Id(const Value& v) const { return &Node(v); }
  bool IsDead(const Value& v) const { return v.node >= 0 && Node(v).dead; }
  void AppendScalar(std::string* out, const Value& v, bool) const {
    out->append(std::to_string(v.n));
  }
  uint64_t ScalarLength(const Value& v, bool) const {
    return std::to_string(v.n).size();
  }
  size_t SlotCount(const Value& c) const { return Node(c).items.size(); }
  bool Slot(const Value& c, size_t i, Value* key, Value* value) const {
    const ToyNode& node = Node(c);
    if (!node.is_vec) {
      if (node.erased[i]) return false;
      *key = ToyValue{-1, node.keys[i]};
    }
    *value = node.items[i];
    return true;
  }
  bool EnterPath(const Value& c) {
    if (Node(c).on_path) return false;
    Node(c).on_path = true;
    return true;
  }
  void LeavePath(const Value& c) { Node(c).on_path = false; }

 private:
  ToyNode& Node(const Value& v) const { return (*nodes_)[v.node]; }
  std::vector<ToyNode>* nodes_;
};

struct Shown {
  DisplayStatus status;
  std::string text;
};

Shown Show(std::vector<ToyNode>& nodes, ToyValue top, const std::string& prefix,
           size_t max_size, size_t check_after) {
  ToyAdapter adapter(&nodes);
  std::string out = prefix;
  DisplayWalk<ToyAdapter> walk(adapter, &out, max_size, check_after);
  DisplayStatus status = walk.Run(top, true);
  for (const ToyNode& n : nodes) EXPECT_FALSE(n.on_path);
  return {status, status == DisplayStatus::kOk ? out : std::string()};
}

TEST(DisplayWalk, ShowsNestingSharingAndCycles) {
  std::vector<ToyNode> nodes(3);
  nodes[0].items = {{-1, 1}, {1, 0}, {1, 0}};  // [1 v v]
  nodes[1].is_vec = false;                      // v = {7 2, 8 w}
  nodes[1].keys = {7, 8};
  nodes[1].erased = {false, false};
  nodes[1].items = {{-1, 2}, {2, 0}};
  nodes[2].items = {{2, 0}};  // w = [w]
  Shown s = Show(nodes, {0, 0}, "", 1000, std::numeric_limits<size_t>::max());
  EXPECT_EQ(s.status, DisplayStatus::kOk);
  EXPECT_EQ(s.text, "[1 {7 2, 8 [[...]]} {7 2, 8 [[...]]}]");
}

TEST(DisplayWalk, ExponentialSharingHitsTheCapAtOnce) {
  // [v v] nested 60 deep: 2^60 leaves from 61 nodes.
  std::vector<ToyNode> nodes(61);
  nodes[60].items = {{-1, 1}};
  for (int i = 0; i < 60; ++i) nodes[i].items = {{i + 1, 0}, {i + 1, 0}};
  Shown s = Show(nodes, {0, 0}, "", size_t{1} << 27, kLengthCheckAfter);
  EXPECT_EQ(s.status, DisplayStatus::kTooLong);
}

// Random graphs, cycles and dead nodes included, random caps and prefixes:
// the walk with the length pass from the first byte equals the brute-force
// walk.
TEST(DisplayWalk, LengthPassNeverChangesTheOutcome) {
  rc::check([] {
    const int n = *rc::gen::inRange(1, 7);
    const bool acyclic = *rc::gen::arbitrary<bool>();
    std::vector<ToyNode> nodes(n);
    for (int i = 0; i < n; ++i) {
      ToyNode& node = nodes[i];
      node.is_vec = *rc::gen::arbitrary<bool>();
      node.dead = *rc::gen::weightedElement<bool>({{1, true}, {15, false}});
      const int k = *rc::gen::inRange(0, 4);
      for (int j = 0; j < k; ++j) {
        ToyValue v;
        int lo = acyclic ? i + 1 : 0;
        if (lo < n && *rc::gen::arbitrary<bool>()) {
          v.node = *rc::gen::inRange(lo, n);
        } else {
          v.n = *rc::gen::inRange<int64_t>(-20, 2000);
        }
        node.items.push_back(v);
        node.keys.push_back(j);
        node.erased.push_back(!node.is_vec && *rc::gen::weightedElement<bool>(
                                                  {{1, true}, {4, false}}));
      }
    }
    const std::string prefix(*rc::gen::inRange(0, 5), 'p');
    const size_t max_size = *rc::gen::inRange<size_t>(0, 120);
    ToyValue top{*rc::gen::inRange(0, n), 0};
    Shown brute =
        Show(nodes, top, prefix, max_size, std::numeric_limits<size_t>::max());
    Shown eager = Show(nodes, top, prefix, max_size, 0);
    RC_ASSERT(brute.status == eager.status);
    RC_ASSERT(brute.text == eager.text);
  });
}

}  // namespace
}  // namespace tern
