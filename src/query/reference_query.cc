#include "query/reference_query.h"

#include <algorithm>
#include <mutex>
#include <set>
#include <unordered_map>
#include <unordered_set>

#include "base/thread_pool.h"
#include "python/ast_nodes.h"
#include "python/parser_file.h"

namespace kensa::query {
namespace {

namespace ast = python::ast;
using index::FileId;

bool DottedName(const ast::Expr* e, std::string* out) {
  if (const auto* name = ast::DynCast<ast::Name>(e)) {
    *out = std::string(name->id);
    return true;
  }
  const auto* attr = ast::DynCast<ast::Attribute>(e);
  if (attr == nullptr || !DottedName(attr->value, out)) return false;
  out->append(".").append(attr->attr);
  return true;
}

std::string Dot(std::string_view a, std::string_view b) {
  std::string out(a);
  if (!a.empty() && !b.empty()) out += '.';
  out.append(b);
  return out;
}

// One scope of the file being walked, with what it binds.
struct Frame {
  enum class Kind : uint8_t { kModule, kClass, kFunction } kind = Kind::kModule;
  std::string qualname;
  std::unordered_set<std::string_view> locals;
  std::unordered_map<std::string_view, std::string> imports;  // local name -> absolute dotted
  std::string_view receiver;  // a method's first parameter (self, cls)
  std::string owner;          // the class qualname of a method
};

class FileWalker {
 public:
  FileWalker(const index::ProjectIndex& index, FileId file, const Symbol& target,
             const python::Source& source, std::vector<Reference>* out)
      : index_(index),
        file_(file),
        target_(target),
        source_(source),
        out_(out),
        info_(index.file(file)) {
    std::string_view q = target.qualname.empty() ? index.file(target.file).module
                                                 : std::string_view(target.qualname);
    size_t dot = q.rfind('.');
    last_ = q.substr(dot == std::string_view::npos ? 0 : dot + 1);
    // Names this file binds to something called like the target (`import x as y`,
    // `from m import x as y`): they may be the target under another name.
    for (const index::Import& imp : index.summary(file).imports) {
      std::string_view module = imp.module;
      if (!imp.asname.empty() && module.substr(module.rfind('.') + 1) == last_) {
        aliases_.insert(imp.asname);
      }
      for (const index::ImportedName& n : imp.names) {
        if (n.name == last_ && !n.asname.empty()) aliases_.insert(n.asname);
      }
    }
  }

  void Walk(const ast::Module& module) {
    frames_.push_back({});
    for (const ast::Stmt* s : module.body) Visit(*s);
  }

 private:
  void Visit(const ast::Node& node) {
    switch (node.node_kind) {
      case ast::NodeKind::kFunctionDef:
      case ast::NodeKind::kAsyncFunctionDef: {
        ast::Identifier name;
        ast::NodeList<ast::Stmt> body;
        ast::NodeList<ast::Expr> decorators;
        const ast::Arguments* args;
        const ast::Expr* returns;
        if (const auto* f = ast::DynCast<ast::FunctionDef>(&node)) {
          name = f->name, body = f->body, decorators = f->decorator_list, args = f->args;
          returns = f->returns;
        } else {
          const auto* af = static_cast<const ast::AsyncFunctionDef*>(&node);
          name = af->name, body = af->body, decorators = af->decorator_list, args = af->args;
          returns = af->returns;
        }
        for (const ast::Expr* d : decorators) Decorator(*d);
        if (args != nullptr) Visit(*args);
        if (returns != nullptr) Visit(*returns);
        Frame frame = FunctionFrame(name, args);
        for (const ast::Stmt* s : body) Collect(*s, &frame);
        frames_.push_back(std::move(frame));
        for (const ast::Stmt* s : body) Visit(*s);
        frames_.pop_back();
        return;
      }
      case ast::NodeKind::kLambda: {
        const auto* l = static_cast<const ast::Lambda*>(&node);
        if (l->args != nullptr) Visit(*l->args);
        Frame frame = FunctionFrame("<lambda>", l->args);
        frame.receiver = {};
        frames_.push_back(std::move(frame));
        Visit(*l->body);
        frames_.pop_back();
        return;
      }
      case ast::NodeKind::kClassDef: {
        const auto* c = static_cast<const ast::ClassDef*>(&node);
        for (const ast::Expr* d : c->decorator_list) Decorator(*d);
        for (const ast::Expr* b : c->bases) Visit(*b);
        for (const ast::Keyword* k : c->keywords) Visit(*k);
        Frame frame;
        frame.kind = Frame::Kind::kClass;
        frame.qualname = Dot(frames_.back().qualname, c->name);
        for (const ast::Stmt* s : c->body) Collect(*s, &frame);
        frames_.push_back(std::move(frame));
        for (const ast::Stmt* s : c->body) Visit(*s);
        frames_.pop_back();
        return;
      }
      case ast::NodeKind::kImportFrom: {
        const auto* s = static_cast<const ast::ImportFrom*>(&node);
        std::string from = ImportedModule(info_, s->level, s->module);
        for (const ast::Alias* a : s->names) {
          if (a->name == last_ && Names(Dot(from, a->name))) {
            Emit(*a, a->name, Reference::Kind::kImport, "import");
          }
        }
        return;
      }
      case ast::NodeKind::kImport: {
        const auto* s = static_cast<const ast::Import*>(&node);
        for (const ast::Alias* a : s->names) {
          std::string_view module = a->name;
          if (module.ends_with(last_) && Names(std::string(module))) {
            Emit(*a, a->name, Reference::Kind::kImport, "import");
          }
        }
        return;
      }
      case ast::NodeKind::kCall: {
        const auto* c = static_cast<const ast::Call*>(&node);
        if (!Chain(c->func, /*call=*/true)) Visit(*c->func);
        for (const ast::Expr* a : c->args) Visit(*a);
        for (const ast::Keyword* k : c->keywords) Visit(*k);
        return;
      }
      case ast::NodeKind::kName:
      case ast::NodeKind::kAttribute:
        if (Chain(static_cast<const ast::Expr*>(&node), /*call=*/false)) return;
        break;
      default:
        break;
    }
    ast::VisitChildren(node, [&](const ast::Node& child) { Visit(child); });
  }

  // `@name` calls name with the function it decorates.
  void Decorator(const ast::Expr& d) {
    if (!Chain(&d, /*call=*/true)) Visit(d);
  }

  Frame FunctionFrame(std::string_view name, const ast::Arguments* args) {
    Frame frame;
    frame.kind = Frame::Kind::kFunction;
    frame.qualname = Dot(frames_.back().qualname, name);
    if (args != nullptr) {
      bool first = true;
      auto param = [&](const ast::Arg* a) {
        frame.locals.insert(a->arg);
        if (first && frames_.back().kind == Frame::Kind::kClass) {
          frame.receiver = a->arg;
          frame.owner = frames_.back().qualname;
        }
        first = false;
      };
      for (const ast::Arg* a : args->posonlyargs) param(a);
      for (const ast::Arg* a : args->args) param(a);
      if (args->vararg) frame.locals.insert(args->vararg->arg);
      for (const ast::Arg* a : args->kwonlyargs) frame.locals.insert(a->arg);
      if (args->kwarg) frame.locals.insert(args->kwarg->arg);
    }
    return frame;
  }

  // The names a scope's body binds, not looking into nested functions, classes and lambdas.
  void Collect(const ast::Node& node, Frame* frame) {
    switch (node.node_kind) {
      case ast::NodeKind::kFunctionDef:
        frame->locals.insert(static_cast<const ast::FunctionDef&>(node).name);
        return;
      case ast::NodeKind::kAsyncFunctionDef:
        frame->locals.insert(static_cast<const ast::AsyncFunctionDef&>(node).name);
        return;
      case ast::NodeKind::kClassDef:
        frame->locals.insert(static_cast<const ast::ClassDef&>(node).name);
        return;
      case ast::NodeKind::kLambda:
        return;
      case ast::NodeKind::kName: {
        const auto& n = static_cast<const ast::Name&>(node);
        if (n.ctx != ast::ExprContext::kLoad) frame->locals.insert(n.id);
        return;
      }
      case ast::NodeKind::kExceptHandler: {
        const auto& h = static_cast<const ast::ExceptHandler&>(node);
        if (h.name.data() != nullptr) frame->locals.insert(h.name);
        break;
      }
      case ast::NodeKind::kImport:
        for (const ast::Alias* a : static_cast<const ast::Import&>(node).names) {
          std::string_view module = a->name;
          if (a->asname.data() != nullptr) {
            frame->imports[a->asname] = std::string(module);
          } else {
            std::string_view top = module.substr(0, module.find('.'));
            frame->imports[top] = std::string(top);
          }
        }
        return;
      case ast::NodeKind::kImportFrom: {
        const auto& s = static_cast<const ast::ImportFrom&>(node);
        std::string from = ImportedModule(info_, s.level, s.module);
        for (const ast::Alias* a : s.names) {
          if (a->name == "*") continue;
          frame->imports[a->asname.data() != nullptr ? a->asname : a->name] = Dot(from, a->name);
        }
        return;
      }
      case ast::NodeKind::kGlobal:
      case ast::NodeKind::kNonlocal:
        return;  // rare enough: such names are still taken as local
      default:
        break;
    }
    ast::VisitChildren(node, [&](const ast::Node& child) { Collect(child, frame); });
  }

  // A name or attribute chain ending in the target's name: a reference when it resolves to
  // the target from where it is.
  bool Chain(const ast::Expr* e, bool call) {
    std::string_view last;
    if (const auto* n = ast::DynCast<ast::Name>(e)) {
      if (n->ctx != ast::ExprContext::kLoad) return false;
      last = n->id;
      if (last != last_ && aliases_.count(std::string(last))) last = last_;
    } else if (const auto* a = ast::DynCast<ast::Attribute>(e)) {
      if (a->ctx != ast::ExprContext::kLoad) return false;
      last = a->attr;
    } else {
      return false;
    }
    if (last != last_) return false;
    const Reference::Kind kind = call ? Reference::Kind::kCall : Reference::Kind::kRead;
    std::string dotted;
    if (!DottedName(e, &dotted)) {
      // super().name in a method: the name on the class's bases.
      const auto* a = static_cast<const ast::Attribute*>(e);
      const auto* inner = ast::DynCast<ast::Call>(a->value);
      const Frame* method = Method();
      if (inner == nullptr || method == nullptr || !ast::DynCast<ast::Name>(inner->func) ||
          static_cast<const ast::Name*>(inner->func)->id != "super") {
        return false;
      }
      for (const index::Scope& sc : index_.summary(file_).scopes) {
        if (sc.qualname != method->owner) continue;
        for (const std::string& base : sc.bases) {
          if (NamesFromModule(Dot(base, last))) {
            Emit(*e, "super()." + std::string(last), kind, "super");
            return true;
          }
        }
      }
      return false;
    }
    const std::string_view root = std::string_view(dotted).substr(0, dotted.find('.'));
    const std::string_view rest = std::string_view(dotted).substr(root.size());
    const char* how = rest.empty() ? "name" : "attribute";
    for (size_t i = frames_.size(); i-- > 0;) {
      const Frame& f = frames_[i];
      if (f.kind == Frame::Kind::kClass && i + 1 != frames_.size()) continue;
      if (f.kind == Frame::Kind::kModule) break;
      if (auto it = f.imports.find(root); it != f.imports.end()) {
        if (Names(it->second + std::string(rest))) Emit(*e, dotted, kind, how);
        return true;  // bound here: nothing further out is meant
      }
      if (f.kind == Frame::Kind::kFunction && root == f.receiver && !f.receiver.empty() &&
          rest.size() > 1 && rest.find('.', 1) == std::string_view::npos) {
        if (NamesFromModule(f.owner + std::string(rest))) Emit(*e, dotted, kind, "self");
        return true;
      }
      if (f.locals.count(root)) {
        if (f.kind == Frame::Kind::kClass && NamesFromModule(Dot(f.qualname, dotted))) {
          Emit(*e, dotted, kind, how);
        }
        return true;
      }
    }
    if (NamesFromModule(dotted)) {
      Emit(*e, dotted, kind, how);
      return true;
    }
    return false;
  }

  const Frame* Method() const {
    for (size_t i = frames_.size(); i-- > 0;) {
      if (frames_[i].kind == Frame::Kind::kFunction && !frames_[i].owner.empty()) {
        return &frames_[i];
      }
    }
    return nullptr;
  }

  // Whether `dotted`, looked up from the top / from this module, names the target.
  bool Names(const std::string& dotted) { return Resolves(dotted, /*from_module=*/false); }
  bool NamesFromModule(const std::string& dotted) { return Resolves(dotted, true); }
  bool Resolves(const std::string& dotted, bool from_module) {
    std::string key = (from_module ? "m:" : "a:") + dotted;
    if (auto it = memo_.find(key); it != memo_.end()) return it->second;
    std::vector<NameMatch> found;
    if (from_module) {
      ResolveMember(index_, file_, dotted, &found);
    } else {
      ResolveDotted(index_, dotted, &found);
    }
    bool names = std::any_of(found.begin(), found.end(),
                             [&](const NameMatch& m) { return m.symbol == target_; });
    memo_[key] = names;
    return names;
  }

  void Emit(const ast::Node& node, std::string_view text, Reference::Kind kind, const char* how) {
    Reference r;
    r.file = file_;
    uint32_t offset = node.begin;
    if (const auto* a = ast::DynCast<ast::Attribute>(&node);
        a != nullptr && a->attr.size() <= node.end - node.begin) {
      offset = node.end - static_cast<uint32_t>(a->attr.size());
    }
    LineCol at = source_.Locate(offset);
    r.line = at.line;
    r.column = at.column;
    std::string scope;
    for (const Frame& f : frames_) {
      if (f.kind != Frame::Kind::kModule) scope = f.qualname;
    }
    r.function = Dot(info_.module, scope);
    r.kind = kind;
    r.how = how;
    r.text = std::string(text);
    out_->push_back(std::move(r));
  }

  const index::ProjectIndex& index_;
  const FileId file_;
  const Symbol& target_;
  const python::Source& source_;
  std::vector<Reference>* out_;
  const project::SourceFile& info_;
  std::string_view last_;
  std::set<std::string> aliases_;
  std::vector<Frame> frames_;
  std::unordered_map<std::string, bool> memo_;
};

}  // namespace

// Re-exports: __init__ files, `os` for posixpath.

std::vector<FileId> FilesNaming(const index::ProjectIndex& index, FileId target) {
  std::set<FileId> exporters = {target};
  std::set<FileId> candidates = {target};
  const auto& edges = index.imports().edges;
  for (const index::ImportEdge& e : edges) {
    if (e.to != target) continue;
    candidates.insert(e.from);
    if (!(e.flags & index::kInFunction)) exporters.insert(e.from);
    for (FileId v : index.Via(e)) exporters.insert(v);
  }
  for (const index::ImportEdge& e : edges) {
    if (exporters.count(e.to)) candidates.insert(e.from);
  }
  // `import os.path` / `from os.path import join`: a module that exists only as a name bound
  // in an exporter is left unresolved by the index.
  std::set<std::string_view> exporter_modules;
  for (FileId f : exporters) exporter_modules.insert(index.file(f).module);
  for (const index::UnresolvedImport& u : index.imports().unresolved) {
    for (std::string_view m = u.module; !m.empty(); m = index::ParentModule(m)) {
      if (exporter_modules.count(m)) {
        candidates.insert(u.from);
        break;
      }
    }
  }
  candidates.insert(exporters.begin(), exporters.end());
  return {candidates.begin(), candidates.end()};
}

std::string_view ReferenceKindName(Reference::Kind kind) {
  switch (kind) {
    case Reference::Kind::kRead:
      return "read";
    case Reference::Kind::kCall:
      return "call";
    case Reference::Kind::kImport:
      break;
  }
  return "import";
}

RefsResult FindReferences(const index::ProjectIndex& index, const Symbol& target,
                          const RefsOptions& options) {
  RefsResult result;
  const std::vector<FileId> files = FilesNaming(index, target.file);
  std::string_view q =
      target.qualname.empty() ? index.file(target.file).module : std::string_view(target.qualname);
  const std::string last(q.substr(q.rfind('.') == std::string_view::npos ? 0 : q.rfind('.') + 1));
  std::vector<std::vector<Reference>> found(files.size());
  std::vector<std::string> problems(files.size());
  ParallelFor(
      files.size(),
      [&](size_t i) {
        const project::SourceFile& f = index.file(files[i]);
        std::string bytes, error;
        if (!index.files().tree->ReadFile(f.path, &bytes, &error)) {
          problems[i] = f.path + ": " + error;
          return;
        }
        // Any reference spells the name somewhere in the file: at the use, or in the import
        // that renames it. A file without it is not parsed.
        if (bytes.find(last) == std::string::npos) return;
        python::ParsedFile parsed = python::ParseBytes(bytes);
        if (!parsed.ok() || parsed.source == nullptr) {
          problems[i] = f.path + ": does not parse";
          return;
        }
        FileWalker(index, files[i], target, *parsed.source, &found[i]).Walk(*parsed.result.module);
      },
      options.threads);
  result.files_searched = files.size();
  for (size_t i = 0; i < files.size(); ++i) {
    if (!problems[i].empty()) result.problems.push_back(std::move(problems[i]));
    for (Reference& r : found[i]) result.refs.push_back(std::move(r));
  }
  std::sort(result.refs.begin(), result.refs.end(), [&](const Reference& a, const Reference& b) {
    const std::string& pa = index.file(a.file).path;
    const std::string& pb = index.file(b.file).path;
    if (pa != pb) return pa < pb;
    if (a.line != b.line) return a.line < b.line;
    return a.column < b.column;
  });
  result.total = result.refs.size();
  if (result.refs.size() > options.limit) result.refs.resize(options.limit);
  return result;
}

}  // namespace kensa::query
