#include "index/summary_builder.h"

#include "python/ast_nodes.h"
#include "python/parser_file.h"

namespace kensa::index {

namespace ast = python::ast;

namespace {

bool IsName(const ast::Expr* e, std::string_view id) {
  const auto* name = ast::DynCast<ast::Name>(e);
  return name != nullptr && name->id == id;
}

// The last part of a dotted name: "typing.TYPE_CHECKING" -> "TYPE_CHECKING".
std::string_view TailName(const ast::Expr* e) {
  if (const auto* name = ast::DynCast<ast::Name>(e)) return name->id;
  if (const auto* attr = ast::DynCast<ast::Attribute>(e)) return attr->attr;
  return {};
}

// `TYPE_CHECKING`, `typing.TYPE_CHECKING`, or an `or` with one of them (diffusers writes
// `if TYPE_CHECKING or DIFFUSERS_SLOW_IMPORT:`).
bool IsTypeCheckingTest(const ast::Expr* test) {
  if (TailName(test) == "TYPE_CHECKING") return true;
  if (const auto* op = ast::DynCast<ast::BoolOp>(test); op && op->op == ast::BoolOperator::kOr) {
    for (const ast::Expr* value : op->values) {
      if (IsTypeCheckingTest(value)) return true;
    }
  }
  return false;
}

// An exception type that signals a missing import or optional dependency.
bool IsImportErrorType(const ast::Expr* type) {
  if (type == nullptr) return true;  // a bare except catches ImportError too
  if (const auto* tuple = ast::DynCast<ast::Tuple>(type)) {
    for (const ast::Expr* e : tuple->elts) {
      if (IsImportErrorType(e)) return true;
    }
    return false;
  }
  std::string_view name = TailName(type);
  return name == "ImportError" || name == "ModuleNotFoundError" || name.ends_with("NotAvailable") ||
         name == "Exception" || name == "BaseException";
}

// `a.b.c` as text when `e` is a Name or a chain of attributes on one; false otherwise.
bool DottedName(const ast::Expr* e, std::string* out) {
  if (const auto* name = ast::DynCast<ast::Name>(e)) {
    *out = std::string(name->id);
    return true;
  }
  const auto* attr = ast::DynCast<ast::Attribute>(e);
  if (attr == nullptr || !DottedName(attr->value, out)) return false;
  *out += ".";
  *out += attr->attr;
  return true;
}

const ast::Constant* StringConstant(const ast::Expr* e) {
  const auto* c = ast::DynCast<ast::Constant>(e);
  return c != nullptr && c->value.kind == ast::ConstantValue::Kind::kStr ? c : nullptr;
}

// The strings of a list or tuple literal; false if it is anything else.
bool StringList(const ast::Expr* e, std::vector<std::string>* out) {
  ast::NodeList<ast::Expr> elts;
  if (const auto* list = ast::DynCast<ast::List>(e)) {
    elts = list->elts;
  } else if (const auto* tuple = ast::DynCast<ast::Tuple>(e)) {
    elts = tuple->elts;
  } else {
    return false;
  }
  for (const ast::Expr* elt : elts) {
    if (const ast::Constant* c = StringConstant(elt)) out->emplace_back(c->value.text());
  }
  return true;
}

class SummaryWalker {
 public:
  SummaryWalker(const python::Source& source, ModuleSummary* out) : source_(source), out_(out) {}

  void WalkModule(const ast::Module& module) { WalkBody(module.body, 0, true); }

 private:
  uint32_t Line(const ast::Node* node) const { return source_.Locate(node->begin).line; }

  void WalkBody(const ast::NodeList<ast::Stmt>& body, uint16_t flags, bool module_level) {
    for (const ast::Stmt* stmt : body) WalkStatement(stmt, flags, module_level);
  }

  void WalkStatement(const ast::Stmt* stmt, uint16_t flags, bool module_level) {
    const bool conditional = (flags & (kConditional | kTypeChecking | kImportGuarded)) != 0;
    switch (stmt->node_kind) {
      case ast::NodeKind::kImport: {
        const auto* s = static_cast<const ast::Import*>(stmt);
        for (const ast::Alias* alias : s->names) {
          Import imp;
          imp.module = std::string(alias->name);
          if (alias->asname.data() != nullptr) imp.asname = std::string(alias->asname);
          imp.line = Line(stmt);
          imp.flags = flags;
          out_->imports.push_back(std::move(imp));
        }
        break;
      }
      case ast::NodeKind::kImportFrom: {
        const auto* s = static_cast<const ast::ImportFrom*>(stmt);
        Import imp;
        if (s->module.data() != nullptr) imp.module = std::string(s->module);
        imp.level = static_cast<uint8_t>(s->level < 0 ? 0 : s->level > 255 ? 255 : s->level);
        imp.line = Line(stmt);
        imp.flags = flags | kImportFrom;
        for (const ast::Alias* alias : s->names) {
          ImportedName name;
          name.name = std::string(alias->name);
          if (alias->asname.data() != nullptr) name.asname = std::string(alias->asname);
          if (name.name == "*") imp.flags |= kImportStar;
          imp.names.push_back(std::move(name));
        }
        out_->imports.push_back(std::move(imp));
        break;
      }
      case ast::NodeKind::kClassDef: {
        const auto* s = static_cast<const ast::ClassDef*>(stmt);
        if (module_level) {
          Define(s->name, stmt, Definition::Kind::kClass, conditional);
          CheckDummyClass(*s);
        }
        Scope& scope = AddScope(s->name, stmt, Scope::Kind::kClass, s->decorator_list);
        for (const ast::Expr* base : s->bases) {
          std::string dotted;
          if (DottedName(base, &dotted)) scope.bases.push_back(std::move(dotted));
        }
        EnterScope(s->name, /*is_class=*/true, [&] { WalkBody(s->body, flags | kInClass, false); });
        break;
      }
      case ast::NodeKind::kFunctionDef:
      case ast::NodeKind::kAsyncFunctionDef: {
        ast::Identifier name;
        ast::NodeList<ast::Stmt> body;
        ast::NodeList<ast::Expr> decorators;
        if (const auto* f = ast::DynCast<ast::FunctionDef>(stmt)) {
          name = f->name, body = f->body, decorators = f->decorator_list;
        } else {
          const auto* af = static_cast<const ast::AsyncFunctionDef*>(stmt);
          name = af->name, body = af->body, decorators = af->decorator_list;
        }
        if (module_level) {
          Define(name, stmt, Definition::Kind::kFunction, conditional);
          CheckDummyFunction(name, body, stmt);
        }
        AddScope(name, stmt, Scope::Kind::kFunction, decorators);
        EnterScope(name, /*is_class=*/false, [&] { WalkBody(body, flags | kInFunction, false); });
        break;
      }
      case ast::NodeKind::kAssign: {
        const auto* s = static_cast<const ast::Assign*>(stmt);
        for (const ast::Expr* target : s->targets) Bind(target, s->value, stmt, module_level);
        if (!module_level) break;
        for (const ast::Expr* target : s->targets) {
          DefineTargets(target, stmt, conditional);
          AssignSpecial(target, s->value, stmt, /*augmented=*/false);
        }
        break;
      }
      case ast::NodeKind::kAnnAssign: {
        const auto* s = static_cast<const ast::AnnAssign*>(stmt);
        Bind(s->target, s->value, stmt, module_level);
        if (!module_level) break;
        DefineTargets(s->target, stmt, conditional);
        if (s->value != nullptr) AssignSpecial(s->target, s->value, stmt, false);
        break;
      }
      case ast::NodeKind::kAugAssign: {
        const auto* s = static_cast<const ast::AugAssign*>(stmt);
        if (module_level && s->op == ast::Operator::kAdd) {
          AssignSpecial(s->target, s->value, stmt, /*augmented=*/true);
        }
        break;
      }
      case ast::NodeKind::kExprStmt: {
        const auto* s = static_cast<const ast::ExprStmt*>(stmt);
        if (module_level) CallSpecial(s->value, stmt);
        break;
      }
      case ast::NodeKind::kIf: {
        const auto* s = static_cast<const ast::If*>(stmt);
        if (IsTypeCheckingTest(s->test)) {
          WalkBody(s->body, flags | kTypeChecking, module_level);
        } else {
          WalkBody(s->body, flags | kConditional, module_level);
        }
        WalkBody(s->orelse, flags | kConditional, module_level);
        break;
      }
      case ast::NodeKind::kTry:
      case ast::NodeKind::kTryStar: {
        ast::NodeList<ast::Stmt> body, orelse, finalbody;
        ast::NodeList<ast::ExceptHandlerBase> handlers;
        if (const auto* t = ast::DynCast<ast::Try>(stmt)) {
          body = t->body, orelse = t->orelse, finalbody = t->finalbody, handlers = t->handlers;
        } else {
          const auto* ts = static_cast<const ast::TryStar*>(stmt);
          body = ts->body, orelse = ts->orelse, finalbody = ts->finalbody, handlers = ts->handlers;
        }
        bool guarded = false;
        for (const ast::ExceptHandlerBase* h : handlers) {
          if (const auto* eh = ast::DynCast<ast::ExceptHandler>(h);
              eh && IsImportErrorType(eh->type)) {
            guarded = true;
          }
        }
        uint16_t inner = flags | (guarded ? kImportGuarded : kConditional);
        WalkBody(body, inner, module_level);
        for (const ast::ExceptHandlerBase* h : handlers) {
          if (const auto* eh = ast::DynCast<ast::ExceptHandler>(h)) {
            WalkBody(eh->body, inner, module_level);
          }
        }
        WalkBody(orelse, inner, module_level);
        WalkBody(finalbody, flags, module_level);
        break;
      }
      case ast::NodeKind::kFor:
      case ast::NodeKind::kAsyncFor: {
        ast::NodeList<ast::Stmt> body, orelse;
        if (const auto* f = ast::DynCast<ast::For>(stmt)) {
          body = f->body, orelse = f->orelse;
        } else {
          const auto* af = static_cast<const ast::AsyncFor*>(stmt);
          body = af->body, orelse = af->orelse;
        }
        WalkBody(body, flags | kConditional, module_level);
        WalkBody(orelse, flags | kConditional, module_level);
        break;
      }
      case ast::NodeKind::kWhile: {
        const auto* s = static_cast<const ast::While*>(stmt);
        WalkBody(s->body, flags | kConditional, module_level);
        WalkBody(s->orelse, flags | kConditional, module_level);
        break;
      }
      case ast::NodeKind::kWith:
        WalkBody(static_cast<const ast::With*>(stmt)->body, flags, module_level);
        break;
      case ast::NodeKind::kAsyncWith:
        WalkBody(static_cast<const ast::AsyncWith*>(stmt)->body, flags, module_level);
        break;
      case ast::NodeKind::kMatch:
        for (const ast::MatchCase* c : static_cast<const ast::Match*>(stmt)->cases) {
          WalkBody(c->body, flags | kConditional, module_level);
        }
        break;
      default:
        break;
    }
  }

  std::string Qualify(ast::Identifier name) const {
    return qualname_.empty() ? std::string(name) : qualname_ + "." + std::string(name);
  }

  Scope& AddScope(ast::Identifier name, const ast::Node* node, Scope::Kind kind,
                  const ast::NodeList<ast::Expr>& decorators) {
    Scope scope;
    scope.qualname = Qualify(name);
    LineCol at = source_.Locate(node->begin);
    scope.line = at.line;
    scope.column = at.column;
    scope.first_line = decorators.empty() ? at.line : Line(decorators[0]);
    scope.end_line = source_.Locate(node->end).line;
    scope.kind = kind;
    out_->scopes.push_back(std::move(scope));
    return out_->scopes.back();
  }

  template <class F>
  void EnterScope(ast::Identifier name, bool is_class, F&& walk) {
    std::string saved = qualname_;
    bool saved_class = in_class_;
    qualname_ = Qualify(name);
    in_class_ = is_class;
    walk();
    qualname_ = std::move(saved);
    in_class_ = saved_class;
  }

  // A module- or class-level assignment: class attributes become variables of the class, and
  // a name assigned a dotted name is a binding `kensa def` can follow.
  void Bind(const ast::Expr* target, const ast::Expr* value, const ast::Node* stmt,
            bool module_level) {
    if (!module_level && !in_class_) return;
    const auto* name = ast::DynCast<ast::Name>(target);
    if (name == nullptr) return;
    LineCol at = source_.Locate(target->begin);
    if (in_class_) {
      Scope scope;
      scope.qualname = Qualify(name->id);
      scope.line = scope.first_line = at.line;
      scope.column = at.column;
      scope.end_line = source_.Locate(stmt->end).line;
      scope.kind = Scope::Kind::kVariable;
      out_->scopes.push_back(std::move(scope));
    }
    std::string dotted;
    if (value != nullptr && DottedName(value, &dotted)) {
      out_->bindings.push_back(
          {qualname_, std::string(name->id), std::move(dotted), at.line, at.column});
    }
  }

  void Define(ast::Identifier name, const ast::Node* node, Definition::Kind kind,
              bool conditional) {
    Definition d;
    d.name = std::string(name);
    d.line = Line(node);
    d.kind = kind;
    d.conditional = conditional;
    out_->definitions.push_back(std::move(d));
  }

  void DefineTargets(const ast::Expr* target, const ast::Node* stmt, bool conditional) {
    if (const auto* name = ast::DynCast<ast::Name>(target)) {
      Define(name->id, stmt, Definition::Kind::kVariable, conditional);
    } else if (const auto* tuple = ast::DynCast<ast::Tuple>(target)) {
      for (const ast::Expr* e : tuple->elts) DefineTargets(e, stmt, conditional);
    } else if (const auto* list = ast::DynCast<ast::List>(target)) {
      for (const ast::Expr* e : list->elts) DefineTargets(e, stmt, conditional);
    } else if (const auto* starred = ast::DynCast<ast::Starred>(target)) {
      DefineTargets(starred->value, stmt, conditional);
    }
  }

  // The key of `_import_structure["key"]`, or null.
  static const ast::Constant* StructureKey(const ast::Expr* e) {
    const auto* sub = ast::DynCast<ast::Subscript>(e);
    if (sub == nullptr || !IsName(sub->value, "_import_structure")) return nullptr;
    return StringConstant(sub->slice);
  }

  void AddExports(std::string_view submodule, const std::vector<std::string>& names,
                  uint32_t line) {
    if (names.empty()) {
      out_->lazy_exports.push_back({std::string(submodule), "", line});
      return;
    }
    for (const std::string& name : names) {
      out_->lazy_exports.push_back({std::string(submodule), name, line});
    }
  }

  void AddStructureDict(const ast::Expr* value, uint32_t line) {
    const auto* dict = ast::DynCast<ast::Dict>(value);
    if (dict == nullptr) return;
    for (uint32_t i = 0; i < dict->keys.size(); ++i) {
      const ast::Constant* key = StringConstant(dict->keys[i]);
      std::vector<std::string> names;
      if (key != nullptr && StringList(dict->values[i], &names)) {
        AddExports(key->value.text(), names, line);
      }
    }
  }

  // `__all__ = [...]`, `__all__ += [...]`, `_import_structure = {...}`,
  // `_import_structure["k"] = [...]` and `_import_structure["k"] += [...]`.
  void AssignSpecial(const ast::Expr* target, const ast::Expr* value, const ast::Node* stmt,
                     bool augmented) {
    uint32_t line = Line(stmt);
    if (IsName(target, "__all__")) {
      std::vector<std::string> names;
      if (StringList(value, &names)) {
        if (!augmented) out_->all.clear();
        out_->has_all = true;
        for (std::string& n : names) out_->all.push_back(std::move(n));
      }
    } else if (IsName(target, "_import_structure") && !augmented) {
      out_->has_lazy_structure = true;
      AddStructureDict(value, line);
    } else if (const ast::Constant* key = StructureKey(target)) {
      std::vector<std::string> names;
      if (StringList(value, &names)) AddExports(key->value.text(), names, line);
    }
  }

  // `__all__.extend([...])`, `__all__.append("x")`, `_import_structure.update({...})`,
  // `_import_structure["k"].extend([...])`, `_import_structure["k"].append("x")`.
  void CallSpecial(const ast::Expr* expr, const ast::Node* stmt) {
    const auto* call = ast::DynCast<ast::Call>(expr);
    if (call == nullptr || call->args.size() != 1) return;
    const auto* method = ast::DynCast<ast::Attribute>(call->func);
    if (method == nullptr) return;
    const ast::Expr* arg = call->args[0];
    uint32_t line = Line(stmt);
    std::vector<std::string> names;
    if (IsName(method->value, "__all__")) {
      if (method->attr == "extend" && StringList(arg, &names)) {
        out_->has_all = true;
        for (std::string& n : names) out_->all.push_back(std::move(n));
      } else if (method->attr == "append") {
        if (const ast::Constant* c = StringConstant(arg)) {
          out_->has_all = true;
          out_->all.emplace_back(c->value.text());
        }
      }
    } else if (IsName(method->value, "_import_structure") && method->attr == "update") {
      AddStructureDict(arg, line);
    } else if (const ast::Constant* key = StructureKey(method->value)) {
      if (method->attr == "extend" && StringList(arg, &names)) {
        AddExports(key->value.text(), names, line);
      } else if (method->attr == "append") {
        if (const ast::Constant* c = StringConstant(arg)) {
          AddExports(key->value.text(), {std::string(c->value.text())}, line);
        }
      }
    }
  }

  void CheckDummyClass(const ast::ClassDef& cls) {
    bool dummy = false;
    for (const ast::Keyword* kw : cls.keywords) {
      if (kw->arg == "metaclass" && TailName(kw->value) == "DummyObject") dummy = true;
    }
    if (!dummy) return;
    DummyObject d;
    d.name = std::string(cls.name);
    d.line = Line(&cls);
    d.is_class = true;
    for (const ast::Stmt* stmt : cls.body) {
      const auto* assign = ast::DynCast<ast::Assign>(stmt);
      if (assign != nullptr && assign->targets.size() == 1 &&
          IsName(assign->targets[0], "_backends")) {
        StringList(assign->value, &d.backends);
      }
    }
    out_->dummies.push_back(std::move(d));
  }

  void CheckDummyFunction(ast::Identifier name, const ast::NodeList<ast::Stmt>& body,
                          const ast::Node* node) {
    for (const ast::Stmt* stmt : body) {
      const auto* expr = ast::DynCast<ast::ExprStmt>(stmt);
      const auto* call = expr ? ast::DynCast<ast::Call>(expr->value) : nullptr;
      if (call == nullptr || TailName(call->func) != "requires_backends" ||
          call->args.size() != 2 || !IsName(call->args[0], name)) {
        continue;
      }
      DummyObject d;
      d.name = std::string(name);
      d.line = Line(node);
      d.is_class = false;
      if (!StringList(call->args[1], &d.backends)) {
        if (const ast::Constant* c = StringConstant(call->args[1])) {
          d.backends.emplace_back(c->value.text());
        }
      }
      out_->dummies.push_back(std::move(d));
      return;
    }
  }

  const python::Source& source_;
  ModuleSummary* out_;
  std::string qualname_;   // of the class or function being walked, "" at module level
  bool in_class_ = false;  // directly in a class body
};

}  // namespace

ModuleSummary SummarizeModule(std::string_view bytes) {
  ModuleSummary summary;
  python::ParsedFile parsed = python::ParseBytes(bytes);
  if (parsed.result.error) {
    const python::SyntaxError& e = *parsed.result.error;
    summary.error = SummaryError{e.TypeName(), e.message, e.line,
                                 e.offset == python::SyntaxError::kNoOffset ? 0 : e.offset};
    return summary;
  }
  if (parsed.result.module == nullptr || parsed.source == nullptr) {
    summary.error = SummaryError{"SyntaxError", "cannot parse", 0, 0};
    return summary;
  }
  SummaryWalker(*parsed.source, &summary).WalkModule(*parsed.result.module);
  return summary;
}

}  // namespace kensa::index
