#include "cli/check_suite.h"

#include <algorithm>
#include <cstdio>
#include <optional>

#include "base/thread_pool.h"
#include "cli/command.h"
#include "cli/json_writer.h"

namespace kensa::cli {

std::vector<const RepositoryCheck*> SelectChecks(const std::vector<std::string>& only,
                                                 const std::vector<std::string>& skip,
                                                 std::string* unknown) {
  for (const std::vector<std::string>* names : {&only, &skip}) {
    for (const std::string& name : *names) {
      if (FindRepositoryCheck(name) != nullptr) continue;
      *unknown = name;
      return {};
    }
  }
  auto listed = [](const std::vector<std::string>& names, const char* name) {
    return std::find(names.begin(), names.end(), name) != names.end();
  };
  std::vector<const RepositoryCheck*> selected;
  for (const RepositoryCheck& c : RepositoryChecks()) {
    if (only.empty() ? !c.by_default : !listed(only, c.name)) continue;
    if (listed(skip, c.name)) continue;
    selected.push_back(&c);
  }
  return selected;
}

bool AnyNeedsPackage(const std::vector<const RepositoryCheck*>& checks) {
  return std::any_of(checks.begin(), checks.end(),
                     [](const RepositoryCheck* c) { return c->needs_package; });
}

std::vector<CheckRunResult> RunCheckSet(const CheckProject& project,
                                        const std::vector<const RepositoryCheck*>& checks,
                                        const CheckCommandOptions& options, bool stop_at_failure) {
  std::vector<CheckRunResult> results(checks.size());
  auto run = [&](size_t i) {
    const RepositoryCheck* c = checks[i];
    CheckCommandOptions check_options = options;
    check_options.fix = options.fix && c->fixes;
    results[i].code = c->run(project, check_options, &results[i].output);
  };
  if (!options.fix) {
    ParallelFor(checks.size(), run);
    return results;
  }
  for (size_t i = 0; i < checks.size(); ++i) {
    run(i);
    if (stop_at_failure && results[i].code != kExitOk) {
      results.resize(i + 1);
      break;
    }
  }
  return results;
}

render::Json CheckSetJson(const std::vector<const RepositoryCheck*>& checks,
                          const std::vector<CheckRunResult>& results) {
  render::Json list = render::Json::array();
  std::vector<std::string> failed;
  for (size_t i = 0; i < results.size(); ++i) {
    render::Json entry = render::Json::object();
    entry["name"] = checks[i]->name;
    entry["script"] = checks[i]->script;
    entry["exit"] = results[i].code;
    const render::Json* result = results[i].output.json();
    entry["result"] = result != nullptr ? *result : render::Json();
    list.push_back(std::move(entry));
    if (results[i].code != kExitOk) failed.push_back(checks[i]->name);
  }
  render::Json doc = render::Json::object();
  doc["checks"] = std::move(list);
  doc["failed"] = failed;
  return doc;
}

int RunChecks(const std::string& command, const std::vector<const RepositoryCheck*>& checks,
              const CheckCommandOptions& options, Ending ending) {
  if (!ValidCheckFormat(command, options.format)) return kExitUsage;
  std::optional<CheckProject> project =
      OpenCheckProject(command, options.directory, options.preset, AnyNeedsPackage(checks));
  if (!project) return kExitUsage;
  std::vector<CheckRunResult> results =
      RunCheckSet(*project, checks, options, ending == Ending::kStopAtFailure);
  const size_t ran = results.size();

  int worst = kExitOk;
  size_t failed = 0;
  for (const CheckRunResult& r : results) {
    worst = std::max(worst, r.code);
    failed += r.code != kExitOk;
  }

  if (options.json) {
    std::string line = JsonLine(CheckSetJson(checks, results));
    std::fwrite(line.data(), 1, line.size(), stdout);
    // A check that could not run says why on stderr, not in its JSON.
    for (const CheckRunResult& r : results) {
      if (r.output.json() == nullptr) r.output.Flush();
    }
    return worst;
  }

  for (size_t i = 0; i < ran; ++i) {
    results[i].output.Flush();
    if (results[i].code != kExitOk && ending == Ending::kSummary) {
      std::fprintf(stderr, "kensa %s: %s (%s) failed with exit code %d\n", command.c_str(),
                   checks[i]->name, checks[i]->script, results[i].code);
    }
  }
  if (ending == Ending::kSummary) {
    std::fprintf(stderr, "kensa %s: %zu check%s, %zu failed\n", command.c_str(), checks.size(),
                 checks.size() == 1 ? "" : "s", failed);
  }
  return worst;
}

}  // namespace kensa::cli
