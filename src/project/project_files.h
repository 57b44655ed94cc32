// ProjectFiles: a project as the layers below see it — its root, layout and preset, the tree
// its files are read from (the work tree, or a git revision), and every Python file with its
// module name. Built once per run by OpenProject; immutable afterwards and safe to share
// between threads (the tree's const methods are thread-safe).
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "project/diagnostic.h"
#include "project/layout.h"
#include "project/project_root.h"
#include "project/source_tree.h"

namespace kensa::project {

struct SourceFile {
  std::string path;         // relative to the root, '/'-separated
  std::string module;       // dotted module name ("" for a root-level __init__.py)
  bool is_package = false;  // an __init__.py
};

struct ProjectFiles {
  ProjectRoot root;
  Layout layout;
  std::unique_ptr<SourceTree> tree;
  std::vector<SourceFile> files;  // sorted by path
  std::vector<Diagnostic> diagnostics;

  // The file at `path`, or -1.
  int FindPath(std::string_view path) const;
};

struct OpenOptions {
  std::string start_dir = ".";  // -C DIR
  std::string preset;           // --preset; "" = detect
  std::string revision;         // --rev; "" = the work tree
};

// Finds the root from options.start_dir, detects the layout and discovers the files. Fatal
// problems (no such directory, unknown preset, a revision outside git) return false with
// *error; everything else becomes a diagnostic in the result.
bool OpenProject(const OpenOptions& options, ProjectFiles* project, std::string* error);

// The same over a tree already at hand (tests use a MemoryTree).
bool LoadProject(std::unique_ptr<SourceTree> tree, const LayoutOptions& layout_options,
                 ProjectFiles* project, std::string* error);

}  // namespace kensa::project
