#include "query/call_graph.h"

#include <algorithm>
#include <ctime>
#include <filesystem>
#include <functional>
#include <map>
#include <set>
#include <unordered_map>
#include <unordered_set>

#include "python/ast_nodes.h"
#include "python/parser_file.h"
#include "query/python_builtins.h"

namespace kensa::query {

namespace ast = python::ast;
namespace fs = std::filesystem;

std::string_view EdgeHowName(EdgeHow how) {
  switch (how) {
    case EdgeHow::kDirect:
      return "direct";
    case EdgeHow::kBuiltin:
      return "builtin";
    case EdgeHow::kExternal:
      return "external";
    case EdgeHow::kHierarchy:
      return "class-hierarchy";
    case EdgeHow::kDecorator:
      return "decorator";
  }
  return "direct";
}

namespace {

using ObjId = int32_t;

// A small sorted set of abstract objects; Add reports growth so propagation knows when to stop.
struct ObjSet {
  std::vector<ObjId> ids;
  // Past this many objects a set stops growing: real code has a few hot names (a `self`
  // reaching every model class) whose sets would otherwise make each round quadratic.
  static constexpr size_t kMaxSize = 64;
  bool Add(ObjId id) {
    auto it = std::lower_bound(ids.begin(), ids.end(), id);
    if (it != ids.end() && *it == id) return false;
    if (ids.size() >= kMaxSize) return false;
    ids.insert(it, id);
    return true;
  }
  bool AddAll(const ObjSet& other) {
    bool grew = false;
    for (ObjId id : other.ids) grew |= Add(id);
    return grew;
  }
  bool empty() const { return ids.empty(); }
};

enum class ObjKind : uint8_t {
  kModule,
  kFunction,
  kClass,
  kInstance,
  kBuiltin,
  kExternal,
  kContainer,
  kSuper
};

struct Obj {
  ObjKind kind;
  int32_t scope = -1;  // module/function/class scope; the class of an instance or super()
  std::string name;    // builtins and external names
  int32_t container = -1;
};

struct Container {
  ObjSet all;
  std::unordered_map<std::string, ObjSet> keyed;  // constant string or int keys
};

struct Scope {
  ScopeInfo info;
  int32_t module = -1;  // the module scope this one lives in
  int32_t file = -1;
  std::vector<const ast::Stmt*> stmts;  // flattened: compound statements and their bodies
  const ast::Expr* lambda_body = nullptr;
  const ast::Arguments* args = nullptr;
  std::unordered_map<std::string, ObjSet> vars;
  std::unordered_set<std::string> globals, nonlocals;
  ObjSet returns;
  std::unordered_map<std::string, ObjSet> inst_attrs;  // classes: self.x = ...
  std::vector<ObjId> bases;            // classes: in the order written (the MRO depends on it)
  std::vector<std::string> star_from;  // modules imported with *
  bool is_static = false, is_classmethod = false, is_property = false;
  int lambda_count = 0;
};

struct File {
  std::string path;
  std::string module;
  bool is_package = false;
  python::ParsedFile parsed;
};

struct Site {
  const ast::Node* node;
  EdgeHow how;
  std::string_view note = {};  // why a class-hierarchy edge was taken, for its hop
};

struct RawEdge {
  int32_t caller;
  std::string callee_name;
  int32_t callee;
  uint32_t offset;
  EdgeHow how;
  std::string note;
};

std::string ModuleNameOf(const fs::path& rel) {
  std::string name;
  for (const auto& part : rel) {
    std::string p = part.string();
    if (!name.empty()) name += '.';
    name += p;
  }
  if (name.ends_with(".py")) name.resize(name.size() - 3);
  if (name == "__init__") return "";
  if (name.ends_with(".__init__")) name.resize(name.size() - 9);
  return name;
}

}  // namespace

struct CallGraph::Impl {
  CallGraphOptions options;
  std::vector<ScopeInfo> infos;  // filled at the end from scopes
  std::vector<CallEdge> edges;
  std::vector<UnresolvedCall> unresolved;
  std::vector<CallGraphProblem> problems;
  std::unordered_set<std::string> entry_modules;

  // Working state.
  std::unordered_map<std::string, std::string> module_paths;  // module name -> file path
  std::unordered_map<std::string, int32_t> loaded;            // module name -> scope (-1 failed)
  std::vector<std::unique_ptr<File>> files;
  std::vector<Scope> scopes;
  std::unordered_map<const ast::Node*, int32_t> def_scope;  // def/class/lambda node -> scope
  std::vector<Obj> objs;
  std::unordered_map<std::string, ObjId> obj_index;
  std::vector<Container> containers;
  std::unordered_map<const ast::Node*, ObjId> container_of;
  std::set<std::tuple<int32_t, std::string, uint32_t>> edge_keys;  // caller, callee, offset
  std::vector<RawEdge> raw_edges;
  std::set<std::pair<int32_t, uint32_t>> unresolved_keys;
  std::vector<uint32_t> unresolved_offsets;                                // parallel to unresolved
  std::unordered_map<std::string, std::vector<int32_t>> classes_defining;  // method -> classes
  std::unordered_map<int32_t, std::vector<int32_t>> mro_memo;
  // class -> its direct subclasses among the project's classes; rebuilt when bases change.
  std::unordered_map<int32_t, std::vector<int32_t>> subclasses;
  bool subclasses_dirty = true;
  // The second propagation phase, for the guesses made about what is not found: an attribute
  // of an external base class, attributes a receiver's class lacks looked for in its
  // subclasses, methods on receivers of unknown type in every class defining them. Run only
  // once the first phase is at its fixpoint, so that a receiver or class body still growing
  // is never taken for lacking something (an edge, once added, is never taken back).
  bool second_phase = false;
  bool changed = false;
  bool complete = true;
  int32_t current_scope = -1;

  // --- objects ---------------------------------------------------------------------------
  ObjId Intern(ObjKind kind, int32_t scope, const std::string& name) {
    std::string key =
        std::to_string(static_cast<int>(kind)) + ":" + std::to_string(scope) + ":" + name;
    auto [it, inserted] = obj_index.emplace(key, static_cast<ObjId>(objs.size()));
    if (inserted) objs.push_back(Obj{kind, scope, name, -1});
    return it->second;
  }
  ObjId ScopeObj(int32_t scope) {
    ScopeKind k = scopes[scope].info.kind;
    ObjKind kind = k == ScopeKind::kModule  ? ObjKind::kModule
                   : k == ScopeKind::kClass ? ObjKind::kClass
                                            : ObjKind::kFunction;
    return Intern(kind, scope, "");
  }
  ObjId ContainerFor(const ast::Node* node) {
    auto it = container_of.find(node);
    if (it != container_of.end()) return it->second;
    ObjId id = static_cast<ObjId>(objs.size());
    objs.push_back(Obj{ObjKind::kContainer, -1, "", static_cast<int32_t>(containers.size())});
    containers.emplace_back();
    container_of.emplace(node, id);
    return id;
  }
  bool Grow(ObjSet& set, const ObjSet& more) {
    bool grew = set.AddAll(more);
    changed |= grew;
    return grew;
  }
  bool GrowOne(ObjSet& set, ObjId id) {
    bool grew = set.Add(id);
    changed |= grew;
    return grew;
  }

  // --- files and scopes -------------------------------------------------------------------
  File& FileOf(int32_t scope) { return *files[scopes[scope].file]; }
  LineCol Locate(int32_t scope, const ast::Node* node) {
    return FileOf(scope).parsed.source->Locate(node->begin);
  }

  int32_t NewScope(ScopeKind kind, std::string name, int32_t parent, int32_t file,
                   const ast::Node* node) {
    Scope s;
    s.info.name = std::move(name);
    s.info.kind = kind;
    s.info.file = files[file]->path;
    s.info.parent = parent;
    s.file = file;
    if (node != nullptr && files[file]->parsed.source) {
      LineCol at = files[file]->parsed.source->Locate(node->begin);
      LineCol end = files[file]->parsed.source->Locate(node->end);
      s.info.line = at.line, s.info.col = at.column, s.info.end_line = end.line;
    } else {
      s.info.line = 1;
    }
    int32_t id = static_cast<int32_t>(scopes.size());
    s.module = parent < 0 ? id : scopes[parent].module;
    scopes.push_back(std::move(s));
    if (node != nullptr) def_scope[node] = id;
    changed = true;
    return id;
  }

  void DeclareParams(int32_t scope, const ast::Arguments* args) {
    scopes[scope].args = args;
    if (args == nullptr) return;
    auto declare = [&](const ast::Arg* a) {
      if (a != nullptr) scopes[scope].vars[std::string(a->arg)];
    };
    for (const ast::Arg* a : args->posonlyargs) declare(a);
    for (const ast::Arg* a : args->args) declare(a);
    declare(args->vararg);
    for (const ast::Arg* a : args->kwonlyargs) declare(a);
    declare(args->kwarg);
  }

  void Collect(int32_t scope, const ast::NodeList<ast::Stmt>& body) {
    for (const ast::Stmt* stmt : body) CollectStmt(scope, stmt);
  }

  void CollectStmt(int32_t scope, const ast::Stmt* stmt) {
    scopes[scope].stmts.push_back(stmt);
    switch (stmt->node_kind) {
      case ast::NodeKind::kFunctionDef:
      case ast::NodeKind::kAsyncFunctionDef: {
        ast::Identifier name;
        const ast::Arguments* args;
        ast::NodeList<ast::Stmt> fbody;
        ast::NodeList<ast::Expr> decorators;
        if (const auto* f = ast::DynCast<ast::FunctionDef>(stmt)) {
          name = f->name, args = f->args, fbody = f->body, decorators = f->decorator_list;
        } else {
          const auto* af = static_cast<const ast::AsyncFunctionDef*>(stmt);
          name = af->name, args = af->args, fbody = af->body, decorators = af->decorator_list;
        }
        int32_t child =
            NewScope(ScopeKind::kFunction, scopes[scope].info.name + "." + std::string(name), scope,
                     scopes[scope].file, stmt);
        DeclareParams(child, args);
        for (const ast::Expr* d : decorators) {
          std::string_view tail;
          if (const auto* n = ast::DynCast<ast::Name>(d)) tail = n->id;
          if (const auto* a = ast::DynCast<ast::Attribute>(d)) tail = a->attr;
          if (tail == "staticmethod") scopes[child].is_static = true;
          if (tail == "classmethod") scopes[child].is_classmethod = true;
          if (tail == "property" || tail == "cached_property") scopes[child].is_property = true;
        }
        if (scopes[scope].info.kind == ScopeKind::kClass) {
          classes_defining[std::string(name)].push_back(scope);
        }
        Collect(child, fbody);
        return;
      }
      case ast::NodeKind::kClassDef: {
        const auto* c = static_cast<const ast::ClassDef*>(stmt);
        int32_t child =
            NewScope(ScopeKind::kClass, scopes[scope].info.name + "." + std::string(c->name), scope,
                     scopes[scope].file, stmt);
        Collect(child, c->body);
        return;
      }
      case ast::NodeKind::kIf: {
        const auto* s = static_cast<const ast::If*>(stmt);
        Collect(scope, s->body), Collect(scope, s->orelse);
        return;
      }
      case ast::NodeKind::kWhile: {
        const auto* s = static_cast<const ast::While*>(stmt);
        Collect(scope, s->body), Collect(scope, s->orelse);
        return;
      }
      case ast::NodeKind::kFor: {
        const auto* s = static_cast<const ast::For*>(stmt);
        Collect(scope, s->body), Collect(scope, s->orelse);
        return;
      }
      case ast::NodeKind::kAsyncFor: {
        const auto* s = static_cast<const ast::AsyncFor*>(stmt);
        Collect(scope, s->body), Collect(scope, s->orelse);
        return;
      }
      case ast::NodeKind::kWith: {
        Collect(scope, static_cast<const ast::With*>(stmt)->body);
        return;
      }
      case ast::NodeKind::kAsyncWith: {
        Collect(scope, static_cast<const ast::AsyncWith*>(stmt)->body);
        return;
      }
      case ast::NodeKind::kTry:
      case ast::NodeKind::kTryStar: {
        const auto* s = reinterpret_cast<const ast::Try*>(stmt);
        ast::NodeList<ast::Stmt> b, o, f;
        ast::NodeList<ast::ExceptHandlerBase> hs;
        if (stmt->node_kind == ast::NodeKind::kTry) {
          b = s->body, o = s->orelse, f = s->finalbody, hs = s->handlers;
        } else {
          const auto* t = static_cast<const ast::TryStar*>(stmt);
          b = t->body, o = t->orelse, f = t->finalbody, hs = t->handlers;
        }
        Collect(scope, b);
        for (const ast::ExceptHandlerBase* h : hs) {
          Collect(scope, static_cast<const ast::ExceptHandler*>(h)->body);
        }
        Collect(scope, o), Collect(scope, f);
        return;
      }
      case ast::NodeKind::kMatch: {
        for (const ast::MatchCase* c : static_cast<const ast::Match*>(stmt)->cases) {
          Collect(scope, c->body);
        }
        return;
      }
      case ast::NodeKind::kGlobal:
        for (ast::Identifier n : static_cast<const ast::Global*>(stmt)->names) {
          scopes[scope].globals.emplace(n);
        }
        return;
      case ast::NodeKind::kNonlocal:
        for (ast::Identifier n : static_cast<const ast::Nonlocal*>(stmt)->names) {
          scopes[scope].nonlocals.emplace(n);
        }
        return;
      default:
        return;
    }
  }

  // The module's scope, parsing the file the first time; -1 when not part of the project.
  int32_t LoadModule(const std::string& name) {
    auto it = loaded.find(name);
    if (it != loaded.end()) return it->second;
    auto path = module_paths.find(name);
    if (path == module_paths.end()) {
      loaded.emplace(name, -1);
      return -1;
    }
    loaded.emplace(name, -1);
    auto file = std::make_unique<File>();
    file->path = path->second;
    file->module = name;
    file->is_package = fs::path(path->second).filename() == "__init__.py";
    file->parsed = python::ParseFile(path->second);
    if (!file->parsed.ok()) {
      CallGraphProblem problem;
      problem.file = path->second;
      problem.entry = entry_modules.count(name) > 0;
      if (!file->parsed.read_error.empty()) {
        problem.message = file->parsed.read_error;
        if (problem.message.starts_with(problem.file + ": ")) {
          problem.message.erase(0, problem.file.size() + 2);
        }
      } else {
        const auto& e = *file->parsed.result.error;
        problem.line = e.line;
        problem.message = e.message;
      }
      problems.push_back(std::move(problem));
      return -1;
    }
    files.push_back(std::move(file));
    int32_t file_id = static_cast<int32_t>(files.size() - 1);
    int32_t scope = NewScope(ScopeKind::kModule, name, -1, file_id, nullptr);
    loaded[name] = scope;
    // A submodule's package runs first.
    if (auto dot = name.rfind('.'); dot != std::string::npos) LoadModule(name.substr(0, dot));
    Collect(scope, files[file_id]->parsed.result.module->body);
    return scope;
  }

  // --- names ------------------------------------------------------------------------------
  ObjSet* VarFor(int32_t scope, const std::string& name) {
    Scope& s = scopes[scope];
    if (s.globals.count(name)) return &scopes[s.module].vars[name];
    if (s.nonlocals.count(name)) {
      for (int32_t p = s.info.parent; p >= 0; p = scopes[p].info.parent) {
        if (scopes[p].info.kind == ScopeKind::kClass) continue;
        auto it = scopes[p].vars.find(name);
        if (it != scopes[p].vars.end()) return &it->second;
      }
    }
    return &s.vars[name];
  }

  void Bind(int32_t scope, const std::string& name, const ObjSet& value) {
    Grow(*VarFor(scope, name), value);
  }

  ObjSet Lookup(int32_t scope, const std::string& name) {
    const Scope& s = scopes[scope];
    if (s.globals.count(name)) return LookupModule(s.module, name);
    for (int32_t cur = scope; cur >= 0; cur = scopes[cur].info.parent) {
      if (cur != scope && scopes[cur].info.kind == ScopeKind::kClass) continue;
      auto it = scopes[cur].vars.find(name);
      if (it != scopes[cur].vars.end()) return it->second;
    }
    return LookupModule(s.module, name);
  }

  ObjSet LookupModule(int32_t module, const std::string& name) {
    auto it = scopes[module].vars.find(name);
    if (it != scopes[module].vars.end()) return it->second;
    ObjSet out;
    for (const std::string& star : scopes[module].star_from) {
      int32_t m = LoadModule(star);
      if (m >= 0 && m != module) {
        auto jt = scopes[m].vars.find(name);
        if (jt != scopes[m].vars.end()) out.AddAll(jt->second);
      }
    }
    if (out.empty() && IsPythonBuiltin(name)) out.Add(Intern(ObjKind::kBuiltin, -1, name));
    return out;
  }

  // --- classes ----------------------------------------------------------------------------
  // C3 linearization over project classes; falls back to depth-first order when C3 fails.
  std::vector<int32_t> Mro(int32_t cls) {
    auto memo = mro_memo.find(cls);
    if (memo != mro_memo.end()) return memo->second;
    mro_memo[cls] = {cls};  // guards cycles
    std::vector<std::vector<int32_t>> seqs;
    std::vector<int32_t> direct;
    for (ObjId b : scopes[cls].bases) {
      if (objs[b].kind == ObjKind::kClass && objs[b].scope != cls) {
        seqs.push_back(Mro(objs[b].scope));
        direct.push_back(objs[b].scope);
      }
    }
    seqs.push_back(direct);
    std::vector<int32_t> out = {cls};
    while (true) {
      seqs.erase(std::remove_if(seqs.begin(), seqs.end(), [](auto& s) { return s.empty(); }),
                 seqs.end());
      if (seqs.empty()) break;
      int32_t pick = -1;
      for (auto& seq : seqs) {
        int32_t head = seq.front();
        bool in_tail = false;
        for (auto& other : seqs) {
          if (std::find(other.begin() + 1, other.end(), head) != other.end()) in_tail = true;
        }
        if (!in_tail) {
          pick = head;
          break;
        }
      }
      if (pick < 0) pick = seqs.front().front();  // inconsistent: take the first
      out.push_back(pick);
      for (auto& seq : seqs) seq.erase(std::remove(seq.begin(), seq.end(), pick), seq.end());
    }
    mro_memo[cls] = out;
    return out;
  }

  // Attribute of a class through its MRO, starting after `skip_through` when given (super()).
  ObjSet ClassAttr(int32_t cls, const std::string& attr, int32_t after = -1,
                   bool* found_any = nullptr) {
    std::vector<int32_t> mro = Mro(cls);
    size_t start = 0;
    if (after >= 0) {
      auto it = std::find(mro.begin(), mro.end(), after);
      start = it == mro.end() ? mro.size() : static_cast<size_t>(it - mro.begin()) + 1;
    }
    for (size_t i = start; i < mro.size(); ++i) {
      auto it = scopes[mro[i]].vars.find(attr);
      if (it != scopes[mro[i]].vars.end()) {
        if (found_any) *found_any = true;
        return it->second;
      }
    }
    // Not found in the project: an external base class may define it.
    ObjSet out;
    if (!second_phase) return out;
    for (size_t i = start; i < mro.size(); ++i) {
      for (ObjId b : scopes[mro[i]].bases) {
        if (objs[b].kind == ObjKind::kExternal) {
          out.Add(Intern(ObjKind::kExternal, -1, objs[b].name + "." + attr));
        }
      }
      if (!out.empty()) break;
    }
    if (!out.empty() && found_any) *found_any = true;
    return out;
  }

  // Every project subclass of `cls`, nearest first (breadth first over direct subclasses).
  std::vector<int32_t> SubclassesOf(int32_t cls) {
    if (subclasses_dirty) {
      subclasses.clear();
      for (size_t s = 0; s < scopes.size(); ++s) {
        if (scopes[s].info.kind != ScopeKind::kClass) continue;
        for (ObjId b : scopes[s].bases) {
          if (objs[b].kind == ObjKind::kClass && objs[b].scope != static_cast<int32_t>(s)) {
            subclasses[objs[b].scope].push_back(static_cast<int32_t>(s));
          }
        }
      }
      subclasses_dirty = false;
    }
    std::vector<int32_t> out;
    std::unordered_set<int32_t> seen = {cls};
    for (size_t i = 0, n = 0; n == 0 || i < out.size(); ++n) {
      int32_t from = n == 0 ? cls : out[i++];
      auto it = subclasses.find(from);
      if (it == subclasses.end()) continue;
      for (int32_t d : it->second) {
        if (seen.insert(d).second) out.push_back(d);
      }
    }
    return out;
  }

  static std::string_view ShortName(const std::string& name) {
    auto dot = name.rfind('.');
    return dot == std::string::npos ? std::string_view(name)
                                    : std::string_view(name).substr(dot + 1);
  }

  // An attribute the receiver's class lacks (or holds nothing in, as `config_class = None`),
  // when the receiver is an instance or class of a project class (self, cls, cls(...)): at run
  // time it is an object of a subclass that has it. Values of the nearest subclasses first
  // (the mixins of their MROs included), each with the object it is read from; none when more
  // than 16 (too many to be a useful answer).
  struct Inherited {
    ObjId value;
    ObjId from;  // the subclass's instance or class
    std::string note;
  };
  std::vector<Inherited> FromSubclasses(ObjId receiver, const std::string& attr) {
    std::vector<Inherited> out;
    const Obj o = objs[receiver];
    if (o.kind != ObjKind::kInstance && o.kind != ObjKind::kClass) return out;
    std::unordered_set<ObjId> seen;
    for (int32_t d : SubclassesOf(o.scope)) {
      ObjId as = o.kind == ObjKind::kInstance ? Intern(ObjKind::kInstance, d, "") : ScopeObj(d);
      for (ObjId v : GetAttr(as, attr).ids) {
        // An external base's attribute would be a guess on top of a guess.
        if (objs[v].kind == ObjKind::kExternal || !seen.insert(v).second) continue;
        std::string note(ShortName(scopes[o.scope].info.name));
        note.append(" has no ").append(attr).append("; its subclass ");
        note.append(ShortName(scopes[d].info.name)).append(" has");
        out.push_back(Inherited{v, as, std::move(note)});
      }
      if (out.size() > 16) return {};
    }
    return out;
  }

  ObjSet GetAttr(ObjId obj, const std::string& attr) {
    const Obj o = objs[obj];
    ObjSet out;
    switch (o.kind) {
      case ObjKind::kModule: {
        auto it = scopes[o.scope].vars.find(attr);
        if (it != scopes[o.scope].vars.end()) return it->second;
        int32_t sub = LoadModule(scopes[o.scope].info.name + "." + attr);
        if (sub >= 0) out.Add(ScopeObj(sub));
        if (out.empty()) out = LookupModule(o.scope, attr);
        return out;
      }
      case ObjKind::kClass:
        return ClassAttr(o.scope, attr);
      case ObjKind::kInstance: {
        for (int32_t c : Mro(o.scope)) {
          auto it = scopes[c].inst_attrs.find(attr);
          if (it != scopes[c].inst_attrs.end()) out.AddAll(it->second);
        }
        out.AddAll(ClassAttr(o.scope, attr));
        return out;
      }
      case ObjKind::kSuper:
        // super() inside class o.scope, bound to an instance of class o.container: the
        // instance's MRO after o.scope (the enclosing class's own MRO when unknown).
        return ClassAttr(o.container >= 0 ? o.container : o.scope, attr, o.scope);
      case ObjKind::kExternal:
        // `x = x.attr` in a loop would spell ever longer names: stop at four attributes.
        if (std::count(o.name.begin(), o.name.end(), '.') >= 4) {
          out.Add(obj);
        } else {
          out.Add(Intern(ObjKind::kExternal, -1, o.name + "." + attr));
        }
        return out;
      default:
        return out;
    }
  }

  // The class scopes a set's instances and classes belong to.
  void SetAttr(const ObjSet& receivers, const std::string& attr, const ObjSet& value) {
    for (ObjId r : receivers.ids) {
      const Obj o = objs[r];
      if (o.kind == ObjKind::kInstance) Grow(scopes[o.scope].inst_attrs[attr], value);
      if (o.kind == ObjKind::kClass || o.kind == ObjKind::kModule) {
        Grow(scopes[o.scope].vars[attr], value);
      }
    }
  }

  // --- expressions ------------------------------------------------------------------------
  static std::string ConstKey(const ast::Expr* e) {
    const auto* c = ast::DynCast<ast::Constant>(e);
    if (c == nullptr) return {};
    if (c->value.kind == ast::ConstantValue::Kind::kStr) return "s:" + std::string(c->value.text());
    if (c->value.kind == ast::ConstantValue::Kind::kInt) {
      return "i:" + std::to_string(static_cast<long long>(c->value.number));
    }
    return {};
  }

  // What iterating over `set` yields.
  ObjSet Elements(int32_t scope, const ObjSet& set, const ast::Node* site) {
    ObjSet out;
    for (ObjId id : set.ids) {
      const Obj o = objs[id];
      if (o.kind == ObjKind::kContainer) {
        out.AddAll(containers[o.container].all);
      } else if (o.kind == ObjKind::kInstance) {
        ObjSet iter = ClassAttr(o.scope, "__iter__");
        ObjSet self;
        self.Add(id);
        for (ObjId f : iter.ids) {
          ObjSet its = CallObject(scope, f, id, {}, {}, Site{site, EdgeHow::kDirect});
          for (ObjId it : its.ids) {
            if (objs[it].kind != ObjKind::kInstance) continue;
            for (ObjId n : ClassAttr(objs[it].scope, "__next__").ids) {
              out.AddAll(CallObject(scope, n, it, {}, {}, Site{site, EdgeHow::kDirect}));
            }
          }
        }
      } else if (o.kind == ObjKind::kFunction || o.kind == ObjKind::kClass) {
        out.Add(id);  // a generator's yields come back as its call's value
      }
    }
    return out;
  }

  void Assign(int32_t scope, const ast::Expr* target, const ObjSet& value,
              const ast::Expr* value_expr) {
    switch (target->node_kind) {
      case ast::NodeKind::kName:
        Bind(scope, std::string(static_cast<const ast::Name*>(target)->id), value);
        return;
      case ast::NodeKind::kAttribute: {
        const auto* a = static_cast<const ast::Attribute*>(target);
        SetAttr(Eval(scope, a->value), std::string(a->attr), value);
        return;
      }
      case ast::NodeKind::kSubscript: {
        const auto* s = static_cast<const ast::Subscript*>(target);
        ObjSet recv = Eval(scope, s->value);
        Eval(scope, s->slice);
        std::string key = ConstKey(s->slice);
        for (ObjId r : recv.ids) {
          if (objs[r].kind != ObjKind::kContainer) continue;
          Container& c = containers[objs[r].container];
          Grow(c.all, value);
          if (!key.empty()) Grow(c.keyed[key], value);
        }
        return;
      }
      case ast::NodeKind::kStarred:
        Assign(scope, static_cast<const ast::Starred*>(target)->value, value, nullptr);
        return;
      case ast::NodeKind::kTuple:
      case ast::NodeKind::kList: {
        ast::NodeList<ast::Expr> elts = target->node_kind == ast::NodeKind::kTuple
                                            ? static_cast<const ast::Tuple*>(target)->elts
                                            : static_cast<const ast::List*>(target)->elts;
        ast::NodeList<ast::Expr> velts;
        if (value_expr != nullptr) {
          if (const auto* t = ast::DynCast<ast::Tuple>(value_expr)) velts = t->elts;
          if (const auto* l = ast::DynCast<ast::List>(value_expr)) velts = l->elts;
        }
        if (velts.size() == elts.size() && !elts.empty()) {
          for (uint32_t i = 0; i < elts.size(); ++i) {
            Assign(scope, elts[i], Eval(scope, velts[i]), velts[i]);
          }
          return;
        }
        ObjSet inner = Elements(scope, value, target);
        for (const ast::Expr* e : elts) Assign(scope, e, inner, nullptr);
        return;
      }
      default:
        Eval(scope, target);
        return;
    }
  }

  int32_t EnclosingClass(int32_t scope) {
    // The class a method (or a function nested in one) belongs to, for super().
    for (int32_t cur = scope; cur >= 0; cur = scopes[cur].info.parent) {
      int32_t p = scopes[cur].info.parent;
      if (p >= 0 && scopes[p].info.kind == ScopeKind::kClass) return p;
    }
    return -1;
  }

  int32_t LambdaScope(int32_t scope, const ast::Lambda* lambda) {
    auto it = def_scope.find(lambda);
    if (it != def_scope.end()) return it->second;
    int32_t owner = scope;
    while (scopes[owner].info.kind == ScopeKind::kClass) owner = scopes[owner].info.parent;
    int n = ++scopes[owner].lambda_count;
    int32_t child =
        NewScope(ScopeKind::kLambda, scopes[owner].info.name + ".<lambda" + std::to_string(n) + ">",
                 scope, scopes[scope].file, lambda);
    DeclareParams(child, lambda->args);
    scopes[child].lambda_body = lambda->body;
    return child;
  }

  ObjSet Eval(int32_t scope, const ast::Expr* e) {
    ObjSet out;
    if (e == nullptr) return out;
    switch (e->node_kind) {
      case ast::NodeKind::kName:
        return Lookup(scope, std::string(static_cast<const ast::Name*>(e)->id));
      case ast::NodeKind::kAttribute: {
        const auto* a = static_cast<const ast::Attribute*>(e);
        ObjSet recv = Eval(scope, a->value);
        std::string attr(a->attr);
        for (ObjId r : recv.ids) {
          ObjSet got = GetAttr(r, attr);
          for (ObjId g : got.ids) {
            // A property read runs the getter.
            if (objs[g].kind == ObjKind::kFunction && scopes[objs[g].scope].is_property &&
                objs[r].kind == ObjKind::kInstance) {
              out.AddAll(CallObject(scope, g, r, {}, {}, Site{e, EdgeHow::kDirect}));
            } else {
              out.Add(g);
            }
          }
          if (!got.empty() || !second_phase || !options.hierarchy_fallback) continue;
          for (const Inherited& in : FromSubclasses(r, attr)) {
            const Obj& g = objs[in.value];
            if (g.kind == ObjKind::kFunction && scopes[g.scope].is_property &&
                objs[in.from].kind == ObjKind::kInstance) {
              out.AddAll(CallObject(scope, in.value, in.from, {}, {},
                                    Site{e, EdgeHow::kHierarchy, in.note}));
            } else {
              out.Add(in.value);
            }
          }
        }
        return out;
      }
      case ast::NodeKind::kCall:
        return EvalCall(scope, static_cast<const ast::Call*>(e));
      case ast::NodeKind::kLambda:
        out.Add(ScopeObj(LambdaScope(scope, static_cast<const ast::Lambda*>(e))));
        return out;
      case ast::NodeKind::kIfExp: {
        const auto* x = static_cast<const ast::IfExp*>(e);
        Eval(scope, x->test);
        out = Eval(scope, x->body);
        out.AddAll(Eval(scope, x->orelse));
        return out;
      }
      case ast::NodeKind::kBoolOp:
        for (const ast::Expr* v : static_cast<const ast::BoolOp*>(e)->values) {
          out.AddAll(Eval(scope, v));
        }
        return out;
      case ast::NodeKind::kNamedExpr: {
        const auto* n = static_cast<const ast::NamedExpr*>(e);
        out = Eval(scope, n->value);
        Assign(scope, n->target, out, n->value);
        return out;
      }
      case ast::NodeKind::kAwait:
        return Eval(scope, static_cast<const ast::Await*>(e)->value);
      case ast::NodeKind::kStarred:
        return Eval(scope, static_cast<const ast::Starred*>(e)->value);
      case ast::NodeKind::kYield:
        Grow(scopes[scope].returns, Eval(scope, static_cast<const ast::Yield*>(e)->value));
        return out;
      case ast::NodeKind::kYieldFrom: {
        ObjSet v = Eval(scope, static_cast<const ast::YieldFrom*>(e)->value);
        Grow(scopes[scope].returns, Elements(scope, v, e));
        return out;
      }
      case ast::NodeKind::kDict: {
        const auto* d = static_cast<const ast::Dict*>(e);
        ObjId cid = ContainerFor(e);
        for (uint32_t i = 0; i < d->values.size(); ++i) {
          const ast::Expr* k = d->keys[i];
          ObjSet v = Eval(scope, d->values[i]);
          Container& c = containers[objs[cid].container];
          if (k == nullptr) {  // **other
            for (ObjId o : v.ids) {
              if (objs[o].kind != ObjKind::kContainer) continue;
              Container other = containers[objs[o].container];
              Grow(containers[objs[cid].container].all, other.all);
              for (auto& [key, set] : other.keyed) {
                Grow(containers[objs[cid].container].keyed[key], set);
              }
            }
            continue;
          }
          Eval(scope, k);
          Grow(c.all, v);
          std::string key = ConstKey(k);
          if (!key.empty()) Grow(containers[objs[cid].container].keyed[key], v);
        }
        out.Add(cid);
        return out;
      }
      case ast::NodeKind::kList:
      case ast::NodeKind::kTuple:
      case ast::NodeKind::kSet: {
        ast::NodeList<ast::Expr> elts =
            e->node_kind == ast::NodeKind::kList    ? static_cast<const ast::List*>(e)->elts
            : e->node_kind == ast::NodeKind::kTuple ? static_cast<const ast::Tuple*>(e)->elts
                                                    : static_cast<const ast::Set*>(e)->elts;
        ObjId cid = ContainerFor(e);
        for (uint32_t i = 0; i < elts.size(); ++i) {
          ObjSet v = Eval(scope, elts[i]);
          if (elts[i]->node_kind == ast::NodeKind::kStarred) v = Elements(scope, v, elts[i]);
          Grow(containers[objs[cid].container].all, v);
          Grow(containers[objs[cid].container].keyed["i:" + std::to_string(i)], v);
        }
        out.Add(cid);
        return out;
      }
      case ast::NodeKind::kSubscript: {
        const auto* s = static_cast<const ast::Subscript*>(e);
        ObjSet recv = Eval(scope, s->value);
        Eval(scope, s->slice);
        std::string key = ConstKey(s->slice);
        for (ObjId r : recv.ids) {
          const Obj o = objs[r];
          if (o.kind == ObjKind::kContainer) {
            const Container& c = containers[o.container];
            auto it = key.empty() ? c.keyed.end() : c.keyed.find(key);
            out.AddAll(it != c.keyed.end() ? it->second : c.all);
          } else if (o.kind == ObjKind::kInstance) {
            for (ObjId f : ClassAttr(o.scope, "__getitem__").ids) {
              out.AddAll(CallObject(scope, f, r, {}, {}, Site{e, EdgeHow::kDirect}));
            }
          }
        }
        return out;
      }
      case ast::NodeKind::kListComp:
      case ast::NodeKind::kSetComp:
      case ast::NodeKind::kGeneratorExp:
      case ast::NodeKind::kDictComp: {
        ast::NodeList<ast::Comprehension> gens;
        const ast::Expr* elt = nullptr;
        if (const auto* c = ast::DynCast<ast::ListComp>(e)) gens = c->generators, elt = c->elt;
        if (const auto* c = ast::DynCast<ast::SetComp>(e)) gens = c->generators, elt = c->elt;
        if (const auto* c = ast::DynCast<ast::GeneratorExp>(e)) {
          gens = c->generators, elt = c->elt;
        }
        if (const auto* c = ast::DynCast<ast::DictComp>(e)) {
          gens = c->generators, elt = c->value;
          Eval(scope, c->key);
        }
        for (const ast::Comprehension* g : gens) {
          Assign(scope, g->target, Elements(scope, Eval(scope, g->iter), g), nullptr);
          for (const ast::Expr* cond : g->ifs) Eval(scope, cond);
        }
        ObjId cid = ContainerFor(e);
        Grow(containers[objs[cid].container].all, Eval(scope, elt));
        out.Add(cid);
        return out;
      }
      default:
        EvalChildren(scope, *e);
        return out;
    }
  }

  void EvalChildren(int32_t scope, const ast::Node& node) {
    ast::VisitChildren(node, [&](const ast::Node& child) {
      if (ast::Expr::Is(child.node_kind)) {
        Eval(scope, static_cast<const ast::Expr*>(&child));
      } else {
        EvalChildren(scope, child);
      }
    });
  }

  std::string Spelling(int32_t scope, const ast::Node* node) {
    std::string_view text = FileOf(scope).parsed.source->text();
    std::string s(text.substr(node->begin, std::min<uint32_t>(node->end - node->begin, 80)));
    std::replace(s.begin(), s.end(), '\n', ' ');
    return s;
  }

  void AddEdge(int32_t scope, ObjId callee, const Site& site, EdgeHow how) {
    int32_t caller = scope;
    while (scopes[caller].info.kind == ScopeKind::kClass) caller = scopes[caller].info.parent;
    const Obj o = objs[callee];
    std::string name;
    int32_t callee_scope = -1;
    if (o.kind == ObjKind::kBuiltin) {
      name = "<builtin>." + o.name, how = EdgeHow::kBuiltin;
    } else if (o.kind == ObjKind::kExternal) {
      name = o.name, how = EdgeHow::kExternal;
    } else {
      callee_scope = o.scope;
      name = scopes[o.scope].info.name;
    }
    if (edge_keys.emplace(caller, name, site.node->begin).second) {
      raw_edges.push_back(RawEdge{caller, name, callee_scope, site.node->begin, how,
                                  how == EdgeHow::kHierarchy ? std::string(site.note) : ""});
      // A new edge's position is remembered through the file of the caller.
      changed = true;
    }
  }

  // Positional arguments; from `star` on (a `*iterable` argument) each value may land in any
  // later parameter.
  struct Args : std::vector<ObjSet> {
    using std::vector<ObjSet>::vector;
    size_t star = SIZE_MAX;
  };
  using Kwargs = std::vector<std::pair<std::string, ObjSet>>;

  void BindArgs(int32_t fscope, ObjId self, const Args& args, const Kwargs& kwargs) {
    const ast::Arguments* a = scopes[fscope].args;
    if (a == nullptr) return;
    std::vector<std::string> positional;
    for (const ast::Arg* p : a->posonlyargs) positional.emplace_back(p->arg);
    for (const ast::Arg* p : a->args) positional.emplace_back(p->arg);
    size_t next = 0;
    // *args is a tuple: a container of its own, so that `fn(*args)` and `args[0]` see them.
    auto vararg = [&](const ObjSet& value) {
      if (a->vararg == nullptr) return;
      ObjId cid = ContainerFor(a->vararg);
      GrowOne(scopes[fscope].vars[std::string(a->vararg->arg)], cid);
      Grow(containers[objs[cid].container].all, value);
    };
    if (self >= 0) {
      ObjSet s;
      s.Add(self);
      if (!positional.empty()) {
        Grow(scopes[fscope].vars[positional[0]], s);
        next = 1;
      } else {
        vararg(s);
      }
    }
    for (size_t i = 0; i < args.size(); ++i) {
      if (i >= args.star) {
        for (size_t p = next; p < positional.size(); ++p) {
          Grow(scopes[fscope].vars[positional[p]], args[i]);
        }
        vararg(args[i]);
        continue;
      }
      if (next < positional.size()) {
        Grow(scopes[fscope].vars[positional[next++]], args[i]);
      } else {
        vararg(args[i]);
      }
    }
    for (const auto& [name, value] : kwargs) {
      auto it = scopes[fscope].vars.find(name);
      if (it != scopes[fscope].vars.end()) {
        Grow(it->second, value);
      } else if (a->kwarg != nullptr) {
        Grow(scopes[fscope].vars[std::string(a->kwarg->arg)], value);
      }
    }
  }

  // Calls one object; returns what the call evaluates to.
  ObjSet CallObject(int32_t scope, ObjId callee, ObjId self, const Args& args, const Kwargs& kwargs,
                    const Site& site) {
    const Obj o = objs[callee];
    ObjSet out;
    switch (o.kind) {
      case ObjKind::kFunction: {
        AddEdge(scope, callee, site, site.how);
        ObjId bound = scopes[o.scope].is_static ? -1 : self;
        BindArgs(o.scope, bound, args, kwargs);
        return scopes[o.scope].returns;
      }
      case ObjKind::kClass: {
        ObjId inst = Intern(ObjKind::kInstance, o.scope, "");
        bool found = false;
        ObjSet init = ClassAttr(o.scope, "__init__", -1, &found);
        for (ObjId f : init.ids) {
          CallObject(scope, f, objs[f].kind == ObjKind::kFunction ? inst : -1, args, kwargs, site);
        }
        out.Add(inst);
        return out;
      }
      case ObjKind::kInstance: {
        for (ObjId f : ClassAttr(o.scope, "__call__").ids) {
          out.AddAll(CallObject(scope, f, callee, args, kwargs, site));
        }
        return out;
      }
      case ObjKind::kBuiltin: {
        AddEdge(scope, callee, site, EdgeHow::kBuiltin);
        // Higher-order builtins call the functions they are given (map(f, xs) calls f with
        // the elements); staticmethod(f), property(f) and the like only wrap them.
        static const std::unordered_set<std::string> kCallsArguments = {
            "map", "filter", "sorted", "min", "max", "iter", "reduce"};
        if (kCallsArguments.count(o.name)) {
          Args elements;
          for (size_t i = 1; i < args.size(); ++i)
            elements.push_back(Elements(scope, args[i], site.node));
          for (const ObjSet& arg : args) {
            for (ObjId f : arg.ids) {
              ObjKind k = objs[f].kind;
              if (k == ObjKind::kFunction || k == ObjKind::kClass) {
                CallObject(scope, f, -1, elements, {}, site);
              }
            }
          }
        }
        for (const auto& [name, value] : kwargs) {
          if (name != "key") continue;
          for (ObjId f : value.ids) {
            if (objs[f].kind == ObjKind::kFunction) CallObject(scope, f, -1, {}, {}, site);
          }
        }
        static const std::unordered_set<std::string> kPassThrough = {
            "list", "tuple", "iter", "next", "reversed", "sorted", "set", "frozenset"};
        if (kPassThrough.count(o.name) && !args.empty()) {
          ObjId cid = ContainerFor(site.node);
          for (const ObjSet& arg : args) {
            Grow(containers[objs[cid].container].all, Elements(scope, arg, site.node));
          }
          if (o.name == "next") return containers[objs[cid].container].all;
          out.Add(cid);
        }
        return out;
      }
      case ObjKind::kExternal:
        AddEdge(scope, callee, site, EdgeHow::kExternal);
        out.Add(callee);  // the result of an external call keeps its name: ext.Cls().fun
        return out;
      default:
        return out;
    }
  }

  ObjSet EvalCall(int32_t scope, const ast::Call* call) {
    Args args;
    Kwargs kwargs;
    for (const ast::Expr* a : call->args) {
      ObjSet v = Eval(scope, a);
      if (a->node_kind == ast::NodeKind::kStarred) {
        // *args: the elements may go to every later position.
        args.star = std::min(args.star, args.size());
        args.push_back(Elements(scope, v, a));
      } else {
        args.push_back(std::move(v));
      }
    }
    for (const ast::Keyword* k : call->keywords) {
      ObjSet v = Eval(scope, k->value);
      if (k->arg.data() != nullptr) kwargs.emplace_back(std::string(k->arg), std::move(v));
    }
    Site site{call, EdgeHow::kDirect};
    ObjSet out;
    // super(): the enclosing class's MRO after it.
    if (const auto* n = ast::DynCast<ast::Name>(call->func); n != nullptr && n->id == "super") {
      ObjSet bound = Lookup(scope, "super");
      bool builtin = !bound.empty() && objs[bound.ids[0]].kind == ObjKind::kBuiltin;
      int32_t cls = EnclosingClass(scope);
      if (builtin && cls >= 0) {
        AddEdge(scope, bound.ids[0], site, EdgeHow::kBuiltin);
        // The classes of the method's first parameter (self, or cls in a classmethod).
        std::vector<int32_t> bound_classes;
        int32_t method = scope;
        while (method >= 0 && scopes[method].info.parent != cls)
          method = scopes[method].info.parent;
        const ast::Arguments* margs = method >= 0 ? scopes[method].args : nullptr;
        const ast::Arg* first = nullptr;
        if (margs != nullptr) {
          first = !margs->posonlyargs.empty() ? margs->posonlyargs[0]
                  : !margs->args.empty()      ? margs->args[0]
                                              : nullptr;
        }
        if (first != nullptr) {
          for (ObjId o : Lookup(scope, std::string(first->arg)).ids) {
            if (objs[o].kind == ObjKind::kInstance || objs[o].kind == ObjKind::kClass) {
              bound_classes.push_back(objs[o].scope);
            }
          }
        }
        if (bound_classes.empty()) bound_classes.push_back(-1);
        for (int32_t bc : bound_classes) {
          ObjId sup = Intern(ObjKind::kSuper, cls, std::to_string(bc));
          objs[sup].container = bc;
          out.Add(sup);
        }
        return out;
      }
    }
    bool any = false;
    if (const auto* a = ast::DynCast<ast::Attribute>(call->func)) {
      ObjSet recv = Eval(scope, a->value);
      std::string attr(a->attr);
      for (ObjId r : recv.ids) {
        const Obj ro = objs[r];
        if (ro.kind == ObjKind::kContainer &&
            (attr == "get" || attr == "pop" || attr == "setdefault")) {
          const Container& c = containers[ro.container];
          std::string key = call->args.empty() ? "" : ConstKey(call->args[0]);
          auto it = key.empty() ? c.keyed.end() : c.keyed.find(key);
          out.AddAll(it != c.keyed.end() ? it->second : c.all);
          any = true;
          continue;
        }
        ObjId self = -1;
        if (ro.kind == ObjKind::kInstance || ro.kind == ObjKind::kSuper) {
          self = ro.kind == ObjKind::kInstance ? r
                 : ro.container >= 0           ? Intern(ObjKind::kInstance, ro.container, "")
                                               : -2;
        }
        ObjSet got = GetAttr(r, attr);
        for (ObjId f : got.ids) {
          any = true;
          ObjId bind = -1;
          if (objs[f].kind == ObjKind::kFunction) {
            const Scope& fs = scopes[objs[f].scope];
            if (fs.is_classmethod) {
              bind = ro.kind == ObjKind::kClass      ? r
                     : ro.kind == ObjKind::kInstance ? ScopeObj(ro.scope)
                                                     : -1;
            } else if (self >= 0) {
              bind = self;
            }
            if (objs[f].kind == ObjKind::kFunction && fs.is_property) continue;
          }
          out.AddAll(CallObject(scope, f, bind, args, kwargs, site));
        }
        if (!got.empty() || !second_phase || !options.hierarchy_fallback) continue;
        // `model.load_custom_generate()` with model = cls(...) in a PreTrainedModel
        // classmethod: the subclasses (LlamaForCausalLM, through its GenerationMixin) have it.
        for (const Inherited& in : FromSubclasses(r, attr)) {
          any = true;
          const Obj& g = objs[in.value];
          ObjId bind = -1;
          if (g.kind == ObjKind::kFunction) {
            const Scope& fs = scopes[g.scope];
            if (fs.is_property) continue;
            if (fs.is_classmethod) {
              bind =
                  objs[in.from].kind == ObjKind::kClass ? in.from : ScopeObj(objs[in.from].scope);
            } else if (objs[in.from].kind == ObjKind::kInstance) {
              bind = in.from;
            }
          }
          out.AddAll(CallObject(scope, in.value, bind, args, kwargs,
                                Site{call, EdgeHow::kHierarchy, in.note}));
        }
      }
      if (!any && recv.empty() && second_phase && options.hierarchy_fallback) {
        // Unknown receiver: every project class defining the method.
        auto it = classes_defining.find(attr);
        if (it != classes_defining.end() && it->second.size() <= 16) {
          std::string note = "receiver of unknown type; ";
          note.append(std::to_string(it->second.size())).append(" classes define ").append(attr);
          if (it->second.size() == 1) note = "receiver of unknown type; one class defines " + attr;
          for (int32_t cls : it->second) {
            for (ObjId f : scopes[cls].vars[attr].ids) {
              if (objs[f].kind != ObjKind::kFunction) continue;
              AddEdge(scope, f, Site{call, EdgeHow::kHierarchy, note}, EdgeHow::kHierarchy);
              out.AddAll(scopes[objs[f].scope].returns);
              any = true;
            }
          }
        }
      }
    } else {
      ObjSet callees = Eval(scope, call->func);
      // getattr(x, "name"): the attribute itself.
      if (const auto* n = ast::DynCast<ast::Name>(call->func);
          n != nullptr && n->id == "getattr" && call->args.size() >= 2) {
        std::string key = ConstKey(call->args[1]);
        if (key.starts_with("s:")) {
          for (ObjId r : args[0].ids) out.AddAll(GetAttr(r, key.substr(2)));
        }
      }
      for (ObjId f : callees.ids) {
        any = true;
        out.AddAll(CallObject(scope, f, -1, args, kwargs, site));
      }
    }
    if (!any) {
      LineCol at = Locate(scope, call);
      int32_t caller = scope;
      while (scopes[caller].info.kind == ScopeKind::kClass) caller = scopes[caller].info.parent;
      if (unresolved_keys.emplace(caller, call->begin).second) {
        unresolved.push_back(UnresolvedCall{caller, Spelling(scope, call->func), FileOf(scope).path,
                                            at.line, at.column});
        unresolved_offsets.push_back(call->begin);
      }
    }
    return out;
  }

  // --- statements ----------------------------------------------------------------------
  void ImportModule(int32_t scope, const ast::Alias* alias) {
    std::string name(alias->name);
    int32_t m = LoadModule(name);
    if (alias->asname.data() != nullptr) {
      ObjSet v;
      v.Add(m >= 0 ? ScopeObj(m) : Intern(ObjKind::kExternal, -1, name));
      Bind(scope, std::string(alias->asname), v);
      return;
    }
    std::string top = name.substr(0, name.find('.'));
    int32_t tm = LoadModule(top);
    ObjSet v;
    v.Add(tm >= 0 ? ScopeObj(tm) : Intern(ObjKind::kExternal, -1, top));
    Bind(scope, top, v);
  }

  std::string ResolveFrom(int32_t scope, const ast::ImportFrom* s) {
    std::string base(s->module.data() != nullptr ? std::string(s->module) : "");
    if (s->level <= 0) return base;
    const File& f = FileOf(scope);
    std::string pkg = f.module;
    if (!f.is_package) {
      auto dot = pkg.rfind('.');
      pkg = dot == std::string::npos ? "" : pkg.substr(0, dot);
    }
    for (int i = 1; i < s->level; ++i) {
      auto dot = pkg.rfind('.');
      pkg = dot == std::string::npos ? "" : pkg.substr(0, dot);
    }
    if (base.empty()) return pkg;
    return pkg.empty() ? base : pkg + "." + base;
  }

  void ImportFrom(int32_t scope, const ast::ImportFrom* s) {
    std::string mod = ResolveFrom(scope, s);
    int32_t m = LoadModule(mod);
    for (const ast::Alias* alias : s->names) {
      std::string name(alias->name);
      if (name == "*") {
        if (m >= 0) {
          auto& stars = scopes[scopes[scope].module].star_from;
          if (std::find(stars.begin(), stars.end(), mod) == stars.end()) stars.push_back(mod);
          for (const auto& [var, set] :
               std::map<std::string, ObjSet>(scopes[m].vars.begin(), scopes[m].vars.end())) {
            if (!var.starts_with("_")) Bind(scope, var, set);
          }
        }
        continue;
      }
      std::string as = alias->asname.data() != nullptr ? std::string(alias->asname) : name;
      ObjSet v;
      if (m >= 0) {
        auto it = scopes[m].vars.find(name);
        if (it != scopes[m].vars.end()) v = it->second;
        int32_t sub = LoadModule(mod + "." + name);
        if (sub >= 0) v.Add(ScopeObj(sub));
      } else {
        int32_t sub = LoadModule(mod.empty() ? name : mod + "." + name);
        if (sub >= 0) {
          v.Add(ScopeObj(sub));
        } else if (!mod.empty() && !module_paths.count(mod)) {
          v.Add(Intern(ObjKind::kExternal, -1, mod + "." + name));
        }
      }
      Bind(scope, as, v);
    }
  }

  void ExecDef(int32_t scope, const ast::Stmt* stmt, ast::Identifier name,
               const ast::Arguments* args, const ast::NodeList<ast::Expr>& decorators) {
    int32_t child = def_scope[stmt];
    if (args != nullptr) {
      // Defaults: the trailing positional parameters, then keyword-only ones.
      std::vector<const ast::Arg*> positional;
      for (const ast::Arg* p : args->posonlyargs) positional.push_back(p);
      for (const ast::Arg* p : args->args) positional.push_back(p);
      size_t first = positional.size() - std::min<size_t>(positional.size(), args->defaults.size());
      for (uint32_t i = 0; i < args->defaults.size(); ++i) {
        ObjSet v = Eval(scope, args->defaults[i]);
        if (first + i < positional.size()) {
          Grow(scopes[child].vars[std::string(positional[first + i]->arg)], v);
        }
      }
      for (uint32_t i = 0; i < args->kw_defaults.size(); ++i) {
        if (args->kw_defaults[i] == nullptr || i >= args->kwonlyargs.size()) continue;
        Grow(scopes[child].vars[std::string(args->kwonlyargs[i]->arg)],
             Eval(scope, args->kw_defaults[i]));
      }
      // A method's first parameter is an instance of its class (the class for classmethods).
      if (scopes[scope].info.kind == ScopeKind::kClass && !scopes[child].is_static &&
          !positional.empty()) {
        ObjId self =
            scopes[child].is_classmethod ? ScopeObj(scope) : Intern(ObjKind::kInstance, scope, "");
        GrowOne(scopes[child].vars[std::string(positional[0]->arg)], self);
      }
    }
    ObjSet value;
    value.Add(ScopeObj(child));
    for (auto it = decorators.end(); it != decorators.begin();) {
      const ast::Expr* d = *--it;
      ObjSet decs = Eval(scope, d);
      ObjSet result;
      bool all_external = true;
      for (ObjId f : decs.ids) {
        ObjKind k = objs[f].kind;
        if (k != ObjKind::kExternal && k != ObjKind::kBuiltin) all_external = false;
        // staticmethod, classmethod and property only mark the function (PyCG counts no edge).
        if (k == ObjKind::kBuiltin &&
            (objs[f].name == "staticmethod" || objs[f].name == "classmethod" ||
             objs[f].name == "property")) {
          continue;
        }
        result.AddAll(CallObject(scope, f, -1, {value}, {}, Site{d, EdgeHow::kDecorator}));
      }
      // An unknown or external decorator (functools.wraps, staticmethod) keeps the function.
      // A project decorator's result replaces it, even while still empty: sets only grow, so
      // binding the undecorated function in an early round would never be undone.
      if (!all_external) value = result;
    }
    Bind(scope, std::string(name), value);
  }

  void Exec(int32_t scope, const ast::Stmt* stmt) {
    switch (stmt->node_kind) {
      case ast::NodeKind::kFunctionDef: {
        const auto* f = static_cast<const ast::FunctionDef*>(stmt);
        ExecDef(scope, stmt, f->name, f->args, f->decorator_list);
        return;
      }
      case ast::NodeKind::kAsyncFunctionDef: {
        const auto* f = static_cast<const ast::AsyncFunctionDef*>(stmt);
        ExecDef(scope, stmt, f->name, f->args, f->decorator_list);
        return;
      }
      case ast::NodeKind::kClassDef: {
        const auto* c = static_cast<const ast::ClassDef*>(stmt);
        int32_t child = def_scope[stmt];
        for (const ast::Expr* b : c->bases) {
          ObjSet v = Eval(scope, b);
          for (ObjId id : v.ids) {
            auto& bases = scopes[child].bases;
            if (std::find(bases.begin(), bases.end(), id) != bases.end()) continue;
            bases.push_back(id);
            changed = true;
            mro_memo.clear();
            subclasses_dirty = true;
          }
        }
        for (const ast::Keyword* k : c->keywords) Eval(scope, k->value);
        ObjSet value;
        value.Add(ScopeObj(child));
        for (const ast::Expr* d : c->decorator_list) {
          for (ObjId f : Eval(scope, d).ids) {
            CallObject(scope, f, -1, {value}, {}, Site{d, EdgeHow::kDecorator});
          }
        }
        Bind(scope, std::string(c->name), value);
        return;
      }
      case ast::NodeKind::kAssign: {
        const auto* a = static_cast<const ast::Assign*>(stmt);
        ObjSet v = Eval(scope, a->value);
        for (const ast::Expr* t : a->targets) Assign(scope, t, v, a->value);
        return;
      }
      case ast::NodeKind::kAnnAssign: {
        const auto* a = static_cast<const ast::AnnAssign*>(stmt);
        if (a->value != nullptr) Assign(scope, a->target, Eval(scope, a->value), a->value);
        return;
      }
      case ast::NodeKind::kAugAssign: {
        const auto* a = static_cast<const ast::AugAssign*>(stmt);
        ObjSet v = Eval(scope, a->value);
        if (a->target->node_kind == ast::NodeKind::kName) Assign(scope, a->target, v, nullptr);
        return;
      }
      case ast::NodeKind::kReturn: {
        const auto* r = static_cast<const ast::Return*>(stmt);
        Grow(scopes[scope].returns, Eval(scope, r->value));
        return;
      }
      case ast::NodeKind::kFor: {
        const auto* f = static_cast<const ast::For*>(stmt);
        Assign(scope, f->target, Elements(scope, Eval(scope, f->iter), stmt), nullptr);
        return;
      }
      case ast::NodeKind::kAsyncFor: {
        const auto* f = static_cast<const ast::AsyncFor*>(stmt);
        Assign(scope, f->target, Elements(scope, Eval(scope, f->iter), stmt), nullptr);
        return;
      }
      case ast::NodeKind::kWith:
      case ast::NodeKind::kAsyncWith: {
        ast::NodeList<ast::WithItem> items = stmt->node_kind == ast::NodeKind::kWith
                                                 ? static_cast<const ast::With*>(stmt)->items
                                                 : static_cast<const ast::AsyncWith*>(stmt)->items;
        for (const ast::WithItem* item : items) {
          ObjSet v = Eval(scope, item->context_expr);
          ObjSet entered;
          for (ObjId o : v.ids) {
            if (objs[o].kind != ObjKind::kInstance) continue;
            for (ObjId f : ClassAttr(objs[o].scope, "__enter__").ids) {
              entered.AddAll(CallObject(scope, f, o, {}, {}, Site{item, EdgeHow::kDirect}));
            }
            for (ObjId f : ClassAttr(objs[o].scope, "__exit__").ids) {
              CallObject(scope, f, o, {}, {}, Site{item->context_expr, EdgeHow::kDirect});
            }
          }
          if (item->optional_vars != nullptr) {
            Assign(scope, item->optional_vars, entered.empty() ? v : entered, nullptr);
          }
        }
        return;
      }
      case ast::NodeKind::kTry:
      case ast::NodeKind::kTryStar: {
        ast::NodeList<ast::ExceptHandlerBase> hs =
            stmt->node_kind == ast::NodeKind::kTry
                ? static_cast<const ast::Try*>(stmt)->handlers
                : static_cast<const ast::TryStar*>(stmt)->handlers;
        for (const ast::ExceptHandlerBase* hb : hs) {
          const auto* h = static_cast<const ast::ExceptHandler*>(hb);
          ObjSet types = Eval(scope, h->type);
          if (h->name.data() == nullptr) continue;
          ObjSet inst;
          for (ObjId t : types.ids) {
            if (objs[t].kind == ObjKind::kClass)
              inst.Add(Intern(ObjKind::kInstance, objs[t].scope, ""));
          }
          Bind(scope, std::string(h->name), inst);
        }
        return;
      }
      case ast::NodeKind::kIf:
        Eval(scope, static_cast<const ast::If*>(stmt)->test);
        return;
      case ast::NodeKind::kRaise: {
        // `raise A` instantiates the class: its __init__ runs.
        const auto* r = static_cast<const ast::Raise*>(stmt);
        ObjSet exc = Eval(scope, r->exc);
        Eval(scope, r->cause);
        if (r->exc != nullptr && r->exc->node_kind != ast::NodeKind::kCall) {
          for (ObjId o : exc.ids) {
            if (objs[o].kind == ObjKind::kClass) {
              CallObject(scope, o, -1, {}, {}, Site{r->exc, EdgeHow::kDirect});
            }
          }
        }
        return;
      }
      case ast::NodeKind::kWhile:
        Eval(scope, static_cast<const ast::While*>(stmt)->test);
        return;
      case ast::NodeKind::kMatch:
        Eval(scope, static_cast<const ast::Match*>(stmt)->subject);
        return;
      case ast::NodeKind::kImport:
        for (const ast::Alias* alias : static_cast<const ast::Import*>(stmt)->names) {
          ImportModule(scope, alias);
        }
        return;
      case ast::NodeKind::kImportFrom:
        ImportFrom(scope, static_cast<const ast::ImportFrom*>(stmt));
        return;
      case ast::NodeKind::kGlobal:
      case ast::NodeKind::kNonlocal:
      case ast::NodeKind::kPass:
      case ast::NodeKind::kBreak:
      case ast::NodeKind::kContinue:
        return;
      default:
        EvalChildren(scope, *stmt);
        return;
    }
  }

  void Propagate() {
    // CPU time, not wall time: on a loaded machine the answer is the same, only later.
    std::clock_t start = std::clock();
    if (!PropagatePhase(start)) return;
    // The guesses, on what is now known not to be found.
    second_phase = true;
    PropagatePhase(start);
  }

  // One fixpoint; false when it stopped at the time budget or the round bound.
  bool PropagatePhase(std::clock_t start) {
    for (int round = 0; round < options.max_iterations; ++round) {
      changed = false;
      mro_memo.clear();
      for (size_t s = 0; s < scopes.size(); ++s) {
        if (options.time_budget_ms > 0 && s % 64 == 0 &&
            static_cast<double>(std::clock() - start) * 1000.0 / CLOCKS_PER_SEC >
                static_cast<double>(options.time_budget_ms)) {
          complete = false;
          return false;
        }
        int32_t id = static_cast<int32_t>(s);
        for (size_t i = 0; i < scopes[id].stmts.size(); ++i) Exec(id, scopes[id].stmts[i]);
        if (const ast::Expr* body = scopes[id].lambda_body) {
          Grow(scopes[id].returns, Eval(id, body));
        }
      }
      if (!changed) return true;
    }
    complete = false;  // still growing after the last round
    return false;
  }

  void Finish() {
    for (const Scope& s : scopes) infos.push_back(s.info);
    // A call unresolved in an early round may have found callees later.
    std::set<std::pair<int32_t, uint32_t>> resolved;
    for (const RawEdge& e : raw_edges) resolved.emplace(e.caller, e.offset);
    std::vector<UnresolvedCall> still;
    for (size_t i = 0; i < unresolved.size(); ++i) {
      if (!resolved.count({unresolved[i].caller, unresolved_offsets[i]})) {
        still.push_back(std::move(unresolved[i]));
      }
    }
    unresolved = std::move(still);
    for (RawEdge& raw : raw_edges) {
      CallEdge e;
      e.caller = raw.caller;
      e.callee = raw.callee;
      e.callee_name = std::move(raw.callee_name);
      e.file = FileOf(raw.caller).path;
      LineCol at = FileOf(raw.caller).parsed.source->Locate(raw.offset);
      e.line = at.line, e.col = at.column;
      e.how = raw.how;
      e.note = std::move(raw.note);
      edges.push_back(std::move(e));
    }
    std::stable_sort(edges.begin(), edges.end(), [](const CallEdge& a, const CallEdge& b) {
      return std::tie(a.caller, a.line, a.col) < std::tie(b.caller, b.line, b.col);
    });
  }
};

CallGraph::CallGraph(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
CallGraph::CallGraph(CallGraph&&) noexcept = default;
CallGraph& CallGraph::operator=(CallGraph&&) noexcept = default;
CallGraph::~CallGraph() = default;

CallGraph CallGraph::Build(const std::vector<std::string>& entry_files,
                           const CallGraphOptions& options) {
  auto impl = std::make_unique<Impl>();
  impl->options = options;
  std::error_code ec;
  fs::path root = fs::weakly_canonical(options.root, ec);
  // Every module under the root, by name; files are parsed only when imported.
  for (auto it = fs::recursive_directory_iterator(
           root, fs::directory_options::skip_permission_denied, ec);
       !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
    const fs::path& p = it->path();
    std::string leaf = p.filename().string();
    if (it->is_directory(ec)) {
      if (leaf.starts_with(".") || leaf == "__pycache__" || leaf == "node_modules") {
        it.disable_recursion_pending();
      }
      continue;
    }
    if (!leaf.ends_with(".py")) continue;
    std::string name = ModuleNameOf(p.lexically_relative(root));
    if (!name.empty())
      impl->module_paths.emplace(name, p.lexically_relative(fs::current_path(ec)).string());
  }
  for (const std::string& entry : entry_files) {
    fs::path p = fs::weakly_canonical(entry, ec);
    std::string name = ModuleNameOf(p.lexically_relative(root));
    if (name.empty() || name.starts_with("..")) {
      impl->problems.push_back(
          CallGraphProblem{entry, 0, "not under the root " + root.string(), true});
      continue;
    }
    impl->module_paths[name] = entry;
    impl->entry_modules.insert(name);
    impl->LoadModule(name);
  }
  impl->Propagate();
  impl->Finish();
  return CallGraph(std::move(impl));
}

const std::vector<ScopeInfo>& CallGraph::scopes() const {
  return impl_->infos;
}
bool CallGraph::complete() const {
  return impl_->complete;
}
const std::vector<CallEdge>& CallGraph::edges() const {
  return impl_->edges;
}
const std::vector<UnresolvedCall>& CallGraph::unresolved() const {
  return impl_->unresolved;
}
const std::vector<CallGraphProblem>& CallGraph::problems() const {
  return impl_->problems;
}

std::vector<CallEdge> CallGraph::Callees(int32_t scope) const {
  std::vector<CallEdge> out;
  for (const CallEdge& e : impl_->edges) {
    if (e.caller == scope) out.push_back(e);
  }
  return out;
}

std::vector<CallEdge> CallGraph::Callers(int32_t scope) const {
  std::vector<CallEdge> out;
  for (const CallEdge& e : impl_->edges) {
    if (e.callee == scope) out.push_back(e);
  }
  return out;
}

int32_t CallGraph::FindScope(std::string_view name) const {
  for (size_t i = 0; i < impl_->infos.size(); ++i) {
    if (impl_->infos[i].name == name) return static_cast<int32_t>(i);
  }
  return -1;
}

}  // namespace kensa::query
