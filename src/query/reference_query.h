// FindReferences: `kensa refs NAME` — the places in a project that read, call or import one
// definition, each with its file:line:col and the function it sits in.
//
// Only files that can name the definition are parsed: its own file, the files importing it,
// and the files importing a module that re-exports it (an __init__, `os` for `os.path`). In
// each, every name and attribute chain ending in the definition's name is resolved as a name
// would be (query/name_lookup.h) from the scope it is in: module-level names through the
// file's imports and bindings, imports inside functions, `self.m`/`cls.m` in the methods of
// the class and its subclasses, `super().m`. A local variable of the same name shadows it.
// Not found: attribute calls on receivers whose class is not known (`model.m()` with `model`
// a parameter) — the call graph's hierarchy fallback is for those.
//
// Pure over an immutable index; files are read through its SourceTree and parsed in parallel.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "index/project_index.h"
#include "query/name_lookup.h"

namespace kensa::query {

struct Reference {
  enum class Kind : uint8_t { kRead, kCall, kImport };
  index::FileId file = index::kNoFile;
  uint32_t line = 0;
  uint32_t column = 0;   // 0-based, of the referring name (the attribute's own name in a.b.c)
  std::string function;  // the enclosing function, PyCG style (the module at top level)
  Kind kind = Kind::kRead;
  std::string how;   // "name", "attribute", "self", "super", "import"
  std::string text;  // the expression as written: "os.path.join", "self.set"
};
std::string_view ReferenceKindName(Reference::Kind kind);  // "read", "call", "import"

struct RefsOptions {
  size_t limit = 100;  // references returned; the rest are counted
  unsigned threads = 0;
};

struct RefsResult {
  std::vector<Reference> refs;        // by path, line, column; at most options.limit
  size_t total = 0;                   // found before the limit
  size_t files_searched = 0;          // files parsed
  std::vector<std::string> problems;  // "path: reason" of candidates that could not be read
};

// The files that can name a definition of `file`: itself, its importers, and the importers of
// a module that imports it at module level (sorted ids).
std::vector<index::FileId> FilesNaming(const index::ProjectIndex& index, index::FileId file);

RefsResult FindReferences(const index::ProjectIndex& index, const Symbol& target,
                          const RefsOptions& options);

}  // namespace kensa::query
