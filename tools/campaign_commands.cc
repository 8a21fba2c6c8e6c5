#include "tools/campaign_commands.h"

#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <iostream>

#include "tools/cli_args.h"

namespace tern {

int CampaignCommand(const std::string& script,
                    const std::vector<std::string>& args) {
  const char* root = std::getenv("TERN_ROOT");
  if (root == nullptr || *root == '\0') {
    std::cerr << "tern: this command runs in a source checkout: use its "
                 "./tern wrapper (or set TERN_ROOT to the checkout)\n";
    return kExitUsage;
  }
  const std::string path = std::string(root) + "/tools/campaign/" + script;
  if (access(path.c_str(), R_OK) != 0) {
    std::cerr << "tern: cannot read " << path << ": " << std::strerror(errno)
              << "\n";
    return kExitNoInput;
  }
  std::vector<std::string> argv_strings = {"python3", "-B", path};
  argv_strings.insert(argv_strings.end(), args.begin(), args.end());
  std::vector<char*> argv;
  for (std::string& s : argv_strings) argv.push_back(s.data());
  argv.push_back(nullptr);
  execvp("python3", argv.data());
  std::cerr << "tern: cannot run python3: " << std::strerror(errno)
            << " (bash tools/setup.sh installs it)\n";
  return 70;
}

}  // namespace tern
