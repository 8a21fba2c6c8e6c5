#include "runtime/front/printer.h"

#include <charconv>
#include <cmath>
#include <cstddef>
#include <limits>
#include <string_view>

#include "runtime/builtins.h"
#include "runtime/display.h"
#include "runtime/front/comments.h"
#include "runtime/front/lexer.h"

namespace tern {
namespace {

constexpr size_t kWidth = 80;
constexpr size_t kMaxBreakColumn = 64;
constexpr size_t kUnlimited = std::numeric_limits<size_t>::max();

// `{...}` reads back only with an even count; `(map x)` keeps the odd one.
bool IsMapLiteral(const Expr& e) {
  return e.kind == ExprKind::kBuiltin && e.builtin == Builtin::kMap &&
         e.kids.size() % 2 == 0;
}

bool IsVecLiteral(const Expr& e) {
  return e.kind == ExprKind::kBuiltin && e.builtin == Builtin::kVec;
}

// Writes one-line text, or only measures it: with `out` null it counts, and
// stops as soon as the text is longer than `limit` (so measuring a subtree
// costs at most about `limit` steps, whatever its size).
class FlatWriter {
 public:
  FlatWriter(std::string* out, size_t limit) : out_(out), limit_(limit) {}

  bool Put(std::string_view s) {
    used_ += s.size();
    if (out_ != nullptr) out_->append(s);
    return used_ <= limit_;
  }

  bool Expr(const tern::Expr& e);
  bool Function(const tern::Function& f);
  bool Params(const List<Param>& params);

 private:
  bool Kids(const ExprList& kids, size_t from);
  bool Str(std::string_view bytes);
  bool Float(double d);

  std::string* out_;
  size_t limit_;
  size_t used_ = 0;
};

bool FlatWriter::Kids(const ExprList& kids, size_t from) {
  for (size_t i = from; i < kids.size(); ++i) {
    if (!Put(" ") || !Expr(*kids[i])) return false;
  }
  return true;
}

bool FlatWriter::Params(const List<Param>& params) {
  if (!Put("(")) return false;
  for (size_t i = 0; i < params.size(); ++i) {
    if ((i > 0 && !Put(" ")) || !Put(params[i].name)) return false;
  }
  return Put(")");
}

bool FlatWriter::Str(std::string_view bytes) {
  static constexpr char kHex[] = "0123456789abcdef";
  if (!Put("\"")) return false;
  for (size_t i = 0; i < bytes.size();) {
    auto c = static_cast<unsigned char>(bytes[i]);
    std::string_view piece;
    char hex[4] = {'\\', 'x', kHex[c >> 4], kHex[c & 15]};
    size_t len = 1;
    switch (c) {
      case '\n': piece = "\\n"; break;
      case '\t': piece = "\\t"; break;
      case '\r': piece = "\\r"; break;
      case '\0': piece = "\\0"; break;
      case '\\': piece = "\\\\"; break;
      case '"': piece = "\\\""; break;
      default:
        if (c < 0x20 || c == 0x7f) {
          piece = std::string_view(hex, 4);
        } else if (c < 0x80) {
          piece = bytes.substr(i, 1);
        } else if ((len = Utf8SequenceLength(bytes, i)) != 0) {
          piece = bytes.substr(i, len);  // readable text stays as it is
        } else {
          len = 1;  // not UTF-8: the source must spell the byte out
          piece = std::string_view(hex, 4);
        }
    }
    if (!Put(piece)) return false;
    i += len;
  }
  return Put("\"");
}

bool FlatWriter::Float(double d) {
  if (std::isnan(d)) return Put("(- 1e999 1e999)");
  if (std::isinf(d)) return Put(d > 0 ? "1e999" : "-1e999");
  // Shortest round-trip text, which is always a Tern float literal:
  // `1.5`, `1.0`, `-0.0`, `1e+16`, `5e-324`.
  std::string text;
  AppendFloat(&text, d);
  return Put(text);
}

bool FlatWriter::Expr(const tern::Expr& e) {
  switch (e.kind) {
    case ExprKind::kInt: {
      char buf[24];
      auto [end, ec] = std::to_chars(buf, buf + sizeof buf, e.int_value);
      return Put(std::string_view(buf, static_cast<size_t>(end - buf)));
    }
    case ExprKind::kFloat: return Float(e.float_value);
    case ExprKind::kStr: return Str(e.str_value);
    case ExprKind::kBool: return Put(e.bool_value ? "true" : "false");
    case ExprKind::kNull: return Put("null");
    case ExprKind::kVar: return Put(e.name);
    case ExprKind::kCall:
      return Put("(") && Expr(*e.kids[0]) && Kids(e.kids, 1) && Put(")");
    case ExprKind::kSet:
      return Put("(set! ") && Put(e.name) && Kids(e.kids, 0) && Put(")");
    case ExprKind::kLet: {
      if (!Put("(let (")) return false;
      for (size_t i = 0; i < e.bindings.size(); ++i) {
        const LetBinding& b = e.bindings[i];
        if ((i > 0 && !Put(" ")) || !Put(b.is_mut ? "(mut " : "(") ||
            !Put(b.name) || !Put(" ") || !Expr(*b.init) || !Put(")")) {
          return false;
        }
      }
      return Put(")") && Kids(e.kids, 0) && Put(")");
    }
    case ExprKind::kFor:
      return Put("(for (") && Put(e.name) && Put(" ") && Expr(*e.kids[0]) &&
             Put(" ") && Expr(*e.kids[1]) && Put(")") && Kids(e.kids, 2) &&
             Put(")");
    case ExprKind::kFn:
      return Put("(fn ") && Params(e.fn->params) && Kids(e.fn->body, 0) &&
             Put(")");
    case ExprKind::kWithArena:
      return Put("(with-arena ") && Put(e.name) && Kids(e.kids, 0) && Put(")");
    case ExprKind::kBuiltin:
      if (IsVecLiteral(e) || IsMapLiteral(e)) {
        bool vec = IsVecLiteral(e);
        if (!Put(vec ? "[" : "{")) return false;
        for (size_t i = 0; i < e.kids.size(); ++i) {
          if ((i > 0 && !Put(" ")) || !Expr(*e.kids[i])) return false;
        }
        return Put(vec ? "]" : "}");
      }
      [[fallthrough]];
    default:  // (head kids...)
      return Put("(") && Put(FormHead(e)) && Kids(e.kids, 0) && Put(")");
  }
}

bool FlatWriter::Function(const tern::Function& f) {
  return Put("(defn ") && Put(f.name) && Put(" ") && Params(f.params) &&
         Kids(f.body, 0) && Put(")");
}

// Lays forms out over lines (see printer.h).
class Layout {
 public:
  explicit Layout(const SourceComments* comments,
                  const TextSink* sink = nullptr)
      : c_(comments), sink_(sink) {}
  void Program(const tern::Program& program);
  void Expr(const tern::Expr& e);  // starting at the current column
  std::string Take() { return std::move(out_); }

 private:
  // Hands the finished lines to the sink, at a top-level form's start (the
  // lines before it are final), once there are enough of them.
  void MaybeFlush() {
    constexpr size_t kFlushBytes = 64 * 1024;
    if (sink_ == nullptr || line_start_ < kFlushBytes) return;
    (*sink_)(std::string_view(out_).substr(0, line_start_));
    out_.erase(0, line_start_);
    line_start_ = 0;
  }

  size_t Col() const { return out_.size() - line_start_; }
  void Newline(size_t indent) {
    while (out_.size() > line_start_ && out_.back() == ' ') out_.pop_back();
    out_.push_back('\n');
    line_start_ = out_.size();
    out_.append(indent, ' ');
    need_newline_ = false;
  }
  // Whether `e` fits on the current line after `gap` more columns.
  bool Fits(const tern::Expr& e, size_t gap) const {
    size_t col = Col() + gap;
    return col < kWidth && !CommentInside(e.pos) &&
           FlatWriter(nullptr, kWidth - col).Expr(e);
  }

  // Comments (see printer.h). Each is written when the printer reaches the
  // first thing after it in the source: a form, or a closing bracket.
  bool CommentInside(Pos open) const {
    return c_ != nullptr && c_->AnyBetween(open, c_->CloseOf(open));
  }
  bool HasPending(Pos before) const {
    return c_ != nullptr && next_ < c_->comments().size() &&
           c_->comments()[next_].pos < before;
  }
  bool LineHasContent() const {
    for (size_t i = line_start_; i < out_.size(); ++i) {
      if (out_[i] != ' ') return true;
    }
    return false;
  }
  // A comment that followed code on its line follows the current line's
  // code; one on a line of its own gets a line of its own at `indent`.
  void Comment(size_t indent) {
    const SourceComments::Comment& c = c_->comments()[next_++];
    if (need_newline_) Newline(indent);  // a comment already ends the line
    if (LineHasContent()) {
      if (c.own_line) {
        Newline(indent);
      } else {
        out_.push_back(' ');
      }
    }
    out_.append(c.text);
    need_newline_ = true;
  }
  // The comments before `p`; then, if any, a new line at `indent`.
  void CommentsBefore(Pos p, size_t indent) {
    while (HasPending(p)) Comment(indent);
    if (need_newline_) Newline(indent);
  }
  // Moves to a new line at `indent` for the form at `next`, writing the
  // comments before it on the way.
  void NextLine(Pos next, size_t indent) {
    if (HasPending(next)) {
      CommentsBefore(next, indent);
    } else {
      Newline(indent);
    }
  }
  // The bracket closing the form opened at `open`, after the comments
  // before it (at `inner` indentation); on a line of its own at `base` if
  // a comment ends the line.
  void Close(Pos open, size_t inner, size_t base, char bracket) {
    if (c_ != nullptr) {
      const Pos close = c_->CloseOf(open);
      while (HasPending(close)) Comment(inner);
    }
    if (need_newline_) Newline(base);
    out_.push_back(bracket);
  }
  void Flat(const tern::Expr& e) { FlatWriter(&out_, kUnlimited).Expr(e); }
  void Broken(const tern::Expr& e);
  // parts[from..] each on a new line at `indent`; with `fill`, an atom that
  // follows an atom stays on its line when it fits.
  void Parts(const ExprList& parts, size_t from, size_t indent,
             bool fill, bool prev_atom);
  void Defn(const tern::Function& f);

  const SourceComments* c_;
  size_t next_ = 0;  // the first comment not written yet
  bool need_newline_ = false;  // a comment ends the current line
  const TextSink* sink_;
  std::string out_;
  size_t line_start_ = 0;
};

void Layout::Program(const tern::Program& program) {
  bool prev_defn = false;
  for (size_t i = 0; i < program.order.size(); ++i) {
    const TopForm& form = program.order[i];
    const Pos pos = form.is_defn() ? program.defns[form.index()]->pos
                                 : form.expr()->pos;
    if (i > 0) {
      // Comments ending the previous form's line stay there.
      while (HasPending(pos) && !c_->comments()[next_].own_line) Comment(0);
      Newline(0);
      if (form.is_defn() || prev_defn) Newline(0);  // a blank line
      MaybeFlush();
    }
    CommentsBefore(pos, 0);
    if (form.is_defn()) {
      Defn(*program.defns[form.index()]);
    } else {
      Expr(*form.expr());
    }
    prev_defn = form.is_defn();
  }
  constexpr int32_t kMax = std::numeric_limits<int32_t>::max();
  while (HasPending(Pos{kMax, kMax})) Comment(0);
  if (need_newline_ || !program.order.empty()) Newline(0);
}

void Layout::Defn(const tern::Function& f) {
  const size_t base = Col();
  if (!CommentInside(f.pos) &&
      FlatWriter(nullptr, kWidth - base).Function(f)) {
    FlatWriter(&out_, kUnlimited).Function(f);
    return;
  }
  out_.append("(defn ").append(f.name).append(" ");
  FlatWriter(&out_, kUnlimited).Params(f.params);
  Parts(f.body, 0, base + 2, true, false);
  Close(f.pos, base + 2, base, ')');
}

void Layout::Expr(const tern::Expr& e) {
  CommentsBefore(e.pos, Col());
  if (IsAtom(e) ||
      (!CommentInside(e.pos) && (Col() > kMaxBreakColumn || Fits(e, 0)))) {
    Flat(e);
  } else {
    Broken(e);
  }
}

void Layout::Parts(const ExprList& parts, size_t from,
                   size_t indent, bool fill, bool prev_atom) {
  for (size_t i = from; i < parts.size(); ++i) {
    const tern::Expr& part = *parts[i];
    const bool atom = IsAtom(part);
    if (fill && atom && prev_atom && !HasPending(part.pos) && Fits(part, 1)) {
      out_.push_back(' ');
      Flat(part);
    } else {
      NextLine(part.pos, indent);
      Expr(part);
    }
    prev_atom = atom;
  }
}

void Layout::Broken(const tern::Expr& e) {
  const size_t base = Col();
  const ExprList& kids = e.kids;
  switch (e.kind) {
    case ExprKind::kCall:
      out_.push_back('(');
      Expr(*kids[0]);
      Parts(kids, 1, base + 2, true, IsAtom(*kids[0]));
      Close(e.pos, base + 2, base, ')');
      return;
    case ExprKind::kSet:
      out_.append("(set! ").append(e.name);
      NextLine(kids[0]->pos, base + 2);
      Expr(*kids[0]);
      Close(e.pos, base + 2, base, ')');
      return;
    case ExprKind::kLet:
      out_.append("(let (");
      for (size_t i = 0; i < e.bindings.size(); ++i) {
        const LetBinding& b = e.bindings[i];
        if (i > 0) NextLine(b.pos, base + 6);
        out_.append(b.is_mut ? "(mut " : "(").append(b.name).append(" ");
        Expr(*b.init);
        out_.push_back(')');
      }
      out_.push_back(')');
      Parts(kids, 0, base + 2, true, false);
      Close(e.pos, base + 2, base, ')');
      return;
    case ExprKind::kIf:
    case ExprKind::kWhile:
      out_.push_back('(');
      out_.append(FormHead(e)).append(" ");
      Expr(*kids[0]);
      // An if's branches get a line each, even when they are atoms.
      Parts(kids, 1, base + 2, e.kind == ExprKind::kWhile, false);
      Close(e.pos, base + 2, base, ')');
      return;
    case ExprKind::kFor:
      out_.append("(for (").append(e.name).append(" ");
      Expr(*kids[0]);
      out_.push_back(' ');
      Expr(*kids[1]);
      out_.push_back(')');
      Parts(kids, 2, base + 2, true, false);
      Close(e.pos, base + 2, base, ')');
      return;
    case ExprKind::kFn:
      out_.append("(fn ");
      FlatWriter(&out_, kUnlimited).Params(e.fn->params);
      Parts(e.fn->body, 0, base + 2, true, false);
      Close(e.pos, base + 2, base, ')');
      return;
    case ExprKind::kWithArena:
      out_.append("(with-arena ").append(e.name);
      Parts(kids, 0, base + 2, true, false);
      Close(e.pos, base + 2, base, ')');
      return;
    case ExprKind::kBuiltin:
      if (IsVecLiteral(e) && !kids.empty()) {
        out_.push_back('[');
        Expr(*kids[0]);
        Parts(kids, 1, base + 1, true, IsAtom(*kids[0]));
        Close(e.pos, base + 1, base, ']');
        return;
      }
      if (IsMapLiteral(e) && !kids.empty()) {
        out_.push_back('{');
        for (size_t i = 0; i < kids.size(); i += 2) {
          if (i > 0) NextLine(kids[i]->pos, base + 1);
          Expr(*kids[i]);
          out_.push_back(' ');
          Expr(*kids[i + 1]);
        }
        Close(e.pos, base + 1, base, '}');
        return;
      }
      break;
    default: break;
  }
  // (head parts...): builtins, not, and, or, do, no-gc.
  if (kids.empty() && !CommentInside(e.pos)) {
    Flat(e);
    return;
  }
  out_.push_back('(');
  out_.append(FormHead(e));
  Parts(kids, 0, base + 2, true, true);
  Close(e.pos, base + 2, base, ')');
}

}  // namespace

std::string PrintProgram(const Program& program,
                         const SourceComments* comments) {
  Layout layout(comments);
  layout.Program(program);
  return layout.Take();
}

void PrintProgram(const Program& program, const SourceComments* comments,
                  const TextSink& sink) {
  Layout layout(comments, &sink);
  layout.Program(program);
  std::string rest = layout.Take();
  if (!rest.empty()) sink(rest);
}

std::string PrintExpr(const Expr& expr) {
  Layout layout(nullptr);
  layout.Expr(expr);
  return layout.Take();
}

}  // namespace tern
