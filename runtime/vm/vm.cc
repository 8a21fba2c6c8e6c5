#include "runtime/vm/vm.h"

#include <exception>
#include <new>
#include <string>

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

// Heap strings for the long string constants; short ones are immediates.
void LoadConstants(VmState* vm) {
  const Module& m = vm->module;
  for (size_t c = 0; c < m.chunks.size(); ++c) {
    vm->constants[c].assign(m.chunks[c].constants.size(), Value::Null());
  }
  for (size_t c = 0; c < m.chunks.size(); ++c) {
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
}

// After an error: no frame is live any more, so no register is a root;
// then the blocks the error unwound through end.
void Unwind(VmState* vm) {
  vm->frames.clear();
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

void RunInto(VmState* vm, Outcome* outcome) {
  const Module& m = vm->module;
  LoadConstants(vm);
  for (uint32_t entry : m.toplevel_chunks) {
    Value result;
    ErrorSite site;
    if (!Execute(vm, entry, &result, &site)) {
      Pos pos = m.chunks[site.chunk].pos_table[site.pc];
      Unwind(vm);
      if (vm->pending.is_fault) {
        outcome->status = Status::kInternalFault;
        outcome->fault = "at " + PosText(pos) + ": " + vm->pending.message;
      } else {
        outcome->status = Status::kRuntimeError;
        outcome->error = Error{vm->pending.kind, pos, vm->pending.message};
      }
      return;
    }
    vm->result = result;
  }
  vm->top = 0;
  std::string text;
  if (!AppendDisplay(&text, vm->result, StringStyle::kQuoted,
                     static_cast<size_t>(kMaxDisplayLength), m)) {
    outcome->status = Status::kRuntimeError;
    outcome->error =
        Error{ErrorKind::kLimit, m.toplevel_pos.back(), DisplayLimitMessage()};
    return;
  }
  if (vm->heap.config().verify) vm->heap.Verify("the end of the run");
  outcome->status = Status::kOk;
  outcome->value = std::move(text);
}

}  // namespace

Outcome RunModule(const Module& module, const RunLimits& limits,
                  const VmOptions& options) {
  std::string problem = VerifyModule(module);
  if (!problem.empty()) return Faulted("bytecode verifier: " + problem);
  Outcome outcome;
  StringSink capture(&outcome.out);
  OutputSink* out = limits.stream ? limits.stream : &capture;
  try {
    VmState vm(module, options.gc, out, limits.fuel);
    vm.dropped_register = options.drop_root_for_testing;
    struct CensusOut {  // also when a HeapFault or bad_alloc ends the run
      VmState& vm;
      Outcome& o;
      ~CensusOut() { o.census = vm.CensusLines(); }
    } census_out{vm, outcome};
    RunInto(&vm, &outcome);
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

Outcome RunVm(const Program& program, const RunLimits& limits,
              const VmOptions& options) {
  std::string why;
  std::optional<Module> module = CompileModule(program, &why);
  if (!module) return Faulted("vm compiler: " + why);
  return RunModule(*module, limits, options);
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
