// Test helpers for the verifier's reports: the report of the HeapFault a
// call throws, and a containment check that prints the whole report.
#ifndef TERN_TESTS_HEAP_FAULT_REPORT_H_
#define TERN_TESTS_HEAP_FAULT_REPORT_H_

#include <string>

#include "gtest/gtest.h"
#include "runtime/heap/heap.h"

namespace tern::heap {

// The report of the HeapFault that `f` throws ("" if none).
template <typename F>
std::string ReportOf(F&& f) {
  try {
    f();
  } catch (const HeapFault& fault) {
    return fault.report;
  }
  return "";
}

}  // namespace tern::heap

#define EXPECT_CONTAINS(haystack, needle) \
  EXPECT_NE((haystack).find(needle), std::string::npos) << (haystack)

#endif  // TERN_TESTS_HEAP_FAULT_REPORT_H_
