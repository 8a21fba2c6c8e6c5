#include "fuzz/generator.h"

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <utility>

namespace tern::fuzz {
namespace {

// Name spellings: plain, with punctuation, non-ASCII. The sets are disjoint
// (locals never look like a defn, a parameter or `d`, the depth parameter),
// and a counter makes every name unique unless a shadowing is wanted.
constexpr const char* kLocalPrefixes[] = {"v", "x-", "λ", "n?", "_t", "acc*"};
constexpr const char* kParamPrefixes[] = {"p", "arg-", "ζ"};
constexpr const char* kLabelPrefixes[] = {"a", "arena-", "scratch"};
constexpr const char* kDefnPrefixes[] = {"f", "go-", "h?", "run!"};

// What swarm testing may switch off, each with probability 35% in a swarm
// program (half of all programs; the others may use everything).
constexpr Feature kSwarmFeatures[] = {
    Feature::kLet,          Feature::kMutSet,        Feature::kPrint,
    Feature::kPut,          Feature::kIf,            Feature::kFor,
    Feature::kWhile,        Feature::kWithArena,     Feature::kNoGc,
    Feature::kDefnCall,     Feature::kGc,            Feature::kDefn,
    Feature::kContainerChurn, Feature::kClosureHeap,
    Feature::kDeepStructure, Feature::kArenaHeapRef, Feature::kInlineCutoffStr,
    Feature::kErrInExpr,    Feature::kErrType,       Feature::kErrIndex,
    Feature::kErrKey,       Feature::kErrDivByZero,  Feature::kErrOverflow,
    Feature::kErrUser,      Feature::kErrAssert,     Feature::kErrArity,
    Feature::kErrStackOverflow, Feature::kErrOutOfFuel, Feature::kErrLimit,
    Feature::kErrArenaEscape};

// The heap mode's own shapes, swarmed the same way (in the heap mode only:
// the default mode's programs stay as they were).
constexpr Feature kHeapSwarmFeatures[] = {
    Feature::kOldYoung,    Feature::kCycle,         Feature::kGrowShrink,
    Feature::kMapDeletes,  Feature::kClosureChain,  Feature::kArenaCallHeap};

constexpr Feature kErrorFeatures[] = {
    Feature::kErrType,      Feature::kErrIndex,   Feature::kErrKey,
    Feature::kErrDivByZero, Feature::kErrOverflow, Feature::kErrUser,
    Feature::kErrAssert,    Feature::kErrArity,   Feature::kErrStackOverflow,
    Feature::kErrOutOfFuel, Feature::kErrLimit,   Feature::kErrArenaEscape};

// The size classes of swarm_size, by weight; the first (drawn once the
// bytes run out) is the smallest. Each caps the options; the last leaves
// them as they are. At the full size alone, in the fuzz config, the median
// program took 4.8 ms on every engine and the slowest tenth 65% of all the
// time (exponential defn call trees, loops over string lengths in
// recursion); with these classes the median program is 266 bytes and
// burns 1 unit of fuel, and the rate is 3.4 times as high (bench/README.md).
struct SizeClass {
  unsigned weight;
  int node_budget, max_top_forms, max_defns, max_call_depth;
  uint64_t fuel;
};
constexpr SizeClass kSizeClasses[] = {
    {70, 20, 2, 1, 1, 500},
    {22, 100, 3, 2, 3, 2'000},
    {7, 300, 4, 3, 5, 5'000},
    {1, 1 << 30, 1 << 30, 1 << 30, 7, UINT64_MAX},
};

}  // namespace

std::string Cat(std::initializer_list<std::string_view> parts) {
  size_t size = 0;
  for (std::string_view p : parts) size += p.size();
  std::string out;
  out.reserve(size);
  for (std::string_view p : parts) out += p;
  return out;
}

void Generator::ChooseSize() {
  if (!options_.swarm_size) return;
  unsigned weights[std::size(kSizeClasses)];
  for (size_t i = 0; i < std::size(kSizeClasses); ++i) {
    weights[i] = kSizeClasses[i].weight;
  }
  const SizeClass& c = kSizeClasses[in_.Weighted(weights)];
  options_.node_budget = std::min(options_.node_budget, c.node_budget);
  options_.max_top_forms = std::min(options_.max_top_forms, c.max_top_forms);
  options_.max_defns = std::min(options_.max_defns, c.max_defns);
  options_.fuel = std::min(options_.fuel, c.fuel);
  max_call_depth_ = c.max_call_depth;
}

void Generator::ChooseSwarm() {
  // Exhausted bytes: no swarm, everything enabled (the simplest default).
  if (!in_.Percent(50)) return;
  for (Feature f : kSwarmFeatures) {
    if (!in_.Percent(65)) enabled_.Remove(f);
  }
  if (!options_.heap) return;
  for (Feature f : kHeapSwarmFeatures) {
    if (!in_.Percent(65)) enabled_.Remove(f);
  }
}

bool Generator::AnyErrorOn() const {
  for (Feature f : kErrorFeatures) {
    if (On(f)) return true;
  }
  return false;
}

Generator::Generator(ByteSource& in, const GeneratorOptions& options)
    : in_(in), options_(options) {}

GeneratedProgram Generator::Generate() {
  ChooseSize();
  ChooseSwarm();
  PlanDefns();
  const int tops = static_cast<int>(
      in_.Below(static_cast<uint64_t>(options_.max_top_forms) + 1));
  // Defns may sit anywhere among the expressions: they are all visible
  // everywhere, whatever their position.
  std::vector<int> slot(defns_.size());
  for (int& s : slot)
    s = static_cast<int>(in_.Below(static_cast<uint64_t>(tops) + 1));
  const int forms = std::max(1, tops + static_cast<int>(defns_.size()));
  const int per_form = std::max(1, options_.node_budget / forms);

  std::string source;
  source.reserve(1024);  // most programs fit (the median is ~270 bytes)
  for (int t = 0; t <= tops; ++t) {
    for (size_t d = 0; d < defns_.size(); ++d) {
      if (slot[d] != t) continue;
      budget_ = per_form;
      source += DefnForm(d);
      source += '\n';
    }
    if (t == tops) break;
    budget_ = per_form;
    source += TopForm();
    source += '\n';
    // The heap mode samples the census after every top-level form too: the
    // (gc)s inside forms may sit in branches not taken or in code an error
    // cut short.
    if (options_.heap && On(Feature::kGc)) {
      Use(Feature::kGc);
      source += "(gc)\n";
    }
  }
  NoteRecursion();

  GeneratedProgram program;
  program.source = std::move(source);
  program.limits.fuel = options_.fuel;
  program.features = features_;
  program.enabled = enabled_;
  return program;
}

void Generator::PlanDefns() {
  const size_t count =
      On(Feature::kDefn)
          ? in_.Below(static_cast<uint64_t>(options_.max_defns) + 1)
          : 0;
  for (size_t i = 0; i < count; ++i) {
    Defn defn;
    defn.name =
        kDefnPrefixes[in_.Below(std::size(kDefnPrefixes))] + std::to_string(i);
    defn.sig = RandomSig(/*higher_order=*/true);
    defns_.push_back(std::move(defn));
  }
  calls_.assign(defns_.size(), {});
}

std::string Generator::DefnForm(size_t index) {
  Saved<int> s1(fn_level_), s2(defn_), s3(loop_depth_), s4(lambda_depth_);
  Saved<bool> s5(may_call_defns_);
  fn_level_ = 1;
  defn_ = static_cast<int>(index);
  loop_depth_ = 0;
  lambda_depth_ = 0;
  may_call_defns_ = true;
  Use(Feature::kDefn);

  const Defn& defn = defns_[index];
  const Signature& sig = sigs_.Get(defn.sig);
  const size_t mark = scope_.Mark();
  Var depth;
  depth.name = "d";
  depth.type = TypeOf(Kind::kInt);
  depth.fn_level = fn_level_;
  scope_.Declare(depth);
  std::string params = "d";
  for (const Type& p : sig.params) {
    Var param;
    param.name = NewParamName();
    param.type = p;
    param.fn_level = fn_level_;
    AddSpaced(params, param.name);
    scope_.Declare(std::move(param));
  }
  std::string body = Stmts(4);
  const Code result = Expr(sig.result, 0);
  scope_.PopTo(mark);
  return "(defn " + defn.name + " (" + params + ")" + body + ' ' + result.text +
         ')';
}

std::string Generator::TopForm() {
  // Each top-level form has its own scope.
  fn_level_ = 0;
  defn_ = -1;
  loop_depth_ = 0;
  lambda_depth_ = 0;
  may_call_defns_ = true;
  if (in_.Weighted({1, 6}) == 0) return Stmt();

  Use(Feature::kLet);
  const size_t mark = scope_.Mark();
  std::string bindings;
  const int count = static_cast<int>(in_.Below(5));
  for (int i = 0; i < count; ++i) {
    if (i > 0) bindings += ' ';
    bindings += Binding();
  }
  std::string body = Stmts(6);
  const Code result = Expr(TypeOf(Kind::kAny), 0);
  scope_.PopTo(mark);
  return "(let (" + bindings + ")" + body + ' ' + result.text + ')';
}

void Generator::NoteRecursion() {
  const size_t n = defns_.size();
  std::vector<std::vector<bool>> reach(n, std::vector<bool>(n, false));
  for (size_t i = 0; i < n; ++i) {
    for (size_t j : calls_[i]) reach[i][j] = true;
  }
  for (size_t k = 0; k < n; ++k) {
    for (size_t i = 0; i < n; ++i) {
      for (size_t j = 0; j < n; ++j) {
        if (reach[i][k] && reach[k][j]) reach[i][j] = true;
      }
    }
  }
  for (size_t i = 0; i < n; ++i) {
    if (reach[i][i]) Use(Feature::kRecursion);
    for (size_t j = 0; j < n; ++j) {
      if (i != j && reach[i][j] && reach[j][i]) Use(Feature::kMutualRecursion);
    }
  }
}

std::string Generator::NewName() {
  return kLocalPrefixes[in_.Below(std::size(kLocalPrefixes))] +
         std::to_string(next_name_++);
}

std::string Generator::NewParamName() {
  return kParamPrefixes[in_.Below(std::size(kParamPrefixes))] +
         std::to_string(next_name_++);
}

std::string Generator::NewLabel() {
  // A label is only a label: reserved names are fine there.
  static constexpr const char* kReserved[] = {"if", "print", "with-arena", "+",
                                              "fn"};
  if (in_.Percent(6)) {
    Use(Feature::kReservedLabel);
    return kReserved[in_.Below(std::size(kReserved))];
  }
  return kLabelPrefixes[in_.Below(std::size(kLabelPrefixes))] +
         std::to_string(next_name_++);
}

Type Generator::RandomType(int fn_order) {
  switch (in_.Weighted({30, 12, 14, 9, 8, 8, 2, 5, fn_order > 0 ? 8u : 0u})) {
    case 0:
      return TypeOf(Kind::kInt);
    case 1:
      return TypeOf(Kind::kStr);
    case 2:
      return VecOf(RandomElem());
    case 3:
      return MapOf(in_.Percent(50) ? Kind::kStr : Kind::kInt, RandomElem());
    case 4:
      return TypeOf(Kind::kFloat);
    case 5:
      return TypeOf(Kind::kBool);
    case 6:
      return TypeOf(Kind::kNull);
    case 7:
      return TypeOf(Kind::kAny);
    default:
      return FnOf(RandomSig(/*higher_order=*/fn_order > 1),
                  /*calls_defns=*/false);
  }
}

Kind Generator::RandomElem() {
  switch (in_.Weighted({5, 2, 3})) {
    case 0:
      return Kind::kInt;
    case 1:
      return Kind::kStr;
    default:
      return Kind::kAny;
  }
}

int Generator::RandomSig(bool higher_order) {
  // Reusing signatures lets variables and parameters of function type meet
  // values that fit them.
  if (sigs_.size() > 0 && in_.Percent(40)) {
    const int index =
        static_cast<int>(in_.Below(static_cast<uint64_t>(sigs_.size())));
    if (higher_order || IsFirstOrder(sigs_.Get(index))) return index;
  }
  Signature sig;
  const int params = static_cast<int>(in_.Below(4));
  for (int i = 0; i < params; ++i)
    sig.params.push_back(RandomType(higher_order ? 1 : 0));
  sig.result = RandomType(higher_order ? 1 : 0);
  return sigs_.Intern(sig);
}

bool Generator::CanMake(const Type& want, int m) const {
  if (CanAlloc(m)) return true;
  switch (want.kind) {
    case Kind::kVec:
    case Kind::kMap:
    case Kind::kFn:
      return AnyFitting(want, m);
    default:
      return true;  // a literal
  }
}

IndexList Generator::VarsFitting(const Type& want, int m) const {
  return scope_.Find(
      [&](const Var& v) { return v.prov_hi <= m && Fits(v.type, want); });
}

bool Generator::AnyFitting(const Type& want, int m) const {
  return scope_.Any(
      [&](const Var& v) { return v.prov_hi <= m && Fits(v.type, want); });
}

IndexList Generator::Containers(Kind kind) const {
  return scope_.Find([&](const Var& v) { return v.type.kind == kind; });
}

bool Generator::AnyContainer(Kind kind) const {
  return scope_.Any([&](const Var& v) { return v.type.kind == kind; });
}

Code Generator::UseVar(size_t index) {
  const Var& v = scope_.at(index);
  if (v.fn_level < fn_level_) Use(Feature::kCapture);
  return Code{v.name, v.prov_lo, v.prov_hi};
}

int Generator::Relaxed(int m, int to) {
  if (!options_.relax_arena_rules || !in_.Percent(30)) return m;
  return std::max(m, to < 0 ? depth_ : to);
}

size_t Generator::Pick(const IndexList& candidates) {
  if (candidates.empty()) Bug("picking from no candidates");
  return candidates[in_.Below(candidates.size())];
}

Code Generator::Alloc(std::string text) {
  if (depth_ > 0) Use(Feature::kArenaAlloc);
  return Code{std::move(text), depth_, depth_};
}

void Generator::Bug(const char* what) const {
  std::fprintf(stderr, "program generator bug: %s\n", what);
  std::abort();
}

GeneratorOptions HeapGeneratorOptions() {
  GeneratorOptions options;
  options.heap = true;
  options.swarm_size = false;
  options.fuel = 15'000;
  return options;
}

GeneratorOptions GeneratorOptionsFor(std::string_view target) {
  if (target == "gc_fuzzer") return HeapGeneratorOptions();
  GeneratorOptions options;
  // escape_fuzzer injects escapes into arenas, which small programs seldom
  // have: it keeps the full size.
  if (target == "escape_fuzzer") options.swarm_size = false;
  return options;
}

GeneratedProgram GenerateProgram(std::span<const uint8_t> bytes,
                                 const GeneratorOptions& options) {
  ByteSource in(bytes);
  GeneratedProgram g = Generator(in, options).Generate();
  g.bytes_used = in.Consumed();
  return g;
}

}  // namespace tern::fuzz
