#include "runtime/interp/interpreter.h"

#include <exception>
#include <new>

#include "runtime/big_stack.h"
#include "runtime/interp/evaluator.h"
#include "runtime/interp/signals.h"

namespace tern {
namespace {

// Runs on the big stack; everything the run allocated is freed when the
// evaluator goes out of scope, before this returns.
void RunInto(const Program& program, const RunLimits& limits, Outcome* outcome,
             interp::MemoryStats* stats) {
  try {
    StringSink capture(&outcome->out);
    OutputSink* out = limits.stream ? limits.stream : &capture;
    interp::Evaluator evaluator(program, limits, out, stats);
    outcome->value = evaluator.Run();
    outcome->status = Status::kOk;
  } catch (const interp::RuntimeError& e) {
    outcome->status = Status::kRuntimeError;
    outcome->error = e.error;
  } catch (const interp::InternalFault& f) {
    outcome->status = Status::kInternalFault;
    outcome->fault = f.message;
  } catch (const std::bad_alloc&) {
    outcome->status = Status::kResourceExhausted;
    outcome->fault = std::string(kOutOfMemoryMessage);
  } catch (const std::exception& e) {
    outcome->status = Status::kInternalFault;
    outcome->fault = std::string("host exception: ") + e.what();
  }
}

}  // namespace

Outcome Interpret(const Program& program, const RunLimits& limits) {
  return Interpret(program, limits, nullptr);
}

Outcome Interpret(const Program& program, const RunLimits& limits,
                  interp::MemoryStats* stats) {
  Outcome outcome;
  // One pointer captured: the std::function holds it inline (four
  // references would be a heap allocation per run).
  struct Run {
    const Program& program;
    const RunLimits& limits;
    Outcome* outcome;
    interp::MemoryStats* stats;
  } run{program, limits, &outcome, stats};
  RunOnBigStack(
      [r = &run] { RunInto(r->program, r->limits, r->outcome, r->stats); });
  return outcome;
}

}  // namespace tern
