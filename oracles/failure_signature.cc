#include "oracles/failure_signature.h"

#include <cctype>
#include <vector>

namespace tern {

namespace {

// The fields in which two outcomes differ, in a fixed order.
std::string DifferingFields(const Outcome& a, const Outcome& b) {
  std::vector<const char*> fields;
  if (a.status != b.status) fields.push_back("status");
  if (a.value != b.value) fields.push_back("value");
  if (a.error.has_value() != b.error.has_value()) {
    fields.push_back("error");
  } else if (a.error) {
    if (a.error->kind != b.error->kind) fields.push_back("error-kind");
    if (a.error->pos != b.error->pos) fields.push_back("error-pos");
    if (a.error->message != b.error->message) fields.push_back("error-message");
  }
  if (a.fault != b.fault) fields.push_back("fault");
  if (a.out != b.out) fields.push_back("stdout");
  std::string joined;
  for (const char* f : fields) joined += (joined.empty() ? "" : ",") + std::string(f);
  return joined;
}

}  // namespace

std::string StableLine(std::string_view message, size_t max) {
  std::string s;
  bool in_digits = false;
  for (char c : message) {
    if (c == '\n' || s.size() >= max) break;
    const bool digit = std::isdigit(static_cast<unsigned char>(c));
    if (!digit) s += c;
    else if (!in_digits) s += 'N';
    in_digits = digit;
  }
  return s;
}

std::string FailureSignature(const DifferentialResult& result) {
  if (result.ok()) return "";
  const EngineOutcome& ref = result.outcomes.front();
  std::vector<std::string> parts;
  for (const EngineOutcome& eo : result.outcomes) {
    if (eo.outcome.status == Status::kInternalFault) {
      parts.push_back(eo.engine + " internal-fault '" +
                      StableLine(eo.outcome.fault) + "'");
    } else if (eo.outcome != ref.outcome) {
      parts.push_back(eo.engine + "!=" + ref.engine + " " +
                      DifferingFields(ref.outcome, eo.outcome));
    }
  }
  // RunDifferential names the reference's second run "NAME (second run)";
  // its outcome is not kept, so the disagreement text is all there is.
  if (result.disagreement.find(ref.engine + " and " + ref.engine +
                               " (second run) differ") != std::string::npos) {
    parts.push_back(ref.engine + " nondeterministic");
  }
  if (parts.empty()) parts.push_back("disagreement");
  std::string signature = "differential:";
  for (const std::string& p : parts) signature += " " + p + ";";
  signature.pop_back();
  return signature;
}

}  // namespace tern
