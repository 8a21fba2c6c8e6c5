#ifndef TERN_TOOLS_CAMPAIGN_COMMANDS_H_
#define TERN_TOOLS_CAMPAIGN_COMMANDS_H_

// `tern fuzz` and `tern coverage` drive Bazel builds and libFuzzer runs of a
// source checkout; they are Python programs (tools/campaign/) that this
// binary hands its arguments to. The checkout is $TERN_ROOT, which the
// ./tern wrapper sets (with $TERN_BIN, this binary, which the campaign uses
// for `tern reduce` and `tern repro`).

#include <string>
#include <vector>

namespace tern {

// Replaces the process with `python3 $TERN_ROOT/tools/campaign/SCRIPT ARGS`;
// returns an exit code only when that cannot be done.
int CampaignCommand(const std::string& script,
                    const std::vector<std::string>& args);

}  // namespace tern

#endif  // TERN_TOOLS_CAMPAIGN_COMMANDS_H_
