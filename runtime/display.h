#ifndef TERN_RUNTIME_DISPLAY_H_
#define TERN_RUNTIME_DISPLAY_H_

// Display rules for the scalar parts of values, shared by every tier so that
// output is byte-identical (docs/language.md, Display).

#include <cstddef>
#include <string>
#include <string_view>

namespace tern {

// Shortest round-trip text, `.0` appended when it has none of `.`, `e`,
// `n`, `i`; every NaN is `nan`.
void AppendFloat(std::string* out, double d);
std::string FormatFloat(double d);

// `"` + bytes with \n \t \r \\ \" escaped, other bytes < 0x20 and 0x7f as
// \xHH (lowercase), bytes >= 0x80 raw + `"`.
void AppendQuoted(std::string* out, std::string_view bytes);
std::string Quote(std::string_view bytes);
// The size AppendQuoted would add, without building the text.
size_t QuotedLength(std::string_view bytes);

// A name or token as a message shows it: control bytes escaped as
// AppendQuoted escapes them, and only the first kMaxShownBytes bytes (cut at
// a UTF-8 boundary) followed by `...`, so a huge or binary token cannot make
// a huge or unreadable message. ShownName adds no quotes, QuoteName adds '.
inline constexpr size_t kMaxShownBytes = 64;
std::string ShownName(std::string_view name, size_t max = kMaxShownBytes);
std::string QuoteName(std::string_view name);

}  // namespace tern

#endif  // TERN_RUNTIME_DISPLAY_H_
