#include "cli/graph_compat.h"

#include <cstdio>

#include "cli/command.h"
#include "cli/index_render.h"
#include "cli/json_writer.h"
#include "git/repository.h"
#include "select/fetcher_graph.h"
#include "select/fetcher_imports.h"
#include "select/fetcher_preset.h"
#include "select/snapshot.h"

namespace kensa::cli {

int RunCompatGraph(const IndexCommandOptions& options, const std::string& compat,
                   const std::string& format) {
  auto fail = [](const std::string& message, int code) {
    std::fprintf(stderr, "kensa: error: %s\n", message.c_str());
    return code;
  };
  if (compat != "tests-fetcher") return fail("unknown --compat mode '" + compat + "'", kExitUsage);
  select::FetcherPreset preset = select::DiffusersPreset();
  if (!options.preset.empty() && options.preset != preset.name) {
    return fail("--compat tests-fetcher reproduces diffusers' tests_fetcher.py only", kExitUsage);
  }
  git::Result<git::Repository> repo = git::Repository::Discover(options.directory);
  if (!repo) return fail(repo.error().message + " (--compat needs a git repository)", kExitUsage);
  git::Result<git::Oid> commit =
      repo->ResolveCommit(options.revision.empty() ? "HEAD" : options.revision);
  if (!commit) return fail(commit.error().message, kExitUsage);
  // Without --rev the reference reads the work tree as it is, uncommitted changes included.
  git::Result<select::Snapshot> snapshot = [&]() -> git::Result<select::Snapshot> {
    if (!options.revision.empty()) return select::Snapshot::FromCommit(*repo, *commit);
    git::Result<std::vector<git::TreeChange>> changes = repo->DiffCommitToWorkTree(*commit);
    if (!changes) return changes.error();
    return select::Snapshot::FromWorkTree(*repo, *commit, *changes);
  }();
  if (!snapshot) return fail(snapshot.error().message, kExitUsage);
  select::FetcherImportScanner scanner(preset.package);
  select::FetcherGraph graph = select::FetcherGraph::Build(*snapshot, scanner, preset);
  if (graph.error()) {
    std::fprintf(stderr, "kensa: warning: the reference would stop here: %s\n",
                 graph.error()->c_str());
  }
  std::string out;
  if (format == "json") {
    JsonWriter w(&out);
    w.BeginObject().Key("compat").String(compat).Key("direct").BeginObject();
    for (const std::string& module : graph.modules()) {
      w.EscapedKey(module).BeginArray();
      for (const std::string& dep : graph.DirectDependencies(module)) w.String(dep);
      w.EndArray();
    }
    w.EndObject().EndObject();
    w.Finish();
    out += "\n";
  } else {
    for (const std::string& module : graph.modules()) {
      for (const std::string& dep : graph.DirectDependencies(module)) {
        out += module + " -> " + dep + "\n";
      }
    }
  }
  PrintText(out);
  return kExitOk;
}

}  // namespace kensa::cli
