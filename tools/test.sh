#!/usr/bin/env bash
# The README's test command: installs what is missing, runs `bazel test //...`
# plain and under --config=asan, and ends with one line `N passed, N failed`
# counted from the real results (test cases from each target's test.xml; a
# target that did not build or run counts as one failure). Exits non-zero on
# any failure.
set -uo pipefail
cd "$(dirname "$0")/.."

bash tools/setup.sh || { echo "0 passed, 1 failed"; exit 1; }

total_pass=0
total_fail=0
bazel_failed=0

# Prints "PASS FAIL" for one test.xml: a testcase fails if it holds a
# <failure> or <error>; a self-closing testcase passes.
count_xml() {
  awk '
    /<testcase/ { if (open) { if (bad) f++; else p++ }
                  open = 1; bad = 0
                  if ($0 ~ /\/>[[:space:]]*$/ && $0 !~ /<failure|<error/) { p++; open = 0 } }
    /<failure|<error/ { bad = 1 }
    /<\/testcase>/ { if (open) { if (bad) f++; else p++ }; open = 0 }
    END { if (open) { if (bad) f++; else p++ }; printf "%d %d\n", p + 0, f + 0 }
  ' "$1"
}

run_config() {
  local name=$1; shift
  local log
  log=$(mktemp)
  echo "=== bazel test //... ($name)"
  bazel test --test_summary=short --keep_going "$@" //... 2>&1 | tee "$log"
  local rc=${PIPESTATUS[0]}
  [ "$rc" -ne 0 ] && bazel_failed=1
  local testlogs
  testlogs=$(bazel info "$@" bazel-testlogs 2>/dev/null)
  local seen=0 pass=0 fail=0
  while read -r target status; do
    seen=1
    local xml="$testlogs/${target#//}"
    xml="${xml/://}/test.xml"
    local p=0 f=0
    case "$status" in
      PASSED|FAILED|FLAKY|TIMEOUT)
        if [ -f "$xml" ]; then read -r p f < <(count_xml "$xml"); fi ;;
    esac
    case "$status" in
      PASSED|FLAKY) [ $((p + f)) -eq 0 ] && p=1 ;;
      *) [ "$f" -eq 0 ] && f=1 ;;
    esac
    pass=$((pass + p)); fail=$((fail + f))
  done < <(sed -nE 's#^(//[^ ]+)[[:space:]]+(\(cached\) )?(PASSED|FAILED TO BUILD|FAILED|FLAKY|TIMEOUT|NO STATUS|INCOMPLETE).*#\1 \3#p' "$log" | sed 's/FAILED TO BUILD/BUILD_FAILED/; s/NO STATUS/NO_STATUS/')
  if [ "$seen" -eq 0 ] || { [ "$rc" -ne 0 ] && [ "$fail" -eq 0 ]; }; then
    fail=$((fail + 1))  # bazel itself failed (analysis, build) before any test
  fi
  echo "=== $name: $pass passed, $fail failed"
  total_pass=$((total_pass + pass)); total_fail=$((total_fail + fail))
  rm -f "$log"
}

run_config plain
run_config asan --config=asan

echo "$total_pass passed, $total_fail failed"
[ "$total_fail" -eq 0 ] && [ "$bazel_failed" -eq 0 ]
