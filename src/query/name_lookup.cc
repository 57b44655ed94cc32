#include "query/name_lookup.h"

#include <algorithm>
#include <charconv>
#include <set>
#include <tuple>

#include "project/module_name.h"

namespace kensa::query {
namespace {

using index::FileId;
using index::ModuleSummary;

std::vector<std::string> Split(std::string_view dotted) {
  std::vector<std::string> parts;
  size_t start = 0;
  while (start <= dotted.size()) {
    size_t dot = dotted.find('.', start);
    if (dot == std::string_view::npos) dot = dotted.size();
    parts.emplace_back(dotted.substr(start, dot - start));
    start = dot + 1;
  }
  return parts;
}

std::string Join(const std::vector<std::string>& parts, size_t begin, size_t end) {
  std::string out;
  for (size_t i = begin; i < end; ++i) {
    if (i > begin) out += '.';
    out += parts[i];
  }
  return out;
}

SymbolKind KindOf(index::Scope::Kind kind) {
  switch (kind) {
    case index::Scope::Kind::kClass:
      return SymbolKind::kClass;
    case index::Scope::Kind::kFunction:
      return SymbolKind::kFunction;
    case index::Scope::Kind::kVariable:
      break;
  }
  return SymbolKind::kVariable;
}

Symbol FromScope(FileId file, const index::Scope& scope) {
  Symbol s;
  s.file = file;
  s.qualname = scope.qualname;
  s.kind = KindOf(scope.kind);
  s.line = scope.line;
  s.column = scope.column;
  s.first_line = scope.first_line;
  s.end_line = scope.end_line;
  return s;
}

Symbol ModuleSymbol(FileId file) {
  Symbol s;
  s.file = file;
  return s;
}

// The package a relative import of `file` with `level` dots starts from.
std::string ImportBase(const project::SourceFile& file, uint8_t level) {
  std::string base = file.is_package ? file.module : std::string(index::ParentModule(file.module));
  for (uint8_t i = 1; i < level; ++i) base = std::string(index::ParentModule(base));
  return base;
}

// `name` is `suffix` or ends with "." + suffix.
bool EndsAtDot(std::string_view name, std::string_view suffix) {
  if (!name.ends_with(suffix)) return false;
  return name.size() == suffix.size() || name[name.size() - suffix.size() - 1] == '.';
}

std::string Dot(const std::string& a, const std::string& b) {
  if (a.empty()) return b;
  if (b.empty()) return a;
  return a + "." + b;
}

// Whether `imp` binds `name` in its module.
bool BoundBy(const index::Import& imp, const std::string& name) {
  if (imp.flags & index::kImportFrom) {
    for (const index::ImportedName& n : imp.names) {
      if (n.name != "*" && (n.asname.empty() ? n.name : n.asname) == name) return true;
    }
    return false;
  }
  if (!imp.asname.empty()) return imp.asname == name;
  return index::TopLevelModule(imp.module) == name;
}

// What `name`, bound by `imp` in `file`, names: `from .x import y as name` -> pkg.x.y;
// `import a.b as name` -> a.b; `import a.b` binds a.
std::vector<std::string> ImportTarget(const project::SourceFile& file, const index::Import& imp,
                                      const std::string& name) {
  if (imp.flags & index::kImportFrom) {
    std::string from = imp.level > 0 ? Dot(ImportBase(file, imp.level), imp.module) : imp.module;
    for (const index::ImportedName& n : imp.names) {
      if ((n.asname.empty() ? n.name : n.asname) == name) return Split(Dot(from, n.name));
    }
    return {};
  }
  if (!imp.asname.empty()) return Split(imp.module);
  return {name};
}

// Follows names through the summaries. Each call of Member/InScope names `parts[i..]` from a
// module or a scope; what it finds is appended to *out_. Bounded by depth and by never
// resolving the same (file, name) twice on one path.
class Resolver {
 public:
  Resolver(const index::ProjectIndex& index, std::vector<NameMatch>* out)
      : index_(index), out_(out) {}

  // `dotted` from the top: the longest prefix that is a module of the project, then the rest
  // as its members (shorter prefixes when that finds nothing).
  bool Dotted(const std::vector<std::string>& parts, std::vector<LookupHop>& via) {
    if (++depth_ > kMaxDepth) {
      --depth_;
      return false;
    }
    bool found = false;
    for (size_t k = parts.size(); k >= 1 && !found; --k) {
      FileId file = index_.modules().Find(Join(parts, 0, k));
      if (file != index::kNoFile) found = Member(file, parts, k, via);
    }
    --depth_;
    return found;
  }

  // parts[i..] as members of module `file`.
  bool Member(FileId file, const std::vector<std::string>& parts, size_t i,
              std::vector<LookupHop>& via) {
    if (i == parts.size()) return Emit(ModuleSymbol(file), via);
    const std::string key = std::to_string(file) + ":" + Join(parts, i, parts.size());
    if (!active_.insert(key).second) return false;
    bool found = MemberOnce(file, parts, i, via);
    active_.erase(key);
    return found;
  }

  // parts[i..] as members of class or function `scope` of `file`.
  bool Within(FileId file, const index::Scope& scope, const std::vector<std::string>& parts,
              size_t i) {
    std::vector<LookupHop> via;
    return InScope(file, scope, parts, i, via);
  }

 private:
  static constexpr int kMaxDepth = 24;

  bool MemberOnce(FileId file, const std::vector<std::string>& parts, size_t i,
                  std::vector<LookupHop>& via) {
    const ModuleSummary& s = index_.summary(file);
    const project::SourceFile& f = index_.file(file);
    const std::string& name = parts[i];
    // Every statement binding the name, in source order (conditional branches each give one:
    // `if posix: import posixpath as path` / `else: import ntpath as path`).
    struct Alternative {
      uint32_t line;
      const index::Scope* scope;
      const index::Definition* variable;
      const index::Import* import;
    };
    std::vector<Alternative> alternatives;
    for (const index::Scope& sc : s.scopes) {
      if (sc.qualname == name) alternatives.push_back({sc.line, &sc, nullptr, nullptr});
    }
    for (const index::Definition& d : s.definitions) {
      if (d.name == name && d.kind == index::Definition::Kind::kVariable) {
        alternatives.push_back({d.line, nullptr, &d, nullptr});
      }
    }
    for (const index::Import& imp : s.imports) {
      if (BoundBy(imp, name)) alternatives.push_back({imp.line, nullptr, nullptr, &imp});
    }
    std::stable_sort(alternatives.begin(), alternatives.end(),
                     [](const Alternative& a, const Alternative& b) { return a.line < b.line; });
    bool found = false;
    for (const Alternative& alt : alternatives) {
      if (alt.scope != nullptr) {
        found |= InScope(file, *alt.scope, parts, i + 1, via);
      } else if (alt.variable != nullptr) {
        // A module-level variable: followed when it is bound to another name, else itself.
        if (FollowBinding(file, "", name, alt.line, parts, i, via)) {
          found = true;
        } else if (i + 1 == parts.size()) {
          Symbol v = ModuleSymbol(file);
          v.qualname = name;
          v.kind = SymbolKind::kVariable;
          v.line = v.first_line = v.end_line = alt.line;
          for (const index::NameBinding& b : s.bindings) {
            if (b.scope.empty() && b.name == name && b.line == alt.line) v.column = b.column;
          }
          found |= Emit(v, via);
        }
      } else {
        const index::Import& imp = *alt.import;
        std::vector<std::string> target = ImportTarget(f, imp, name);
        for (size_t j = i + 1; j < parts.size(); ++j) target.push_back(parts[j]);
        via.push_back({LookupHop::How::kImport, file, imp.line, Dot(f.module, name)});
        found |= Dotted(target, via);
        via.pop_back();
      }
    }
    if (found) return true;
    // A lazy __init__'s `_import_structure` export.
    const std::string package =
        f.is_package ? f.module : std::string(index::ParentModule(f.module));
    for (const index::LazyExport& e : s.lazy_exports) {
      std::vector<std::string> target;
      if (e.name == name) {
        target = Split(Dot(Dot(package, e.submodule), name));
      } else if (e.name.empty() && e.submodule == name) {
        target = Split(Dot(package, name));
      }
      if (target.empty()) continue;
      for (size_t j = i + 1; j < parts.size(); ++j) target.push_back(parts[j]);
      via.push_back({LookupHop::How::kLazyExport, file, e.line, Dot(f.module, name)});
      bool ok = Dotted(target, via);
      via.pop_back();
      if (ok) return true;
    }
    // A submodule of a package.
    if (f.is_package) {
      FileId sub = index_.modules().Find(Dot(f.module, name));
      if (sub != index::kNoFile && Member(sub, parts, i + 1, via)) return true;
    }
    // A star import, when the other module's __all__ (if any) lets the name through.
    for (const index::Import& imp : s.imports) {
      if (!(imp.flags & index::kImportStar)) continue;
      std::string from = imp.level > 0 ? Dot(ImportBase(f, imp.level), imp.module) : imp.module;
      FileId other = index_.modules().Find(from);
      if (other == index::kNoFile || other == file) continue;
      const ModuleSummary& o = index_.summary(other);
      if (o.has_all && std::find(o.all.begin(), o.all.end(), name) == o.all.end()) continue;
      via.push_back({LookupHop::How::kStarImport, file, imp.line, Dot(f.module, name)});
      bool ok = Member(other, parts, i, via);
      via.pop_back();
      if (ok) return true;
    }
    return false;
  }

  // `name = target` in scope `owner` ("" = the module) at `line`: parts[i] is `name`; looks up
  // target + parts[i+1..], first among the owner class's members, then from the module.
  bool FollowBinding(FileId file, const std::string& owner, const std::string& name, uint32_t line,
                     const std::vector<std::string>& parts, size_t i, std::vector<LookupHop>& via) {
    const ModuleSummary& s = index_.summary(file);
    for (const index::NameBinding& b : s.bindings) {
      if (b.scope != owner || b.name != name || b.line != line) continue;
      std::vector<std::string> target = Split(b.target);
      for (size_t j = i + 1; j < parts.size(); ++j) target.push_back(parts[j]);
      via.push_back({LookupHop::How::kBinding, file, b.line,
                     Dot(index_.file(file).module, Dot(owner, name))});
      bool ok = false;
      if (!owner.empty()) {
        for (const index::Scope& sc : s.scopes) {
          if (sc.qualname == Dot(owner, target[0])) {
            ok = InScope(file, sc, target, 1, via);
            break;
          }
        }
      }
      if (!ok) ok = Member(file, target, 0, via);
      via.pop_back();
      return ok;
    }
    return false;
  }

  // parts[i..] inside `scope` of `file`: its nested definitions, then (a class) its bases.
  bool InScope(FileId file, const index::Scope& scope, const std::vector<std::string>& parts,
               size_t i, std::vector<LookupHop>& via) {
    const ModuleSummary& s = index_.summary(file);
    if (i == parts.size()) {
      if (scope.kind == index::Scope::Kind::kVariable) {
        size_t dot = scope.qualname.rfind('.');
        std::string owner = dot == std::string::npos ? "" : scope.qualname.substr(0, dot);
        std::string name = scope.qualname.substr(dot == std::string::npos ? 0 : dot + 1);
        std::vector<std::string> self = {name};
        if (FollowBinding(file, owner, name, scope.line, self, 0, via)) return true;
      }
      return Emit(FromScope(file, scope), via);
    }
    if (++depth_ > kMaxDepth) {
      --depth_;
      return false;
    }
    bool found = false;
    std::string member = parts[i];
    if (scope.kind == index::Scope::Kind::kClass) {
      // A private name as Python mangles it: `_Class__name` is `__name` written in Class.
      std::string_view cls = scope.qualname;
      cls.remove_prefix(cls.rfind('.') == std::string_view::npos ? 0 : cls.rfind('.') + 1);
      while (cls.starts_with("_")) cls.remove_prefix(1);
      std::string mangled = "_";
      mangled.append(cls).append("__");
      if (!cls.empty() && member.starts_with(mangled)) member = member.substr(mangled.size() - 2);
    }
    const std::string child = scope.qualname + "." + member;
    for (auto it = s.scopes.rbegin(); it != s.scopes.rend() && !found; ++it) {
      if (it->qualname == child) found = InScope(file, *it, parts, i + 1, via);
    }
    if (!found && scope.kind == index::Scope::Kind::kClass) {
      for (const std::string& base : scope.bases) {
        std::vector<NameMatch> classes;
        Resolver inner(index_, &classes);
        std::vector<LookupHop> none;
        inner.depth_ = depth_;
        inner.active_ = active_;
        inner.Member(file, Split(base), 0, none);
        for (const NameMatch& c : classes) {
          if (c.symbol.kind != SymbolKind::kClass) continue;
          const ModuleSummary& cs = index_.summary(c.symbol.file);
          for (const index::Scope& sc : cs.scopes) {
            if (sc.qualname != c.symbol.qualname || &sc == &scope) continue;
            via.push_back({LookupHop::How::kInherited, file, scope.line,
                           Dot(index_.file(file).module, scope.qualname)});
            found = InScope(c.symbol.file, sc, parts, i, via);
            via.pop_back();
            break;
          }
          if (found) break;
        }
        if (found) break;
      }
    }
    --depth_;
    return found;
  }

  bool Emit(const Symbol& symbol, const std::vector<LookupHop>& via) {
    NameMatch m;
    m.symbol = symbol;
    m.name = PycgName(index_, symbol);
    m.via = via;
    out_->push_back(std::move(m));
    return true;
  }

  const index::ProjectIndex& index_;
  std::vector<NameMatch>* out_;
  std::set<std::string> active_;
  int depth_ = 0;
};

// Where a file sits, for ranking: the library first, then tools and examples, tests last.
int PlaceRank(std::string_view path) {
  auto has_dir = [&](std::string_view dir) {
    for (size_t at = path.find(dir); at != std::string_view::npos; at = path.find(dir, at + 1)) {
      bool starts = at == 0 || path[at - 1] == '/';
      bool ends = at + dir.size() < path.size() && path[at + dir.size()] == '/';
      if (starts && ends) return true;
    }
    return false;
  };
  size_t slash = path.rfind('/');
  std::string_view base = path.substr(slash == std::string_view::npos ? 0 : slash + 1);
  if (has_dir("tests") || has_dir("test") || base.starts_with("test_")) return 2;
  if (has_dir("examples") || has_dir("scripts") || has_dir("utils") || has_dir("docs") ||
      has_dir("benchmarks")) {
    return path.starts_with("src/") ? 0 : 1;
  }
  return 0;
}

int PrivateParts(std::string_view name) {
  int n = name.starts_with("_") ? 1 : 0;
  for (size_t i = name.find("._"); i != std::string_view::npos; i = name.find("._", i + 1)) ++n;
  return n;
}

// Exact matches keep the order they were found in (source order of the alternatives);
// suffix matches are ranked.
void RankAndDedupe(const index::ProjectIndex& index, std::vector<NameMatch>* matches) {
  auto key = [&](const NameMatch& m) {
    const std::string& path = index.file(m.symbol.file).path;
    if (m.by != NameMatch::By::kSuffix) {
      return std::make_tuple(static_cast<int>(m.by), 0, 0, size_t{0}, size_t{0}, std::string_view(),
                             uint32_t{0});
    }
    return std::make_tuple(static_cast<int>(m.by), PlaceRank(path), PrivateParts(m.name),
                           m.via.size(), m.name.size(), std::string_view(path), m.symbol.line);
  };
  std::stable_sort(matches->begin(), matches->end(),
                   [&](const NameMatch& a, const NameMatch& b) { return key(a) < key(b); });
  std::vector<NameMatch> unique;
  for (NameMatch& m : *matches) {
    bool seen = std::any_of(unique.begin(), unique.end(),
                            [&](const NameMatch& u) { return u.symbol == m.symbol; });
    if (!seen) unique.push_back(std::move(m));
  }
  *matches = std::move(unique);
}

bool ParseFileLine(std::string_view query, std::string_view* path, uint32_t* line) {
  size_t colon = query.rfind(':');
  if (colon == std::string_view::npos || colon == 0) return false;
  std::string_view digits = query.substr(colon + 1);
  *path = query.substr(0, colon);
  if (!path->ends_with(".py") || digits.empty()) return false;
  auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), *line);
  return ec == std::errc() && end == digits.data() + digits.size();
}

}  // namespace

std::string_view SymbolKindName(SymbolKind kind) {
  switch (kind) {
    case SymbolKind::kModule:
      return "module";
    case SymbolKind::kClass:
      return "class";
    case SymbolKind::kFunction:
      return "function";
    case SymbolKind::kVariable:
      break;
  }
  return "variable";
}

std::string_view HopHowName(LookupHop::How how) {
  switch (how) {
    case LookupHop::How::kImport:
      return "import";
    case LookupHop::How::kLazyExport:
      return "lazy-export";
    case LookupHop::How::kStarImport:
      return "star-import";
    case LookupHop::How::kBinding:
      return "binding";
    case LookupHop::How::kInherited:
      break;
  }
  return "inherited";
}

std::string PycgName(const index::ProjectIndex& index, const Symbol& symbol) {
  return Dot(index.file(symbol.file).module, symbol.qualname);
}

std::vector<Symbol> FileSymbols(const index::ProjectIndex& index, FileId file) {
  const ModuleSummary& s = index.summary(file);
  std::vector<Symbol> out;
  for (const index::Definition& d : s.definitions) {
    if (d.kind != index::Definition::Kind::kVariable) continue;
    Symbol v = ModuleSymbol(file);
    v.qualname = d.name;
    v.kind = SymbolKind::kVariable;
    v.line = v.first_line = v.end_line = d.line;
    out.push_back(std::move(v));
  }
  for (const index::Scope& sc : s.scopes) out.push_back(FromScope(file, sc));
  std::stable_sort(out.begin(), out.end(),
                   [](const Symbol& a, const Symbol& b) { return a.line < b.line; });
  return out;
}

Symbol SymbolAtLine(const index::ProjectIndex& index, FileId file, uint32_t line) {
  Symbol best = ModuleSymbol(file);
  const ModuleSummary& s = index.summary(file);
  for (const index::Scope& sc : s.scopes) {
    if (sc.kind == index::Scope::Kind::kVariable) continue;
    // Scopes come outer before inner, so the last one holding the line is the innermost.
    if (sc.first_line <= line && line <= sc.end_line) best = FromScope(file, sc);
  }
  return best;
}

void ResolveMember(const index::ProjectIndex& index, FileId file, std::string_view dotted,
                   std::vector<NameMatch>* out) {
  Resolver resolver(index, out);
  std::vector<LookupHop> via;
  resolver.Member(file, Split(dotted), 0, via);
}

std::string ImportedModule(const project::SourceFile& file, int level, std::string_view module) {
  if (level <= 0) return std::string(module);
  return Dot(ImportBase(file, static_cast<uint8_t>(std::min(level, 255))), std::string(module));
}

void ResolveDotted(const index::ProjectIndex& index, std::string_view dotted,
                   std::vector<NameMatch>* out) {
  Resolver resolver(index, out);
  std::vector<LookupHop> via;
  resolver.Dotted(Split(dotted), via);
}

LookupResult LookupName(const index::ProjectIndex& index, std::string_view query) {
  LookupResult result;
  std::string_view path;
  uint32_t line = 0;
  if (ParseFileLine(query, &path, &line)) {
    int id = index.files().FindPath(path);
    if (id < 0) {
      result.error = std::string("no Python file '").append(path).append("' in the project");
      return result;
    }
    NameMatch m;
    m.symbol = SymbolAtLine(index, static_cast<FileId>(id), line);
    m.name = PycgName(index, m.symbol);
    m.by = NameMatch::By::kLine;
    result.matches.push_back(std::move(m));
    return result;
  }
  if (!project::IsDottedIdentifier(query)) {
    result.error = std::string(query);
    result.error.insert(0, 1, '\'');
    result.error +=
        "' is not a Python name (pkg.module.Class.method, a part of one, or path.py:LINE)";
    return result;
  }
  const std::vector<std::string> parts = Split(query);
  {
    Resolver resolver(index, &result.matches);
    std::vector<LookupHop> via;
    resolver.Dotted(parts, via);
  }
  if (!result.matches.empty()) {
    RankAndDedupe(index, &result.matches);
    return result;
  }
  // A bare or partial name: every definition whose PyCG name ends with it at a dot, and every
  // name it reaches from a module whose name ends with its first parts.
  const auto& files = index.files().files;
  for (FileId file = 0; file < files.size(); ++file) {
    const std::string& module = files[file].module;
    if (EndsAtDot(module, query)) {
      NameMatch m;
      m.symbol = ModuleSymbol(file);
      m.name = module;
      m.by = NameMatch::By::kSuffix;
      result.matches.push_back(std::move(m));
    }
    for (Symbol& s : FileSymbols(index, file)) {
      std::string name = PycgName(index, s);
      if (EndsAtDot(name, query)) {
        NameMatch m;
        m.symbol = std::move(s);
        m.name = std::move(name);
        m.by = NameMatch::By::kSuffix;
        result.matches.push_back(std::move(m));
      }
    }
    // `Class.member` with Class named partly: the member through the class's bases too.
    for (size_t k = 1; k < parts.size(); ++k) {
      const std::string owner = Join(parts, 0, k);
      for (const index::Scope& sc : index.summary(file).scopes) {
        if (sc.kind != index::Scope::Kind::kClass || !EndsAtDot(Dot(module, sc.qualname), owner)) {
          continue;
        }
        std::vector<NameMatch> found;
        Resolver resolver(index, &found);
        resolver.Within(file, sc, parts, k);
        for (NameMatch& m : found) {
          m.by = NameMatch::By::kSuffix;
          result.matches.push_back(std::move(m));
        }
      }
    }
    for (size_t k = 1; k < parts.size(); ++k) {
      if (!EndsAtDot(module, Join(parts, 0, k))) continue;
      std::vector<NameMatch> found;
      Resolver resolver(index, &found);
      std::vector<LookupHop> via;
      resolver.Member(file, parts, k, via);
      for (NameMatch& m : found) {
        m.by = NameMatch::By::kSuffix;
        result.matches.push_back(std::move(m));
      }
    }
  }
  RankAndDedupe(index, &result.matches);
  return result;
}

}  // namespace kensa::query
