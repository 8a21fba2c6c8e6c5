#!/usr/bin/env bash
# `tern reduce`: --test interestingness, -o output, --regression files, the
# errors for a program that does not fail.
set -uo pipefail
tern=$1
planted=$2
bytes=$3
tmp=${TEST_TMPDIR:-$(mktemp -d)}/reduce
rm -rf "$tmp" && mkdir -p "$tmp/root/corpus/regressions"
echo "# Regressions" > "$tmp/root/corpus/regressions/README.md"
failures=0
fail() { echo "FAIL $1"; failures=$((failures + 1)); }

cat > "$tmp/is_div.sh" <<EOS
#!/bin/sh
"$tern" run "\$1" 2>&1 >/dev/null | grep -q 'error\[div-by-zero\]'
EOS
chmod +x "$tmp/is_div.sh"

start=$(date +%s)
"$tern" reduce "$planted" -o "$tmp/out.tern" --test "$tmp/is_div.sh" --jobs=2 \
  --regression=planted_div --description="planted division by zero" \
  --root="$tmp/root" 2>"$tmp/log"
rc=$?
secs=$(( $(date +%s) - start ))
cat "$tmp/log"
[ "$rc" = 0 ] || fail "reduce exit $rc"
lines=$(wc -l < "$tmp/out.tern")
echo "reduced 200 -> $lines lines in ${secs}s"
[ "$lines" -le 10 ] || fail "reduced to $lines lines"
"$tmp/is_div.sh" "$tmp/out.tern" || fail "result not interesting"
reg=$tmp/root/corpus/regressions
[ -f "$reg/planted_div.tern" ] || fail "no regression .tern"
grep -q '^error: div-by-zero' "$reg/planted_div.expected" || fail "bad .expected"
grep -q 'planted_div`: planted division by zero' "$reg/README.md" || fail "no README line"
"$tern" check "$reg/planted_div.tern" >/dev/null || fail "regression does not check"

# A generator-bytes artifact: decoded, then its source is reduced.
mkdir -p "$tmp/interp_fuzzer"
cp "$bytes" "$tmp/interp_fuzzer/crash-1"
cat > "$tmp/is_error.sh" <<EOS
#!/bin/sh
"$tern" run --fuel=20000 "\$1" 2>&1 >/dev/null | grep -q '^error\[[a-z-]*\] .*:[0-9]*:[0-9]*: '
EOS
chmod +x "$tmp/is_error.sh"
"$tern" reduce "$tmp/interp_fuzzer/crash-1" -o "$tmp/bytes.tern" --test "$tmp/is_error.sh" \
  --quiet || fail "reducing generator bytes"
lines=$(wc -l < "$tmp/bytes.tern")
echo "generator bytes reduced to $lines lines"
[ "$lines" -le 10 ] || fail "generator bytes reduced to $lines lines"
"$tmp/is_error.sh" "$tmp/bytes.tern" || fail "reduced bytes program not interesting"

printf '(print 1)\n' > "$tmp/fine.tern"
"$tern" reduce "$tmp/fine.tern" -o "$tmp/x" 2>"$tmp/err"; rc=$?
[ "$rc" = 1 ] || fail "reducing a passing program: exit $rc"
grep -q "nothing to reduce" "$tmp/err" || fail "no explanation for a passing program"
"$tern" reduce "$tmp/fine.tern" 2>/dev/null; [ $? = 64 ] || fail "no -o: not a usage error"
"$tern" reduce "$tmp/fine.tern" -o "$tmp/x" --test false 2>/dev/null; [ $? = 1 ] || fail "uninteresting original"

[ "$failures" = 0 ] && echo "all passed"
exit "$failures"
