// Default sanitizer options of the fuzz targets; ASAN_OPTIONS still
// overrides them.
//
// The front end and the interpreter recurse deeply, along ever new paths, so
// nearly every allocation has a call stack never seen before. ASan keeps each
// distinct allocation stack forever (its stack depot): with the default 30
// frames the depot grew by about 500 MB per thousand generated programs, and
// libFuzzer's RSS limit stopped the run within minutes. Eight frames keep
// the depot to a few MB and still place an allocation in the runtime's code.

extern "C" const char* __asan_default_options() {
  return "malloc_context_size=8";
}
