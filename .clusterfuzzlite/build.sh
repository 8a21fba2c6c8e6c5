#!/bin/bash -eu
# Builds every fuzz target of fuzz/BUILD in the OSS-Fuzz conventions, without
# Bazel: compiles with $CXX $CXXFLAGS (the sanitizer and coverage flags the
# infrastructure chooses), links with $LIB_FUZZING_ENGINE, and puts in $OUT
# each fuzzer, its NAME_seed_corpus.zip (from corpus/NAME/), its NAME.options
# and the dictionary it names. The targets and their sources come from the
# BUILD files (tools/campaign/build_graph.py), never from a list kept here.
#
# Locally:  CC=clang CXX=clang++ CFLAGS=... CXXFLAGS="-fsanitize=address,fuzzer-no-link" \
#           LIB_FUZZING_ENGINE=-fsanitize=fuzzer OUT=/tmp/out bash .clusterfuzzlite/build.sh
# TERN_FUZZERS="a b" builds only those. Objects go to a fresh directory per
# run (shared by the fuzzers that link the same source with the same flags).

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
[ -f "$root/fuzz/BUILD" ] || root="$SRC/tern"
cd "$root"
: "${CXX:?}" "${CXXFLAGS?}" "${LIB_FUZZING_ENGINE:?}" "${OUT:?}"
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
mkdir -p "$OUT"
graph() { python3 tools/campaign/build_graph.py "$@"; }

fuzzers="${TERN_FUZZERS:-$(graph fuzzers)}"
jobs="$(nproc 2>/dev/null || echo 1)"
flags="$CXXFLAGS -std=c++20 -I$root -DFUZZING_BUILD_MODE_UNSAFE_FOR_PRODUCTION"

for fuzzer in $fuzzers; do
  label="//fuzz:$fuzzer"
  srcs="$(graph srcs "$label")"
  copts="$(graph copts "$label" | tr '\n' ' ')"
  # One object per source and flag set, shared by the fuzzers that link it.
  key="$(printf '%s' "$flags $copts" | cksum | cut -d' ' -f1)"
  export CXX flags copts WORK key
  printf '%s\n' $srcs | xargs -P "$jobs" -I{} sh -c '
    obj="$WORK/$key/{}.o"
    [ -f "$obj" ] && exit 0
    mkdir -p "$(dirname "$obj")"
    $CXX $flags $copts -c "{}" -o "$obj.tmp" && mv "$obj.tmp" "$obj"'
  objs=()
  for s in $srcs; do objs+=("$WORK/$key/$s.o"); done
  # shellcheck disable=SC2046
  $CXX $CXXFLAGS "${objs[@]}" $LIB_FUZZING_ENGINE $(graph linkopts "$label") \
    -o "$OUT/$fuzzer"

  if [ -d "corpus/$fuzzer" ]; then
    rm -f "$OUT/${fuzzer}_seed_corpus.zip"
    (cd "corpus/$fuzzer" && zip -q -X "$OUT/${fuzzer}_seed_corpus.zip" \
      $(ls | grep -v '^BUILD$'))
  fi
  if [ -f "fuzz/$fuzzer.options" ]; then
    cp "fuzz/$fuzzer.options" "$OUT/"
    # Dictionaries beside the fuzzers, under the names the options use.
    for dict in $(sed -n 's/^[[:space:]]*dict[[:space:]]*=[[:space:]]*//p' \
                    "fuzz/$fuzzer.options"); do
      cp "fuzz/$dict" "$OUT/$dict"
    done
  fi
  echo "build.sh: $OUT/$fuzzer"
done
