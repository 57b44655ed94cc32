// Import resolution: every import of every file turned into edges between project files, the
// way Python would find them — relative imports against the file's package, a package before a
// module of the same name, `import a.b.c` to a/b/c.py, and `from pkg import Name` followed
// through the package's bindings, lazy `_import_structure` exports and star imports down to
// the module that defines Name (the __init__ files passed through are kept as the edge's
// `via`). What cannot be resolved is reported, never dropped; imports of modules outside the
// project are recorded as external (standard library or third party).
//
// Pure function of the files, the module table and the summaries; runs on one thread.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "index/module_summary.h"
#include "index/module_table.h"
#include "project/project_files.h"

namespace kensa::index {

inline constexpr uint32_t kNoName = UINT32_MAX;

struct ImportEdge {
  enum class How : uint8_t {
    kModule,        // `import a.b` / `from a import b` where b is a module
    kName,          // `from a import Name`, Name found (through `via`) in `to`
    kNameNotFound,  // `from a import Name`, Name not found; `to` is a's file
    kScriptLocal,   // found next to the importing file (a script's own folder on sys.path)
  };
  FileId from = kNoFile;
  FileId to = kNoFile;
  uint32_t line = 0;
  uint16_t flags = 0;  // the statement's ImportFlag bits
  How how = How::kModule;
  bool to_dummy = false;          // the name resolved to a dummy object
  uint32_t import_index = 0;      // into summaries[from].imports
  uint32_t name_index = kNoName;  // into that import's names; kNoName for `import x`
  uint32_t via_begin = 0;         // the re-export hops, in ResolvedImports::via
  uint32_t via_count = 0;
};

struct ExternalImport {
  FileId from = kNoFile;
  uint32_t line = 0;
  uint16_t flags = 0;
  std::string module;  // the absolute module name as imported
  bool stdlib = false;
};

struct UnresolvedImport {
  FileId from = kNoFile;
  uint32_t line = 0;
  uint16_t flags = 0;
  std::string module;  // the absolute module name (relative ones made absolute when possible)
  std::string name;    // the imported name, "" for `import x`
  std::string reason;
};

struct ResolvedImports {
  std::vector<ImportEdge> edges;  // grouped by `from`, in source order within a file
  std::vector<FileId> via;
  std::vector<ExternalImport> externals;
  std::vector<UnresolvedImport> unresolved;
};

ResolvedImports ResolveImports(const project::ProjectFiles& files, const ModuleTable& modules,
                               const std::vector<ModuleSummary>& summaries);

}  // namespace kensa::index
