#!/usr/bin/env bash
# Usage: tern_check.sh TERN DIR... — fails unless `tern check` passes and
# found at least one program (it exits 66 on an empty directory).
set -euo pipefail
tern=$1
shift
exec "$tern" check "$@"
