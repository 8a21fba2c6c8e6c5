#include "runtime/interp/value_display.h"

#include <charconv>
#include <vector>

#include "runtime/ast.h"
#include "runtime/display.h"
#include "runtime/interp/object.h"
#include "runtime/interp/region.h"

namespace tern::interp {
namespace {

class Displayer {
 public:
  Displayer(std::string* out, size_t max_size)
      : out_(out), max_size_(max_size) {}

  DisplayResult Run(const Value& v, StringStyle top) {
    if (!Emit(v, top)) return Finish();
    while (!stack_.empty() && !TooLong()) {
      Frame& f = stack_.back();
      bool ok = f.obj_tag == Tag::kVec ? StepVec(f) : StepMap(f);
      if (!ok) return Finish();
    }
    return Finish();
  }

 private:
  // A container being displayed and how far it has got.
  struct Frame {
    Tag obj_tag;
    Object* obj;
    size_t next = 0;    // index of the next element / map slot
    bool first = true;  // nothing shown yet
  };

  bool TooLong() const { return out_->size() > max_size_; }

  // Pops the finished container: closing bracket, off the display path.
  void Close(Frame& f) {
    out_->push_back(f.obj_tag == Tag::kVec ? ']' : '}');
    f.obj->on_display_path = false;
    stack_.pop_back();
  }

  bool StepVec(Frame& f) {
    const auto& items = static_cast<VecObj*>(f.obj)->items;
    if (f.next == items.size()) {
      Close(f);
      return true;
    }
    if (f.next > 0) out_->push_back(' ');
    const Value& v = items[f.next++];      // items stay put while shown
    return Emit(v, StringStyle::kQuoted);  // may invalidate f
  }

  bool StepMap(Frame& f) {
    const auto& slots = static_cast<MapObj*>(f.obj)->entries.slots();
    while (f.next < slots.size() && !slots[f.next].live) ++f.next;
    if (f.next == slots.size()) {
      Close(f);
      return true;
    }
    if (!f.first) out_->append(", ");
    f.first = false;
    const OrderedMap::Slot& slot = slots[f.next++];
    const Value& value = slot.value;
    if (!Emit(slot.key, StringStyle::kQuoted)) return false;
    out_->push_back(' ');
    return Emit(value, StringStyle::kQuoted);  // may invalidate f
  }

  // Shows a scalar, or opens a container by pushing a frame. Returns false
  // on a dead object.
  bool Emit(const Value& v, StringStyle style) {
    if (v.IsObject() && !IsLive(v.obj)) {
      dead_ = v.obj;
      return false;
    }
    switch (v.tag) {
      case Tag::kNull: out_->append("null"); break;
      case Tag::kBool: out_->append(v.b ? "true" : "false"); break;
      case Tag::kInt: {
        char buf[24];
        auto [end, ec] = std::to_chars(buf, buf + sizeof buf, v.i);
        out_->append(buf, end);
        break;
      }
      case Tag::kFloat: AppendFloat(out_, v.f); break;
      case Tag::kDefn:
        out_->append("<fn ");
        out_->append(v.defn->name);
        out_->push_back('>');
        break;
      case Tag::kClosure: out_->append("<fn>"); break;
      case Tag::kStr:
        if (style == StringStyle::kQuoted) {
          AppendQuoted(out_, v.str()->bytes);
        } else {
          out_->append(v.str()->bytes);
        }
        break;
      case Tag::kVec:
      case Tag::kMap: {
        bool is_vec = v.tag == Tag::kVec;
        if (v.obj->on_display_path) {
          out_->append(is_vec ? "[...]" : "{...}");
          break;
        }
        out_->push_back(is_vec ? '[' : '{');
        v.obj->on_display_path = true;
        stack_.push_back(Frame{v.tag, v.obj});
        break;
      }
    }
    return true;
  }

  // Leaves every object off the display path, whatever stopped the walk.
  DisplayResult Finish() {
    for (Frame& f : stack_) f.obj->on_display_path = false;
    stack_.clear();
    if (dead_ != nullptr) return {DisplayStatus::kDeadObject, dead_};
    if (TooLong()) return {DisplayStatus::kTooLong, nullptr};
    return {};
  }

  std::string* out_;
  size_t max_size_;
  std::vector<Frame> stack_;
  const Object* dead_ = nullptr;
};

}  // namespace

DisplayResult AppendDisplay(std::string* out, const Value& v, StringStyle top,
                            size_t max_size) {
  return Displayer(out, max_size).Run(v, top);
}

}  // namespace tern::interp
