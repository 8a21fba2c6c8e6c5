#!/usr/bin/env bash
# Runs a Python 3 test (Debian's python3; Bazel's own py_test stub wants a
# `python` on PATH that Debian does not install): run_python.sh FILE ARGS...
set -euo pipefail
exec python3 -B "$@"
