#include "project/project_files.h"

#include <algorithm>

#include "project/disk_tree.h"
#include "project/file_discovery.h"
#include "project/module_name.h"
#include "project/revision_tree.h"

namespace kensa::project {

int ProjectFiles::FindPath(std::string_view path) const {
  auto it = std::lower_bound(files.begin(), files.end(), path,
                             [](const SourceFile& f, std::string_view p) { return f.path < p; });
  if (it == files.end() || it->path != path) return -1;
  return static_cast<int>(it - files.begin());
}

bool LoadProject(std::unique_ptr<SourceTree> tree, const LayoutOptions& layout_options,
                 ProjectFiles* project, std::string* error) {
  project->tree = std::move(tree);
  if (!DetectLayout(*project->tree, layout_options, &project->layout, &project->diagnostics,
                    error)) {
    return false;
  }
  DiscoveredFiles found = DiscoverFiles(*project->tree);
  for (Diagnostic& d : found.diagnostics) project->diagnostics.push_back(std::move(d));
  project->files.clear();
  project->files.reserve(found.paths.size());
  for (std::string& path : found.paths) {
    SourceFile f;
    f.module = ModuleNameForPath(path, project->layout.source_roots);
    f.is_package = IsPackageInit(path);
    f.path = std::move(path);
    project->files.push_back(std::move(f));
  }
  return true;
}

bool OpenProject(const OpenOptions& options, ProjectFiles* project, std::string* error) {
  std::optional<ProjectRoot> root = FindProjectRoot(options.start_dir, error);
  if (!root) return false;
  std::unique_ptr<SourceTree> tree;
  if (options.revision.empty()) {
    tree = std::make_unique<DiskTree>(root->root);
  } else {
    if (!root->in_git) {
      *error = options.start_dir + ": not a git repository; --rev needs one";
      return false;
    }
    tree = OpenRevisionTree(root->root, options.revision, error);
    if (!tree) return false;
  }
  if (!root->warning.empty()) {
    Diagnostic d;
    d.severity = Diagnostic::Severity::kWarning;
    d.path = options.start_dir;
    d.message = root->warning;
    project->diagnostics.push_back(std::move(d));
  }
  project->root = std::move(*root);
  LayoutOptions layout_options;
  layout_options.preset = options.preset;
  return LoadProject(std::move(tree), layout_options, project, error);
}

}  // namespace kensa::project
