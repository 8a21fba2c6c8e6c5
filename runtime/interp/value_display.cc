#include "runtime/interp/value_display.h"

#include <charconv>
#include <string>

#include "runtime/ast.h"
#include "runtime/display.h"
#include "runtime/display_walk.h"
#include "runtime/interp/object.h"
#include "runtime/interp/region.h"

namespace tern::interp {
namespace {

// The interpreter's values for the shared display walk.
class Adapter {
 public:
  using Value = interp::Value;

  DisplayKind Kind(const Value& v) const {
    if (v.tag == Tag::kVec) return DisplayKind::kVec;
    if (v.tag == Tag::kMap) return DisplayKind::kMap;
    return DisplayKind::kScalar;
  }
  const void* Id(const Value& v) const { return v.obj; }
  bool IsDead(const Value& v) const { return v.IsObject() && !IsLive(v.obj); }

  void AppendScalar(std::string* out, const Value& v, bool quoted) const {
    switch (v.tag) {
      case Tag::kNull: out->append("null"); return;
      case Tag::kBool: out->append(v.b ? "true" : "false"); return;
      case Tag::kInt: {
        char buf[24];
        auto [end, ec] = std::to_chars(buf, buf + sizeof buf, v.i);
        out->append(buf, end);
        return;
      }
      case Tag::kFloat: AppendFloat(out, v.f); return;
      case Tag::kDefn:
        out->append("<fn ");
        out->append(v.defn->name);
        out->push_back('>');
        return;
      case Tag::kStr:
        if (quoted) {
          AppendQuoted(out, v.str()->bytes);
        } else {
          out->append(v.str()->bytes);
        }
        return;
      case Tag::kClosure:
      case Tag::kVec:
      case Tag::kMap: out->append("<fn>"); return;  // only closures get here
    }
  }
  uint64_t ScalarLength(const Value& v, bool quoted) const {
    if (v.tag == Tag::kStr) {
      return quoted ? QuotedLength(v.str()->bytes) : v.str()->bytes.size();
    }
    std::string text;
    AppendScalar(&text, v, quoted);
    return text.size();
  }

  size_t SlotCount(const Value& c) const {
    return c.tag == Tag::kVec ? c.vec()->items.size()
                              : c.map()->entries.slots().size();
  }
  bool Slot(const Value& c, size_t i, Value* key, Value* value) const {
    if (c.tag == Tag::kVec) {
      *value = c.vec()->items[i];
      return true;
    }
    const OrderedMap::Slot& slot = c.map()->entries.slots()[i];
    if (!slot.live) return false;
    *key = slot.key;
    *value = slot.value;
    return true;
  }

  bool EnterPath(const Value& c) {
    if (c.obj->on_display_path) return false;
    c.obj->on_display_path = true;
    return true;
  }
  void LeavePath(const Value& c) { c.obj->on_display_path = false; }
};

}  // namespace

DisplayResult AppendDisplay(std::string* out, const Value& v, StringStyle top,
                            size_t max_size) {
  Adapter adapter;
  DisplayWalk<Adapter> walk(adapter, out, max_size);
  DisplayStatus status = walk.Run(v, top == StringStyle::kQuoted);
  if (status == DisplayStatus::kDeadObject) return {status, walk.dead().obj};
  return {status, nullptr};
}

}  // namespace tern::interp
