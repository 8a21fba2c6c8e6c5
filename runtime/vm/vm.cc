#include "runtime/vm/vm.h"

#include <exception>
#include <new>
#include <string>
#include <utility>
#include <vector>

#include "runtime/limits.h"
#include "runtime/messages.h"
#include "runtime/vm/compiler.h"
#include "runtime/vm/dispatch.h"
#include "runtime/vm/value_display.h"
#include "runtime/vm/verifier.h"

namespace tern::vm {
namespace {

std::string PosText(Pos p) {
  return std::to_string(p.line) + ":" + std::to_string(p.col);
}

Outcome Faulted(std::string fault) {
  Outcome o;
  o.status = Status::kInternalFault;
  o.fault = std::move(fault);
  return o;
}

// Heap strings for the long string constants of chunks [from, to) (short
// ones are immediates), pointed to by their dispatch table entries.
void MaterialisePools(VmState* vm, size_t from, size_t to) {
  const Module& m = vm->module;
  for (size_t c = from; c < to; ++c) {
    vm->constants[c].assign(m.chunks[c].constants.size(), Value::Null());
  }
  for (size_t c = from; c < to; ++c) {
    const auto& pool = m.chunks[c].constants;
    for (size_t i = 0; i < pool.size(); ++i) {
      const Constant& k = pool[i];
      Value v;
      switch (k.kind) {
        case Constant::Kind::kInt: v = Value::Int(k.i); break;
        case Constant::Kind::kFloat: v = Value::Float(k.f); break;
        case Constant::Kind::kStr: v = vm->heap.MakeString(k.s); break;
      }
      vm->constants[c][i] = v;  // rooted from here on
    }
  }
  for (size_t c = from; c < to && c < vm->chunk_code.size(); ++c) {
    vm->chunk_code[c].constants = vm->constants[c].data();
  }
}

// Chunks [from, to) of a top-level form that has run: nothing can reach
// them any more, so their pools stop being roots.
void DropPools(VmState* vm, size_t from, size_t to) {
  for (size_t c = from; c < to; ++c) {
    std::vector<Value>().swap(vm->constants[c]);
    vm->chunk_code[c].constants = nullptr;
  }
}

// The chunks from `from` on, loaded and bound.
void LoadChunks(VmState* vm, size_t from) {
  vm->constants.resize(vm->module.chunks.size());
  MaterialisePools(vm, from, vm->module.chunks.size());
  vm->BindChunks(from);
}

// After an error: no frame is live any more, so no register is a root;
// then the blocks the error unwound through end.
void Unwind(VmState* vm) {
  vm->top = 0;
  while (vm->arena_depth > 0) {
    vm->heap.ExitArena();
    --vm->arena_depth;
  }
  while (vm->no_gc_depth > 0) {
    vm->heap.ExitNoGc();
    --vm->no_gc_depth;
  }
}

// Runs top-level chunk `entry`; false when it stopped the run (the error
// is then in *outcome).
bool RunTopLevel(VmState* vm, uint32_t entry, Outcome* outcome) {
  Value result;
  ErrorSite site;
  if (!Execute(vm, entry, &result, &site)) {
    Pos pos = vm->module.chunks[site.chunk].pos_table[site.pc];
    Unwind(vm);
    if (vm->pending.is_fault) {
      outcome->status = Status::kInternalFault;
      outcome->fault = "at " + PosText(pos) + ": " + vm->pending.message;
    } else {
      outcome->status = Status::kRuntimeError;
      outcome->error = Error{vm->pending.kind, pos, vm->pending.message};
    }
    return false;
  }
  vm->result = result;
  return true;
}

// The program's value, the last top-level expression's (at `last`).
void Finish(VmState* vm, Pos last, Outcome* outcome) {
  vm->top = 0;
  std::string text;
  if (!AppendDisplay(&text, vm->result, StringStyle::kQuoted,
                     static_cast<size_t>(kMaxDisplayLength), vm->module)) {
    outcome->status = Status::kRuntimeError;
    outcome->error = Error{ErrorKind::kLimit, last, DisplayLimitMessage()};
    return;
  }
  if (vm->heap.config().verify) vm->heap.VerifyFull("the end of the run");
  outcome->status = Status::kOk;
  outcome->value = std::move(text);
}

// A module compiled whole (RunModule). Its top-level pools are loaded when
// their form starts and dropped when it ends, as in a lazy run (RunVm), so
// both give the same roots and census.
void RunCompiled(VmState* vm, Outcome* outcome) {
  const Module& m = vm->module;
  const std::vector<uint32_t>& forms = m.toplevel_chunks;
  // A form's chunks are its own and its lambdas', up to the next form's.
  const size_t defns_end = forms.empty() ? m.chunks.size() : forms.front();
  vm->constants.resize(m.chunks.size());
  MaterialisePools(vm, 0, defns_end);
  vm->BindChunks(0);
  for (size_t k = 0; k < forms.size(); ++k) {
    const size_t end = k + 1 < forms.size() ? forms[k + 1] : m.chunks.size();
    MaterialisePools(vm, forms[k], end);
    if (!RunTopLevel(vm, forms[k], outcome)) return;
    DropPools(vm, forms[k], end);
  }
  Finish(vm, m.toplevel_pos.empty() ? Pos{} : m.toplevel_pos.back(), outcome);
}

// `module` holds the defns; each top-level expression is compiled when the
// run reaches it, verified, run, and dropped with its lambdas and constant
// pools (nothing can reach them afterwards: a top-level expression's
// closures can only end up in the program's value, which is displayed but
// never called). So memory follows the largest form, not the program.
void RunLazily(VmState* vm, Module* module, const Program& program,
               Outcome* outcome) {
  LoadChunks(vm, 0);
  const auto base = static_cast<uint32_t>(module->chunks.size());
  Pos last;
  for (const TopForm& form : program.order) {
    if (form.is_defn()) continue;
    std::string why;
    std::optional<uint32_t> entry = CompileTopLevel(form, module, &why);
    // TopLevelFits said every form compiles.
    std::string problem = entry ? VerifyTopLevel(*module, *entry)
                                : "vm compiler: " + why;
    if (!problem.empty()) {
      if (entry) problem = "bytecode verifier: " + problem;
      outcome->status = Status::kInternalFault;  // the output so far stays
      outcome->fault = std::move(problem);
      return;
    }
    LoadChunks(vm, base);
    if (!RunTopLevel(vm, *entry, outcome)) return;
    last = form.expr()->pos;
    module->chunks.resize(base);
    vm->constants.resize(base);  // no longer roots
    vm->chunk_code.resize(base);
  }
  Finish(vm, last, outcome);
}

// Runs `body` on a fresh VM over `module`, whose verifier's verdict is
// `problem` (non-empty: nothing runs), turning what the host throws into
// the outcome.
template <typename Body>
Outcome RunOn(const Module& module, const std::string& problem,
              const RunLimits& limits, const VmOptions& options, Body body) {
  if (!problem.empty()) return Faulted("bytecode verifier: " + problem);
  Outcome outcome;
  StringSink capture(&outcome.out);
  OutputSink* out = limits.stream ? limits.stream : &capture;
  try {
    heap::GcConfig gc = options.gc;
    gc.stats = gc.stats || options.stats != nullptr;  // times the pauses
    VmState vm(module, gc, out, limits.fuel);
    vm.dropped_register = options.drop_root_for_testing;
    struct CensusOut {  // also when a HeapFault or bad_alloc ends the run
      VmState& vm;
      Outcome& o;
      ~CensusOut() { o.census = vm.CensusLines(); }
    } census_out{vm, outcome};
    body(&vm, &outcome);
    // Finish verified a run that ended well; one that ended in an error is
    // verified whole here (between full walks the verifier may report a
    // fault later than it happened: never after the end of the run).
    if (vm.heap.config().verify && outcome.status != Status::kOk &&
        outcome.status != Status::kInternalFault) {
      vm.heap.VerifyFull("the end of the run");
    }
    if (options.stats) *options.stats = vm.heap.FormatStats();
  } catch (const heap::HeapFault& f) {
    outcome.status = Status::kInternalFault;
    outcome.error.reset();
    outcome.fault = "heap: " + f.report;
  } catch (const std::bad_alloc&) {
    outcome.status = Status::kResourceExhausted;
    outcome.error.reset();
    outcome.fault = std::string(kOutOfMemoryMessage);
  } catch (const std::exception& e) {
    outcome.status = Status::kInternalFault;
    outcome.error.reset();
    outcome.fault = std::string("host exception: ") + e.what();
  }
  if (outcome.status != Status::kOk) outcome.value.clear();
  return outcome;
}

}  // namespace

Outcome RunModule(const Module& module, const RunLimits& limits,
                  const VmOptions& options) {
  return RunOn(module, VerifyModule(module), limits, options, RunCompiled);
}

VerifiedModule::VerifiedModule(Module module)
    : module_(std::move(module)), problem_(VerifyModule(module_)) {}

Outcome RunVerified(const VerifiedModule& module, const RunLimits& limits,
                    const VmOptions& options) {
  return RunOn(module.module(), module.problem(), limits, options,
               RunCompiled);
}

Outcome RunVm(const Program& program, const RunLimits& limits,
              const VmOptions& options) {
  // Every compile error is found before anything runs, as when the module
  // was compiled whole: the defns, then a check of the top-level forms.
  std::string why;
  Module module;
  if (!CompileDefns(program, &module, &why) ||
      !TopLevelFits(program, &why)) {
    return Faulted("vm compiler: " + why);
  }
  return RunOn(module, VerifyModule(module), limits, options,
               [&](VmState* vm, Outcome* outcome) {
    RunLazily(vm, &module, program, outcome);
  });
}

std::optional<VmOptions> EngineOptions(std::string_view engine) {
  VmOptions options;
  if (engine == "vm") {
    options.gc.mode = kDefaultGcMode;
    return options;
  }
  // The stress and verify engines pin their collector, so that both stay
  // covered whichever is the default.
  if (engine == "vm-gen") {
    options.gc.mode = heap::GcMode::kGen;
    options.gc.stress_every = 16;
    options.gc.verify = true;
    return options;
  }
  if (engine == "vm-gen-stress") {
    options.gc.mode = heap::GcMode::kGen;
    options.gc.stress_every = 1;
    options.gc.stress_full_every = 100;
    return options;
  }
  options.gc.mode = heap::GcMode::kFull;
  if (engine == "vm-stress") {
    options.gc.stress_every = 1;
    return options;
  }
  if (engine == "vm-verify") {
    options.gc.stress_every = 64;
    options.gc.verify = true;
    return options;
  }
  return std::nullopt;
}

Outcome RunVmDefault(const Program& program, const RunLimits& limits) {
  return RunVm(program, limits, *EngineOptions("vm"));
}

Outcome RunVmStress(const Program& program, const RunLimits& limits) {
  return RunVm(program, limits, *EngineOptions("vm-stress"));
}

Outcome RunVmVerify(const Program& program, const RunLimits& limits) {
  return RunVm(program, limits, *EngineOptions("vm-verify"));
}

Outcome RunVmGen(const Program& program, const RunLimits& limits) {
  return RunVm(program, limits, *EngineOptions("vm-gen"));
}

Outcome RunVmGenStress(const Program& program, const RunLimits& limits) {
  return RunVm(program, limits, *EngineOptions("vm-gen-stress"));
}

}  // namespace tern::vm
