#include "index/import_resolver.h"

#include <memory>
#include <unordered_map>
#include <unordered_set>

#include "index/stdlib_modules.h"

namespace kensa::index {

namespace {

// Where a name imported from a module ends up.
struct NameTarget {
  bool found = false;
  FileId file = kNoFile;
  bool dummy = false;
  std::vector<FileId> via;  // files passed through before `file`
};

constexpr int kMaxChainDepth = 64;

class Resolver {
 public:
  Resolver(const project::ProjectFiles& files, const ModuleTable& modules,
           const std::vector<ModuleSummary>& summaries, ResolvedImports* out)
      : files_(files), modules_(modules), summaries_(summaries), out_(out) {
    names_.resize(summaries.size());
  }

  void ResolveFile(FileId f) {
    const ModuleSummary& s = summaries_[f];
    for (uint32_t i = 0; i < s.imports.size(); ++i) ResolveImport(f, i, s.imports[i]);
  }

 private:
  const project::SourceFile& File(FileId f) const { return files_.files[f]; }

  // The package a relative import in file `f` starts from, or false when it climbs above the
  // top-level package.
  bool RelativeBase(FileId f, int level, std::string* base) const {
    const project::SourceFile& file = File(f);
    std::string_view pkg =
        file.is_package ? std::string_view(file.module) : ParentModule(file.module);
    for (int i = 1; i < level; ++i) {
      if (pkg.empty()) return false;
      pkg = ParentModule(pkg);
    }
    if (pkg.empty()) return false;
    *base = std::string(pkg);
    return true;
  }

  // The absolute name of the module an import statement names.
  bool AbsoluteModule(FileId f, const Import& imp, std::string* name) const {
    if (imp.level == 0) {
      *name = imp.module;
      return true;
    }
    if (!RelativeBase(f, imp.level, name)) return false;
    if (!imp.module.empty()) *name += "." + imp.module;
    return true;
  }

  // For a module the project does not have: a module next to the importing file (scripts
  // import their siblings), else external, else (a project top-level name) unresolved.
  enum class Missing { kScriptLocal, kExternal, kUnresolved };
  Missing ClassifyMissing(FileId f, const std::string& module, FileId* local) const {
    // Only a script (a file outside any regular package) has its folder on sys.path: inside a
    // package, `import logging` is the standard library even next to a logging.py.
    std::string_view dir = ParentModule(File(f).module);
    if (!dir.empty() && modules_.Find(dir) == kNoFile &&
        !modules_.IsTopLevel(TopLevelModule(module))) {
      std::string candidate = std::string(dir) + "." + module;
      *local = modules_.Find(candidate);
      if (*local != kNoFile && *local != f) return Missing::kScriptLocal;
    }
    return modules_.IsTopLevel(TopLevelModule(module)) ? Missing::kUnresolved : Missing::kExternal;
  }

  void AddEdge(FileId from, FileId to, const Import& imp, uint32_t import_index,
               uint32_t name_index, ImportEdge::How how, const NameTarget* target) {
    ImportEdge e;
    e.from = from;
    e.to = to;
    e.line = imp.line;
    e.flags = imp.flags;
    e.how = how;
    e.import_index = import_index;
    e.name_index = name_index;
    if (target != nullptr) {
      e.to_dummy = target->dummy;
      e.via_begin = static_cast<uint32_t>(out_->via.size());
      e.via_count = static_cast<uint32_t>(target->via.size());
      out_->via.insert(out_->via.end(), target->via.begin(), target->via.end());
    }
    out_->edges.push_back(e);
  }

  void AddExternal(FileId from, const Import& imp, const std::string& module) {
    ExternalImport e;
    e.from = from;
    e.line = imp.line;
    e.flags = imp.flags;
    e.module = module;
    e.stdlib = IsStdlibModule(TopLevelModule(module));
    out_->externals.push_back(std::move(e));
  }

  void AddUnresolved(FileId from, const Import& imp, std::string module, std::string name,
                     std::string reason) {
    UnresolvedImport u;
    u.from = from;
    u.line = imp.line;
    u.flags = imp.flags;
    u.module = std::move(module);
    u.name = std::move(name);
    u.reason = std::move(reason);
    out_->unresolved.push_back(std::move(u));
  }

  void ResolveImport(FileId f, uint32_t index, const Import& imp) {
    std::string module;
    if (!AbsoluteModule(f, imp, &module)) {
      AddUnresolved(f, imp, std::string(imp.level, '.') + imp.module, "",
                    "attempted relative import beyond top-level package");
      return;
    }
    if ((imp.flags & kImportFrom) == 0) {
      ResolveModuleImport(f, index, imp, module);
      return;
    }
    FileId target = modules_.Find(module);
    ImportEdge::How module_how = ImportEdge::How::kModule;
    if (target == kNoFile && !modules_.IsNamespacePackage(module)) {
      FileId local = kNoFile;
      switch (imp.level == 0 ? ClassifyMissing(f, module, &local) : Missing::kUnresolved) {
        case Missing::kScriptLocal:
          target = local;
          module = File(local).module;
          module_how = ImportEdge::How::kScriptLocal;
          break;
        case Missing::kExternal:
          AddExternal(f, imp, module);
          return;
        case Missing::kUnresolved:
          AddUnresolved(f, imp, module, "", "no module named '" + module + "'");
          return;
      }
    }
    for (uint32_t n = 0; n < imp.names.size(); ++n) {
      const std::string& name = imp.names[n].name;
      if (name == "*") {
        if (target != kNoFile) AddEdge(f, target, imp, index, n, module_how, nullptr);
        continue;
      }
      if (target == kNoFile) {  // a namespace package: only submodules can be imported
        FileId sub = FindChild(module, name);
        if (sub != kNoFile) {
          AddEdge(f, sub, imp, index, n, ImportEdge::How::kModule, nullptr);
        } else {
          AddUnresolved(f, imp, module, name,
                        "no module named '" + module + "." + name + "' in namespace package");
        }
        continue;
      }
      NameTarget t = ResolveName(target, name, 0);
      // `from pkg import submodule` names the submodule itself: no re-export to show.
      const bool is_submodule = t.found && IsChildName(File(t.file).module, module, name);
      if (is_submodule && t.via.size() == 1) {
        t.via.clear();
      }
      if (t.found) {
        ImportEdge::How how =
            t.file == target && module_how == ImportEdge::How::kScriptLocal
                ? module_how
                : (is_submodule ? ImportEdge::How::kModule : ImportEdge::How::kName);
        AddEdge(f, t.file, imp, index, n, how, &t);
      } else {
        AddEdge(f, target, imp, index, n, ImportEdge::How::kNameNotFound, nullptr);
        AddUnresolved(f, imp, module, name,
                      "cannot find '" + name + "' in '" + module + "' (" + File(target).path + ")");
      }
    }
  }

  void ResolveModuleImport(FileId f, uint32_t index, const Import& imp, const std::string& module) {
    FileId target = modules_.Find(module);
    if (target != kNoFile) {
      AddEdge(f, target, imp, index, kNoName, ImportEdge::How::kModule, nullptr);
      return;
    }
    if (modules_.IsNamespacePackage(module)) return;  // nothing to execute, nothing to depend on
    FileId local = kNoFile;
    switch (ClassifyMissing(f, module, &local)) {
      case Missing::kScriptLocal:
        AddEdge(f, local, imp, index, kNoName, ImportEdge::How::kScriptLocal, nullptr);
        break;
      case Missing::kExternal:
        AddExternal(f, imp, module);
        break;
      case Missing::kUnresolved:
        AddUnresolved(f, imp, module, "", "no module named '" + module + "'");
        break;
    }
  }

  // --- Following a name through re-exports -------------------------------------------------

  // Names are views into the summaries, which outlive the resolver.
  struct Key {
    FileId file;
    std::string_view name;
    bool operator==(const Key&) const = default;
  };
  struct KeyHash {
    size_t operator()(const Key& k) const {
      return std::hash<std::string_view>()(k.name) * 31 + k.file;
    }
  };

  // Prefers a real definition over a dummy placeholder.
  static bool Better(const NameTarget& candidate, const NameTarget& best) {
    return candidate.found && (!best.found || (best.dummy && !candidate.dummy));
  }

  NameTarget ResolveName(FileId file, std::string_view name, int depth) {
    Key key{file, name};
    if (auto it = memo_.find(key); it != memo_.end()) return it->second;
    if (depth > kMaxChainDepth || in_progress_.count(key) != 0) return {};
    in_progress_[key] = true;
    NameTarget result = LookUp(file, name, depth);
    in_progress_.erase(key);
    return memo_.emplace(key, std::move(result)).first->second;
  }

  // `parent.child` without building the string more than once per call.
  FileId FindChild(std::string_view parent, std::string_view child) {
    scratch_.assign(parent);
    scratch_ += '.';
    scratch_ += child;
    return modules_.Find(scratch_);
  }
  static bool IsChildName(std::string_view full, std::string_view parent, std::string_view child) {
    return full.size() == parent.size() + 1 + child.size() && full.starts_with(parent) &&
           full[parent.size()] == '.' && full.ends_with(child);
  }

  // A module reached through `through` (its via gets `through` prepended).
  static NameTarget FollowModule(FileId through, FileId target) {
    NameTarget t;
    if (target == kNoFile) return t;
    t.found = true;
    t.file = target;
    t.via.push_back(through);
    return t;
  }
  // A name imported from module file `target`, reached through `through`.
  NameTarget FollowName(FileId through, FileId target, std::string_view name, int depth) {
    if (target == kNoFile) return {};
    NameTarget t = ResolveName(target, name, depth + 1);
    if (t.found) t.via.insert(t.via.begin(), through);
    return t;
  }

  // The names one file binds at module level, indexed once per file on first use (the
  // top-level __init__ of a large library binds thousands; a linear scan per lookup would be
  // quadratic).
  struct FileNames {
    std::unordered_set<std::string_view> defined;
    std::unordered_set<std::string_view> dummies;
    // name -> (import index, name index or kNoName for `import x`)
    std::unordered_map<std::string_view, std::vector<std::pair<uint32_t, uint32_t>>> bindings;
    std::unordered_map<std::string_view, std::vector<uint32_t>> lazy;  // -> lazy export index
    std::vector<uint32_t> stars;                                       // import indexes
    std::unordered_set<std::string_view> all;
  };

  const FileNames& Names(FileId file) {
    std::unique_ptr<FileNames>& slot = names_[file];
    if (slot) return *slot;
    slot = std::make_unique<FileNames>();
    FileNames& n = *slot;
    const ModuleSummary& s = summaries_[file];
    for (const Definition& d : s.definitions) n.defined.insert(d.name);
    for (const DummyObject& d : s.dummies) n.dummies.insert(d.name);
    for (uint32_t i = 0; i < s.imports.size(); ++i) {
      const Import& imp = s.imports[i];
      if (imp.flags & (kInFunction | kInClass)) continue;
      if (imp.flags & kImportStar) {
        n.stars.push_back(i);
      } else if (imp.flags & kImportFrom) {
        for (uint32_t k = 0; k < imp.names.size(); ++k) {
          const ImportedName& in = imp.names[k];
          n.bindings[in.asname.empty() ? in.name : in.asname].push_back({i, k});
        }
      } else {
        // `import a.b as c` binds c; `import a.b` binds the top-level package a.
        std::string_view bound = imp.asname.empty() ? TopLevelModule(imp.module) : imp.asname;
        n.bindings[bound].push_back({i, kNoName});
      }
    }
    for (uint32_t i = 0; i < s.lazy_exports.size(); ++i) {
      n.lazy[s.lazy_exports[i].name].push_back(i);
    }
    for (const std::string& name : s.all) n.all.insert(name);
    return n;
  }

  NameTarget LookUp(FileId file, std::string_view name, int depth) {
    const ModuleSummary& s = summaries_[file];
    const project::SourceFile& src = File(file);
    const FileNames& names = Names(file);
    NameTarget self;
    self.found = true;
    self.file = file;

    // 1. Defined here (a class, function or assignment; a dummy object counts, but loses to
    //    a real definition found elsewhere).
    bool defined = names.defined.count(name) != 0;
    if (defined) {
      self.dummy = names.dummies.count(name) != 0;
      if (!self.dummy) return self;
    }

    NameTarget best = defined ? self : NameTarget();
    // 2. Bound here by an explicit import.
    if (auto it = names.bindings.find(name); it != names.bindings.end()) {
      for (const auto& [import_index, name_index] : it->second) {
        const Import& imp = s.imports[import_index];
        NameTarget t;
        if (name_index != kNoName) {
          std::string module;
          if (!AbsoluteModule(file, imp, &module)) continue;
          const std::string& original = imp.names[name_index].name;
          t = FollowModule(file, FindChild(module, original));
          if (!t.found) t = FollowName(file, modules_.Find(module), original, depth);
        } else {
          t = FollowModule(file, modules_.Find(imp.asname.empty() ? TopLevelModule(imp.module)
                                                                  : std::string_view(imp.module)));
        }
        if (Better(t, best)) best = std::move(t);
        if (best.found && !best.dummy) return best;
      }
    }

    std::string_view package =
        src.is_package ? std::string_view(src.module) : ParentModule(src.module);
    // 3. A submodule of this package.
    if (src.is_package) {
      NameTarget t = FollowModule(file, FindChild(package, name));
      if (Better(t, best)) best = std::move(t);
      if (best.found && !best.dummy) return best;
    }
    // 4. A lazy export: `_import_structure["sub"] = [name]`.
    if (auto it = names.lazy.find(name); it != names.lazy.end()) {
      for (uint32_t i : it->second) {
        NameTarget t =
            FollowName(file, FindChild(package, s.lazy_exports[i].submodule), name, depth);
        if (Better(t, best)) best = std::move(t);
        if (best.found && !best.dummy) return best;
      }
    }
    // 5. A star import of a module that exports it.
    for (uint32_t i : names.stars) {
      std::string module;
      if (!AbsoluteModule(file, s.imports[i], &module)) continue;
      FileId target = modules_.Find(module);
      if (target == kNoFile) continue;
      if (summaries_[target].has_all) {
        if (Names(target).all.count(name) == 0) continue;
      } else if (!name.empty() && name[0] == '_') {
        continue;  // a star import without __all__ skips private names
      }
      NameTarget t = FollowName(file, target, name, depth);
      if (Better(t, best)) best = std::move(t);
      if (best.found && !best.dummy) return best;
    }
    return best;
  }

  const project::ProjectFiles& files_;
  const ModuleTable& modules_;
  const std::vector<ModuleSummary>& summaries_;
  ResolvedImports* out_;
  std::unordered_map<Key, NameTarget, KeyHash> memo_;
  std::unordered_map<Key, bool, KeyHash> in_progress_;
  std::vector<std::unique_ptr<FileNames>> names_;
  std::string scratch_;  // FindChild's buffer
};

}  // namespace

ResolvedImports ResolveImports(const project::ProjectFiles& files, const ModuleTable& modules,
                               const std::vector<ModuleSummary>& summaries) {
  ResolvedImports out;
  Resolver resolver(files, modules, summaries, &out);
  for (FileId f = 0; f < files.files.size(); ++f) resolver.ResolveFile(f);
  return out;
}

}  // namespace kensa::index
