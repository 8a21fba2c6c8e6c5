#!/usr/bin/env bash
# `tern repro`: recognises sources and generator bytes, prints an outcome
# table and re-run commands, is deterministic, and has a JSON mode.
set -uo pipefail
tern=$1
tmp=${TEST_TMPDIR:-$(mktemp -d)}/repro
rm -rf "$tmp" && mkdir -p "$tmp/interp_fuzzer"
failures=0
fail() { echo "FAIL $1"; failures=$((failures + 1)); }
has() { [[ "$1" == *"$2"* ]] || fail "$3: no '$2' in output"; }

printf '(print "hi")\n(+ 1 "a")\n' > "$tmp/prog.tern"
printf '\x05\x11\x93\x02\x40\x07\x81\x99\x10\x20' > "$tmp/interp_fuzzer/crash-1"

out=$("$tern" repro "$tmp/prog.tern"); rc=$?
[ "$rc" = 0 ] || fail "source: exit $rc"
has "$out" "kind: Tern source" "source"
has "$out" "first differing line" "source"
has "$out" "runtime-error type" "source"
has "$out" "ok: every engine agrees" "source"
has "$out" " run --tier=" "source"
has "$out" "gdb --args " "source"
again=$("$tern" repro "$tmp/prog.tern")
[ "$out" = "$again" ] || fail "not deterministic"

out=$("$tern" repro "$tmp/interp_fuzzer/crash-1"); rc=$?
[ "$rc" = 0 ] || fail "bytes: exit $rc"
has "$out" "kind: generator bytes for interp_fuzzer" "bytes"
has "$out" "--- program ---" "bytes"
has "$out" "swarm (enabled):" "bytes"

json=$("$tern" repro --json "$tmp/prog.tern" "$tmp/interp_fuzzer/crash-1")
[ "$(printf '%s\n' "$json" | wc -l)" = 2 ] || fail "json: not one line per file"
has "$json" '"kind":"source"' "json"
has "$json" '"kind":"generator-bytes"' "json"
has "$json" '"census_digest":null' "json"   # interp: no GC
has "$json" '"ok":true' "json"

"$tern" repro --bogus "$tmp/prog.tern" 2>/dev/null; [ $? = 64 ] || fail "bad flag"
"$tern" repro --engines=nope "$tmp/prog.tern" 2>/dev/null; [ $? = 64 ] || fail "bad engine"
"$tern" repro "$tmp/missing" 2>/dev/null; [ $? = 66 ] || fail "missing file"

[ "$failures" = 0 ] && echo "all passed"
exit "$failures"
