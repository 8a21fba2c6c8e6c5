#!/bin/sh
# Bazel's own coverage merger is not available offline; this stand-in
# exists so that `bazel test` resolves @remote_coverage_tools.
echo "coverage_report_generator: not available in this offline build" >&2
exit 1
