#include "runtime/vm/value_display.h"

#include <charconv>
#include <cstdint>
#include <vector>

#include "runtime/display.h"
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

class Displayer {
 public:
  Displayer(std::string* out, size_t max_size, const Module& module)
      : out_(out), max_size_(max_size), module_(module) {}

  bool Run(Value v, StringStyle top) {
    Emit(v, top);
    while (!stack_.empty() && !TooLong()) {
      Frame& f = stack_.back();
      if (f.is_vec) {
        StepVec(f);
      } else {
        StepMap(f);
      }
    }
    return !TooLong();
  }

 private:
  struct Frame {
    bool is_vec;
    const void* obj;
    uint32_t next = 0;  // next element / entry index
    bool first = true;
  };

  bool TooLong() const { return out_->size() > max_size_; }

  void Close(const Frame& f) {
    out_->push_back(f.is_vec ? ']' : '}');
    on_path_.Erase(f.obj);
    stack_.pop_back();
  }

  void StepVec(Frame& f) {
    const auto* vec = static_cast<const heap::VecObj*>(f.obj);
    if (f.next >= vec->size()) {
      Close(f);
      return;
    }
    if (f.next > 0) out_->push_back(' ');
    Value v = vec->Get(f.next++);
    Emit(v, StringStyle::kQuoted);  // may invalidate f
  }

  void StepMap(Frame& f) {
    const auto* map = static_cast<const heap::MapObj*>(f.obj);
    Value key, value;
    while (f.next < map->entry_limit() && !map->EntryAt(f.next, &key, &value)) {
      ++f.next;
    }
    if (f.next >= map->entry_limit()) {
      Close(f);
      return;
    }
    ++f.next;
    if (!f.first) out_->append(", ");
    f.first = false;
    Emit(key, StringStyle::kQuoted);
    out_->push_back(' ');
    Emit(value, StringStyle::kQuoted);  // may invalidate f
  }

  void Emit(const Value& v, StringStyle style) {
    switch (v.tag()) {
      case Tag::kNull: out_->append("null"); return;
      case Tag::kBool: out_->append(v.as_bool() ? "true" : "false"); return;
      case Tag::kInt: {
        char buf[24];
        auto [end, ec] = std::to_chars(buf, buf + sizeof buf, v.as_int());
        out_->append(buf, end);
        return;
      }
      case Tag::kFloat: AppendFloat(out_, v.as_float()); return;
      case Tag::kDefn: {
        out_->append("<fn ");
        uint32_t d = v.as_defn();
        if (d < module_.defn_chunks.size()) {
          out_->append(module_.chunks[module_.defn_chunks[d]].name);
        }
        out_->push_back('>');
        return;
      }
      case Tag::kClosure: out_->append("<fn>"); return;
      case Tag::kShortStr:
      case Tag::kStr:
        if (style == StringStyle::kQuoted) {
          AppendQuoted(out_, heap::StringBytes(v));
        } else {
          out_->append(heap::StringBytes(v));
        }
        return;
      case Tag::kVec:
      case Tag::kMap: {
        bool is_vec = v.tag() == Tag::kVec;
        const void* obj = v.as_object();
        if (!on_path_.Insert(obj)) {
          out_->append(is_vec ? "[...]" : "{...}");
          return;
        }
        out_->push_back(is_vec ? '[' : '{');
        stack_.push_back(Frame{is_vec, obj});
        return;
      }
    }
  }

  std::string* out_;
  size_t max_size_;
  const Module& module_;
  std::vector<Frame> stack_;
  // Membership only: no order of it reaches the output.
  PathSet on_path_;
};

}  // namespace

bool AppendDisplay(std::string* out, Value v, StringStyle top,
                   size_t max_size, const Module& module) {
  return Displayer(out, max_size, module).Run(v, top);
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
