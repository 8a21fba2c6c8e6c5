#!/usr/bin/env bash
# End-to-end tests of the `tern` command line: exit codes, the stderr error
# format, `check` catching a wrong expectation, `fmt` round-tripping.
set -uo pipefail
tern=$1
tmp=${TEST_TMPDIR:-$(mktemp -d)}/cli
rm -rf "$tmp" && mkdir -p "$tmp"
failures=0

expect() {  # expect NAME WANT_EXIT WANT_STDOUT WANT_STDERR_SUBSTRING -- CMD...
  local name=$1 want_rc=$2 want_out=$3 want_err=$4
  shift 5
  local out err rc
  out=$("$@" 2>"$tmp/stderr"); rc=$?
  err=$(cat "$tmp/stderr")
  if [ "$rc" != "$want_rc" ] || [ "$out" != "$want_out" ] ||
     [[ "$err" != *"$want_err"* ]]; then
    echo "FAIL $name: exit $rc (want $want_rc)"
    echo "  stdout: $(printf %q "$out") (want $(printf %q "$want_out"))"
    echo "  stderr: $(printf %q "$err") (want to contain $(printf %q "$want_err"))"
    failures=$((failures + 1))
  else
    echo "ok   $name"
  fi
}

printf '(print "hi" 1.5)\n(+ 1 2)\n' > "$tmp/ok.tern"
printf '(print 1)\n(+ 1 true)\n' > "$tmp/rt.tern"
printf '(print 1)\n(let ((x 1)) y)\n' > "$tmp/static.tern"
printf '(while true 1)\n' > "$tmp/loop.tern"
printf '(print "a\\xff")\n\xff' > "$tmp/utf8.tern"

expect "run ok" 0 "hi 1.5" "" -- "$tern" run "$tmp/ok.tern"
expect "run runtime error" 1 "1" "error[type] $tmp/rt.tern:2:1: " -- "$tern" run "$tmp/rt.tern"
expect "run static error prints nothing" 2 "" "error[unbound] $tmp/static.tern:2:14: " -- "$tern" run "$tmp/static.tern"
expect "run out of fuel" 1 "" "error[out-of-fuel] $tmp/loop.tern:1:1: " -- "$tern" run --fuel=100 "$tmp/loop.tern"
expect "run invalid utf-8" 2 "" "error[parse] $tmp/utf8.tern:2:1: " -- "$tern" run "$tmp/utf8.tern"
expect "run tier interp" 0 "hi 1.5" "" -- "$tern" run --tier=interp "$tmp/ok.tern"
expect "run gc flags" 0 "hi 1.5" "" -- "$tern" run --gc-stress=1 --gc-verify "$tmp/ok.tern"
expect "run gc stats on stderr" 0 "hi 1.5" "gc: collections" -- "$tern" run --gc-stats "$tmp/ok.tern"
expect "run gc flags need a vm tier" 64 "" "need a vm tier" -- "$tern" run --tier=interp --gc-verify "$tmp/ok.tern"
expect "run bad gc-stress" 64 "" "--gc-stress needs a count" -- "$tern" run --gc-stress=0 "$tmp/ok.tern"
printf '(+ 1 2)\n' > "$tmp/add.tern"
disasm_add='chunk 0: top-level expression at 1:1 (params 0, registers 3)
     0  LoadI       r2 1                     ; 1:4
     1  AddI        r1 r2 2                  ; 1:1
     2  Return      r1                       ; 1:1'
expect "disasm" 0 "$disasm_add" "" -- "$tern" disasm "$tmp/add.tern"
expect "disasm static error" 2 "" "error[unbound]" -- "$tern" disasm "$tmp/static.tern"
expect "run unknown tier" 64 "" "unknown tier 'nope'" -- "$tern" run --tier=nope "$tmp/ok.tern"
expect "run bad fuel" 64 "" "--fuel needs a whole number" -- "$tern" run --fuel=-1 "$tmp/ok.tern"
expect "run missing file" 66 "" "no-such.tern: cannot open" -- "$tern" run "$tmp/no-such.tern"
expect "run directory" 66 "" "is a directory" -- "$tern" run "$tmp"
expect "run no args" 64 "" "usage: tern run" -- "$tern" run
expect "unknown command" 64 "" "unknown command 'frob'" -- "$tern" frob
expect "no command" 64 "" "usage: tern COMMAND" -- "$tern"

# check: a right expectation passes, a wrong one fails and says why.
mkdir -p "$tmp/suite"
cp "$tmp/ok.tern" "$tmp/suite/good.tern"
printf 'status: ok\nvalue: 3\nstdout:\nhi 1.5\n' > "$tmp/suite/good.expected"
expect "check pass" 0 "tern check: 1 programs on engines interp vm vm-stress vm-verify: 1 passed, 0 failed" "" -- "$tern" check "$tmp/suite"
cp "$tmp/rt.tern" "$tmp/suite/bad.tern"
printf 'status: runtime-error\nerror: type 2:2\nstdout:\n1\n' > "$tmp/suite/bad.expected"
out=$("$tern" check "$tmp/suite"); rc=$?
if [ $rc -ne 1 ] || [[ "$out" != *"FAIL $tmp/suite/bad.tern"* ]] ||
   [[ "$out" != *"type 2:2"* ]] || [[ "$out" != *"1 passed, 1 failed"* ]]; then
  echo "FAIL check catches wrong expectation: rc=$rc"; echo "$out"; failures=$((failures + 1))
else
  echo "ok   check catches wrong expectation"
fi
printf 'status: maybe\n' > "$tmp/suite/bad.expected"
out=$("$tern" check "$tmp/suite/bad.tern"); rc=$?
if [ $rc -ne 1 ] || [[ "$out" != *"bad.expected: line 1"* ]]; then
  echo "FAIL check reports malformed .expected: rc=$rc"; echo "$out"; failures=$((failures + 1))
else
  echo "ok   check reports malformed .expected"
fi
printf 'status: runtime-error\nerror: out-of-fuel 1:1\nfuel: 50\nstdout:\n' > "$tmp/suite/loop.expected"
cp "$tmp/loop.tern" "$tmp/suite/loop.tern"
expect "check honours fuel line" 0 "tern check: 1 programs on engines interp vm vm-stress vm-verify: 1 passed, 0 failed" "" -- "$tern" check "$tmp/suite/loop.tern"
mkdir -p "$tmp/empty"
expect "check empty dir" 66 "tern check: 0 programs on engines interp vm vm-stress vm-verify: 0 passed, 0 failed" "no .tern files" -- "$tern" check "$tmp/empty"

# fmt: canonical output is a fixed point and runs the same.
printf '(defn  f (x)\n  (+ x   1)) ; c\n(print [1 2 {"a" (f 2)}])\n' > "$tmp/fmt.tern"
"$tern" fmt "$tmp/fmt.tern" > "$tmp/fmt1.tern"
"$tern" fmt "$tmp/fmt1.tern" > "$tmp/fmt2.tern"
if ! cmp -s "$tmp/fmt1.tern" "$tmp/fmt2.tern" ||
   [ "$("$tern" run "$tmp/fmt1.tern")" != "$("$tern" run "$tmp/fmt.tern")" ]; then
  echo "FAIL fmt fixed point"; cat "$tmp/fmt1.tern"; failures=$((failures + 1))
else
  echo "ok   fmt fixed point"
fi
expect "fmt parse error" 2 "" "error[parse] $tmp/utf8.tern:2:1: " -- "$tern" fmt "$tmp/utf8.tern"

echo "$failures failures"
[ "$failures" -eq 0 ]
