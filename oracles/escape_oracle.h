#ifndef TERN_ORACLES_ESCAPE_ORACLE_H_
#define TERN_ORACLES_ESCAPE_ORACLE_H_

// The escape-injection oracle (escape_fuzzer). Into a program the static
// checker accepts, inject one lexical arena escape of each kind the checker
// must reject, at a randomly chosen eligible place, and check that it is
// rejected with `arena-escape` at the injected form:
//  - kBlockResult: `[0]` appended to the body of an outermost with-arena:
//    the block's result is its own object; reported at the with-arena.
//  - kSetOuter: `(set! v [0])` first in the body of an outermost with-arena,
//    v a `mut` local declared outside it; reported at the set!, or at the
//    with-arena when its own result reads v (it is then first in source).
//  - kStoreOuter: `(push! c [0])` or `(put! c 0 [0])` first in the body of
//    an outermost with-arena, c a local declared outside it; at the store.
// Injections sit in outermost blocks so that the injected value's arena
// provenance is that block alone: nothing that comes earlier in the source
// can acquire it, so the first violation is the injected one. (In a nested
// block the value would keep the outer blocks' provenance, and a store of
// the block's result earlier in the source could legitimately be reported
// first.)

#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "runtime/pos.h"

namespace tern {

enum class EscapeKind : unsigned char { kBlockResult, kSetOuter, kStoreOuter };
inline constexpr EscapeKind kEscapeKinds[] = {
    EscapeKind::kBlockResult, EscapeKind::kSetOuter, EscapeKind::kStoreOuter};
std::string_view EscapeKindName(EscapeKind kind);

struct Injection {
  EscapeKind kind;
  std::string source;        // the program with the escape injected
  std::vector<Pos> allowed;  // where the checker may report it
  std::string form;          // the injected form, for reports
};

// One injection per kind that has an eligible place; `pick(n)` chooses
// among n places (0 <= result < n). Empty if `source` does not read.
std::vector<Injection> InjectEscapes(std::string_view source,
                                     const std::function<size_t(size_t)>& pick);

// Empty if the checker rejects `injection` as it must; else what is wrong.
std::string CheckInjection(const Injection& injection);

}  // namespace tern

#endif  // TERN_ORACLES_ESCAPE_ORACLE_H_
