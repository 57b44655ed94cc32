#include "query/call_query.h"

#include <algorithm>
#include <deque>
#include <filesystem>
#include <functional>
#include <map>
#include <set>

#include "query/call_graph.h"
#include "query/reference_query.h"

namespace kensa::query {
namespace {

namespace fs = std::filesystem;
using index::FileId;

// The folder module names start from: the file's path minus its module path.
std::string PackageRoot(const index::ProjectIndex& index, FileId file) {
  const project::SourceFile& f = index.file(file);
  std::string tail = f.module;
  std::replace(tail.begin(), tail.end(), '.', '/');
  tail += f.is_package ? "/__init__.py" : ".py";
  std::string root = index.files().root.root;
  if (f.path.size() > tail.size() && f.path.ends_with(tail)) {
    root.append("/").append(f.path, 0, f.path.size() - tail.size() - 1);
  }
  return root;
}

class GraphRun {
 public:
  GraphRun(const index::ProjectIndex& index, FileId anchor)
      : index_(index), package_root_(PackageRoot(index, anchor)) {}

  void Build(const std::set<FileId>& entries, CallQueryResult* result) {
    std::vector<std::string> paths;
    for (FileId f : entries) {
      if (PackageRoot(index_, f) != package_root_) continue;  // named from another root
      std::string path = index_.files().root.root;
      paths.push_back(path.append("/").append(index_.file(f).path));
    }
    CallGraphOptions options;
    options.root = package_root_;
    options.time_budget_ms = 3000;  // an answer, marked incomplete, rather than a long wait
    // The entry files' functions run; the import closure's only once called.
    options.demand_driven = true;
    graph_ = CallGraph::Build(paths, options);
    result->incomplete = !graph_.complete();
    std::set<std::string> files;
    for (const ScopeInfo& s : graph_.scopes()) files.insert(s.file);
    result->files = files.size();
    result->problems.clear();
    for (const CallGraphProblem& p : graph_.problems()) {
      std::string problem = p.file;
      problem.append(":").append(std::to_string(p.line)).append(": ").append(p.message);
      result->problems.push_back(std::move(problem));
    }
  }

  const CallGraph& graph() const { return graph_; }

  CallHop Hop(const CallEdge& e) const {
    CallHop h;
    h.caller = graph_.scopes()[e.caller].name;
    h.callee = e.callee_name;
    h.file = RootRelative(e.file);
    h.line = e.line;
    h.column = e.col;
    h.how = std::string(EdgeHowName(e.how));
    h.note = e.note;
    return h;
  }

  void NoteUnresolved(const std::set<int32_t>& scopes, CallQueryResult* result) const {
    for (const UnresolvedCall& u : graph_.unresolved()) {
      if (!scopes.count(u.caller)) continue;
      if (result->unresolved++ < 5) {
        std::string note = RootRelative(u.file);
        note.append(":").append(std::to_string(u.line)).append(": ").append(u.callee_text);
        result->unresolved_examples.push_back(
            note.append(" in ").append(graph_.scopes()[u.caller].name));
      }
    }
  }

 private:
  std::string RootRelative(const std::string& path) const {
    std::error_code ec;
    fs::path abs = fs::weakly_canonical(fs::absolute(path, ec), ec);
    fs::path rel = abs.lexically_relative(index_.files().root.root);
    std::string s = rel.string();
    return s.empty() || s.starts_with("..") ? path : s;
  }

  const index::ProjectIndex& index_;
  std::string package_root_;
  CallGraph graph_ = CallGraph::Build({}, {});
};

}  // namespace

CallQueryResult FindCallers(const index::ProjectIndex& index, const NameMatch& target,
                            const CallQueryOptions& options) {
  CallQueryResult result;
  GraphRun run(index, target.symbol.file);
  std::set<FileId> entries;
  std::vector<std::string> frontier = {target.name};
  std::set<std::string> seen = {target.name};
  std::vector<CallHop> hops;
  for (int level = 1; level <= std::max(1, options.depth) && !frontier.empty(); ++level) {
    // The files that can call the functions of this level join the graph.
    for (const std::string& name : frontier) {
      LookupResult lookup = LookupName(index, name);
      for (const NameMatch& m : lookup.matches) {
        if (m.by != NameMatch::By::kExact) continue;
        for (FileId f : FilesNaming(index, m.symbol.file)) entries.insert(f);
      }
    }
    run.Build(entries, &result);
    std::vector<std::string> next;
    std::set<int32_t> explored;
    for (const std::string& name : frontier) {
      int32_t scope = run.graph().FindScope(name);
      if (scope < 0) {
        if (level == 1) result.found_scope = false;
        continue;
      }
      for (const CallEdge& e : run.graph().Callers(scope)) {
        CallHop h = run.Hop(e);
        h.depth = level;
        explored.insert(e.caller);
        if (seen.insert(h.caller).second) next.push_back(h.caller);
        hops.push_back(std::move(h));
      }
    }
    frontier = std::move(next);
  }
  std::stable_sort(hops.begin(), hops.end(), [](const CallHop& a, const CallHop& b) {
    return std::tie(a.depth, a.file, a.line, a.column) <
           std::tie(b.depth, b.file, b.line, b.column);
  });
  result.total = hops.size();
  if (hops.size() > options.limit) hops.resize(options.limit);
  result.hops = std::move(hops);
  return result;
}

CallQueryResult FindCallees(const index::ProjectIndex& index, const NameMatch& target,
                            const CallQueryOptions& options) {
  CallQueryResult result;
  GraphRun run(index, target.symbol.file);
  run.Build({target.symbol.file}, &result);
  int32_t scope = run.graph().FindScope(target.name);
  if (scope < 0) {
    result.found_scope = false;
    return result;
  }
  for (const CallEdge& e : run.graph().Callees(scope)) result.hops.push_back(run.Hop(e));
  run.NoteUnresolved({scope}, &result);
  result.total = result.hops.size();
  if (result.hops.size() > options.limit) result.hops.resize(options.limit);
  return result;
}

CallQueryResult FindCallPaths(const index::ProjectIndex& index, const NameMatch& from,
                              const std::vector<NameMatch>& to, const CallQueryOptions& options) {
  CallQueryResult result;
  GraphRun run(index, from.symbol.file);
  // FROM's import closure, and the files that can call TO, the files that can call those,
  // ... (three levels): a path may leave FROM's imports through a call on a value of unknown
  // class (`model_class.from_pretrained()` with model_class from a mapping).
  std::set<FileId> entries = {from.symbol.file};
  std::set<FileId> level;
  for (const NameMatch& m : to) level.insert(m.symbol.file);
  for (int i = 0; i < 3 && !level.empty() && entries.size() < 400; ++i) {
    std::set<FileId> next;
    for (FileId f : level) {
      for (FileId n : FilesNaming(index, f)) {
        if (entries.insert(n).second) next.insert(n);
      }
    }
    level = std::move(next);
  }
  run.Build(entries, &result);
  const CallGraph& g = run.graph();
  int32_t start = g.FindScope(from.name);
  if (start < 0) {
    result.found_scope = false;
    return result;
  }
  std::set<int32_t> targets;
  for (const NameMatch& m : to) {
    int32_t s = g.FindScope(m.name);
    if (s >= 0) targets.insert(s);
  }
  // Paths by increasing length (iterative deepening over simple paths), one per sequence of
  // functions (the first call site of each pair), bounded in length, number and steps.
  std::map<int32_t, std::vector<CallEdge>> callees;  // first call site per (caller, callee)
  auto out_of = [&](int32_t s) -> const std::vector<CallEdge>& {
    auto it = callees.find(s);
    if (it != callees.end()) return it->second;
    std::vector<CallEdge> edges;
    std::set<int32_t> seen;
    for (CallEdge& e : g.Callees(s)) {
      if (e.callee >= 0 && seen.insert(e.callee).second) edges.push_back(std::move(e));
    }
    return callees.emplace(s, std::move(edges)).first->second;
  };
  std::vector<std::vector<CallHop>> paths;
  std::vector<const CallEdge*> stack;
  std::set<int32_t> on_path = {start};
  std::set<int32_t> explored;
  size_t steps = 0;
  constexpr size_t kMaxSteps = 200000;
  std::function<void(int32_t, int)> walk = [&](int32_t s, int left) {
    if (paths.size() > options.limit || ++steps > kMaxSteps) return;
    explored.insert(s);
    for (const CallEdge& e : out_of(s)) {
      if (on_path.count(e.callee)) continue;
      stack.push_back(&e);
      if (left == 1) {
        if (targets.count(e.callee)) {
          std::vector<CallHop> path;
          for (const CallEdge* h : stack) path.push_back(run.Hop(*h));
          paths.push_back(std::move(path));
        }
      } else if (!targets.count(e.callee)) {
        on_path.insert(e.callee);
        walk(e.callee, left - 1);
        on_path.erase(e.callee);
      }
      stack.pop_back();
    }
  };
  for (int length = 1;
       length <= options.max_length && paths.size() <= options.limit && steps <= kMaxSteps;
       ++length) {
    walk(start, length);
  }
  run.NoteUnresolved(explored, &result);
  result.truncated = steps > kMaxSteps;
  std::stable_sort(paths.begin(), paths.end(),
                   [](const auto& a, const auto& b) { return a.size() < b.size(); });
  result.total = paths.size();
  if (paths.size() > options.limit) paths.resize(options.limit);
  result.paths = std::move(paths);
  return result;
}

}  // namespace kensa::query
