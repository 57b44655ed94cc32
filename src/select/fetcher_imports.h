// The import map of the reference tests_fetcher.py (`extract_imports`), reproduced exactly:
// four regular expressions over the file text with its """-docstrings removed — relative
// `from .x import a, b` on one line or in parentheses, and `from <package>.x import ...` the
// same two ways — then each module path checked against the repository as the script does
// (x.py, else x/__init__.py, else kept as is), and only names made of [A-Za-z0-9_] kept.
// Lines whose names contain "# tests_ignore" are skipped, as in the reference.
//
// This is NOT Python's import semantics (plain `import x`, `from . import x` and most
// multi-line forms are invisible to it); it exists so `kensa tests` selects what the reference
// selects. The regexes run in PCRE2 with Python's `\s` (29 code points) spelled out, and only
// where a `from` starts a line, so the cost is a scan for newlines plus a few matches.
//
// FetcherImportScanner is immutable after construction and safe to share between threads.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace kensa::select {

// The questions the reference asks the file system about module paths, answered for the
// snapshot being analysed. Paths are relative to the repository root, as the script builds
// them (they may hold "//" or "." components, which the file system ignores).
class FileQuery {
 public:
  virtual ~FileQuery() = default;
  virtual bool IsFile(std::string_view path) const = 0;
  virtual bool IsDirectory(std::string_view path) const = 0;
};

// One regex match: the module as written ("..utils", ".models.unet") and the text of the
// imported names, before splitting on commas.
struct RawFetcherImport {
  std::string module;
  std::string names;
  bool relative = false;
};

// One entry of extract_imports' result: a module file ("src/pkg/x.py", "src/pkg/sub/__init__.py",
// or an unresolved path such as "src/pkg/missing") and the names imported from it.
struct FetcherImport {
  std::string module_file;
  std::vector<std::string> names;
  bool operator==(const FetcherImport&) const = default;
};

class FetcherImportScanner {
 public:
  // `package` is the library's import name ("diffusers"); its sources are src/<package>/.
  explicit FetcherImportScanner(std::string_view package);
  ~FetcherImportScanner();
  FetcherImportScanner(const FetcherImportScanner&) = delete;
  FetcherImportScanner& operator=(const FetcherImportScanner&) = delete;

  const std::string& package() const { return package_; }

  // The four findall() results of the reference, filtered as it filters them, in its order.
  // `text` is the file's text with """-delimited pieces already removed.
  std::vector<RawFetcherImport> Scan(std::string_view text) const;

  // extract_imports(module_fname) on the decoded, newline-translated `content`: Resolve of
  // Scan of RemoveTripleDoubleQuoted(content).
  std::vector<FetcherImport> Extract(std::string_view module_fname, std::string_view content,
                                     const FileQuery& files) const;
  // The second half of extract_imports: each match of `module_fname`'s text made a module file
  // of the repository (x.py, else x/__init__.py, else the path as it is) with its names. Only
  // this half depends on the other files, so the first half can be cached per content.
  std::vector<FetcherImport> Resolve(std::string_view module_fname,
                                     const std::vector<RawFetcherImport>& raw,
                                     const FileQuery& files) const;

 private:
  struct Patterns;
  std::string package_;
  std::unique_ptr<Patterns> patterns_;
};

// The text extract_imports searches: `"".join(content.split('"""')[::2])`.
std::string RemoveTripleDoubleQuoted(std::string_view content);

}  // namespace kensa::select
