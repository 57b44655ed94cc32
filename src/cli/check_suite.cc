#include "cli/check_suite.h"

#include <algorithm>
#include <cstdio>
#include <optional>

#include "base/thread_pool.h"
#include "cli/command.h"
#include "cli/json_writer.h"

namespace kensa::cli {

int RunChecks(const std::string& command, const std::vector<const RepositoryCheck*>& checks,
              const CheckCommandOptions& options, Ending ending) {
  if (!ValidCheckFormat(command, options.format)) return kExitUsage;
  bool needs_package = false;
  for (const RepositoryCheck* c : checks) needs_package = needs_package || c->needs_package;
  std::optional<CheckProject> project =
      OpenCheckProject(command, options.directory, options.preset, needs_package);
  if (!project) return kExitUsage;

  std::vector<CheckOutput> outputs(checks.size());
  std::vector<int> codes(checks.size(), kExitOk);
  size_t ran = checks.size();
  auto run = [&](size_t i) {
    const RepositoryCheck* c = checks[i];
    CheckCommandOptions check_options = options;
    check_options.fix = options.fix && c->fixes;
    codes[i] = c->run(*project, check_options, &outputs[i]);
  };
  if (options.fix) {
    for (size_t i = 0; i < checks.size(); ++i) {
      run(i);
      if (ending == Ending::kStopAtFailure && codes[i] != kExitOk) {
        ran = i + 1;
        break;
      }
    }
  } else {
    ParallelFor(checks.size(), run);
  }

  int worst = kExitOk;
  std::vector<std::string> failed;
  for (size_t i = 0; i < ran; ++i) {
    worst = std::max(worst, codes[i]);
    if (codes[i] != kExitOk) failed.push_back(checks[i]->name);
  }

  if (options.json) {
    render::Json doc = render::Json::object();
    render::Json list = render::Json::array();
    for (size_t i = 0; i < ran; ++i) {
      render::Json entry = render::Json::object();
      entry["name"] = checks[i]->name;
      entry["script"] = checks[i]->script;
      entry["exit"] = codes[i];
      const render::Json* result = outputs[i].json();
      entry["result"] = result != nullptr ? *result : render::Json();
      list.push_back(std::move(entry));
    }
    doc["checks"] = std::move(list);
    doc["failed"] = failed;
    std::string line = JsonLine(doc);
    std::fwrite(line.data(), 1, line.size(), stdout);
    // A check that could not run says why on stderr, not in its JSON.
    for (size_t i = 0; i < ran; ++i) {
      if (outputs[i].json() == nullptr) outputs[i].Flush();
    }
    return worst;
  }

  for (size_t i = 0; i < ran; ++i) {
    outputs[i].Flush();
    if (codes[i] != kExitOk && ending == Ending::kSummary) {
      std::fprintf(stderr, "kensa %s: %s (%s) failed with exit code %d\n", command.c_str(),
                   checks[i]->name, checks[i]->script, codes[i]);
    }
  }
  if (ending == Ending::kSummary) {
    std::fprintf(stderr, "kensa %s: %zu check%s, %zu failed\n", command.c_str(), checks.size(),
                 checks.size() == 1 ? "" : "s", failed.size());
  }
  return worst;
}

}  // namespace kensa::cli
