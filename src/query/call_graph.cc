#include "query/call_graph.h"

#include <algorithm>
#include <array>
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
  kSuper,
  kBound,       // a method read from an instance (or a classmethod from its class):
                // scope is the function, container the object it is bound to
  kConst,       // a str or int constant: name is its key ("s:text", "i:12"), "s*" any
                // str
  kTypeMethod,  // a method of a builtin type's value, PyCG-named:
                // "<**PyStr**>.join"
};

struct Obj {
  ObjKind kind;
  int32_t scope = -1;  // module/function/class scope; the class of an instance or super()
  std::string name;    // builtins and external names
  int32_t container = -1;
};

// A store of one key in straight-line code (not under if/for/while/try) of a
// scope, or of a container literal: a read later in that scope sees the last
// such store, not the earlier ones (`d["a"] = f2` after `d = {"a": f1}`).
struct OrderedStore {
  int32_t scope;
  uint32_t index;  // of the statement in the scope's flattened list
  ObjSet value;
};

struct Container {
  std::string_view type;  // PyCG's name of its builtin type: PyDict, PyList, PyTuple, PySet
  // Ordered stores are kept only for a literal evaluated once per run of its
  // scope (in its straight-line code): one abstract container is then one
  // object at a time there.
  int32_t created_in = -1;
  bool created_straight = false;
  ObjSet all;
  std::unordered_map<std::string, ObjSet> keyed;  // constant string or int keys: every store
  std::unordered_map<std::string, std::vector<OrderedStore>> ordered;  // sorted by index
  std::unordered_map<std::string, ObjSet> unordered;                   // the other stores of a key
};

struct Scope {
  ScopeInfo info;
  int32_t module = -1;  // the module scope this one lives in
  int32_t file = -1;
  std::vector<const ast::Stmt*> stmts;  // flattened: compound statements and their bodies
  // Parallel to stmts: the statement is in the scope's own body, not under
  // if/for/while/try/ with/match, so it runs exactly once per run of the scope,
  // after those before it.
  std::vector<uint8_t> straight;
  // Names bound only in straight-line code, at least twice (`a = dec1` then `a
  // = dec2`): the value of each binding by statement index, so that a read in
  // this scope sees the last binding before it. Other scopes, and reads where
  // the order is not known, see the union in vars.
  std::unordered_map<std::string, std::vector<std::pair<uint32_t, ObjSet>>> versions;
  // While collecting: the straight bindings of each name, and the names bound
  // otherwise (under a compound statement, as parameters, by +=, global or
  // nonlocal from inside).
  std::unordered_map<std::string, std::vector<uint32_t>> straight_binds;
  std::unordered_set<std::string> unordered_names;
  const ast::Expr* lambda_body = nullptr;
  const ast::Arguments* args = nullptr;
  std::unordered_map<std::string, ObjSet> vars;
  std::unordered_set<std::string> globals, nonlocals;
  ObjSet returns;
  std::unordered_map<std::string, ObjSet> inst_attrs;  // classes: self.x = ...
  std::vector<ObjId> bases;            // classes: in the order written (the MRO depends on it)
  std::vector<std::string> star_from;  // modules imported with *
  bool is_static = false, is_classmethod = false, is_property = false;
  // Its statements run in propagation. With CallGraphOptions::demand_driven a function or
  // lambda outside the entry files runs only once something calls it.
  bool live = true;
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
  std::array<std::vector<ObjId>, 4> scope_objs;  // module, function, class, instance by scope
  std::unordered_map<uint64_t, ObjId> bound_of;  // (function scope, self) -> bound method
  // A value read from a subclass (FromSubclasses), with the object it is read from.
  struct Inherited {
    ObjId value;
    ObjId from;  // the subclass's instance or class
    std::string note;
  };
  // (receiver, attribute) -> FromSubclasses, for one round.
  std::unordered_map<std::string, std::vector<Inherited>> subclass_memo;
  std::unordered_map<const ast::Node*, ObjId> const_of;  // constant node -> object, -1 none
  ObjId any_str = -1;
  std::vector<Container> containers;
  std::unordered_map<const ast::Node*, ObjId> container_of;
  // (caller, callee object, site offset) of every edge: a callee object stands for one name.
  struct EdgeKey {
    int32_t caller;
    ObjId callee;
    uint32_t offset;
    bool operator==(const EdgeKey&) const = default;
  };
  struct EdgeKeyHash {
    size_t operator()(const EdgeKey& k) const {
      uint64_t h = (static_cast<uint64_t>(static_cast<uint32_t>(k.caller)) << 32) ^
                   static_cast<uint32_t>(k.callee);
      return std::hash<uint64_t>()(h * 0x9E3779B97F4A7C15ull ^ k.offset);
    }
  };
  std::unordered_set<EdgeKey, EdgeKeyHash> edge_keys;
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
  // Where propagation is: the scope whose statements run, and the running
  // statement's index in its flattened list (-1: no order known, as for a
  // lambda's body).
  int32_t exec_scope = -1;
  uint32_t exec_index = 0;
  // eval("func()") with a constant: the text parsed once, its expression
  // evaluated in place, its calls located at the eval() call (site_override
  // while evaluating it).
  std::vector<std::unique_ptr<python::ParsedFile>> eval_sources;
  std::unordered_map<const ast::Node*, const ast::Expr*> eval_exprs;
  const ast::Node* site_override = nullptr;
  int32_t current_scope = -1;

  // --- objects ---------------------------------------------------------------------------
  ObjId Intern(ObjKind kind, int32_t scope, const std::string& name) {
    // Modules, functions, classes and instances, the hottest, by scope without a string key.
    const bool by_scope = name.empty() && scope >= 0 && kind <= ObjKind::kInstance;
    if (by_scope) {
      std::vector<ObjId>& cache = scope_objs[static_cast<size_t>(kind)];
      if (cache.size() <= static_cast<size_t>(scope)) cache.resize(scope + 1, -1);
      if (cache[scope] >= 0) return cache[scope];
      cache[scope] = static_cast<ObjId>(objs.size());
      objs.push_back(Obj{kind, scope, name, -1});
      return cache[scope];
    }
    std::string key = std::to_string(static_cast<int>(kind));
    key.append(":").append(std::to_string(scope)).append(":").append(name);
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
  ObjId ContainerFor(const ast::Node* node, std::string_view type = {}) {
    auto it = container_of.find(node);
    if (it != container_of.end()) return it->second;
    ObjId id = static_cast<ObjId>(objs.size());
    objs.push_back(Obj{ObjKind::kContainer, -1, "", static_cast<int32_t>(containers.size())});
    containers.emplace_back();
    containers.back().type = type;
    container_of.emplace(node, id);
    return id;
  }
  Container& ContainerOf(ObjId id) { return containers[objs[id].container]; }
  bool ExecStraight() const {
    return exec_scope >= 0 && scopes[exec_scope].straight[exec_index] != 0;
  }
  // A container literal evaluated by the running statement.
  ObjId LiteralContainer(const ast::Node* node, std::string_view type) {
    ObjId cid = ContainerFor(node, type);
    Container& c = ContainerOf(cid);
    if (c.created_in < 0 && exec_scope >= 0) {
      c.created_in = exec_scope;
      c.created_straight = ExecStraight();
    }
    return cid;
  }

  // Stores `value` under `key`. `ordered`: the store overwrites the key for the
  // reads after it in the running scope (a literal's own elements, or a store
  // in straight-line code to the only container the receiver can be); taken
  // only for a container made once per run of that scope.
  void StoreKey(ObjId cid, const std::string& key, const ObjSet& value, bool ordered) {
    Container& c = ContainerOf(cid);
    Grow(c.all, value);
    Grow(c.keyed[key], value);
    if (ordered && exec_scope >= 0 && c.created_in == exec_scope && c.created_straight) {
      std::vector<OrderedStore>& list = c.ordered[key];
      auto it = std::find_if(list.begin(), list.end(),
                             [&](const OrderedStore& st) { return st.index >= exec_index; });
      if (it == list.end() || it->index != exec_index) {
        it = list.insert(it, OrderedStore{exec_scope, exec_index, {}});
        changed = true;
      }
      Grow(it->value, value);
    } else {
      Grow(c.unordered[key], value);
    }
  }

  // What reading `key` gives at the running statement: after an ordered store
  // in this scope, the last such store and the unordered ones; else every store
  // (no key: every element).
  ObjSet ReadKey(ObjId cid, const std::string& key) {
    const Container& c = ContainerOf(cid);
    auto k = c.keyed.find(key);
    if (k == c.keyed.end()) return c.all;
    auto o = c.ordered.find(key);
    if (exec_scope >= 0 && c.created_in == exec_scope && o != c.ordered.end()) {
      const OrderedStore* last = nullptr;
      for (const OrderedStore& st : o->second) {
        if (st.index < exec_index) last = &st;
      }
      if (last != nullptr) {
        ObjSet out = last->value;
        auto u = c.unordered.find(key);
        if (u != c.unordered.end()) out.AddAll(u->second);
        return out;
      }
    }
    return k->second;
  }

  // Every key and element of `from` into `into` (dict(other), d.update(other)).
  void MergeInto(ObjId into, ObjId from, bool ordered) {
    if (into == from) return;
    Container other = ContainerOf(from);  // a copy: the stores below may grow containers
    for (const auto& [key, set] : other.keyed) StoreKey(into, key, ReadKey(from, key), ordered);
    Grow(ContainerOf(into).all, other.all);
  }

  // `ls[a:b]`: a container of its own; with constant bounds and no step, its
  // positions are the original's shifted (ls[1:3][0] is ls[1]), else every
  // element anywhere.
  ObjId SliceOf(int32_t scope, ObjId from, const ast::Slice* sl, const ast::Node* node) {
    (void)scope;
    ObjId cid = ContainerFor(node, ContainerOf(from).type);
    auto bound = [](const ast::Expr* e, long dflt) -> long {
      if (e == nullptr) return dflt;
      std::string key = ConstKey(e);
      if (!key.starts_with("i:") || key.size() > 8) return -1;
      return std::stol(key.substr(2));
    };
    long lower = bound(sl->lower, 0), upper = bound(sl->upper, 1 << 20);
    Grow(ContainerOf(cid).all, ContainerOf(from).all);
    if (sl->step != nullptr || lower < 0 || upper < 0) return cid;
    for (long i = lower; i < upper; ++i) {
      std::string key = "i:" + std::to_string(i);
      if (!ContainerOf(from).keyed.count(key)) break;
      StoreKey(cid, "i:" + std::to_string(i - lower), ReadKey(from, key), false);
    }
    return cid;
  }

  // A key whose value is not known yet (`from ext import key`, ext run later in
  // the round): read as no key until the second phase, then as any key. Read as
  // any key at once, every element would be an edge that no later round takes
  // back.
  bool KeyPending(const ast::Expr* e, const ObjSet& value) const {
    return !second_phase && value.empty() && ConstKey(e).empty();
  }

  // The keys a subscript or argument can be: its constant, or the constants its
  // value holds
  // (`ls[key]` with `key = 1` or a parameter given 1); empty when any is
  // unknown.
  std::vector<std::string> KeysOf(int32_t scope, const ast::Expr* e, const ObjSet& value) {
    (void)scope;
    std::string key = ConstKey(e);
    if (!key.empty()) return {key};
    std::vector<std::string> out;
    for (ObjId v : value.ids) {
      if (objs[v].kind != ObjKind::kConst || objs[v].name == "s*") return {};
      out.push_back(objs[v].name);
    }
    return out;
  }
  ObjId AnyStr() {
    if (any_str < 0) any_str = Intern(ObjKind::kConst, -1, "s*");
    return any_str;
  }
  // A method read from `receiver` in value context (`cb = self.run`): bound to
  // it, so that calling the value later passes the receiver as self.
  ObjId BindMethod(ObjId f, ObjId receiver) {
    if (objs[f].kind != ObjKind::kFunction) return f;
    const Scope& fs = scopes[objs[f].scope];
    if (fs.is_static || fs.is_property) return f;
    const Obj r = objs[receiver];
    ObjId self = -1;
    if (fs.is_classmethod) {
      if (r.kind == ObjKind::kClass) self = receiver;
      if (r.kind == ObjKind::kInstance) self = ScopeObj(r.scope);
    } else if (r.kind == ObjKind::kInstance) {
      self = receiver;
    }
    if (self < 0) return f;
    uint64_t key = (static_cast<uint64_t>(objs[f].scope) << 32) | static_cast<uint32_t>(self);
    auto [it, inserted] = bound_of.emplace(key, static_cast<ObjId>(objs.size()));
    if (inserted) objs.push_back(Obj{ObjKind::kBound, objs[f].scope, "", self});
    return it->second;
  }
  static bool Callable(ObjKind k) {
    return k == ObjKind::kFunction || k == ObjKind::kClass || k == ObjKind::kBound;
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

  void MakeLive(int32_t scope) {
    if (scopes[scope].live) return;
    scopes[scope].live = true;
    changed = true;
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
    if (options.demand_driven && (kind == ScopeKind::kFunction || kind == ScopeKind::kLambda)) {
      s.live = entry_modules.count(scopes[s.module].info.name) > 0;
    }
    scopes.push_back(std::move(s));
    if (node != nullptr) def_scope[node] = id;
    changed = true;
    return id;
  }

  void DeclareParams(int32_t scope, const ast::Arguments* args) {
    scopes[scope].args = args;
    if (args == nullptr) return;
    auto declare = [&](const ast::Arg* a) {
      if (a == nullptr) return;
      scopes[scope].vars[std::string(a->arg)];
      scopes[scope].unordered_names.emplace(a->arg);
    };
    for (const ast::Arg* a : args->posonlyargs) declare(a);
    for (const ast::Arg* a : args->args) declare(a);
    declare(args->vararg);
    for (const ast::Arg* a : args->kwonlyargs) declare(a);
    declare(args->kwarg);
  }

  void Collect(int32_t scope, const ast::NodeList<ast::Stmt>& body, bool straight = false) {
    for (const ast::Stmt* stmt : body) CollectStmt(scope, stmt, straight);
  }

  static void TargetNames(const ast::Expr* e, std::vector<std::string_view>* out) {
    if (e == nullptr) return;
    if (const auto* n = ast::DynCast<ast::Name>(e)) out->push_back(n->id);
    if (const auto* t = ast::DynCast<ast::Tuple>(e)) {
      for (const ast::Expr* x : t->elts) TargetNames(x, out);
    }
    if (const auto* l = ast::DynCast<ast::List>(e)) {
      for (const ast::Expr* x : l->elts) TargetNames(x, out);
    }
    if (const auto* st = ast::DynCast<ast::Starred>(e)) TargetNames(st->value, out);
  }

  // The names a statement binds in its scope (not those of its nested bodies).
  static void BoundNames(const ast::Stmt* stmt, std::vector<std::string_view>* out) {
    switch (stmt->node_kind) {
      case ast::NodeKind::kFunctionDef:
        out->push_back(static_cast<const ast::FunctionDef*>(stmt)->name);
        return;
      case ast::NodeKind::kAsyncFunctionDef:
        out->push_back(static_cast<const ast::AsyncFunctionDef*>(stmt)->name);
        return;
      case ast::NodeKind::kClassDef:
        out->push_back(static_cast<const ast::ClassDef*>(stmt)->name);
        return;
      case ast::NodeKind::kAssign:
        for (const ast::Expr* t : static_cast<const ast::Assign*>(stmt)->targets) {
          TargetNames(t, out);
        }
        return;
      case ast::NodeKind::kAnnAssign: {
        const auto* a = static_cast<const ast::AnnAssign*>(stmt);
        if (a->value != nullptr) TargetNames(a->target, out);
        return;
      }
      case ast::NodeKind::kAugAssign:
        TargetNames(static_cast<const ast::AugAssign*>(stmt)->target, out);
        return;
      case ast::NodeKind::kFor:
        TargetNames(static_cast<const ast::For*>(stmt)->target, out);
        return;
      case ast::NodeKind::kAsyncFor:
        TargetNames(static_cast<const ast::AsyncFor*>(stmt)->target, out);
        return;
      case ast::NodeKind::kWith:
        for (const ast::WithItem* i : static_cast<const ast::With*>(stmt)->items) {
          TargetNames(i->optional_vars, out);
        }
        return;
      case ast::NodeKind::kAsyncWith:
        for (const ast::WithItem* i : static_cast<const ast::AsyncWith*>(stmt)->items) {
          TargetNames(i->optional_vars, out);
        }
        return;
      case ast::NodeKind::kImport:
        for (const ast::Alias* a : static_cast<const ast::Import*>(stmt)->names) {
          std::string_view n = a->asname.data() != nullptr ? a->asname : a->name;
          out->push_back(n.substr(0, a->asname.data() != nullptr ? n.size() : n.find('.')));
        }
        return;
      case ast::NodeKind::kImportFrom:
        for (const ast::Alias* a : static_cast<const ast::ImportFrom*>(stmt)->names) {
          if (a->name != "*") out->push_back(a->asname.data() != nullptr ? a->asname : a->name);
        }
        return;
      default:
        return;
    }
  }

  // After a scope's body is collected: the names whose bindings are ordered.
  void FinishCollect(int32_t scope) {
    Scope& s = scopes[scope];
    for (const auto& [name, at] : s.straight_binds) {
      if (at.size() < 2 || s.unordered_names.count(name) || s.globals.count(name) ||
          s.nonlocals.count(name)) {
        continue;
      }
      auto& v = s.versions[name];
      for (uint32_t i : at) {
        if (v.empty() || v.back().first != i) v.emplace_back(i, ObjSet());
      }
    }
    s.straight_binds.clear();
    s.unordered_names.clear();
  }

  void CollectStmt(int32_t scope, const ast::Stmt* stmt, bool straight) {
    {
      Scope& s = scopes[scope];
      uint32_t index = static_cast<uint32_t>(s.stmts.size());
      s.stmts.push_back(stmt);
      s.straight.push_back(straight ? 1 : 0);
      std::vector<std::string_view> bound;
      BoundNames(stmt, &bound);
      for (std::string_view n : bound) {
        if (straight && stmt->node_kind != ast::NodeKind::kAugAssign) {
          s.straight_binds[std::string(n)].push_back(index);
        } else {
          s.unordered_names.emplace(n);
        }
      }
    }
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
        Collect(child, fbody, true);
        FinishCollect(child);
        return;
      }
      case ast::NodeKind::kClassDef: {
        const auto* c = static_cast<const ast::ClassDef*>(stmt);
        int32_t child =
            NewScope(ScopeKind::kClass, scopes[scope].info.name + "." + std::string(c->name), scope,
                     scopes[scope].file, stmt);
        Collect(child, c->body, true);
        FinishCollect(child);
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
          scopes[scopes[scope].module].unordered_names.emplace(n);  // bound from inside
        }
        return;
      case ast::NodeKind::kNonlocal:
        for (ast::Identifier n : static_cast<const ast::Nonlocal*>(stmt)->names) {
          scopes[scope].nonlocals.emplace(n);
          for (int32_t p = scopes[scope].info.parent; p >= 0; p = scopes[p].info.parent) {
            scopes[p].unordered_names.emplace(n);
          }
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
    Collect(scope, files[file_id]->parsed.result.module->body, true);
    FinishCollect(scope);
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
    Scope& s = scopes[scope];
    auto it = s.versions.find(name);
    if (it == s.versions.end()) return;
    if (scope == exec_scope) {
      for (auto& [index, set] : it->second) {
        if (index == exec_index) {
          Grow(set, value);
          return;
        }
      }
    }
    s.versions.erase(it);  // bound where the order is not known: reads take the union
    changed = true;
  }

  ObjSet Lookup(int32_t scope, const std::string& name) {
    const Scope& s = scopes[scope];
    if (scope == exec_scope && !s.versions.empty()) {
      auto it = s.versions.find(name);
      if (it != s.versions.end()) {
        const ObjSet* last = nullptr;
        for (const auto& [index, set] : it->second) {
          if (index >= exec_index) break;
          last = &set;
        }
        if (last != nullptr) return *last;
      }
    }
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
  const std::vector<Inherited>& FromSubclasses(ObjId receiver, const std::string& attr) {
    // Once per round for each (receiver, attribute): a base class of hundreds of models is
    // the receiver of many calls.
    std::string memo_key = std::to_string(receiver);
    memo_key.append(":").append(attr);
    auto memo = subclass_memo.find(memo_key);
    if (memo != subclass_memo.end()) return memo->second;
    std::vector<Inherited>& out = subclass_memo[memo_key];
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
      if (out.size() > 16) {
        out.clear();
        return out;
      }
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
      case ObjKind::kConst:
        if (o.name.starts_with("s") && IsTypeMethod("PyStr", attr)) {
          out.Add(Intern(ObjKind::kTypeMethod, -1, "<**PyStr**>." + attr));
        }
        return out;
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
    if (c->value.kind == ast::ConstantValue::Kind::kInt) return "i:" + std::string(c->value.text());
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
      } else if (Callable(o.kind)) {
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
        std::vector<std::string> keys = KeysOf(scope, s->slice, Eval(scope, s->slice));
        // One receiver and one key in straight-line code: the store overwrites
        // the key.
        bool ordered = recv.ids.size() == 1 && keys.size() == 1 && ExecStraight();
        for (ObjId r : recv.ids) {
          if (objs[r].kind != ObjKind::kContainer) continue;
          Grow(ContainerOf(r).all, value);
          for (const std::string& key : keys) StoreKey(r, key, value, ordered);
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
              out.Add(BindMethod(g, r));
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
              out.Add(BindMethod(in.value, in.from));
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
        ObjId cid = LiteralContainer(e, "PyDict");
        for (uint32_t i = 0; i < d->values.size(); ++i) {
          const ast::Expr* k = d->keys[i];
          ObjSet v = Eval(scope, d->values[i]);
          if (k == nullptr) {  // **other
            for (ObjId o : v.ids) {
              if (objs[o].kind == ObjKind::kContainer) MergeInto(cid, o, true);
            }
            continue;
          }
          std::vector<std::string> keys = KeysOf(scope, k, Eval(scope, k));
          Grow(ContainerOf(cid).all, v);
          for (const std::string& key : keys) StoreKey(cid, key, v, keys.size() == 1);
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
        ObjId cid = LiteralContainer(e, e->node_kind == ast::NodeKind::kList    ? "PyList"
                                        : e->node_kind == ast::NodeKind::kTuple ? "PyTuple"
                                                                                : "PySet");
        bool starred = false;  // after a *x, positions are not known
        for (uint32_t i = 0; i < elts.size(); ++i) {
          ObjSet v = Eval(scope, elts[i]);
          if (elts[i]->node_kind == ast::NodeKind::kStarred) {
            v = Elements(scope, v, elts[i]);
            starred = true;
          }
          Grow(ContainerOf(cid).all, v);
          if (!starred) StoreKey(cid, "i:" + std::to_string(i), v, true);
        }
        out.Add(cid);
        return out;
      }
      case ast::NodeKind::kSubscript: {
        const auto* s = static_cast<const ast::Subscript*>(e);
        ObjSet recv = Eval(scope, s->value);
        if (const auto* sl = ast::DynCast<ast::Slice>(s->slice)) {
          Eval(scope, sl->lower), Eval(scope, sl->upper), Eval(scope, sl->step);
          for (ObjId r : recv.ids) {
            if (objs[r].kind == ObjKind::kContainer) out.Add(SliceOf(scope, r, sl, e));
          }
          return out;
        }
        ObjSet slice = Eval(scope, s->slice);
        std::vector<std::string> keys = KeysOf(scope, s->slice, slice);
        bool pending = KeyPending(s->slice, slice);
        for (ObjId r : recv.ids) {
          const Obj o = objs[r];
          if (o.kind == ObjKind::kContainer) {
            if (keys.empty() && !pending) out.AddAll(ContainerOf(r).all);
            for (const std::string& key : keys) out.AddAll(ReadKey(r, key));
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
        ObjId cid = ContainerFor(e, e->node_kind == ast::NodeKind::kListComp   ? "PyList"
                                    : e->node_kind == ast::NodeKind::kSetComp  ? "PySet"
                                    : e->node_kind == ast::NodeKind::kDictComp ? "PyDict"
                                                                               : "");
        Grow(containers[objs[cid].container].all, Eval(scope, elt));
        out.Add(cid);
        return out;
      }
      case ast::NodeKind::kConstant: {
        // str and int constants are values of their own: keys of dispatch tables
        // (`ls[key]`, key = 1), receivers of str methods (`" ".join(...)`).
        auto [it, inserted] = const_of.emplace(e, -1);
        if (inserted) {
          std::string key = ConstKey(e);
          if (!key.empty()) {
            it->second = key.size() <= 66        ? Intern(ObjKind::kConst, -1, key)
                         : key.starts_with("s:") ? AnyStr()
                                                 : Intern(ObjKind::kConst, -1, "i*");
          }
        }
        if (it->second >= 0) out.Add(it->second);
        return out;
      }
      case ast::NodeKind::kJoinedStr:
        EvalChildren(scope, *e);
        out.Add(AnyStr());
        return out;
      case ast::NodeKind::kBinOp: {
        // "..." % x, "a" + b: a str.
        const auto* b = static_cast<const ast::BinOp*>(e);
        ObjSet left = Eval(scope, b->left);
        ObjSet right = Eval(scope, b->right);
        auto is_str = [&](const ObjSet& v) {
          return std::any_of(v.ids.begin(), v.ids.end(), [&](ObjId o) {
            return objs[o].kind == ObjKind::kConst && objs[o].name.starts_with("s");
          });
        };
        if (is_str(left) || (b->op == ast::Operator::kAdd && is_str(right))) out.Add(AnyStr());
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
    // Calls in the text given to eval() are sites of the eval() call.
    uint32_t offset = (site_override != nullptr ? site_override : site.node)->begin;
    // Every call is seen again each round: the name is only spelled for a new edge.
    if (edge_keys.insert(EdgeKey{caller, callee, offset}).second) {
      const Obj& o = objs[callee];
      std::string name;
      int32_t callee_scope = -1;
      if (o.kind == ObjKind::kBuiltin) {
        name = "<builtin>.";
        name.append(o.name);
        how = EdgeHow::kBuiltin;
      } else if (o.kind == ObjKind::kExternal) {
        name = o.name, how = EdgeHow::kExternal;
      } else if (o.kind == ObjKind::kTypeMethod) {
        name = o.name, how = EdgeHow::kBuiltin;
      } else {
        callee_scope = o.scope;
        name = scopes[o.scope].info.name;
      }
      raw_edges.push_back(RawEdge{caller, std::move(name), callee_scope, offset, how,
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
      ObjId cid = ContainerFor(a->vararg, "PyTuple");
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
        MakeLive(o.scope);
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
          // The elements of every argument that is not a function (map's
          // iterables, in either order), passed to the functions; map gives what
          // they return.
          Args elements;
          ObjSet results;
          for (const ObjSet& arg : args) {
            bool callable = std::any_of(arg.ids.begin(), arg.ids.end(),
                                        [&](ObjId f) { return Callable(objs[f].kind); });
            if (!callable) elements.push_back(Elements(scope, arg, site.node));
          }
          for (const ObjSet& arg : args) {
            for (ObjId f : arg.ids) {
              if (Callable(objs[f].kind)) {
                results.AddAll(CallObject(scope, f, -1, elements, {}, site));
              }
            }
          }
          if (o.name == "map") {
            ObjId cid = ContainerFor(site.node);
            Grow(ContainerOf(cid).all, results);
            out.Add(cid);
            return out;
          }
        }
        for (const auto& [name, value] : kwargs) {
          if (name != "key") continue;
          for (ObjId f : value.ids) {
            if (Callable(objs[f].kind)) CallObject(scope, f, -1, {}, {}, site);
          }
        }
        static const std::unordered_map<std::string_view, std::string_view> kPassThrough = {
            {"list", "PyList"}, {"tuple", "PyTuple"},   {"iter", ""},
            {"next", ""},       {"reversed", ""},       {"sorted", "PyList"},
            {"set", "PySet"},   {"frozenset", "PySet"}, {"filter", ""}};
        if (o.name == "dict") {  // dict(other) copies, dict(a=f) stores under "a"
          ObjId cid = LiteralContainer(site.node, "PyDict");
          for (const ObjSet& arg : args) {
            for (ObjId other : arg.ids) {
              if (objs[other].kind == ObjKind::kContainer) MergeInto(cid, other, true);
            }
          }
          for (const auto& [name, value] : kwargs) {
            std::string key = "s:";
            StoreKey(cid, key.append(name), value, true);
          }
          out.Add(cid);
          return out;
        }
        if (auto type = kPassThrough.find(o.name); type != kPassThrough.end() && !args.empty()) {
          ObjId cid = ContainerFor(site.node, type->second);
          for (const ObjSet& arg : args) {
            if (o.name == "filter" && std::any_of(arg.ids.begin(), arg.ids.end(), [&](ObjId f) {
                  return Callable(objs[f].kind);
                })) {
              continue;  // the predicate
            }
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
      case ObjKind::kBound:
        return CallObject(scope, ScopeObj(o.scope), o.container, args, kwargs, site);
      case ObjKind::kTypeMethod: {
        AddEdge(scope, callee, site, EdgeHow::kBuiltin);
        // str methods that give a str back, so that `" ".join(x).strip()` is
        // followed.
        static const std::unordered_set<std::string_view> kToStr = {
            "join",       "format",   "replace",      "strip",        "lstrip",
            "rstrip",     "lower",    "upper",        "title",        "capitalize",
            "casefold",   "ljust",    "rjust",        "center",       "zfill",
            "expandtabs", "swapcase", "removeprefix", "removesuffix", "format_map"};
        std::string_view method = std::string_view(o.name).substr(o.name.rfind('.') + 1);
        if (o.name.starts_with("<**PyStr**>.") && kToStr.count(method)) out.Add(AnyStr());
        return out;
      }
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
        if (ro.kind == ObjKind::kContainer) {
          any |= ContainerMethod(scope, call, r, recv.ids.size() == 1, attr, args, kwargs, &out);
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
              MakeLive(objs[f].scope);
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
          for (ObjId r : args[0].ids) {
            for (ObjId g : GetAttr(r, key.substr(2)).ids) out.Add(BindMethod(g, r));
          }
        }
      }
      for (ObjId f : callees.ids) {
        any = true;
        out.AddAll(CallObject(scope, f, -1, args, kwargs, site));
        if (objs[f].kind == ObjKind::kBuiltin && objs[f].name == "eval" && !call->args.empty()) {
          out.AddAll(EvalText(scope, call));
        }
      }
    }
    if (!any && site_override == nullptr) {
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

  // `attr` is a method of the builtin type: a value that may be a str (or a dict) does not
  // make `x.lora_state_dict()` an edge to `<**PyStr**>.lora_state_dict`.
  static bool IsTypeMethod(std::string_view type, std::string_view attr) {
    static const std::unordered_map<std::string_view, std::unordered_set<std::string_view>>
        kMethods = {
            {"PyStr", {"capitalize",   "casefold",     "center",    "count",     "encode",
                       "endswith",     "expandtabs",   "find",      "format",    "format_map",
                       "index",        "isalnum",      "isalpha",   "isascii",   "isdecimal",
                       "isdigit",      "isidentifier", "islower",   "isnumeric", "isprintable",
                       "isspace",      "istitle",      "isupper",   "join",      "ljust",
                       "lower",        "lstrip",       "maketrans", "partition", "removeprefix",
                       "removesuffix", "replace",      "rfind",     "rindex",    "rjust",
                       "rpartition",   "rsplit",       "rstrip",    "split",     "splitlines",
                       "startswith",   "strip",        "swapcase",  "title",     "translate",
                       "upper",        "zfill"}},
            {"PyDict",
             {"clear", "copy", "fromkeys", "get", "items", "keys", "pop", "popitem", "setdefault",
              "update", "values"}},
            {"PyList",
             {"append", "clear", "copy", "count", "extend", "index", "insert", "pop", "remove",
              "reverse", "sort"}},
            {"PyTuple", {"count", "index"}},
            {"PySet",
             {"add", "clear", "copy", "difference", "difference_update", "discard", "intersection",
              "intersection_update", "isdisjoint", "issubset", "issuperset", "pop", "remove",
              "symmetric_difference", "symmetric_difference_update", "union", "update"}},
        };
    auto it = kMethods.find(type);
    return it != kMethods.end() && it->second.count(attr) > 0;
  }

  // A method of a list, dict, tuple or set: an edge to `<**PyDict**>.items`
  // (PyCG's names), and what it does to the elements, as data flow. False when
  // neither is known.
  bool ContainerMethod(int32_t scope, const ast::Call* call, ObjId r, bool single,
                       const std::string& attr, const Args& args, const Kwargs& kwargs,
                       ObjSet* out) {
    bool known = false;
    std::string_view type = ContainerOf(r).type;
    if (!type.empty() && IsTypeMethod(type, attr)) {
      std::string name = "<**";
      name.append(type).append("**>.").append(attr);
      AddEdge(scope, Intern(ObjKind::kTypeMethod, -1, name), Site{call, EdgeHow::kBuiltin},
              EdgeHow::kBuiltin);
      known = true;
    }
    bool positional = !args.empty() && args.star != 0;
    // A store in straight-line code to the only container the receiver can be
    // overwrites.
    bool ordered = single && ExecStraight();
    if (attr == "get" || attr == "pop" || attr == "setdefault") {
      std::vector<std::string> keys;
      if (positional) keys = KeysOf(scope, call->args[0], args[0]);
      if (keys.empty() && !(positional && KeyPending(call->args[0], args[0]))) {
        out->AddAll(ContainerOf(r).all);
      }
      for (const std::string& key : keys) out->AddAll(ReadKey(r, key));
      if (args.size() >= 2) {  // the default, or what setdefault stores
        out->AddAll(args[1]);
        for (const std::string& key : keys) {
          if (attr == "setdefault") StoreKey(r, key, args[1], false);
        }
      }
      return true;
    }
    if (attr == "update") {
      if (positional) {
        for (ObjId o : args[0].ids) {
          if (objs[o].kind == ObjKind::kContainer) MergeInto(r, o, ordered);
        }
      }
      for (const auto& [name, value] : kwargs) {
        std::string key = "s:";
        StoreKey(r, key.append(name), value, ordered);
      }
      return true;
    }
    if (attr == "append" || attr == "add" || attr == "insert" || attr == "extend") {
      if (!args.empty()) {
        const ObjSet& item = attr == "insert" && args.size() >= 2 ? args[1] : args[0];
        Grow(ContainerOf(r).all, attr == "extend" ? Elements(scope, item, call) : item);
      }
      return true;
    }
    if (attr == "copy") {
      out->Add(r);
      return true;
    }
    if (attr == "values" || attr == "items") {
      // A view of its own; items() gives (key, value) pairs, the keys not being
      // followed.
      ObjId view = ContainerFor(call);
      ObjSet elements = ContainerOf(r).all;
      if (attr == "items") {
        ObjId pair = ContainerFor(call->func, "PyTuple");
        Grow(ContainerOf(pair).all, elements);
        StoreKey(pair, "i:1", elements, false);
        elements = ObjSet();
        elements.Add(pair);
      }
      Grow(ContainerOf(view).all, elements);
      out->Add(view);
      return true;
    }
    return known;
  }

  // eval("expression") with a constant text: the expression, evaluated where
  // eval runs.
  ObjSet EvalText(int32_t scope, const ast::Call* call) {
    auto it = eval_exprs.find(call);
    if (it == eval_exprs.end()) {
      const ast::Expr* expr = nullptr;
      std::string key = ConstKey(call->args[0]);
      // A lambda in the text would be a scope located in another text: left
      // out.
      if (key.starts_with("s:") && key.find("lambda") == std::string::npos &&
          site_override == nullptr) {
        auto parsed = std::make_unique<python::ParsedFile>(python::ParseBytes(key.substr(2)));
        if (parsed->ok() && parsed->result.module->body.size() == 1) {
          if (const auto* x = ast::DynCast<ast::ExprStmt>(parsed->result.module->body[0])) {
            expr = x->value;
          }
        }
        if (expr != nullptr) eval_sources.push_back(std::move(parsed));
      }
      it = eval_exprs.emplace(call, expr).first;
    }
    if (it->second == nullptr) return {};
    const ast::Node* saved = site_override;
    site_override = call;
    ObjSet out = Eval(scope, it->second);
    site_override = saved;
    return out;
  }

  // --- statements
  // ----------------------------------------------------------------------
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
      case ast::NodeKind::kExprStmt:
        // A docstring or other lone constant does nothing.
        if (static_cast<const ast::ExprStmt*>(stmt)->value->node_kind != ast::NodeKind::kConstant) {
          Eval(scope, static_cast<const ast::ExprStmt*>(stmt)->value);
        }
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
      subclass_memo.clear();
      for (size_t s = 0; s < scopes.size(); ++s) {
        if (options.time_budget_ms > 0 && s % 64 == 0 &&
            static_cast<double>(std::clock() - start) * 1000.0 / CLOCKS_PER_SEC >
                static_cast<double>(options.time_budget_ms)) {
          complete = false;
          return false;
        }
        int32_t id = static_cast<int32_t>(s);
        if (!scopes[id].live) continue;
        exec_scope = id;
        for (size_t i = 0; i < scopes[id].stmts.size(); ++i) {
          exec_index = static_cast<uint32_t>(i);
          Exec(id, scopes[id].stmts[i]);
        }
        exec_scope = -1;
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
    // Two callee objects may spell one name (a builtin shadowed under the same name).
    std::set<std::tuple<int32_t, uint32_t, std::string>> spelled;
    for (RawEdge& raw : raw_edges) {
      if (!spelled.emplace(raw.caller, raw.offset, raw.callee_name).second) continue;
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
  std::vector<std::string> entry_names;
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
    entry_names.push_back(std::move(name));
  }
  // Every entry is known before any loads: an entry imported by another is still an entry.
  for (const std::string& name : entry_names) impl->LoadModule(name);
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
