#include "runtime/vm/verifier.h"

#include "runtime/builtins.h"
#include "runtime/vm/null_bounds.h"

namespace tern::vm {
namespace {

std::string PosText(Pos p) {
  return std::to_string(p.line) + ":" + std::to_string(p.col);
}

// The null-bound analysis' buffers, reused by every chunk of a module.
struct Scratch {
  std::vector<uint32_t> null_bounds;
  std::vector<uint32_t> work;
};

class ChunkVerifier {
 public:
  ChunkVerifier(const Module& module, const Chunk& chunk, Scratch* scratch)
      : module_(module),
        chunk_(chunk),
        scratch_(*scratch),
        null_bounds_(scratch->null_bounds) {}

  std::string Run() {
    if (chunk_.num_regs < 1u + chunk_.num_params || chunk_.num_regs > 65536) {
      return Where() + ": bad register count " +
             std::to_string(chunk_.num_regs);
    }
    if (chunk_.code.empty()) return Where() + ": empty code";
    if (chunk_.pos_table.size() != chunk_.code.size()) {
      return Where() + ": position table size differs from code size";
    }
    NullBounds(chunk_, &scratch_.null_bounds, &scratch_.work);
    for (size_t pc = 0; pc < chunk_.code.size(); ++pc) {
      std::string problem = Instruction(pc, chunk_.code[pc]);
      if (!problem.empty()) {
        return Where() + ", pc " + std::to_string(pc) + " (" +
               GetOpInfo(chunk_.code[pc].op).name + "): " + problem;
      }
    }
    // Only the last instruction can fall off the end: it must not.
    Op last = chunk_.code.back().op;
    if (last != Op::kReturn && last != Op::kJmp) {
      return Where() + ", pc " + std::to_string(chunk_.code.size() - 1) +
             ": the code can run past its end (no return)";
    }
    return "";
  }

 private:
  std::string Where() const { return DescribeChunk(chunk_); }

  // The text is built only for a window out of range.
  std::string Register(const char* what, uint64_t r, uint64_t n = 1) const {
    if (r + n > chunk_.num_regs) {
      return std::string(what) + " register window " + std::to_string(r) +
             "+" + std::to_string(n) + " outside the frame of " +
             std::to_string(chunk_.num_regs);
    }
    return "";
  }

  std::string Instruction(size_t pc, const Instr& in) const {
    if (static_cast<int>(in.op) >= kOpCount) {
      return "unknown opcode " + std::to_string(static_cast<int>(in.op));
    }
    if (const Superinstruction* s = FindSuperinstruction(in.op)) {
      if (pc + 1 >= chunk_.code.size() || chunk_.code[pc + 1].op != s->second) {
        return std::string("superinstruction not followed by ") +
               GetOpInfo(s->second).name;
      }
    }
    const char* format = GetOpInfo(in.op).format;
    const uint64_t fields[4] = {in.a, in.b, in.c,
                                static_cast<uint64_t>(static_cast<int64_t>(in.d))};
    // The count N, for windows.
    uint64_t count = 0;
    for (int f = 0; f < 4; ++f) {
      if (format[f] == 'N') count = fields[f];
    }
    std::string p;
    for (int f = 0; f < 4; ++f) {
      const uint64_t v = fields[f];
      const char* field = f == 0 ? "a" : f == 1 ? "b" : f == 2 ? "c" : "d";
      // A register field in range is the common case: no string for it.
      const uint64_t regs = chunk_.num_regs;
      switch (format[f]) {
        case 'R':
          if (v + 1 > regs) p = Register(field, v);
          break;
        case 'W':
          if (v + count + 1 > regs) p = Register(field, v, count + 1);
          break;
        case 'V':
          if (v + count > regs) p = Register(field, v, count);
          break;
        case 'P':
          if (v + 2 > regs) p = Register(field, v, 2);
          break;
        case 'K':
          if (v >= chunk_.constants.size()) p = "constant index out of range";
          break;
        case 'I': break;
        case 'J':
          if (in.d < 0 || static_cast<size_t>(in.d) >= chunk_.code.size()) {
            p = "jump target " + std::to_string(in.d) + " outside the chunk";
          }
          break;
        case 'N': break;
        case 'Z':
          // Too small a bound would leave a register a call or return
          // should have nulled: a stale root.
          if (v > chunk_.num_regs) {
            p = "null bound " + std::to_string(v) + " beyond the frame";
          } else if (v < null_bounds_[pc]) {
            p = "null bound " + std::to_string(v) + " below " +
                std::to_string(null_bounds_[pc]);
          }
          break;
        case 'C':
          if (chunk_.kind != Chunk::Kind::kLambda || v >= chunk_.captures.size()) {
            p = "capture index " + std::to_string(v) + " out of range";
          }
          break;
        case 'F': p = Closure(in); break;
        case 'D': p = Defn(in, count); break;
        case 'B': p = BuiltinArgs(in, count); break;
        case '-':
          if (v != 0) p = std::string("unused field ") + field + " is not 0";
          break;
        default: p = "bad format in opcodes.h"; break;
      }
      if (!p.empty()) return p;
    }
    return "";
  }

  std::string Closure(const Instr& in) const {
    if (in.d < 0 || static_cast<size_t>(in.d) >= module_.chunks.size()) {
      return "chunk index out of range";
    }
    const Chunk& target = module_.chunks[in.d];
    if (target.kind != Chunk::Kind::kLambda) return "closure of a non-lambda";
    for (const CaptureSource& s : target.captures) {
      if (s.from_register ? s.index >= chunk_.num_regs
                          : (chunk_.kind != Chunk::Kind::kLambda ||
                             s.index >= chunk_.captures.size())) {
        return "capture source " + std::to_string(s.index) + " out of range";
      }
    }
    return "";
  }

  std::string Defn(const Instr& in, uint64_t argc) const {
    if (in.d < 0 || static_cast<size_t>(in.d) >= module_.defn_chunks.size()) {
      return "defn index out of range";
    }
    uint32_t target = module_.defn_chunks[in.d];
    if (target >= module_.chunks.size()) return "defn chunk out of range";
    if (in.op == Op::kCallDefn && module_.chunks[target].num_params != argc) {
      return "direct call with " + std::to_string(argc) +
             " arguments of a defn with " +
             std::to_string(module_.chunks[target].num_params) + " parameters";
    }
    return "";
  }

  std::string BuiltinArgs(const Instr& in, uint64_t argc) const {
    if (in.d < 0 || in.d >= BuiltinCount()) return "builtin out of range";
    const BuiltinInfo& info = GetBuiltinInfo(static_cast<Builtin>(in.d));
    auto n = static_cast<int64_t>(argc);
    if (n < info.min_args || (info.max_args >= 0 && n > info.max_args)) {
      return std::string("builtin ") + std::string(info.name) + " given " +
             std::to_string(argc) + " arguments";
    }
    return "";
  }

  const Module& module_;
  const Chunk& chunk_;
  Scratch& scratch_;
  const std::vector<uint32_t>& null_bounds_;  // NullBounds(chunk_)
};

std::string VerifyChunkWith(const Module& module, uint32_t index,
                            Scratch* scratch) {
  if (index >= module.chunks.size()) return "no chunk " + std::to_string(index);
  return ChunkVerifier(module, module.chunks[index], scratch).Run();
}

}  // namespace

std::string DescribeChunk(const Chunk& chunk) {
  switch (chunk.kind) {
    case Chunk::Kind::kDefn: return "defn " + chunk.name;
    case Chunk::Kind::kLambda: return "lambda at " + PosText(chunk.pos);
    case Chunk::Kind::kTopLevel: break;
  }
  return "top-level expression at " + PosText(chunk.pos);
}

std::string VerifyChunk(const Module& module, uint32_t index) {
  Scratch scratch;
  return VerifyChunkWith(module, index, &scratch);
}

namespace {

std::string CheckTopLevelEntry(const Module& module, uint32_t c) {
  if (c >= module.chunks.size() ||
      module.chunks[c].kind != Chunk::Kind::kTopLevel ||
      module.chunks[c].num_params != 0) {
    return "top-level table names chunk " + std::to_string(c);
  }
  return "";
}

}  // namespace

std::string VerifyTopLevel(const Module& module, uint32_t entry) {
  std::string problem = CheckTopLevelEntry(module, entry);
  Scratch scratch;
  for (uint32_t i = entry; problem.empty() && i < module.chunks.size(); ++i) {
    problem = VerifyChunkWith(module, i, &scratch);
  }
  return problem;
}

std::string VerifyModule(const Module& module) {
  for (uint32_t c : module.defn_chunks) {
    if (c >= module.chunks.size() ||
        module.chunks[c].kind != Chunk::Kind::kDefn) {
      return "defn table names chunk " + std::to_string(c);
    }
  }
  for (uint32_t c : module.toplevel_chunks) {
    std::string problem = CheckTopLevelEntry(module, c);
    if (!problem.empty()) return problem;
  }
  if (module.toplevel_pos.size() != module.toplevel_chunks.size()) {
    return "top-level position table size differs";
  }
  Scratch scratch;
  for (uint32_t i = 0; i < module.chunks.size(); ++i) {
    std::string problem = VerifyChunkWith(module, i, &scratch);
    if (!problem.empty()) return problem;
  }
  return "";
}

}  // namespace tern::vm
