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
printf '(print 1)\n' > "$tmp/p1.tern"
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
printf '(let ((v [1 2 3])) (gc) (print (len v)))\n' > "$tmp/gc.tern"
census_line='census: str 0/0 vec 1/72 map 0/0 closure 0/0 | arena str 0/0 vec 0/0 map 0/0 closure 0/0'
expect "run census full" 0 "3" "$census_line" -- "$tern" run --gc=full --census "$tmp/gc.tern"
expect "run census gen" 0 "3" "$census_line" -- "$tern" run --gc=gen --census "$tmp/gc.tern"
expect "run census gen-stress tier" 0 "3" "$census_line" -- "$tern" run --tier=vm-gen-stress --census "$tmp/gc.tern"
expect "run gen stats" 0 "3" "gc: collections 1 (minor 0, full 1)" -- "$tern" run --gc=gen --gc-stats "$tmp/gc.tern"
expect "run census interp" 0 "3" "tern run: --census: engine interp has no GC, so no census" -- "$tern" run --tier=interp --census "$tmp/gc.tern"
expect "run bad gc mode" 64 "" "--gc needs full or gen, got 'fast'" -- "$tern" run --gc=fast "$tmp/gc.tern"
expect "run gc mode needs a vm tier" 64 "" "need a vm tier" -- "$tern" run --tier=interp --gc=gen "$tmp/gc.tern"
expect "run bad gc-stress" 64 "" "--gc-stress needs a count" -- "$tern" run --gc-stress=0 "$tmp/ok.tern"
printf '(+ 1 2)\n' > "$tmp/add.tern"
disasm_add='chunk 0: top-level expression at 1:1 (params 0, registers 2)
     0  LoadI       r1 1                     ; 1:4
     1  AddI        r1 r1 2                  ; 1:1
     2  Return      r1 z2                    ; 1:1'
expect "disasm" 0 "$disasm_add" "" -- "$tern" disasm "$tmp/add.tern"
expect "disasm static error" 2 "" "error[unbound]" -- "$tern" disasm "$tmp/static.tern"
expect "run unknown tier" 64 "" "unknown tier 'nope'" -- "$tern" run --tier=nope "$tmp/ok.tern"
expect "run bad fuel" 64 "" "--fuel needs a whole number from 0 to 18446744073709551615, got '-1'" -- "$tern" run --fuel=-1 "$tmp/ok.tern"
expect "run fuel out of range" 64 "" "--fuel=99999999999999999999 is out of range: it must be from 0 to 18446744073709551615" -- "$tern" run --fuel=99999999999999999999 "$tmp/ok.tern"
expect "run missing file" 66 "" "cannot open $tmp/no-such.tern: No such file or directory" -- "$tern" run "$tmp/no-such.tern"
expect "run endless input" 66 "" "/dev/zero: larger than the source size limit of 64 MiB" -- timeout 20 "$tern" run /dev/zero
head -c $((64 * 1024 * 1024 + 1)) /dev/zero | tr '\0' ' ' > "$tmp/huge.tern"
expect "run source over the cap" 66 "" "huge.tern: larger than the source size limit of 64 MiB" -- "$tern" run "$tmp/huge.tern"
rm -f "$tmp/huge.tern"
expect "run directory" 66 "" "is a directory" -- "$tern" run "$tmp"
expect "run no args" 64 "" "usage: tern run" -- "$tern" run
expect "unknown command" 64 "" "unknown command 'frob'" -- "$tern" frob
expect "no command" 64 "" "usage: tern COMMAND" -- "$tern"

# check: a right expectation passes, a wrong one fails and says why.
# The check lines below name one engine: TERN_ENGINES narrows the default.
expect "check every engine" 0 "ok   $tmp/ok.tern: ok 3; 6 engines agree (interp, vm, vm-stress, vm-verify, vm-gen, vm-gen-stress)
tern check: 1 programs on engines interp vm vm-stress vm-verify vm-gen vm-gen-stress: 1 passed, 0 failed, 0 not compared" "" -- "$tern" check "$tmp/ok.tern"
export TERN_ENGINES=interp
mkdir -p "$tmp/suite"
cp "$tmp/ok.tern" "$tmp/suite/good.tern"
printf 'status: ok\nvalue: 3\nstdout:\nhi 1.5\n' > "$tmp/suite/good.expected"
expect "check pass" 0 "ok   $tmp/suite/good.tern: ok 3; matches $tmp/suite/good.expected on engine interp
tern check: 1 programs on engines interp: 1 passed, 0 failed, 0 not compared" "" -- "$tern" check "$tmp/suite"
cp "$tmp/rt.tern" "$tmp/suite/bad.tern"
printf 'status: runtime-error\nerror: type 2:2\nstdout:\n1\n' > "$tmp/suite/bad.expected"
out=$("$tern" check "$tmp/suite"); rc=$?
if [ $rc -ne 1 ] || [[ "$out" != *"FAIL $tmp/suite/bad.tern"* ]] ||
   [[ "$out" != *"type 2:2"* ]] || [[ "$out" != *"1 passed, 1 failed, 0 not compared"* ]]; then
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
expect "check honours fuel line" 0 "ok   $tmp/suite/loop.tern: runtime-error out-of-fuel 1:1; matches $tmp/suite/loop.expected on engine interp
tern check: 1 programs on engines interp: 1 passed, 0 failed, 0 not compared" "" -- "$tern" check "$tmp/suite/loop.tern"
mkdir -p "$tmp/empty"
expect "check empty dir" 66 "tern check: 0 programs on engines interp: 0 passed, 0 failed, 0 not compared" "no .tern files" -- "$tern" check "$tmp/empty"

# check says what it compared, and when nothing was.
mkdir -p "$tmp/lone"
cp "$tmp/static.tern" "$tmp/lone/static.tern"
expect "check with nothing to compare" 0 "---- $tmp/lone/static.tern: static-error unbound 2:14; nothing compared (no .expected, one engine: interp)
tern check: 1 programs on engines interp: 0 passed, 0 failed, 1 not compared" "" -- "$tern" check "$tmp/lone"
printf 'status: ok\nvalue: 1\nstdout:\n' > "$tmp/lone/orphan.expected"
out=$("$tern" check "$tmp/lone"); rc=$?
if [ $rc -ne 1 ] || [[ "$out" != *"FAIL $tmp/lone/orphan.expected: no orphan.tern beside it"* ]]; then
  echo "FAIL check: .expected without .tern: rc=$rc"; echo "$out"; failures=$((failures + 1))
else
  echo "ok   check: .expected without .tern is a failure"
fi
rm "$tmp/lone/orphan.expected"
printf 'status: static-error\r\nerror: unbound 2:14\r\nstdout:\r\n' > "$tmp/lone/static.expected"
out=$("$tern" check "$tmp/lone"); rc=$?
if [ $rc -ne 1 ] || [[ "$out" != *"static.expected: line 1: ends with CR LF"* ]]; then
  echo "FAIL check: CRLF .expected: rc=$rc"; echo "$out"; failures=$((failures + 1))
else
  echo "ok   check: CRLF .expected is refused naming the line"
fi
rm "$tmp/lone/static.expected"
expect "check --tiers" 0 "---- $tmp/lone/static.tern: static-error unbound 2:14; nothing compared (no .expected, one engine: interp)
tern check: 1 programs on engines interp: 0 passed, 0 failed, 1 not compared" "" -- "$tern" check --tiers=interp "$tmp/lone"
expect "check unknown tier" 64 "" "--tiers: unknown engine 'nope' (valid: interp, vm, vm-stress, vm-verify, vm-gen, vm-gen-stress)" -- "$tern" check --tiers=interp,nope "$tmp/lone"
expect "check --verbose=yes" 64 "" "--verbose takes no value (got --verbose=yes)" -- "$tern" check --verbose=yes "$tmp/lone"
expect "check fuel out of range" 64 "" "--fuel=99999999999999999999 is out of range" -- "$tern" check --fuel=99999999999999999999 "$tmp/lone"

# An unreadable subdirectory is named, counted as a failure, and the rest is
# checked (as an unprivileged user: root reads every directory).
if command -v setpriv >/dev/null && [ "$(id -u)" = 0 ]; then
  ptmp=$(mktemp -d /tmp/tern_cli_XXXXXX)
  mkdir -p "$ptmp/top/locked" "$ptmp/top/open"
  cp "$tmp/ok.tern" "$ptmp/top/open/a.tern"
  cp "$tmp/ok.tern" "$ptmp/top/locked/b.tern"
  chmod 755 "$ptmp" "$ptmp/top" "$ptmp/top/open"; chmod 644 "$ptmp/top/open/a.tern"
  chmod 000 "$ptmp/top/locked"
  cp "$tern" "$ptmp/tern"; chmod 755 "$ptmp/tern"
  out=$(setpriv --reuid=65534 --regid=65534 --clear-groups "$ptmp/tern" check "$ptmp/top" 2>&1); rc=$?
  if [ $rc -ne 1 ] || [[ "$out" != *"FAIL $ptmp/top/locked: cannot read directory: Permission denied"* ]] ||
     [[ "$out" != *"ok   $ptmp/top/open/a.tern"* && "$out" != *"---- $ptmp/top/open/a.tern"* ]] ||
     [[ "$out" != *"1 programs on engines interp: 0 passed, 1 failed, 1 not compared"* ]]; then
    echo "FAIL check: unreadable subdirectory: rc=$rc"; echo "$out"; failures=$((failures + 1))
  else
    echo "ok   check: unreadable subdirectory is a failure and the rest goes on"
  fi
  chmod 755 "$ptmp/top/locked"; rm -rf "$ptmp"
fi

unset TERN_ENGINES

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


# Output is streamed: printed before a signal it is not lost.
printf '(print "start")\n(while true 1)\n' > "$tmp/slow.tern"
for sig in INT TERM; do
  timeout -s $sig 1 "$tern" run --fuel=100000000000 "$tmp/slow.tern" > "$tmp/slow.out"; rc=$?
  if [ "$(cat "$tmp/slow.out")" != "start" ]; then
    echo "FAIL output kept on SIG$sig: rc=$rc"; cat "$tmp/slow.out"; failures=$((failures + 1))
  else
    echo "ok   output kept on SIG$sig"
  fi
done

# Write errors are reported, for every command.
expect "run > /dev/full" 74 "" "tern run: cannot write output: No space left on device" -- sh -c "\"\$0\" run \"\$1\" > /dev/full" "$tern" "$tmp/ok.tern"
expect "check > /dev/full" 74 "" "tern check: cannot write output: No space left on device" -- sh -c "\"\$0\" check \"\$1\" > /dev/full" "$tern" "$tmp/suite/good.tern"
expect "fmt > /dev/full" 74 "" "tern fmt: cannot write output: No space left on device" -- sh -c "\"\$0\" fmt \"\$1\" > /dev/full" "$tern" "$tmp/ok.tern"
printf '(for (i 0 10000000) (print "line" i))\n' > "$tmp/chatty.tern"
"$tern" run "$tmp/chatty.tern" 2> "$tmp/pipe.err" | head -c 10 > /dev/null
rc=${PIPESTATUS[0]}
if [ "$rc" != 74 ] || [[ "$(cat "$tmp/pipe.err")" != *"cannot write output: Broken pipe"* ]]; then
  echo "FAIL run into a closed pipe: rc=$rc"; cat "$tmp/pipe.err"; failures=$((failures + 1))
else
  echo "ok   run into a closed pipe"
fi

# The run's stack is sized from the limits: a 2 GB address space is enough.
# (Sanitizer builds reserve terabytes of shadow memory: no ulimit -v there.)
limit_vm=yes
if grep -q __asan_init "$tern" 2>/dev/null; then limit_vm=; fi
if [ -n "$limit_vm" ]; then
  expect "run under ulimit -v 2000000" 0 "1" "" -- sh -c 'ulimit -v 2000000 && "$0" run "$1"' "$tern" "$tmp/p1.tern"
fi
python3 -c "
b = '(f (- n 1))'
for _ in range(250): b = '(+ 0 ' + b + ')'
print('(defn f (n) (if (= n 0) 0 ' + b + '))\n(print (f 999))')" > "$tmp/deep.tern"
if [ -n "$limit_vm" ]; then
  expect "deepest program fits the stack" 0 "0" "" -- sh -c 'ulimit -v 2000000 && "$0" run --tier=interp "$1"' "$tern" "$tmp/deep.tern"
else
  expect "deepest program fits the stack" 0 "0" "" -- "$tern" run --tier=interp "$tmp/deep.tern"
fi
[ -n "$limit_vm" ] && expect "run under ulimit -v 200000" 4 "" "cannot reserve 512 MiB of stack for the run" -- sh -c 'ulimit -v 200000 && "$0" run --tier=interp "$1"' "$tern" "$tmp/p1.tern"

# A string literal longer than 2^24 bytes is a parse error at its quote.
python3 -c "import sys; sys.stdout.write('(len \"' + 'a' * (2**24 + 1) + '\")')" > "$tmp/longlit.tern"
expect "string literal over the limit" 2 "" "error[parse] $tmp/longlit.tern:1:6: string literal longer than 16777216 bytes" -- "$tern" run "$tmp/longlit.tern"
python3 -c "import sys; sys.stdout.write('(len \"' + 'a' * (2**24) + '\")')" > "$tmp/longlit.tern"
expect "string literal at the limit" 0 "" "" -- "$tern" run "$tmp/longlit.tern"
rm -f "$tmp/longlit.tern"

# Names in messages are bounded and escaped.
python3 -c "import sys; sys.stdout.write('(print ' + 'x' * 1000000 + ')')" > "$tmp/longname.tern"
err=$("$tern" run "$tmp/longname.tern" 2>&1)
if [ ${#err} -gt 300 ] || [[ "$err" != *"unbound name 'xxxxxxxx"*"...'"* ]]; then
  echo "FAIL long name bounded: ${#err} bytes"; failures=$((failures + 1))
else
  echo "ok   long name bounded in the message"
fi
printf '(print a\001b)' > "$tmp/ctl.tern"
expect "control byte escaped" 2 "" "unbound name 'a\\x01b'" -- "$tern" run "$tmp/ctl.tern"

# fmt -w rewrites in place; a file it cannot format is left as it was.
printf '(defn  f (x)\n  (+ x   1))\n(print [1 2 {"a" (f 2)}])\n' > "$tmp/w1.tern"
cp "$tmp/w1.tern" "$tmp/w2.tern"
"$tern" fmt "$tmp/w1.tern" > "$tmp/w.want"
cp "$tmp/utf8.tern" "$tmp/w3.tern"
"$tern" fmt -w "$tmp/w1.tern" "$tmp/w3.tern" "$tmp/w2.tern" 2> "$tmp/w.err"; rc=$?
if [ $rc != 2 ] || ! cmp -s "$tmp/w1.tern" "$tmp/w.want" || ! cmp -s "$tmp/w2.tern" "$tmp/w.want" ||
   ! cmp -s "$tmp/w3.tern" "$tmp/utf8.tern" || ls "$tmp" | grep -q tern-fmt; then
  echo "FAIL fmt -w: rc=$rc"; cat "$tmp/w.err"; failures=$((failures + 1))
else
  echo "ok   fmt -w rewrites, and leaves a bad file alone"
fi
printf '; top\n(+ 1  2) ; keep me\n(do 1\n  ; last\n  )\n' > "$tmp/c.tern"
expect "fmt keeps comments" 0 "; top
(+ 1 2) ; keep me
(do 1
  ; last
)" "" -- "$tern" fmt "$tmp/c.tern"
"$tern" fmt -w "$tmp/c.tern"
expect "fmt -w keeps comments and is idempotent" 0 "$(cat "$tmp/c.tern")" "" -- "$tern" fmt "$tmp/c.tern"

echo "$failures failures"
[ "$failures" -eq 0 ]
