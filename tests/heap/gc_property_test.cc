// Random mutator programs against a model of the object graph: whatever the
// collection schedule (every allocation with the verifier, or the normal
// threshold), everything reachable from the roots keeps its contents, and
// the verifier finds nothing wrong.

#include <cstdint>
#include <map>
#include <ostream>
#include <string>
#include <unordered_map>
#include <vector>

#include "gtest/gtest.h"
#include "rapidcheck.h"
#include "rapidcheck/gtest.h"
#include "runtime/heap/heap.h"
#include "tests/heap/test_roots.h"

namespace tern::heap {
namespace {

constexpr int kSlots = 6;

struct HeapOp {
  int kind;
  int a;  // target slot
  int b;  // source slot
  int n;  // size, key or index
};

// How RapidCheck prints a shrunk counterexample.
void showValue(const HeapOp& op, std::ostream& os) {
  os << "{kind " << op.kind << ", a " << op.a << ", b " << op.b << ", n "
     << op.n << "}";
}

// A model value: an immediate int, a string's bytes, or a model object.
struct Ref {
  enum { kInt, kStr, kObj } what = kInt;
  int64_t i = 0;
  std::string s;
  int obj = -1;
};

struct ModelObj {
  ObjType type;
  std::vector<Ref> items;  // vec elements or closure captures
  std::vector<std::pair<int64_t, Ref>> entries;  // map, insertion order
};

class Mutator {
 public:
  explicit Mutator(const GcConfig& config)
      : heap_(config), roots_(heap_, kSlots), slots_(kSlots) {}

  void Apply(const HeapOp& op) {
    int a = op.a % kSlots, b = op.b % kSlots;
    switch (op.kind) {
      case 0: {
        VecObj* v = heap_.NewVec(static_cast<uint32_t>(op.n % 20));
        Set(a, V(v), NewModel(&v->header));
        break;
      }
      case 1: {
        MapObj* m = heap_.NewMap(static_cast<uint32_t>(op.n % 5));
        Set(a, V(m), NewModel(&m->header));
        break;
      }
      case 2: {
        ClosureObj* c = heap_.NewClosure(7, static_cast<uint32_t>(op.n % 4));
        Ref r = NewModel(&c->header);
        model_[r.obj].items.resize(c->num_captures());
        Set(a, V(c), r);
        break;
      }
      case 3: {
        std::string s(static_cast<size_t>(op.n % 40), 'a' + op.n % 26);
        Ref r;
        r.what = Ref::kStr;
        r.s = s;
        Set(a, heap_.MakeString(s), r);
        break;
      }
      case 4:  // push! slot b into the vector in slot a
        if (Is(a, ObjType::kVec) &&
            heap_.CanStore(roots_[a].as_object(), roots_[b])) {
          heap_.VecPush(roots_[a].as_vec(), roots_[b]);
          model_[slots_[a].obj].items.push_back(slots_[b]);
        }
        break;
      case 5:  // put! key n -> slot b into the map in slot a
        if (Is(a, ObjType::kMap) &&
            heap_.CanStore(roots_[a].as_object(), roots_[b])) {
          int64_t key = op.n % 10;
          heap_.MapPut(roots_[a].as_map(), Value::Int(key), roots_[b]);
          auto& es = model_[slots_[a].obj].entries;
          bool found = false;
          for (auto& e : es) {
            if (e.first == key) {
              e.second = slots_[b];
              found = true;
            }
          }
          if (!found) es.emplace_back(key, slots_[b]);
        }
        break;
      case 6:  // set! a captured variable
        if (Is(a, ObjType::kClosure) &&
            roots_[a].as_closure()->num_captures() > 0 &&
            heap_.CanStore(roots_[a].as_object(), roots_[b])) {
          uint32_t i = static_cast<uint32_t>(op.n) %
                       roots_[a].as_closure()->num_captures();
          roots_[a].as_closure()->captures()[i] = roots_[b];
          model_[slots_[a].obj].items[i] = slots_[b];
        }
        break;
      case 7:  // pop! into slot b
        if (Is(a, ObjType::kVec) && roots_[a].as_vec()->size() > 0) {
          auto& items = model_[slots_[a].obj].items;
          Ref r = items.back();
          items.pop_back();
          Value x = heap_.VecPop(roots_[a].as_vec());
          roots_[b] = x;
          slots_[b] = r;
        }
        break;
      case 8:  // del! key n
        if (Is(a, ObjType::kMap)) {
          int64_t key = op.n % 10;
          bool had = roots_[a].as_map()->Del(Value::Int(key));
          auto& es = model_[slots_[a].obj].entries;
          bool model_had = false;
          for (size_t i = 0; i < es.size(); ++i) {
            if (es[i].first == key) {
              es.erase(es.begin() + static_cast<long>(i));
              model_had = true;
              break;
            }
          }
          RC_ASSERT(had == model_had);
        }
        break;
      case 9: {
        Ref r;
        r.i = op.n;
        Set(a, Value::Int(op.n), r);
        break;
      }
      case 10:
        heap_.Collect();
        CheckAll();
        break;
      case 11:
        if (heap_.current_region() < 4) heap_.EnterArena();
        break;
      case 12:
        if (heap_.current_region() > 0) {
          // The VM clears the block's registers before the exit.
          for (int s = 0; s < kSlots; ++s) {
            if (roots_[s].is_object() &&
                roots_[s].as_object()->region == heap_.current_region()) {
              Set(s, Value(), Ref());
            }
          }
          heap_.ExitArena();
        }
        break;
      case 13:
        if (no_gc_ < 3) {
          heap_.EnterNoGc();
          ++no_gc_;
        }
        break;
      default:
        if (no_gc_ > 0) {
          heap_.ExitNoGc();
          --no_gc_;
        }
        break;
    }
  }

  // Everything reachable from the roots matches the model.
  void CheckAll() {
    std::unordered_map<const Object*, int> seen;
    for (int s = 0; s < kSlots; ++s) Compare(roots_[s], slots_[s], seen);
    heap_.Verify("property");
  }

 private:
  bool Is(int slot, ObjType t) const {
    return roots_.slots[slot].is_object() &&
           roots_.slots[slot].as_object()->type == t;
  }
  Ref NewModel(const Object* o) {
    Ref r;
    r.what = Ref::kObj;
    r.obj = static_cast<int>(model_.size());
    model_.push_back(ModelObj{o->type, {}, {}});
    return r;
  }
  void Set(int slot, Value v, const Ref& r) {
    roots_[slot] = v;
    slots_[slot] = r;
  }

  void Compare(Value v, const Ref& r,
               std::unordered_map<const Object*, int>& seen) {
    switch (r.what) {
      case Ref::kInt:
        if (v.is_null()) {
          RC_ASSERT(r.i == 0);
        } else {
          RC_ASSERT(v.tag() == Tag::kInt);
          RC_ASSERT(v.as_int() == r.i);
        }
        return;
      case Ref::kStr:
        RC_ASSERT(v.is_string());
        RC_ASSERT(std::string(StringBytes(v)) == r.s);
        return;
      case Ref::kObj:
        break;
    }
    RC_ASSERT(v.is_object());
    const Object* o = v.as_object();
    auto [it, fresh] = seen.emplace(o, r.obj);
    RC_ASSERT(it->second == r.obj);  // one object, one model node
    if (!fresh) return;
    const ModelObj& m = model_[r.obj];
    RC_ASSERT(o->type == m.type);
    switch (o->type) {
      case ObjType::kVec: {
        const VecObj* vec = v.as_vec();
        RC_ASSERT(vec->size() == m.items.size());
        for (uint32_t i = 0; i < vec->size(); ++i) {
          Compare(vec->Get(i), m.items[i], seen);
        }
        break;
      }
      case ObjType::kClosure: {
        const ClosureObj* c = v.as_closure();
        RC_ASSERT(c->num_captures() == m.items.size());
        for (uint32_t i = 0; i < c->num_captures(); ++i) {
          Compare(c->captures()[i], m.items[i], seen);
        }
        break;
      }
      case ObjType::kMap: {
        const MapObj* map = v.as_map();
        RC_ASSERT(map->size() == m.entries.size());
        size_t n = 0;
        for (uint32_t i = 0; i < map->entry_limit(); ++i) {
          Value key, val;
          if (!map->EntryAt(i, &key, &val)) continue;
          RC_ASSERT(n < m.entries.size());
          RC_ASSERT(key.as_int() == m.entries[n].first);
          Compare(val, m.entries[n].second, seen);
          ++n;
        }
        break;
      }
      case ObjType::kStr:
        break;
    }
  }

  Heap heap_;
  TestRoots roots_;
  std::vector<Ref> slots_;
  std::vector<ModelObj> model_;
  int no_gc_ = 0;

 public:
  ~Mutator() {
    while (heap_.current_region() > 0) {
      for (int s = 0; s < kSlots; ++s) {
        if (roots_[s].is_object() &&
            roots_[s].as_object()->region == heap_.current_region()) {
          roots_[s] = Value();
        }
      }
      heap_.ExitArena();
    }
  }
};

rc::Gen<HeapOp> GenHeapOp() {
  return rc::gen::build<HeapOp>(
      rc::gen::set(&HeapOp::kind, rc::gen::inRange(0, 15)),
      rc::gen::set(&HeapOp::a, rc::gen::inRange(0, kSlots)),
      rc::gen::set(&HeapOp::b, rc::gen::inRange(0, kSlots)),
      rc::gen::set(&HeapOp::n, rc::gen::inRange(0, 1000)));
}

void RunProgram(const std::vector<HeapOp>& ops, const GcConfig& config) {
  try {
    Mutator m(config);
    for (const HeapOp& op : ops) m.Apply(op);
    m.CheckAll();
  } catch (const HeapFault& fault) {
    RC_FAIL(fault.report);
  }
}

RC_GTEST_PROP(GcProperty, StressEveryAllocationWithVerifier, ()) {
  GcConfig config;
  config.stress_every = 1;
  config.verify = true;
  RunProgram(*rc::gen::container<std::vector<HeapOp>>(GenHeapOp()), config);
}

RC_GTEST_PROP(GcProperty, StressEveryThirdAllocation, ()) {
  GcConfig config;
  config.stress_every = 3;
  RunProgram(*rc::gen::container<std::vector<HeapOp>>(GenHeapOp()), config);
}

RC_GTEST_PROP(GcProperty, ThresholdOnly, ()) {
  RunProgram(*rc::gen::container<std::vector<HeapOp>>(GenHeapOp()), GcConfig());
}

}  // namespace
}  // namespace tern::heap
