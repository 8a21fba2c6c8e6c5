// Default sanitizer options of the fuzz targets; ASAN_OPTIONS still
// overrides them.
//
// The front end and the interpreter recurse deeply, along ever new paths, so
// nearly every allocation has a call stack never seen before. ASan keeps each
// distinct allocation stack forever (its stack depot): with the default 30
// frames the depot grew by about 500 MB per thousand generated programs, and
// libFuzzer's RSS limit stopped the run within minutes. Recording the
// stacks is also the largest single cost left in an execution: four frames
// instead of eight are 9-22% more generated programs per CPU-second
// (bench/README.md). Only the "allocated/freed by" stacks of a report are
// this short; the faulting access's stack is always whole, and a
// campaign re-runs each finding with 30 frames (tools/campaign/campaign.py,
// rerun_env), whose reports give its signature and the report it keeps.

extern "C" const char* __asan_default_options() {
  return "malloc_context_size=4";
}
