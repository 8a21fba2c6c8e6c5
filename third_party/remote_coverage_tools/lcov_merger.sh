#!/bin/sh
echo "lcov_merger: not available offline; use tools/coverage.sh" >&2
exit 1
