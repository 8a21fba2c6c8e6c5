#ifndef TERN_ORACLES_FRONT_END_ORACLE_H_
#define TERN_ORACLES_FRONT_END_ORACLE_H_

// The front end's promises on any source text, checked together:
// - Compile is deterministic: twice the same error, or equal trees;
// - Compile reports exactly the parse error ParseProgram reports;
// - a parsed program prints to text that parses to an equal tree, that
//   prints to the same text again, and that Compile accepts exactly when it
//   accepts the original (rejecting it with the same kind of error).
// Crashes, hangs and undefined behaviour are the sanitizers' and the fuzz
// engine's to catch.

#include <optional>
#include <string>
#include <string_view>

namespace tern {

// nullopt when every promise holds, else what broke (with the texts).
std::optional<std::string> CheckFrontEnd(std::string_view source);

}  // namespace tern

#endif  // TERN_ORACLES_FRONT_END_ORACLE_H_
