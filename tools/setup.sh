#!/usr/bin/env bash
# Installs every Debian package the build needs. A no-op when all are present.
# Runs unattended (CI is root with no stdin); never fetches anything but Debian packages.
set -euo pipefail

PACKAGES=(
  bazel-bootstrap bazel-rules-cc bazel-rules-java
  clang lld libclang-rt-14-dev llvm
  googletest libgtest-dev librapidcheck-dev libasmjit-dev
  python3 python3-yaml zip
)

missing=()
for p in "${PACKAGES[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed'; then
    missing+=("$p")
  fi
done
[ ${#missing[@]} -eq 0 ] && exit 0

echo "setup: installing ${missing[*]}" >&2
SUDO=""
[ "$(id -u)" -ne 0 ] && SUDO="sudo"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -q </dev/null
$SUDO apt-get install -y -q --no-install-recommends "${missing[@]}" </dev/null
