#include "select/fetcher_graph.h"

#include <algorithm>
#include <deque>
#include <functional>
#include <mutex>

#include "select/import_structure.h"
#include "select/python_text.h"

namespace kensa::select {

namespace {

// What extract_imports yields for one file, or the exception reading it raises.
struct Extraction {
  bool done = false;
  std::optional<std::string> error;
  std::vector<FetcherImport> imports;
};

// The text the reference reads from a file: strict UTF-8, universal newlines.
std::optional<std::string> DecodeOrError(const std::string& bytes, std::string* text) {
  if (std::optional<std::string> error = Utf8DecodeError(bytes)) return error;
  *text = TranslateNewlines(bytes);
  return std::nullopt;
}

// os.path.join(a, b) for a relative b.
std::string JoinPath(const std::string& a, const std::string& b) {
  if (a.empty() || a.back() == '/') return a + b;
  return a + "/" + b;
}

// str.replace(old, "") for every occurrence.
std::string RemoveAll(std::string text, std::string_view what) {
  size_t pos = 0;
  while ((pos = text.find(what, pos)) != std::string::npos) text.erase(pos, what.size());
  return text;
}

class Extractor {
 public:
  Extractor(const Snapshot& snapshot, const FetcherImportScanner& scanner, FetcherScanCache* cache)
      : snapshot_(snapshot), scanner_(scanner), reader_(snapshot), cache_(cache) {}

  // Fills the table for many files at once: those the scan cache knows are resolved from it,
  // the others read and scanned in parallel (and added to the cache).
  void Prefetch(const std::vector<std::string>& paths, unsigned threads) {
    std::vector<std::string> to_read;
    for (const std::string& path : paths) {
      if (const ScannedFile* known = Cached(path)) {
        table_[path] = FromScan(path, *known);
      } else {
        to_read.push_back(path);
      }
    }
    std::vector<std::optional<ScannedFile>> scans(to_read.size());
    reader_.ReadAll(
        to_read,
        [&](size_t i, const std::string* bytes, const std::string& /*error*/) {
          if (bytes != nullptr) scans[i] = ScanBytes(*bytes);
        },
        threads);
    for (size_t i = 0; i < to_read.size(); ++i) Record(to_read[i], std::move(scans[i]));
  }

  // extract_imports(module), from the table.
  const Extraction& Get(const std::string& module) {
    auto it = table_.find(module);
    if (it != table_.end()) return it->second;
    if (const ScannedFile* known = Cached(module)) return table_[module] = FromScan(module, *known);
    git::Result<std::string> bytes = reader_.Read(module);
    Record(module, bytes ? std::optional<ScannedFile>(ScanBytes(*bytes)) : std::nullopt);
    return table_[module];
  }

 private:
  // The blob id naming `path`'s content, when there is a cache to key by it.
  const git::Oid* ContentId(const std::string& path) const {
    if (cache_ == nullptr) return nullptr;
    const Snapshot::File* f = snapshot_.Find(path);
    if (f == nullptr || !f->oid_is_content || f->oid.IsZero()) return nullptr;
    return &f->oid;
  }

  // The cached scan of `path`'s content, if any.
  const ScannedFile* Cached(const std::string& path) const {
    const git::Oid* id = ContentId(path);
    return id == nullptr ? nullptr : cache_->Use(*id);
  }

  // The half of extract_imports that depends on the bytes alone.
  ScannedFile ScanBytes(const std::string& bytes) const {
    ScannedFile scan;
    if (std::optional<std::string> decode = Utf8DecodeError(bytes)) {
      scan.decode_error = std::move(decode);
      return scan;
    }
    // Most files have no '\r': read them as they are, without a copy.
    if (bytes.find('\r') == std::string::npos) {
      scan.imports = scanner_.Scan(RemoveTripleDoubleQuoted(bytes));
    } else {
      scan.imports = scanner_.Scan(RemoveTripleDoubleQuoted(TranslateNewlines(bytes)));
    }
    return scan;
  }

  Extraction FromScan(const std::string& module, const ScannedFile& scan) const {
    Extraction e;
    e.done = true;
    if (scan.decode_error) {
      e.error = scan.decode_error;
    } else {
      e.imports = scanner_.Resolve(module, scan.imports, snapshot_);
    }
    return e;
  }

  // Fills the table for a file just read (nullopt: it could not be read) and the cache.
  void Record(const std::string& module, std::optional<ScannedFile> scan) {
    if (!scan) {
      Extraction e;
      e.done = true;
      e.error = "[Errno 2] No such file or directory: " + PythonRepr(RootPath() + "/" + module);
      table_[module] = std::move(e);
      return;
    }
    table_[module] = FromScan(module, *scan);
    if (const git::Oid* id = ContentId(module)) cache_->Add(*id, std::move(*scan));
  }

  std::string RootPath() const {
    return snapshot_.repository() != nullptr ? snapshot_.repository()->work_dir() : "";
  }

  const Snapshot& snapshot_;
  const FetcherImportScanner& scanner_;
  ContentReader reader_;
  FetcherScanCache* cache_;  // may be null
  std::unordered_map<std::string, Extraction> table_;
};

// "models" in path.split("/") and the file name starts with "convert_": the conversion
// scripts the current transformers fetcher leaves out.
bool IsModelConverter(std::string_view path) {
  size_t slash = path.rfind('/');
  std::string_view name = slash == std::string_view::npos ? path : path.substr(slash + 1);
  if (name.substr(0, 8) != "convert_") return false;
  std::string padded =
      "/" + std::string(path.substr(0, slash == std::string_view::npos ? 0 : slash)) + "/";
  return padded.find("/models/") != std::string::npos;
}

// What the current transformers fetcher takes an __init__.py to import:
// dict(extract_imports(init)) (a module named twice keeps its last names, at its first place),
// then each module of define_import_structure(init), its names added.
std::vector<FetcherImport> InitImportsWithStructure(const std::string& init,
                                                    const std::vector<FetcherImport>& imports,
                                                    ImportStructures& structures) {
  std::vector<FetcherImport> merged;
  auto find = [&](const std::string& module) {
    return std::find_if(merged.begin(), merged.end(),
                        [&](const FetcherImport& e) { return e.module_file == module; });
  };
  for (const FetcherImport& entry : imports) {
    auto it = find(entry.module_file);
    if (it == merged.end()) {
      merged.push_back(entry);
    } else {
      it->names = entry.names;
    }
  }
  const std::string dir = RemoveAll(init, "/__init__.py");
  for (const ImportStructures::Module& module : structures.Of(dir)) {
    // module.replace("__init__.py", f"{_module}.py")
    std::string path;
    size_t pos = 0, found;
    while ((found = init.find("__init__.py", pos)) != std::string::npos) {
      path += init.substr(pos, found - pos) + module.relative + ".py";
      pos = found + 11;
    }
    path += init.substr(pos);
    auto it = find(path);
    if (it == merged.end()) {
      merged.push_back({path, module.names});
      continue;
    }
    for (const std::string& name : module.names) {
      if (std::find(it->names.begin(), it->names.end(), name) == it->names.end()) {
        it->names.push_back(name);
      }
    }
  }
  return merged;
}

// The reference's get_module_dependencies, line for line. Returns the exception's message
// when extract_imports raises. `structures` is set for the current transformers fetcher.
std::optional<std::string> ModuleDependencies(const std::string& module_fname, Extractor& extractor,
                                              const Snapshot& snapshot,
                                              ImportStructures* structures,
                                              std::vector<std::string>* dependencies) {
  const Extraction& first = extractor.Get(module_fname);
  if (first.error) return first.error;
  std::vector<FetcherImport> imported = first.imports;
  // A cycle of inits each re-exporting from the other never ends in the reference either;
  // stop after a generous number of rounds instead of hanging.
  for (int round = 0; !imported.empty() && round < 10000; ++round) {
    std::vector<FetcherImport> next;
    for (FetcherImport& entry : imported) {
      const std::string& module = entry.module_file;
      std::vector<std::string> imports = std::move(entry.names);
      if (structures != nullptr && IsModelConverter(module)) continue;
      if (!IsInitPath(module)) {
        dependencies->push_back(module);
        continue;
      }
      const Extraction& init = extractor.Get(module);
      if (init.error) return init.error;
      // (An init's list can be long, diffusers' top one thousands of names: not copied.)
      std::vector<FetcherImport> with_structure;
      if (structures != nullptr)
        with_structure = InitImportsWithStructure(module, init.imports, *structures);
      const std::vector<FetcherImport>& subs =
          structures != nullptr ? with_structure : init.imports;
      for (const FetcherImport& sub : subs) {
        auto in_sub = [&](const std::string& name) {
          return std::find(sub.names.begin(), sub.names.end(), name) != sub.names.end();
        };
        if (!std::any_of(imports.begin(), imports.end(), in_sub)) continue;
        if (std::find(dependencies->begin(), dependencies->end(), sub.module_file) ==
            dependencies->end()) {
          FetcherImport found{sub.module_file, {}};
          for (const std::string& name : sub.names) {
            if (std::find(imports.begin(), imports.end(), name) != imports.end()) {
              found.names.push_back(name);
            }
          }
          next.push_back(std::move(found));
        }
        imports.erase(std::remove_if(imports.begin(), imports.end(), in_sub), imports.end());
      }
      if (imports.empty()) continue;
      // What is left may be submodules of the package...
      const std::string package_dir = RemoveAll(module, "__init__.py");
      std::vector<std::string> left;
      for (const std::string& name : imports) {
        std::string candidate = JoinPath(package_dir, name + ".py");
        if (snapshot.IsFile(candidate)) {
          dependencies->push_back(candidate);
        } else {
          left.push_back(name);
        }
      }
      // ...or objects defined in the init itself.
      if (!left.empty()) dependencies->push_back(module);
    }
    imported = std::move(next);
  }
  return std::nullopt;
}

}  // namespace

int FetcherGraph::NodeId(const std::string& name) {
  auto [it, inserted] = ids_.emplace(name, static_cast<int>(names_.size()));
  if (inserted) {
    names_.push_back(name);
    direct_.emplace_back();
    original_direct_.emplace_back();
    is_key_.push_back(false);
    is_module_.push_back(false);
    importers_.emplace_back();
  }
  return it->second;
}

FetcherGraph FetcherGraph::Build(const Snapshot& snapshot, const FetcherImportScanner& scanner,
                                 const FetcherPreset& preset, unsigned threads,
                                 FetcherScanCache* scan_cache) {
  FetcherGraph g;
  Extractor extractor(snapshot, scanner, scan_cache);

  // init_test_examples_dependencies: example tests map to the example scripts they name.
  std::vector<std::pair<std::string, std::vector<std::string>>> example_deps;
  std::vector<std::string> examples;
  ContentReader reader(snapshot);
  for (const std::string& framework : preset.example_frameworks) {
    std::string dir = preset.examples_dir + "/" + framework;
    std::vector<std::string> test_files = snapshot.GlobFiles(dir, "test_", ".py");
    examples.insert(examples.end(), test_files.begin(), test_files.end());
    std::vector<std::string> scripts;
    for (const std::string& path : snapshot.GlobPython(dir)) {
      if (path.rfind('/') != dir.size()) scripts.push_back(path);  // not directly in dir
    }
    examples.insert(examples.end(), scripts.begin(), scripts.end());
    for (const std::string& test_file : test_files) {
      git::Result<std::string> bytes = reader.Read(test_file);
      std::string text;
      if (!bytes) {
        g.error_ = "[Errno 2] No such file or directory: " + PythonRepr(test_file);
        return g;
      }
      if (std::optional<std::string> decode = DecodeOrError(*bytes, &text)) {
        g.error_ = *decode;
        return g;
      }
      std::vector<std::string> deps;
      for (const std::string& script : scripts) {
        std::string_view name = std::string_view(script).substr(script.rfind('/') + 1);
        if (text.find(name) != std::string::npos) deps.push_back(script);
      }
      deps.push_back(test_file);
      example_deps.emplace_back(test_file, std::move(deps));
    }
  }

  g.modules_ = snapshot.GlobPython(preset.source_dir);
  std::optional<ImportStructures> structures;
  if (preset.init_import_structure) {
    structures.emplace(snapshot);
    std::erase_if(g.modules_, [](const std::string& m) { return IsModelConverter(m); });
  }
  for (const std::string& path : snapshot.GlobPython(preset.tests_dir)) g.modules_.push_back(path);
  g.modules_.insert(g.modules_.end(), examples.begin(), examples.end());

  extractor.Prefetch(g.modules_, threads);

  // direct_deps = {m: get_module_dependencies(m) for m in all_modules}, in order, so that the
  // first exception is the reference's.
  for (const std::string& m : g.modules_) {
    std::vector<std::string> deps;
    if (std::optional<std::string> error = ModuleDependencies(
            m, extractor, snapshot, structures ? &*structures : nullptr, &deps)) {
      g.error_ = error;
      return g;
    }
    int id = g.NodeId(m);
    g.is_key_[id] = true;
    g.is_module_[id] = true;
    std::vector<int> ids;
    for (const std::string& d : deps) ids.push_back(g.NodeId(d));  // may grow the tables
    g.direct_[id] = ids;
    g.original_direct_[id] = std::move(ids);
  }
  // direct_deps.update(example_deps)
  for (const auto& [test_file, deps] : example_deps) {
    int id = g.NodeId(test_file);
    g.is_key_[id] = true;
    std::vector<int> ids;
    for (const std::string& d : deps) ids.push_back(g.NodeId(d));
    g.direct_[id] = std::move(ids);
  }
  for (size_t id = 0; id < g.names_.size(); ++id) {
    if (!g.is_module_[id]) continue;
    for (int d : g.direct_[id]) g.importers_[d].push_back(static_cast<int>(id));
  }
  for (auto& list : g.importers_) {
    std::sort(list.begin(), list.end());
    list.erase(std::unique(list.begin(), list.end()), list.end());
  }
  g.FindClosureError();
  return g;
}

// The reference raises ValueError(f"KeyError:{d}. From {m}") when its closure meets a
// dependency that is neither an __init__.py nor a known module. That happens in the first
// pass, at the first module (in all_modules order) from which such a dependency is reachable,
// so the pass is replayed up to there: each module's list is walked while it grows, appending
// the new dependencies of every non-init entry. (The reference appends them in Python's set
// order, which depends on string hashing; sorted order stands in for it.)
void FetcherGraph::FindClosureError() {
  const size_t n = names_.size();
  auto bad = [&](int d) { return !IsInitPath(names_[d]) && !is_key_[d]; };
  bool any_bad = false;
  for (size_t m = 0; m < n && !any_bad; ++m) {
    if (!is_module_[m]) continue;
    for (int d : direct_[m]) any_bad = any_bad || bad(d);
  }
  if (!any_bad) return;

  std::vector<std::vector<int>> lists = direct_;
  for (const std::string& module : modules_) {
    int m = ids_.at(module);
    std::vector<bool> member(n, false);
    for (int d : lists[m]) member[d] = true;
    for (size_t i = 0; i < lists[m].size(); ++i) {
      int d = lists[m][i];
      if (IsInitPath(names_[d])) continue;
      if (!is_key_[d]) {
        error_ = "KeyError:" + names_[d] + ". From " + module;
        return;
      }
      std::vector<int> added;
      for (int x : lists[d]) {
        if (!member[x]) {
          member[x] = true;
          added.push_back(x);
        }
      }
      std::sort(added.begin(), added.end(), [&](int a, int b) { return names_[a] < names_[b]; });
      lists[m].insert(lists[m].end(), added.begin(), added.end());
    }
  }
}

std::vector<int> FetcherGraph::ReverseReach(int target, std::vector<int>* next_hop) const {
  std::vector<int> found;
  std::vector<bool> seen(names_.size(), false);
  std::deque<int> queue{target};
  while (!queue.empty()) {
    int y = queue.front();
    queue.pop_front();
    for (int m : importers_[y]) {
      if (seen[m]) continue;
      seen[m] = true;
      (*next_hop)[m] = y;
      found.push_back(m);
      // The reference does not follow dependencies through an __init__.py.
      if (!IsInitPath(names_[m])) queue.push_back(m);
    }
  }
  return found;
}

std::vector<std::string> FetcherGraph::ReverseDependencies(
    std::string_view file, std::unordered_map<std::string, DependencyChain>* chains,
    const std::function<bool(std::string_view)>& wants_chain) const {
  auto it = ids_.find(std::string(file));
  if (it == ids_.end()) return {};
  const int target = it->second;
  std::vector<int> next_hop(names_.size(), -1);
  auto want = [&](int m) { return chains != nullptr && (!wants_chain || wants_chain(names_[m])); };
  auto chain_to = [&](int m, int end) {
    DependencyChain c;
    for (int x = m; x != end && x >= 0; x = next_hop[x]) c.files.push_back(names_[x]);
    c.files.push_back(names_[end]);
    return c;
  };
  std::vector<std::string> out;
  if (is_module_[target] && IsInitPath(names_[target])) {
    // An init's entry lists what it imports and everything depending on those.
    std::vector<bool> in_result(names_.size(), false);
    std::vector<int> result;
    for (int d : original_direct_[target]) {
      if (d == target || in_result[d]) continue;
      in_result[d] = true;
      result.push_back(d);
      if (want(d)) (*chains)[names_[d]] = DependencyChain{{names_[d], names_[target]}, true};
    }
    for (int d : original_direct_[target]) {
      if (IsInitPath(names_[d])) continue;
      std::fill(next_hop.begin(), next_hop.end(), -1);
      for (int m : ReverseReach(d, &next_hop)) {
        if (m == target || in_result[m]) continue;
        in_result[m] = true;
        result.push_back(m);
        if (!want(m)) continue;
        DependencyChain c = chain_to(m, d);
        c.files.push_back(names_[target]);
        c.through_init = true;
        (*chains)[names_[m]] = std::move(c);
      }
    }
    for (int x : result) out.push_back(names_[x]);
  } else {
    for (int m : ReverseReach(target, &next_hop)) {
      out.push_back(names_[m]);
      if (want(m)) (*chains)[names_[m]] = chain_to(m, target);
    }
  }
  std::sort(out.begin(), out.end());
  return out;
}

std::vector<std::string> FetcherGraph::DirectDependencies(std::string_view module) const {
  std::vector<std::string> out;
  auto it = ids_.find(std::string(module));
  if (it == ids_.end()) return out;
  for (int d : direct_[it->second]) out.push_back(names_[d]);
  return out;
}

}  // namespace kensa::select
