#!/bin/sh
echo "coverage_report_generator: not available offline; use tools/coverage.sh" >&2
exit 1
