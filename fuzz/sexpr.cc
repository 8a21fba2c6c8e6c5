#include "fuzz/sexpr.h"

#include <algorithm>
#include <cmath>
#include <utility>

#include "runtime/display.h"
#include "runtime/front/reader.h"

namespace tern::sexpr {
namespace {

constexpr size_t kWidth = 80;

Node FromDatum(Datum&& d) {
  Node n;
  switch (d.kind) {
    case Datum::Kind::kAtom:
      n.kind = Node::Kind::kAtom;
      n.token = d.token.kind;
      n.text = std::move(d.token.text);
      n.int_value = d.token.int_value;
      n.float_value = d.token.float_value;
      return n;
    case Datum::Kind::kList: n.kind = Node::Kind::kList; break;
    case Datum::Kind::kVec: n.kind = Node::Kind::kVec; break;
    case Datum::Kind::kMap: n.kind = Node::Kind::kMap; break;
  }
  n.kids.reserve(d.kids.size());
  for (Datum& k : d.kids) n.kids.push_back(FromDatum(std::move(k)));
  return n;
}

// The string literal that reads back as `bytes` (the lexer's escapes).
void AppendStr(std::string* out, std::string_view bytes) {
  static constexpr char kHex[] = "0123456789abcdef";
  out->push_back('"');
  for (size_t i = 0; i < bytes.size();) {
    const auto c = static_cast<unsigned char>(bytes[i]);
    size_t len = 1;
    switch (c) {
      case '\n': *out += "\\n"; break;
      case '\t': *out += "\\t"; break;
      case '\r': *out += "\\r"; break;
      case '\0': *out += "\\0"; break;
      case '\\': *out += "\\\\"; break;
      case '"': *out += "\\\""; break;
      default:
        if (c >= 0x20 && c < 0x7f) {
          out->push_back(static_cast<char>(c));
        } else if (c >= 0x80 && (len = Utf8SequenceLength(bytes, i)) != 0) {
          out->append(bytes.substr(i, len));
        } else {
          len = 1;
          *out += "\\x";
          out->push_back(kHex[c >> 4]);
          out->push_back(kHex[c & 15]);
        }
    }
    i += len;
  }
  out->push_back('"');
}

void AppendAtom(std::string* out, const Node& n) {
  switch (n.token) {
    case TokenKind::kInt: *out += std::to_string(n.int_value); return;
    case TokenKind::kFloat:
      // NaN has no literal; this reads as a list, which evaluates to NaN.
      if (std::isnan(n.float_value)) {
        *out += "(- 1e999 1e999)";
      } else if (std::isinf(n.float_value)) {
        *out += n.float_value > 0 ? "1e999" : "-1e999";
      } else {
        AppendFloat(out, n.float_value);
      }
      return;
    case TokenKind::kStr: AppendStr(out, n.text); return;
    case TokenKind::kTrue: *out += "true"; return;
    case TokenKind::kFalse: *out += "false"; return;
    case TokenKind::kNull: *out += "null"; return;
    default: *out += n.text; return;
  }
}

const char* Open(Node::Kind k) {
  return k == Node::Kind::kList ? "(" : k == Node::Kind::kVec ? "[" : "{";
}
const char* Close(Node::Kind k) {
  return k == Node::Kind::kList ? ")" : k == Node::Kind::kVec ? "]" : "}";
}

// Where wanted nodes start in the output, as byte offsets.
struct Tracker {
  const std::vector<Path>* wanted;
  std::vector<size_t> offsets;
  Path path;
  void At(size_t offset) {
    for (size_t i = 0; i < wanted->size(); ++i) {
      if ((*wanted)[i] == path) offsets[i] = offset;
    }
  }
};

void AppendFlat(std::string* out, const Node& n, Tracker* t = nullptr) {
  if (t) t->At(out->size());
  if (n.IsAtom()) return AppendAtom(out, n);
  *out += Open(n.kind);
  for (size_t i = 0; i < n.kids.size(); ++i) {
    if (i > 0) out->push_back(' ');
    if (t) t->path.push_back(i);
    AppendFlat(out, n.kids[i], t);
    if (t) t->path.pop_back();
  }
  *out += Close(n.kind);
}

void AppendLaidOut(std::string* out, const Node& n, size_t indent,
                   Tracker* t = nullptr) {
  std::string flat = PrintFlat(n);
  // Deep forms stay on one line so output stays proportional to the input.
  if (n.IsAtom() || n.kids.empty() || indent + flat.size() <= kWidth ||
      indent > 60) {
    if (t) {
      AppendFlat(out, n, t);
    } else {
      *out += flat;
    }
    return;
  }
  if (t) t->At(out->size());
  *out += Open(n.kind);
  size_t first = 0;
  if (n.kind == Node::Kind::kList && n.kids[0].IsAtom()) {
    if (t) t->path.push_back(0);
    AppendFlat(out, n.kids[0], t);
    if (t) t->path.pop_back();
    first = 1;
  }
  for (size_t i = first; i < n.kids.size(); ++i) {
    if (i > 0) {
      out->push_back('\n');
      out->append(indent + 2, ' ');
    }
    if (t) t->path.push_back(i);
    AppendLaidOut(out, n.kids[i], indent + 2, t);
    if (t) t->path.pop_back();
  }
  *out += Close(n.kind);
}

void CollectPaths(const Node& n, Path* path, std::vector<Path>* out) {
  out->push_back(*path);
  for (size_t i = 0; i < n.kids.size(); ++i) {
    path->push_back(i);
    CollectPaths(n.kids[i], path, out);
    path->pop_back();
  }
}

}  // namespace

Node Node::Symbol(std::string name) {
  Node n;
  n.token = TokenKind::kSymbol;
  n.text = std::move(name);
  return n;
}
Node Node::Int(int64_t v) {
  Node n;
  n.token = TokenKind::kInt;
  n.int_value = v;
  return n;
}
Node Node::Float(double v) {
  Node n;
  n.token = TokenKind::kFloat;
  n.float_value = v;
  return n;
}
Node Node::Str(std::string bytes) {
  Node n;
  n.token = TokenKind::kStr;
  n.text = std::move(bytes);
  return n;
}
Node Node::Null() { return Node{}; }
Node Node::Bool(bool v) {
  Node n;
  n.token = v ? TokenKind::kTrue : TokenKind::kFalse;
  return n;
}
Node Node::List(std::vector<Node> kids) {
  Node n;
  n.kind = Kind::kList;
  n.kids = std::move(kids);
  return n;
}
Node Node::Vec(std::vector<Node> kids) {
  Node n;
  n.kind = Kind::kVec;
  n.kids = std::move(kids);
  return n;
}

std::optional<Forest> Read(std::string_view source, Error* error) {
  Reader reader(source);
  Forest forest;
  for (;;) {
    Datum d;
    switch (reader.Next(&d, error)) {
      case Reader::Status::kDatum: forest.push_back(FromDatum(std::move(d))); break;
      case Reader::Status::kEnd: return forest;
      case Reader::Status::kError: return std::nullopt;
    }
  }
}

std::string PrintFlat(const Node& node) {
  std::string out;
  AppendFlat(&out, node);
  return out;
}

std::string Print(const Forest& forest) {
  std::string out;
  for (const Node& n : forest) {
    AppendLaidOut(&out, n, 0);
    out.push_back('\n');
  }
  return out;
}

std::string Print(const Forest& forest, const std::vector<Path>& paths,
                  std::vector<Pos>* positions) {
  Tracker t{&paths, std::vector<size_t>(paths.size(), std::string::npos), {}};
  std::string out;
  for (size_t i = 0; i < forest.size(); ++i) {
    t.path.assign(1, i);
    AppendLaidOut(&out, forest[i], 0, &t);
    out.push_back('\n');
  }
  positions->assign(paths.size(), Pos{});
  Pos here{1, 1};
  size_t at = 0;
  // Offsets to line:col, counting code points (not continuation bytes).
  std::vector<size_t> order(paths.size());
  for (size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::sort(order.begin(), order.end(),
            [&](size_t a, size_t b) { return t.offsets[a] < t.offsets[b]; });
  for (size_t i : order) {
    if (t.offsets[i] == std::string::npos) break;
    for (; at < t.offsets[i]; ++at) {
      const auto c = static_cast<unsigned char>(out[at]);
      if (c == '\n') {
        ++here.line;
        here.col = 1;
      } else if ((c & 0xc0) != 0x80) {
        ++here.col;
      }
    }
    (*positions)[i] = here;
  }
  return out;
}

size_t CountNodes(const Node& node) {
  size_t n = 1;
  for (const Node& k : node.kids) n += CountNodes(k);
  return n;
}

size_t CountNodes(const Forest& forest) {
  size_t n = 0;
  for (const Node& f : forest) n += CountNodes(f);
  return n;
}

std::vector<Path> AllPaths(const Forest& forest) {
  std::vector<Path> out;
  Path path;
  for (size_t i = 0; i < forest.size(); ++i) {
    path.assign(1, i);
    CollectPaths(forest[i], &path, &out);
  }
  return out;
}

Node* At(Forest* forest, const Path& path) {
  if (path.empty() || path[0] >= forest->size()) return nullptr;
  Node* n = &(*forest)[path[0]];
  for (size_t i = 1; i < path.size(); ++i) {
    if (path[i] >= n->kids.size()) return nullptr;
    n = &n->kids[path[i]];
  }
  return n;
}

const Node* At(const Forest& forest, const Path& path) {
  return At(const_cast<Forest*>(&forest), path);
}

}  // namespace tern::sexpr
