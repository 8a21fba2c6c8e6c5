#ifndef TERN_TOOLS_JSON_H_
#define TERN_TOOLS_JSON_H_

// The little JSON the tools need: quoting strings for output, and reading
// the flat objects of artifact sidecars (NAME.json: string, number and
// boolean members; nested values are skipped).

#include <map>
#include <optional>
#include <string>
#include <string_view>

namespace tern {

// `"..."` with JSON escapes; bytes that are not valid UTF-8 become U+FFFD
// so the output is always valid JSON.
std::string JsonQuote(std::string_view bytes);

// The members of a top-level object whose values are strings (unescaped),
// numbers or booleans (their text); nullopt if `text` is not a JSON object.
std::optional<std::map<std::string, std::string>> ReadFlatJsonObject(
    std::string_view text);

}  // namespace tern

#endif  // TERN_TOOLS_JSON_H_
