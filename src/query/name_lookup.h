// Name lookup: what every name-based query (def, refs, callers, callees, why) does first — turn
// the name a person types into definitions of the project.
//
// A name is one of
//   - a PyCG name: the module path from the root plus the qualified name
//     (`transformers.dynamic_module_utils._sanitize_module_name`,
//     `http.cookies.BaseCookie.__setitem__`), followed as Python would find the attribute:
//     through imports and re-exports (`from .x import y` in an __init__), lazy
//     `_import_structure` exports, `TYPE_CHECKING` imports, star imports, name-to-name
//     bindings (`path = posixpath`, `__iter__ = keys`) and, for a class's member, its bases;
//   - a bare or partial name (`_sanitize_module_name`, `Morsel.set`, `cookies.Morsel.set`):
//     every definition whose PyCG name ends with it at a dot, ranked;
//   - `path.py:LINE`: the innermost class or function holding that line (the module if none).
// Every match is returned, best first: an ambiguous name is never narrowed silently.
//
// Reads only the index's summaries (module_summary.h: scopes, bindings, imports, lazy exports),
// so no file is parsed. Pure; thread-safe over an immutable ProjectIndex.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "index/project_index.h"

namespace kensa::query {

enum class SymbolKind : uint8_t { kModule, kClass, kFunction, kVariable };
std::string_view SymbolKindName(SymbolKind kind);  // "module", "class", "function", "variable"

// A definition of the project: a module, or a class, function or variable of one of its files.
struct Symbol {
  index::FileId file = index::kNoFile;
  std::string qualname;  // within the module; "" for the module itself
  SymbolKind kind = SymbolKind::kModule;
  uint32_t line = 1;        // the `def`/`class`/assignment; 1 for a module
  uint32_t column = 0;      // 0-based
  uint32_t first_line = 1;  // its first decorator, else `line`
  uint32_t end_line = 1;

  bool operator==(const Symbol& o) const { return file == o.file && qualname == o.qualname; }
};

// One step from the name asked for to its definition: where a name was bound to something
// defined elsewhere.
struct LookupHop {
  enum class How : uint8_t {
    kImport,      // `from x import y` / `import x as y`
    kLazyExport,  // `_import_structure["x"] = ["y"]` of a lazy __init__
    kStarImport,  // `from x import *`
    kBinding,     // `y = x.z` at module or class level
    kInherited,   // a class member found on a base class
  };
  How how = How::kImport;
  index::FileId file = index::kNoFile;  // where the binding is
  uint32_t line = 0;
  std::string name;  // the name bound there (PyCG)
};
std::string_view HopHowName(LookupHop::How how);  // "import", "lazy-export", ...

struct NameMatch {
  Symbol symbol;
  std::string name;  // the definition's PyCG name
  enum class By : uint8_t { kExact, kSuffix, kLine } by = By::kExact;
  std::vector<LookupHop> via;  // from the name asked for to the definition
};

struct LookupResult {
  std::vector<NameMatch> matches;  // best first
  std::string error;               // the name cannot be read (a bad `path:LINE`)
};

// `query` as typed by a person; a path in `path.py:LINE` is relative to the project root.
LookupResult LookupName(const index::ProjectIndex& index, std::string_view query);

// Follows `dotted` (`a.b.C.m`) from module `file` as Python would look it up; appends every
// definition it can name to *out (several when conditional branches define it twice).
void ResolveMember(const index::ProjectIndex& index, index::FileId file, std::string_view dotted,
                   std::vector<NameMatch>* out);

// Follows an absolute `dotted` name (`pkg.mod.f`) from the top, as a full name is looked up.
void ResolveDotted(const index::ProjectIndex& index, std::string_view dotted,
                   std::vector<NameMatch>* out);

// The absolute module a `from <dots><module> import` of `file` names.
std::string ImportedModule(const project::SourceFile& file, int level, std::string_view module);

// The PyCG name of a definition: module + "." + qualname (the module alone for "").
std::string PycgName(const index::ProjectIndex& index, const Symbol& symbol);

// Every class, function and variable of one file as Symbols, in source order (module-level
// variables from its definitions, the rest from its scopes).
std::vector<Symbol> FileSymbols(const index::ProjectIndex& index, index::FileId file);

// The innermost class or function of `file` whose lines hold `line`; the module if none.
Symbol SymbolAtLine(const index::ProjectIndex& index, index::FileId file, uint32_t line);

}  // namespace kensa::query
