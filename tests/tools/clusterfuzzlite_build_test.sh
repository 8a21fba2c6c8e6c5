#!/usr/bin/env bash
# .clusterfuzzlite/build.sh run as OSS-Fuzz runs it (the variables set, clang
# called directly, no Bazel), on one target to keep the test short (the
# manual run builds them all): the fuzzer, its seed corpus zip, options and
# dictionary land in $OUT, and the fuzzer replays its seeds. The flags are
# those of OSS-Fuzz's coverage build, so that the same binary then tests
# `tern coverage` (tools/campaign/coverage.py): HTML and the per-directory
# summary.
set -euo pipefail
root="$TEST_SRCDIR/$TEST_WORKSPACE"
out="$TEST_TMPDIR/out"
export CC=clang CXX=clang++ CFLAGS="-O0" OUT="$out"
export CXXFLAGS="-O0 -fsanitize=fuzzer-no-link -fprofile-instr-generate -fcoverage-mapping"
export LIB_FUZZING_ENGINE="-fsanitize=fuzzer -fprofile-instr-generate"
export TERN_FUZZERS=parse_fuzzer
bash "$root/.clusterfuzzlite/build.sh"

fail() { echo "FAIL: $*" >&2; exit 1; }
[ -x "$out/parse_fuzzer" ] || fail "no fuzzer in \$OUT"
[ -f "$out/parse_fuzzer.options" ] || fail "no options file"
grep -q '^dict = tern.dict$' "$out/parse_fuzzer.options" || fail "options"
cmp -s "$out/tern.dict" "$root/fuzz/tern.dict" || fail "no dictionary beside it"

seeds="$TEST_TMPDIR/seeds"
python3 - "$out/parse_fuzzer_seed_corpus.zip" "$seeds" "$root/corpus/parse_fuzzer" <<'PY'
import os, sys, zipfile
z = zipfile.ZipFile(sys.argv[1])
names = sorted(z.namelist())
want = sorted(f for f in os.listdir(sys.argv[3]) if f != "BUILD")
assert names == want, (names[:5], want[:5])
assert all("/" not in n for n in names), "seeds must sit at the zip's top"
z.extractall(sys.argv[2])
PY
# It is a libFuzzer binary: replays the seeds and stops, then fuzzes a bit.
"$out/parse_fuzzer" -runs=0 "$seeds" 2>"$TEST_TMPDIR/replay.log" ||
  { cat "$TEST_TMPDIR/replay.log"; fail "replaying the seeds"; }
grep -q "INITED" "$TEST_TMPDIR/replay.log" || fail "not a libFuzzer binary"
"$out/parse_fuzzer" -runs=500 -seed=1 -dict="$out/tern.dict" "$seeds" \
  2>"$TEST_TMPDIR/fuzz.log" || { tail -30 "$TEST_TMPDIR/fuzz.log"; fail "fuzzing"; }

# tern coverage over that binary and the seeds.
cov="$TEST_TMPDIR/cov"
(cd "$TEST_TMPDIR" && TERN_ROOT="$root" LLVM_PROFILE_FILE=/dev/null python3 -B \
  "$root/tools/campaign/coverage.py" --targets=parse_fuzzer --bin-dir="$out" \
  --out="$cov" "parse_fuzzer=$seeds") >"$TEST_TMPDIR/cov.log" 2>&1 ||
  { cat "$TEST_TMPDIR/cov.log"; fail "tern coverage"; }
[ -f "$cov/html/index.html" ] || fail "no HTML report"
grep -q "front/lexer.cc" "$cov/html/index.html" ||
  { grep -o "href='[^']*'" "$cov/html/index.html" | head; fail "HTML lacks the lexer"; }
python3 - "$cov/summary.json" <<'PY'
import json, sys
s = json.load(open(sys.argv[1]))
dirs = {d["directory"]: d for d in s["directories"]}
print(sorted(dirs))
front = dirs["runtime/front"]
assert front["lines"] > 500 and 0 < front["covered"] <= front["lines"], front
assert front["percent"] > 50, front  # the seeds reach most of the front end
assert "tests" not in dirs and dirs["total"]["lines"] >= front["lines"]
PY
grep -q "^runtime/front " "$TEST_TMPDIR/cov.log" || fail "no summary printed"
echo "PASS"
