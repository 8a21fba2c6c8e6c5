#include "oracles/failure_signature.h"

#include <algorithm>
#include <cctype>
#include <vector>

namespace tern {

std::string DifferingFields(const Outcome& a, const Outcome& b) {
  std::vector<const char*> f;
  if (a.status != b.status) f.push_back("status");
  if (a.out != b.out) f.push_back("stdout");
  if (a.value != b.value) f.push_back("value");
  if (a.error.has_value() != b.error.has_value() ||
      (a.error &&
       (a.error->kind != b.error->kind || a.error->pos != b.error->pos))) {
    f.push_back("error");
  }
  if (a.error && b.error && a.error->message != b.error->message) {
    f.push_back("message");
  }
  if (a.fault != b.fault) f.push_back("fault");
  if (CensusDiffers(a, b)) f.push_back("census");
  std::string out;
  for (const char* s : f) out += (out.empty() ? "" : ",") + std::string(s);
  return out;
}

std::string FoldDigits(std::string_view text) {
  std::string out;
  for (size_t i = 0; i < text.size(); ++i) {
    if (std::isdigit(static_cast<unsigned char>(text[i]))) {
      out.push_back('N');
      if (text[i] == '0' && i + 1 < text.size() && text[i + 1] == 'x') ++i;
      while (i + 1 < text.size() &&
             std::isxdigit(static_cast<unsigned char>(text[i + 1]))) {
        ++i;
      }
    } else {
      out.push_back(text[i]);
    }
  }
  return out;
}

std::string StableLine(std::string_view message, size_t max) {
  std::string s = FoldDigits(message.substr(0, message.find('\n')));
  if (s.size() > max) s.resize(max);
  return s;
}

std::string FailureSignature(const DifferentialResult& result,
                             bool generated) {
  std::vector<std::string> parts;
  const EngineOutcome& ref = result.outcomes.front();
  const EngineOutcome* census_ref = CensusReference(result.outcomes);
  for (const EngineOutcome& eo : result.outcomes) {
    if (eo.outcome.status == Status::kInternalFault) {
      parts.push_back("fault " + eo.engine + ": " +
                      FoldDigits(eo.outcome.fault));
    } else if (&eo != &ref && eo.outcome != ref.outcome) {
      parts.push_back("differ " + ref.engine + "/" + eo.engine + ": " +
                      DifferingFields(ref.outcome, eo.outcome));
    } else if (census_ref && CensusDiffers(census_ref->outcome, eo.outcome)) {
      parts.push_back("differ " + census_ref->engine + "/" + eo.engine +
                      ": census");
    }
  }
  if (result.reference_again && *result.reference_again != ref.outcome) {
    parts.push_back("nondeterministic " + ref.engine + ": " +
                    DifferingFields(ref.outcome, *result.reference_again));
  }
  if (generated && ref.outcome.status == Status::kStaticError) {
    parts.push_back("rejected " +
                    std::string(ErrorKindName(ref.outcome.error->kind)));
  }
  std::sort(parts.begin(), parts.end());
  std::string out;
  for (const std::string& p : parts) out += (out.empty() ? "" : "; ") + p;
  return out;
}

}  // namespace tern
