#include "runtime/vm/value_display.h"

#include <charconv>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "runtime/display.h"
#include "runtime/display_walk.h"
#include "runtime/heap/closure_object.h"
#include "runtime/heap/map_object.h"
#include "runtime/heap/string_object.h"
#include "runtime/heap/vec_object.h"

namespace tern::vm {
namespace {

using heap::Tag;
using heap::Value;

// The containers on the display path: a set of pointers with open
// addressing, linear probing and backward-shift deletion. Display visits a
// container once per appearance (exponentially often under sharing), so
// membership must cost no allocation: std::unordered_set allocated a node
// per visit.
class PathSet {
 public:
  PathSet() : slots_(64, nullptr) {}

  // False if p was already in the set.
  bool Insert(const void* p) {
    if (2 * (size_ + 1) > slots_.size()) Grow();
    size_t i = Find(p);
    if (slots_[i] == p) return false;
    slots_[i] = p;
    ++size_;
    return true;
  }

  void Erase(const void* p) {
    size_t i = Find(p);
    if (slots_[i] != p) return;
    // Backward shift: move later entries of the probe run into the hole.
    const size_t mask = slots_.size() - 1;
    size_t hole = i;
    for (size_t j = (i + 1) & mask; slots_[j] != nullptr; j = (j + 1) & mask) {
      size_t home = Hash(slots_[j]) & mask;
      // Move j into the hole unless its home lies cyclically in (hole, j].
      bool stays = hole <= j ? (hole < home && home <= j)
                             : (hole < home || home <= j);
      if (!stays) {
        slots_[hole] = slots_[j];
        hole = j;
      }
    }
    slots_[hole] = nullptr;
    --size_;
  }

 private:
  static size_t Hash(const void* p) {
    auto x = reinterpret_cast<uintptr_t>(p);
    x ^= x >> 33;
    x *= 0xff51afd7ed558ccdULL;
    x ^= x >> 33;
    return static_cast<size_t>(x);
  }
  // The slot holding p, or the empty slot where it would go.
  size_t Find(const void* p) const {
    const size_t mask = slots_.size() - 1;
    size_t i = Hash(p) & mask;
    while (slots_[i] != nullptr && slots_[i] != p) i = (i + 1) & mask;
    return i;
  }
  void Grow() {
    std::vector<const void*> old(slots_.size() * 2, nullptr);
    old.swap(slots_);
    size_ = 0;
    for (const void* p : old) {
      if (p != nullptr) Insert(p);
    }
  }

  std::vector<const void*> slots_;  // size: a power of two
  size_t size_ = 0;
};

// VM values for the shared display walk (runtime/display_walk.h).
class Adapter {
 public:
  using Value = heap::Value;
  explicit Adapter(const Module& module) : module_(module) {}

  DisplayKind Kind(const Value& v) const {
    if (v.tag() == Tag::kVec) return DisplayKind::kVec;
    if (v.tag() == Tag::kMap) return DisplayKind::kMap;
    return DisplayKind::kScalar;
  }
  const void* Id(const Value& v) const { return v.as_object(); }
  // An ended arena's cells are poisoned or filled: the heap verifier, not
  // display, is what reports a reference to one.
  bool IsDead(const Value&) const { return false; }

  void AppendScalar(std::string* out, const Value& v, bool quoted) const {
    switch (v.tag()) {
      case Tag::kNull: out->append("null"); return;
      case Tag::kBool: out->append(v.as_bool() ? "true" : "false"); return;
      case Tag::kInt: {
        char buf[24];
        auto [end, ec] = std::to_chars(buf, buf + sizeof buf, v.as_int());
        out->append(buf, end);
        return;
      }
      case Tag::kFloat: AppendFloat(out, v.as_float()); return;
      case Tag::kDefn: {
        out->append("<fn ");
        uint32_t d = v.as_defn();
        if (d < module_.defn_chunks.size()) {
          out->append(module_.chunks[module_.defn_chunks[d]].name);
        }
        out->push_back('>');
        return;
      }
      case Tag::kShortStr:
      case Tag::kStr:
        if (quoted) {
          AppendQuoted(out, heap::StringBytes(v));
        } else {
          out->append(heap::StringBytes(v));
        }
        return;
      case Tag::kClosure:
      case Tag::kVec:
      case Tag::kMap: out->append("<fn>"); return;  // only closures get here
    }
  }
  uint64_t ScalarLength(const Value& v, bool quoted) const {
    if (v.is_string()) {
      std::string_view bytes = heap::StringBytes(v);
      return quoted ? QuotedLength(bytes) : bytes.size();
    }
    std::string text;
    AppendScalar(&text, v, quoted);
    return text.size();
  }

  size_t SlotCount(const Value& c) const {
    return c.tag() == Tag::kVec ? c.as_vec()->size()
                                : c.as_map()->entry_limit();
  }
  bool Slot(const Value& c, size_t i, Value* key, Value* value) const {
    if (c.tag() == Tag::kVec) {
      *value = c.as_vec()->Get(static_cast<uint32_t>(i));
      return true;
    }
    return c.as_map()->EntryAt(static_cast<uint32_t>(i), key, value);
  }

  bool EnterPath(const Value& c) { return on_path_.Insert(c.as_object()); }
  void LeavePath(const Value& c) { on_path_.Erase(c.as_object()); }

 private:
  const Module& module_;
  // Membership only: no order of it reaches the output.
  PathSet on_path_;
};

}  // namespace

bool AppendDisplay(std::string* out, Value v, StringStyle top,
                   size_t max_size, const Module& module) {
  Adapter adapter(module);
  DisplayWalk<Adapter> walk(adapter, out, max_size);
  return walk.Run(v, top == StringStyle::kQuoted) == DisplayStatus::kOk;
}

ValueType TypeOf(Value v) {
  switch (v.tag()) {
    case Tag::kNull: return ValueType::kNull;
    case Tag::kBool: return ValueType::kBool;
    case Tag::kInt: return ValueType::kInt;
    case Tag::kFloat: return ValueType::kFloat;
    case Tag::kShortStr:
    case Tag::kStr: return ValueType::kString;
    case Tag::kVec: return ValueType::kVec;
    case Tag::kMap: return ValueType::kMap;
    case Tag::kDefn:
    case Tag::kClosure: break;
  }
  return ValueType::kFn;
}

std::string_view TypeName(Value v) { return tern::TypeName(TypeOf(v)); }

}  // namespace tern::vm
