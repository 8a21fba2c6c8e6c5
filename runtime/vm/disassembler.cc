#include "runtime/vm/disassembler.h"

#include <cstdio>

#include "runtime/builtins.h"
#include "runtime/display.h"
#include "runtime/vm/verifier.h"

namespace tern::vm {
namespace {

std::string ConstantText(const Constant& k) {
  switch (k.kind) {
    case Constant::Kind::kInt: return std::to_string(k.i);
    case Constant::Kind::kFloat: return FormatFloat(k.f);
    case Constant::Kind::kStr: break;
  }
  return Quote(k.s);
}

std::string Operand(const Module& module, const Chunk& chunk, char format,
                    int64_t v) {
  switch (format) {
    case 'R':
    case 'W':
    case 'V':
    case 'P': return "r" + std::to_string(v);
    case 'K': {
      std::string text = "k" + std::to_string(v);
      if (v >= 0 && static_cast<size_t>(v) < chunk.constants.size()) {
        text += "(" + ConstantText(chunk.constants[v]) + ")";
      }
      return text;
    }
    case 'I': return std::to_string(v);
    case 'J': return "->" + std::to_string(v);
    case 'N': return "n" + std::to_string(v);
    case 'Z': return "z" + std::to_string(v);
    case 'C': {
      std::string text = "c" + std::to_string(v);
      if (v >= 0 && static_cast<size_t>(v) < chunk.captures.size()) {
        text += "(" + chunk.captures[v].name + ")";
      }
      return text;
    }
    case 'F': return "chunk" + std::to_string(v);
    case 'D': {
      std::string text = "defn" + std::to_string(v);
      if (v >= 0 && static_cast<size_t>(v) < module.defn_chunks.size() &&
          module.defn_chunks[v] < module.chunks.size()) {
        text += "(" + module.chunks[module.defn_chunks[v]].name + ")";
      }
      return text;
    }
    case 'B':
      if (v >= 0 && v < BuiltinCount()) {
        return std::string(GetBuiltinInfo(static_cast<Builtin>(v)).name);
      }
      return "builtin?" + std::to_string(v);
    default: return "";
  }
}

}  // namespace

std::string DisassembleChunk(const Module& module, uint32_t index) {
  const Chunk& chunk = module.chunks.at(index);
  std::string out = "chunk " + std::to_string(index) + ": " +
                    DescribeChunk(chunk) + " (params " +
                    std::to_string(chunk.num_params) + ", registers " +
                    std::to_string(chunk.num_regs) + ")\n";
  for (size_t i = 0; i < chunk.constants.size(); ++i) {
    out += "  k" + std::to_string(i) + " = " +
           ConstantText(chunk.constants[i]) + "\n";
  }
  for (size_t i = 0; i < chunk.captures.size(); ++i) {
    const CaptureSource& s = chunk.captures[i];
    out += "  c" + std::to_string(i) + " = " + s.name + " from " +
           (s.from_register ? "r" : "c") + std::to_string(s.index) + "\n";
  }
  for (size_t pc = 0; pc < chunk.code.size(); ++pc) {
    const Instr& in = chunk.code[pc];
    const OpInfo& info = GetOpInfo(in.op);
    char head[32];
    std::snprintf(head, sizeof head, "  %4zu  %-11s", pc, info.name);
    std::string line = head;
    const int64_t fields[4] = {in.a, in.b,
                               info.format[2] == 'I'
                                   ? static_cast<int64_t>(static_cast<int16_t>(in.c))
                                   : in.c,
                               in.d};
    for (int f = 0; f < 4; ++f) {
      if (info.format[f] == '-') continue;
      line += " " + Operand(module, chunk, info.format[f], fields[f]);
    }
    if (pc < chunk.pos_table.size()) {
      Pos p = chunk.pos_table[pc];
      while (line.size() < 44) line.push_back(' ');
      line += " ; " + std::to_string(p.line) + ":" + std::to_string(p.col);
    }
    out += line + "\n";
  }
  return out;
}

std::string Disassemble(const Module& module) {
  std::string out;
  for (uint32_t i = 0; i < module.chunks.size(); ++i) {
    if (i > 0) out += "\n";
    out += DisassembleChunk(module, i);
  }
  return out;
}

}  // namespace tern::vm
