#include "fuzz/rc_program.h"

#include <cstdint>
#include <vector>

namespace tern::fuzz {
namespace {

// RapidCheck sizes run to 100; programs need bytes by the thousand to reach
// most constructs (each choice takes about a byte).
constexpr double kBytesPerSize = 30;

}  // namespace

rc::Gen<GeneratedProgram> ArbitraryProgram(const GeneratorOptions& given) {
  // RapidCheck's size is the size control here (it scales the bytes, and
  // shrinking shortens them): no size classes on top of it.
  GeneratorOptions options = given;
  options.swarm_size = false;
  return rc::gen::map(
      rc::gen::scale(kBytesPerSize, rc::gen::container<std::vector<uint8_t>>(
                                        rc::gen::arbitrary<uint8_t>())),
      [options](const std::vector<uint8_t>& bytes) {
        return GenerateProgram(bytes, options);
      });
}

void showValue(const GeneratedProgram& program, std::ostream& os) {
  os << "program (fuel " << program.limits.fuel << "):\n" << program.source;
}

}  // namespace tern::fuzz
