#include "query/message_template.h"

#include <algorithm>
#include <string>
#include <unordered_map>
#include <unordered_set>

#include "python/ast_nodes.h"
#include "python/parser.h"
#include "python/source.h"

namespace kensa::query {

using namespace python::ast;

std::string_view EmitKindName(EmitKind kind) {
  switch (kind) {
    case EmitKind::kLog:
      return "log";
    case EmitKind::kWarn:
      return "warn";
    case EmitKind::kRaise:
      return "raise";
    case EmitKind::kExceptionInit:
      return "exception-init";
    case EmitKind::kExceptionStr:
      return "exception-str";
    case EmitKind::kPrint:
      return "print";
    case EmitKind::kWrite:
      return "write";
    case EmitKind::kExit:
      return "exit";
  }
  return "?";
}

void AppendLiteral(MessageTemplate* t, std::string_view text) {
  if (text.empty()) return;
  if (!t->empty() && !t->back().hole) {
    t->back().text += text;
  } else {
    t->push_back({false, std::string(text)});
  }
}

void AppendHole(MessageTemplate* t, std::string_view name) {
  if (!t->empty() && t->back().hole) {  // two values in a row match as one; keep a name
    if (t->back().text.empty()) t->back().text = std::string(name);
    return;
  }
  t->push_back({true, std::string(name)});
}

void AppendTemplate(MessageTemplate* t, const MessageTemplate& tail) {
  for (const TemplatePiece& p : tail) {
    if (p.hole) {
      AppendHole(t, p.text);
    } else {
      AppendLiteral(t, p.text);
    }
  }
}

MessageTemplate ApplyPercentFormat(const MessageTemplate& t, const std::vector<std::string>* names,
                                   const std::vector<const MessageTemplate*>* values) {
  size_t next_name = 0;
  MessageTemplate out;
  for (const TemplatePiece& p : t) {
    if (p.hole) {
      AppendHole(&out, p.text);
      continue;
    }
    const std::string& s = p.text;
    size_t literal_start = 0;
    for (size_t i = 0; i < s.size(); ++i) {
      if (s[i] != '%') continue;
      AppendLiteral(&out, std::string_view(s).substr(literal_start, i - literal_start));
      size_t j = i + 1;
      if (j < s.size() && s[j] == '%') {
        AppendLiteral(&out, "%");
        literal_start = i = j;
        ++literal_start;
        continue;
      }
      std::string name;
      if (j < s.size() && s[j] == '(') {  // %(key)s
        size_t close = s.find(')', j);
        if (close == std::string::npos) break;
        name = s.substr(j + 1, close - j - 1);
        j = close + 1;
      }
      // flags, width, precision, length modifier, then the conversion character
      while (j < s.size() &&
             std::string_view("#0- +*.0123456789hlL").find(s[j]) != std::string_view::npos)
        ++j;
      if (j < s.size()) ++j;
      bool is_str = s[j - 1] == 's';
      const MessageTemplate* value =
          values && next_name < values->size() ? (*values)[next_name] : nullptr;
      if (name.empty() && names && next_name < names->size()) name = (*names)[next_name];
      ++next_name;
      if (value && is_str) {
        AppendTemplate(&out, *value);
      } else {
        AppendHole(&out, name);
      }
      i = j - 1;
      literal_start = j;
    }
    if (literal_start < s.size()) AppendLiteral(&out, std::string_view(s).substr(literal_start));
  }
  return out;
}

MessageTemplate ApplyBraceFormat(const MessageTemplate& t) {
  MessageTemplate out;
  for (const TemplatePiece& p : t) {
    if (p.hole) {
      AppendHole(&out, p.text);
      continue;
    }
    const std::string& s = p.text;
    std::string literal;
    for (size_t i = 0; i < s.size(); ++i) {
      char c = s[i];
      if ((c == '{' || c == '}') && i + 1 < s.size() && s[i + 1] == c) {
        literal += c;
        ++i;
        continue;
      }
      if (c != '{') {
        literal += c;
        continue;
      }
      // A replacement field, with nested fields in its format spec: {x:{width}}
      int depth = 0;
      size_t j = i;
      for (; j < s.size(); ++j) {
        if (s[j] == '{') ++depth;
        if (s[j] == '}' && --depth == 0) break;
      }
      AppendLiteral(&out, literal);
      literal.clear();
      std::string field = s.substr(i + 1, (j < s.size() ? j : s.size()) - i - 1);
      AppendHole(&out, field.substr(0, field.find_first_of(":!")));
      i = j;
    }
    AppendLiteral(&out, literal);
  }
  return out;
}

std::string RenderTemplate(const MessageTemplate& text) {
  std::string out;
  for (const TemplatePiece& p : text) {
    if (!p.hole) {
      out += p.text;
    } else {
      out += "{";
      out += p.text.empty() ? "…" : p.text;
      out += "}";
    }
  }
  return out;
}

namespace {

constexpr size_t kMaxAlternatives = 8;
constexpr int kMaxDepth = 6;        // nested evaluations (names through names through calls)
constexpr int kMaxHelperDepth = 2;  // helper functions followed through their returns
constexpr size_t kMaxHoleName = 40;
constexpr uint32_t kMaxForwardedHelper = 4000;  // bytes of source

using Alternatives = std::vector<MessageTemplate>;

// A name bound in a scope, in source order: `x = value` or `x += value`.
struct Binding {
  uint32_t offset;
  const Expr* value;
  bool append;
};

struct Scope {
  const Scope* parent = nullptr;
  bool is_class = false;
  std::string qualname;             // "" for the module
  const ClassDef* owner = nullptr;  // the class a method belongs to, or the class itself
  bool exception_like = false;      // a class with bases (its __str__/__init__ build messages)
  std::string_view function_name;   // for a function scope: its own name
  std::unordered_map<std::string_view, std::vector<Binding>> bindings;
  std::unordered_set<std::string_view> params;
  // What goes into a list built in the scope: `x.append(e)`, `x.insert(i, e)`, `x[i] = e`.
  std::unordered_map<std::string_view, std::vector<Binding>> elements;
  // Parameters bound to what a call passes them (a helper or constructor followed from a call).
  std::unordered_map<std::string_view, Alternatives> bound;
  // Default values of parameters: what an unbound parameter holds when the caller omits it.
  std::unordered_map<std::string_view, const Expr*> defaults;
  bool exception_like_method = false;  // a method of an exception-like class
  bool in_str = false;                 // its __str__: what it returns is the message
};

bool IsFunction(const Node* n) {
  return n->node_kind == NodeKind::kFunctionDef || n->node_kind == NodeKind::kAsyncFunctionDef;
}

// The bindings a scope's body makes, not looking into nested functions, classes or lambdas.
void CollectBindings(const Node& node, Scope* scope) {
  VisitChildren(node, [&](const Node& child) {
    if (IsFunction(&child) || child.node_kind == NodeKind::kClassDef ||
        child.node_kind == NodeKind::kLambda) {
      return;
    }
    if (const auto* a = DynCast<Assign>(&child)) {
      for (const Expr* target : a->targets) {
        if (const auto* n = DynCast<Name>(target)) {
          scope->bindings[n->id].push_back({a->begin, a->value, false});
        } else if (const auto* sub = DynCast<Subscript>(target)) {
          if (const auto* list = DynCast<Name>(sub->value)) {
            scope->elements[list->id].push_back({a->begin, a->value, false});
          }
        }
      }
    } else if (const auto* a = DynCast<AugAssign>(&child)) {
      if (const auto* n = DynCast<Name>(a->target); n && a->op == Operator::kAdd) {
        scope->bindings[n->id].push_back({a->begin, a->value, true});
      }
    } else if (const auto* x = DynCast<ExprStmt>(&child)) {
      const auto* call = DynCast<Call>(x->value);
      const auto* attr = call ? DynCast<Attribute>(call->func) : nullptr;
      const auto* list = attr ? DynCast<Name>(attr->value) : nullptr;
      if (list && (attr->attr == "append" || attr->attr == "insert") && !call->args.empty()) {
        scope->elements[list->id].push_back(
            {call->begin, call->args[call->args.size() - 1], false});
      }
    } else if (const auto* a = DynCast<AnnAssign>(&child)) {
      if (const auto* n = DynCast<Name>(a->target); n && a->value) {
        scope->bindings[n->id].push_back({a->begin, a->value, false});
      }
    }
    if (Stmt::Is(child.node_kind)) CollectBindings(child, scope);
  });
}

void CollectParams(const Arguments* args, Scope* scope) {
  if (args == nullptr) return;
  for (const Arg* a : args->posonlyargs) scope->params.insert(a->arg);
  for (const Arg* a : args->args) scope->params.insert(a->arg);
  for (const Arg* a : args->kwonlyargs) scope->params.insert(a->arg);
  if (args->vararg) scope->params.insert(args->vararg->arg);
  if (args->kwarg) scope->params.insert(args->kwarg->arg);
  // Defaults belong to the last positional parameters, and to keyword-only ones one by one.
  std::vector<const Arg*> positional;
  for (const Arg* a : args->posonlyargs) positional.push_back(a);
  for (const Arg* a : args->args) positional.push_back(a);
  size_t first_default =
      positional.size() - std::min<size_t>(positional.size(), args->defaults.size());
  for (size_t i = first_default; i < positional.size(); ++i) {
    scope->defaults[positional[i]->arg] = args->defaults[static_cast<uint32_t>(i - first_default)];
  }
  for (uint32_t i = 0; i < args->kwonlyargs.size() && i < args->kw_defaults.size(); ++i) {
    if (args->kw_defaults[i]) scope->defaults[args->kwonlyargs[i]->arg] = args->kw_defaults[i];
  }
}

const Arguments* FunctionArgs(const Node* f) {
  if (const auto* d = DynCast<FunctionDef>(f)) return d->args;
  if (const auto* d = DynCast<AsyncFunctionDef>(f)) return d->args;
  return nullptr;
}

NodeList<Stmt> FunctionBody(const Node* f) {
  if (const auto* d = DynCast<FunctionDef>(f)) return d->body;
  if (const auto* d = DynCast<AsyncFunctionDef>(f)) return d->body;
  return {};
}

std::string_view FunctionName(const Node* f) {
  if (const auto* d = DynCast<FunctionDef>(f)) return d->name;
  if (const auto* d = DynCast<AsyncFunctionDef>(f)) return d->name;
  return {};
}

class Extractor {
 public:
  Extractor(const Module& module, const python::Source& source)
      : module_(module), text_(source.text()), source_(source) {}

  std::vector<MessageSite> Run() {
    Scope top;
    CollectBindings(module_, &top);
    for (const Stmt* s : module_.body) {
      if (IsFunction(s)) functions_[FunctionName(s)] = s;
      if (const auto* c = DynCast<ClassDef>(s)) {
        IndexClass(c);
        classes_[c->name] = c;
      }
    }
    top_ = &top;
    for (const Stmt* s : module_.body) Walk(*s, top);
    return std::move(sites_);
  }

 private:
  void IndexClass(const ClassDef* c) {
    auto& methods = methods_[c];
    for (const Stmt* s : c->body) {
      if (IsFunction(s)) methods[FunctionName(s)] = s;
      if (const auto* inner = DynCast<ClassDef>(s)) IndexClass(inner);
    }
  }

  std::string_view SourceOf(const Node& n) const {
    if (n.end <= n.begin || n.end > text_.size()) return {};
    return text_.substr(n.begin, n.end - n.begin);
  }

  std::string HoleName(const Node& n) const {
    std::string_view s = SourceOf(n);
    std::string out;
    for (char c : s) {
      if (c == '\n' || c == '\r') break;
      out += c;
      if (out.size() >= kMaxHoleName) {
        out += "…";
        break;
      }
    }
    return out;
  }

  static Alternatives One(MessageTemplate t) { return Alternatives{std::move(t)}; }
  Alternatives Hole(const Node& n) const {
    MessageTemplate t;
    AppendHole(&t, HoleName(n));
    return One(std::move(t));
  }

  static Alternatives Concat(const Alternatives& a, const Alternatives& b) {
    Alternatives out;
    for (const MessageTemplate& x : a) {
      for (const MessageTemplate& y : b) {
        if (out.size() >= kMaxAlternatives) return out;
        MessageTemplate t = x;
        AppendTemplate(&t, y);
        out.push_back(std::move(t));
      }
    }
    return out;
  }

  static void Add(Alternatives* out, Alternatives more) {
    for (MessageTemplate& t : more) {
      if (out->size() >= kMaxAlternatives) return;
      if (std::find(out->begin(), out->end(), t) == out->end()) out->push_back(std::move(t));
    }
  }

  static bool HasLiteral(const Alternatives& alts) {
    for (const MessageTemplate& t : alts) {
      for (const TemplatePiece& p : t) {
        if (!p.hole) return true;
      }
    }
    return false;
  }

  // What a string-valued expression can be, as templates.
  Alternatives Eval(const Expr* e, const Scope& scope, uint32_t use, int depth) {
    if (e == nullptr) return {};
    if (depth > kMaxDepth) return Hole(*e);
    switch (e->node_kind) {
      case NodeKind::kConstant: {
        const auto* c = static_cast<const Constant*>(e);
        if (c->value.kind == ConstantValue::Kind::kStr) {
          MessageTemplate t;
          AppendLiteral(&t, c->value.text());
          if (t.empty()) t.push_back({false, ""});
          return One(std::move(t));
        }
        return Hole(*e);
      }
      case NodeKind::kJoinedStr: {
        MessageTemplate t;
        for (const Expr* v : static_cast<const JoinedStr*>(e)->values) {
          if (const auto* c = DynCast<Constant>(v);
              c && c->value.kind == ConstantValue::Kind::kStr) {
            AppendLiteral(&t, c->value.text());
          } else if (const auto* f = DynCast<FormattedValue>(v)) {
            AppendTemplate(&t, Value(f->value, f->conversion, f->format_spec, scope, use, depth));
          }
        }
        return One(std::move(t));
      }
      case NodeKind::kBinOp: {
        const auto* b = static_cast<const BinOp*>(e);
        if (b->op == Operator::kAdd) {
          // "a " + x + " b" + ... nests to the left: walk the chain, not the recursion depth,
          // so that long concatenations keep their start.
          std::vector<const Expr*> operands;
          const Expr* left = b;
          while (const auto* add = DynCast<BinOp>(left)) {
            if (add->op != Operator::kAdd) break;
            operands.push_back(add->right);
            left = add->left;
          }
          operands.push_back(left);
          Alternatives out = One(MessageTemplate{});
          for (size_t i = operands.size(); i-- > 0;) {
            out = Concat(out, Eval(operands[i], scope, use, depth + 1));
          }
          return out;
        }
        if (b->op == Operator::kMod) {
          Alternatives left = Eval(b->left, scope, use, depth + 1);
          if (!HasLiteral(left)) return Hole(*e);
          std::vector<const Expr*> operands;
          if (const auto* tuple = DynCast<Tuple>(b->right)) {
            for (const Expr* v : tuple->elts) operands.push_back(v);
          } else {
            operands.push_back(b->right);
          }
          std::vector<std::string> names;
          std::vector<MessageTemplate> known;
          for (const Expr* v : operands) {
            names.push_back(HoleName(*v));
            known.push_back(Value(v, 's', nullptr, scope, use, depth));
            if (known.back().size() == 1 && known.back()[0].hole)
              names.back() = known.back()[0].text;
          }
          std::vector<const MessageTemplate*> values;
          for (const MessageTemplate& k : known) values.push_back(&k);
          for (MessageTemplate& t : left) t = ApplyPercentFormat(t, &names, &values);
          return left;
        }
        return Hole(*e);
      }
      case NodeKind::kIfExp: {
        const auto* i = static_cast<const IfExp*>(e);
        Alternatives out = Eval(i->body, scope, use, depth + 1);
        Add(&out, Eval(i->orelse, scope, use, depth + 1));
        return out;
      }
      case NodeKind::kName:
        return Resolve(static_cast<const Name*>(e), scope, use, depth);
      case NodeKind::kCall:
        return EvalCall(static_cast<const Call*>(e), scope, use, depth);
      default:
        return Hole(*e);
    }
  }

  // "sep".join(items) where items is a list built in the scope (appended to, assigned, or a
  // list display) or a comprehension: each element's template with holes around it.
  Alternatives JoinedElements(const Expr* arg, const Scope& scope, uint32_t use, int depth,
                              const Call& call) {
    std::vector<std::pair<const Expr*, uint32_t>> items;  // element, where it is evaluated
    if (const auto* g = DynCast<GeneratorExp>(arg)) items.push_back({g->elt, g->begin});
    if (const auto* g = DynCast<ListComp>(arg)) items.push_back({g->elt, g->begin});
    if (const auto* n = DynCast<Name>(arg)) {
      for (const Scope* s = &scope; s && items.empty(); s = s->parent) {
        auto e = s->elements.find(n->id);
        if (e != s->elements.end()) {
          for (const Binding& b : e->second) {
            if (s != &scope || b.offset < use) items.push_back({b.value, b.offset});
          }
        }
        auto b = s->bindings.find(n->id);
        if (b != s->bindings.end()) {
          for (const Binding& bind : b->second) {
            NodeList<Expr> elts;
            if (const auto* l = DynCast<List>(bind.value)) elts = l->elts;
            for (const Expr* x : elts) items.push_back({x, bind.offset});
          }
        }
        if (s->params.count(n->id)) break;
      }
    }
    Alternatives out;
    for (const auto& [item, at] : items) {
      for (const MessageTemplate& t : Eval(item, scope, at, depth + 1)) {
        MessageTemplate around;
        AppendHole(&around, "");
        AppendTemplate(&around, t);
        AppendHole(&around, "");
        Add(&out, Alternatives{std::move(around)});
      }
    }
    if (!HasLiteral(out)) return Hole(call);
    return out;
  }

  // A value formatted into a message (an f-string field, a %s operand): its text when it is
  // a known string formatted as itself (no !r, no format spec), else a hole named after it.
  MessageTemplate Value(const Expr* v, int conversion, const Expr* spec, const Scope& scope,
                        uint32_t use, int depth) {
    MessageTemplate hole;
    AppendHole(&hole, HoleName(*v));
    if (spec != nullptr || (conversion != -1 && conversion != 's') ||
        v->node_kind != NodeKind::kName) {
      return hole;
    }
    Alternatives alts = Eval(v, scope, use, depth + 1);
    if (alts.size() != 1) return hole;
    // A parameter bound to the caller's value shows the caller's expression.
    if (!HasLiteral(alts) && !IsBoundParameter(static_cast<const Name*>(v)->id, scope)) return hole;
    return alts[0];
  }

  static bool IsBoundParameter(std::string_view name, const Scope& scope) {
    for (const Scope* s = &scope; s; s = s->parent) {
      if (s->params.count(name)) return s->bound.count(name) > 0;
      if (s->bindings.count(name)) return false;
    }
    return false;
  }

  Alternatives EvalCall(const Call* call, const Scope& scope, uint32_t use, int depth) {
    if (const auto* attr = DynCast<Attribute>(call->func)) {
      std::string_view m = attr->attr;
      if (m == "format") {
        Alternatives base = Eval(attr->value, scope, use, depth + 1);
        if (!HasLiteral(base)) return Hole(*call);
        for (MessageTemplate& t : base) t = ApplyBraceFormat(t);
        return base;
      }
      if (m == "join" && call->args.size() == 1) {
        Alternatives sep = Eval(attr->value, scope, use, depth + 1);
        const Expr* arg = call->args[0];
        NodeList<Expr> elts;
        if (const auto* l = DynCast<List>(arg)) elts = l->elts;
        if (const auto* t = DynCast<Tuple>(arg)) elts = t->elts;
        if (sep.empty()) return Hole(*call);
        // A list built elsewhere, or a comprehension: each element may be anywhere in it.
        if (elts.empty()) return JoinedElements(arg, scope, use, depth, *call);
        MessageTemplate out;
        for (uint32_t i = 0; i < elts.size(); ++i) {
          if (i > 0) AppendTemplate(&out, sep[0]);
          Alternatives part = Eval(elts[i], scope, use, depth + 1);
          if (part.empty()) return Hole(*call);
          AppendTemplate(&out, part[0]);
        }
        return One(std::move(out));
      }
      if (m == "strip" || m == "rstrip" || m == "lstrip" || m == "dedent") {
        const Expr* inner = m == "dedent" && call->args.size() == 1 ? call->args[0] : attr->value;
        Alternatives base = Eval(inner, scope, use, depth + 1);
        if (HasLiteral(base)) return base;
        return Hole(*call);
      }
      // self.helper(...) / cls.helper(...): a method of the enclosing class.
      if (const auto* self = DynCast<Name>(attr->value);
          self && (self->id == "self" || self->id == "cls") && scope.owner) {
        auto it = methods_.find(scope.owner);
        if (it != methods_.end()) {
          auto f = it->second.find(m);
          if (f != it->second.end()) return EvalHelper(f->second, scope, use, depth, *call, true);
        }
      }
      return Hole(*call);
    }
    if (const auto* name = DynCast<Name>(call->func)) {
      if (name->id == "dedent" && call->args.size() == 1) {
        return Eval(call->args[0], scope, use, depth + 1);
      }
      // gettext: _('text') prints the text itself when no translation is installed (argparse,
      // optparse); ngettext(singular, plural, n) prints either.
      if ((name->id == "_" || name->id == "gettext" || name->id == "N_") &&
          call->args.size() == 1) {
        return Eval(call->args[0], scope, use, depth + 1);
      }
      if (name->id == "ngettext" && call->args.size() == 3) {
        Alternatives out = Eval(call->args[0], scope, use, depth + 1);
        Add(&out, Eval(call->args[1], scope, use, depth + 1));
        return out;
      }
      auto f = functions_.find(name->id);
      if (f != functions_.end()) return EvalHelper(f->second, scope, use, depth, *call, false);
    }
    // warnings.warn(DeprecationWarning("...")), print(ValueError("...")): an exception or
    // warning made with a message prints as that message.
    std::string_view callee = SourceOf(*call->func);
    callee = callee.substr(callee.rfind('.') == std::string_view::npos ? 0 : callee.rfind('.') + 1);
    for (std::string_view suffix : {"Warning", "Error", "Exception"}) {
      if (callee.size() > suffix.size() && callee.substr(callee.size() - suffix.size()) == suffix &&
          !call->args.empty()) {
        Alternatives out = Eval(call->args[0], scope, use, depth + 1);
        if (HasLiteral(out)) return out;
      }
    }
    return Hole(*call);
  }

  // A small helper that returns the message: the templates of its return values, with its
  // parameters bound to what the call passes (holes for the rest).
  Alternatives EvalHelper(const Node* f, const Scope& caller, uint32_t use, int depth,
                          const Call& call, bool method) {
    if (helper_depth_ >= kMaxHelperDepth) return Hole(call);
    Scope scope = FunctionScope(f, &caller_module_scope(caller), method ? caller.owner : nullptr);
    BindArguments(f, call, caller, use, depth, method, &scope);
    ++helper_depth_;
    Alternatives out;
    CollectReturns(*f,
                   [&](const Return& r) { Add(&out, Eval(r.value, scope, r.begin, depth + 1)); });
    --helper_depth_;
    if (!HasLiteral(out)) return Hole(call);
    return out;
  }

  // Binds the parameters of `f` to the arguments of `call` (positional, then keywords; a
  // method's first parameter is self).
  void BindArguments(const Node* f, const Call& call, const Scope& caller, uint32_t use, int depth,
                     bool skip_self, Scope* callee) {
    const Arguments* args = FunctionArgs(f);
    if (args == nullptr) return;
    std::vector<std::string_view> positional;
    for (const Arg* a : args->posonlyargs) positional.push_back(a->arg);
    for (const Arg* a : args->args) positional.push_back(a->arg);
    size_t first = skip_self && !positional.empty() ? 1 : 0;
    for (uint32_t i = 0; i < call.args.size() && first + i < positional.size(); ++i) {
      if (call.args[i]->node_kind == NodeKind::kStarred) break;
      callee->bound[positional[first + i]] = Eval(call.args[i], caller, use, depth + 1);
    }
    for (const Keyword* k : call.keywords) {
      if (k->arg.data() != nullptr && callee->params.count(k->arg)) {
        callee->bound[k->arg] = Eval(k->value, caller, use, depth + 1);
      }
    }
  }

  static const Scope& caller_module_scope(const Scope& s) {
    const Scope* p = &s;
    while (p->parent) p = p->parent;
    return *p;
  }
  static const ClassDef* OwnerOf(const Scope& s) { return s.owner; }

  template <class F>
  static void CollectReturns(const Node& node, F&& f) {
    VisitChildren(node, [&](const Node& child) {
      if (IsFunction(&child) || child.node_kind == NodeKind::kClassDef ||
          child.node_kind == NodeKind::kLambda) {
        return;
      }
      if (const auto* r = DynCast<Return>(&child); r && r->value) f(*r);
      if (Stmt::Is(child.node_kind)) CollectReturns(child, f);
    });
  }

  Alternatives Resolve(const Name* n, const Scope& scope, uint32_t use, int depth) {
    bool from_function = false;
    for (const Scope* s = &scope; s; s = s->parent) {
      // Class bodies are not visible from the functions inside them.
      if (s->is_class && from_function) continue;
      if (s->params.count(n->id)) {
        auto b = s->bound.find(n->id);
        if (b != s->bound.end()) return b->second;
        // A parameter with a string default (message=_DEPRECATED_MSG) may hold it; it is
        // evaluated where the function is defined.
        auto d = s->defaults.find(n->id);
        if (d != s->defaults.end() && s->parent) {
          Alternatives out = Eval(d->second, *s->parent, d->second->begin, depth + 1);
          if (HasLiteral(out)) {
            Add(&out, Hole(*n));
            return out;
          }
        }
        break;
      }
      auto it = s->bindings.find(n->id);
      if (it != s->bindings.end())
        return Compose(it->second, *s, s == &scope ? use : UINT32_MAX, depth);
      if (!s->is_class) from_function = true;
    }
    return Hole(*n);
  }

  // The values a name can hold at `use`: each plain assignment before it, followed by the
  // `+=` that come after that assignment.
  Alternatives Compose(const std::vector<Binding>& all, const Scope& scope, uint32_t use,
                       int depth) {
    std::vector<const Binding*> before;
    for (const Binding& b : all) {
      if (b.offset < use) before.push_back(&b);
    }
    if (before.empty()) {
      for (const Binding& b : all) before.push_back(&b);
    }
    Alternatives out;
    for (size_t i = 0; i < before.size(); ++i) {
      if (before[i]->append) continue;
      Alternatives alt = Eval(before[i]->value, scope, before[i]->offset, depth + 1);
      for (size_t j = i + 1; j < before.size(); ++j) {
        if (!before[j]->append) continue;
        Alternatives tail = Eval(before[j]->value, scope, before[j]->offset, depth + 1);
        if (!tail.empty()) alt = Concat(alt, Alternatives{tail[0]});
      }
      Add(&out, std::move(alt));
    }
    if (out.empty()) {
      MessageTemplate t;
      AppendHole(&t, "");
      out.push_back(t);
    }
    return out;
  }

  Scope FunctionScope(const Node* f, const Scope* parent, const ClassDef* owner) {
    Scope s;
    s.parent = parent;
    s.owner = owner;
    s.function_name = FunctionName(f);
    s.qualname = parent->qualname.empty() ? std::string(s.function_name)
                                          : parent->qualname + "." + std::string(s.function_name);
    CollectParams(FunctionArgs(f), &s);
    CollectBindings(*f, &s);
    return s;
  }

  void AddSites(const Node& at, EmitKind kind, std::string emitter, const Alternatives& alts,
                const Scope& scope) {
    if (!HasLiteral(alts)) return;
    if (forward_) {  // inside a helper followed from a call: the site is that call
      forward_->found.push_back({kind, forward_->emitter_prefix + emitter, alts});
      return;
    }
    LineCol pos = source_.Locate(at.begin);
    for (const MessageTemplate& t : alts) {
      bool literal = false;
      for (const TemplatePiece& p : t) literal |= !p.hole && !p.text.empty();
      if (!literal) continue;
      MessageSite site;
      site.line = pos.line;
      site.column = pos.column;
      site.kind = kind;
      site.emitter = emitter;
      site.function = scope.qualname;
      site.text = t;
      bool seen = false;  // the same template at the same place through two routes
      for (auto it = sites_.rbegin(); it != sites_.rend() && it->line == site.line; ++it) {
        seen |= it->column == site.column && it->text == site.text;
      }
      if (!seen) sites_.push_back(std::move(site));
    }
  }

  static bool EndsWith(std::string_view s, std::string_view suffix) {
    return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
  }

  // A helper of this module that emits what it is given (def _warn(msg): logger.warning(msg)):
  // a call passing it text is a site too, at the call, for what the helper emits with these
  // arguments and not without them.
  struct Forwarding {
    struct Found {
      EmitKind kind;
      std::string emitter;
      Alternatives alts;
    };
    std::string emitter_prefix;
    std::vector<Found> found;
  };

  void ForwardInto(const Call& call, const Scope& scope) {
    if (call.args.empty() && call.keywords.empty()) return;
    const Node* f = nullptr;
    const ClassDef* owner = nullptr;
    bool method = false;
    if (const auto* name = DynCast<Name>(call.func)) {
      auto it = functions_.find(name->id);
      if (it != functions_.end()) f = it->second;
    } else if (const auto* attr = DynCast<Attribute>(call.func)) {
      const auto* self = DynCast<Name>(attr->value);
      if (self && (self->id == "self" || self->id == "cls") && scope.owner) {
        auto m = methods_.find(scope.owner);
        if (m != methods_.end()) {
          auto it = m->second.find(attr->attr);
          if (it != m->second.end()) f = it->second, owner = scope.owner, method = true;
        }
      }
    }
    // Small helpers only: each call walks the helper twice.
    if (f == nullptr || f->end - f->begin > kMaxForwardedHelper) return;
    Scope bound = FunctionScope(f, top_, owner);
    BindArguments(f, call, scope, call.begin, 0, method, &bound);
    bool literal = false;
    for (const auto& [name, alts] : bound.bound) literal |= HasLiteral(alts);
    if (!literal) return;
    Scope unbound = FunctionScope(f, top_, owner);
    auto collect = [&](const Scope& s) {
      Forwarding fw;
      fw.emitter_prefix = std::string(FunctionName(f)) + "() → ";
      forward_ = &fw;
      for (const Stmt* st : FunctionBody(f)) Walk(*st, s);
      forward_ = nullptr;
      return fw.found;
    };
    std::vector<Forwarding::Found> without = collect(unbound);
    std::vector<Forwarding::Found> with = collect(bound);
    for (Forwarding::Found& w : with) {
      Alternatives fresh;
      for (MessageTemplate& t : w.alts) {
        bool known = false;
        for (const Forwarding::Found& o : without) {
          known |= std::find(o.alts.begin(), o.alts.end(), t) != o.alts.end();
        }
        if (!known) fresh.push_back(std::move(t));
      }
      AddSites(call, w.kind, w.emitter, fresh, scope);
    }
  }

  void VisitCall(const Call& call, const Scope& scope) {
    // The message argument: positional, or passed by name (warnings.warn(message=...),
    // logger.warning(msg=...)).
    auto arg = [&](uint32_t i) -> const Expr* {
      if (i < call.args.size()) return call.args[i];
      if (!call.args.empty() && call.args.size() < i) return nullptr;
      for (const Keyword* k : call.keywords) {
        if (k->arg == "msg" || k->arg == "message" || k->arg == "s") return k->value;
      }
      return nullptr;
    };
    if (const auto* attr = DynCast<Attribute>(call.func)) {
      std::string_view m = attr->attr;
      std::string receiver(SourceOf(*attr->value));
      std::string emitter = receiver + "." + std::string(m);
      if (m == "warn" && (receiver == "warnings" || receiver == "_warnings")) {
        if (arg(0))
          AddSites(call, EmitKind::kWarn, emitter, Eval(arg(0), scope, call.begin, 0), scope);
        return;
      }
      static const std::unordered_set<std::string_view> kLogMethods = {
          "debug",    "info",  "warning",      "warn",      "error",          "exception",
          "critical", "fatal", "warning_once", "info_once", "warning_advice", "log"};
      if (kLogMethods.count(m)) {
        uint32_t index = m == "log" ? 1 : 0;
        if (!arg(index)) return;
        Alternatives alts = Eval(arg(index), scope, call.begin, 0);
        // logging formats lazily: logger.warning("a %s b", x) prints "a " + str(x) + " b".
        if (call.args.size() > index + 1) {
          for (MessageTemplate& t : alts) t = ApplyPercentFormat(t);
        }
        AddSites(call, EmitKind::kLog, emitter, alts, scope);
        return;
      }
      if (m == "write" && (EndsWith(receiver, "stderr") || EndsWith(receiver, "stdout"))) {
        if (arg(0))
          AddSites(call, EmitKind::kWrite, emitter, Eval(arg(0), scope, call.begin, 0), scope);
        return;
      }
      if (m == "exit" && receiver == "sys") {
        if (arg(0))
          AddSites(call, EmitKind::kExit, emitter, Eval(arg(0), scope, call.begin, 0), scope);
        return;
      }
      if (m == "__init__" && scope.exception_like_method) {
        if (const Expr* msg = BaseInitMessage(call)) {
          AddSites(call, EmitKind::kExceptionInit, emitter, Eval(msg, scope, call.begin, 0), scope);
        }
      }
      return;
    }
    if (const auto* name = DynCast<Name>(call.func)) {
      if (name->id == "print" && !call.args.empty()) {
        Alternatives sep = One(MessageTemplate{{false, " "}});
        for (const Keyword* k : call.keywords) {
          if (k->arg == "sep") sep = Eval(k->value, scope, call.begin, 0);
        }
        if (sep.empty()) sep = One(MessageTemplate{{false, " "}});
        Alternatives out = One(MessageTemplate{});
        for (uint32_t i = 0; i < call.args.size(); ++i) {
          if (i > 0) out = Concat(out, Alternatives{sep[0]});
          out = Concat(out, Eval(call.args[i], scope, call.begin, 0));
        }
        AddSites(call, EmitKind::kPrint, "print", out, scope);
      } else if (name->id == "warn" && arg(0)) {
        AddSites(call, EmitKind::kWarn, "warn", Eval(arg(0), scope, call.begin, 0), scope);
      }
    }
  }

  void VisitRaise(const Raise& r, const Scope& scope) {
    const auto* call = DynCast<Call>(r.exc);
    const Expr* cls = call ? call->func : r.exc;
    if (cls == nullptr) return;
    std::string emitter = "raise " + HoleName(*cls);
    if (call && !call->args.empty()) {
      AddSites(r, EmitKind::kRaise, emitter, Eval(call->args[0], scope, r.begin, 0), scope);
    }
    // An exception class of this module that builds its own message (__str__, or __init__
    // handing one to its base): that message is what this raise prints.
    if (const auto* name = DynCast<Name>(cls)) {
      auto it = classes_.find(name->id);
      if (it != classes_.end()) {
        AddSites(r, EmitKind::kRaise, emitter, ClassMessage(it->second, call, scope, r.begin),
                 scope);
      }
      // raise make_error(...): a helper of this module returning the exception.
      auto f = functions_.find(name->id);
      if (call && f != functions_.end() && helper_depth_ < kMaxHelperDepth) {
        Scope helper = FunctionScope(f->second, top_, nullptr);
        BindArguments(f->second, *call, scope, r.begin, 0, false, &helper);
        ++helper_depth_;
        Alternatives out;
        CollectReturns(*f->second, [&](const Return& ret) {
          const auto* made = DynCast<Call>(ret.value);
          if (made == nullptr) return;
          if (const auto* made_cls = DynCast<Name>(made->func);
              made_cls && classes_.count(made_cls->id)) {
            Add(&out, ClassMessage(classes_[made_cls->id], made, helper, ret.begin));
          }
          if (!made->args.empty()) Add(&out, Eval(made->args[0], helper, ret.begin, 1));
        });
        --helper_depth_;
        AddSites(r, EmitKind::kRaise, emitter, out, scope);
      }
    }
  }

  // The messages an exception class builds itself (its __str__ returns, or what its __init__
  // hands to its base), with the constructor's parameters bound to the call's arguments.
  Alternatives ClassMessage(const ClassDef* c, const Call* call, const Scope& caller,
                            uint32_t use) {
    if (in_progress_.count(c)) return {};  // a class raising itself in its own methods
    in_progress_.insert(c);
    Alternatives out;
    Scope class_scope;
    class_scope.parent = top_;
    class_scope.is_class = true;
    class_scope.owner = c;
    const Node* init = nullptr;
    for (const Stmt* st : c->body) {
      if (IsFunction(st) && FunctionName(st) == "__init__") init = st;
    }
    for (const Stmt* st : c->body) {
      if (!IsFunction(st)) continue;
      std::string_view name = FunctionName(st);
      if (name != "__str__" && name != "__init__") continue;
      Scope s = FunctionScope(st, &class_scope, c);
      if (name == "__str__") {
        CollectReturns(*st,
                       [&](const Return& ret) { Add(&out, Eval(ret.value, s, ret.begin, 1)); });
      } else {
        if (call && init) BindArguments(init, *call, caller, use, 0, true, &s);
        CollectBaseInitMessages(
            *st, [&](const Expr* msg, uint32_t at) { Add(&out, Eval(msg, s, at, 1)); });
      }
    }
    in_progress_.erase(c);
    return out;
  }

  // The message handed to a base class's __init__: super().__init__(msg) or
  // Base.__init__(self, msg).
  static const Expr* BaseInitMessage(const Call& call) {
    const auto* attr = DynCast<Attribute>(call.func);
    if (attr == nullptr || attr->attr != "__init__") return nullptr;
    const auto* inner = DynCast<Call>(attr->value);
    const auto* super = inner ? DynCast<Name>(inner->func) : nullptr;
    uint32_t index = super && super->id == "super" ? 0 : 1;
    return index < call.args.size() ? call.args[index] : nullptr;
  }

  template <class F>
  static void CollectBaseInitMessages(const Node& node, F&& f) {
    VisitChildren(node, [&](const Node& child) {
      if (IsFunction(&child) || child.node_kind == NodeKind::kClassDef) return;
      if (const auto* call = DynCast<Call>(&child)) {
        if (const Expr* msg = BaseInitMessage(*call)) f(msg, call->begin);
      }
      CollectBaseInitMessages(child, f);
    });
  }

  void WalkFunction(const Node& f, const Scope& parent) {
    const ClassDef* owner = parent.is_class ? parent.owner : parent.owner;
    Scope s = FunctionScope(&f, &parent, owner);
    std::string_view name = FunctionName(&f);
    s.exception_like_method = parent.is_class && parent.exception_like;
    s.in_str = s.exception_like_method && name == "__str__";
    for (const Stmt* st : FunctionBody(&f)) Walk(*st, s);
  }

  void Walk(const Node& node, const Scope& scope) {
    if (IsFunction(&node)) {
      // Decorators and defaults run in the enclosing scope.
      if (const auto* d = DynCast<FunctionDef>(&node)) {
        for (const Expr* e : d->decorator_list) Walk(*e, scope);
      }
      WalkFunction(node, scope);
      return;
    }
    if (const auto* c = DynCast<ClassDef>(&node)) {
      Scope s;
      s.parent = &scope;
      s.is_class = true;
      s.owner = c;
      s.exception_like = !c->bases.empty();
      s.qualname = scope.qualname.empty() ? std::string(c->name)
                                          : scope.qualname + "." + std::string(c->name);
      CollectBindings(*c, &s);
      for (const Stmt* st : c->body) Walk(*st, s);
      return;
    }
    if (const auto* r = DynCast<Raise>(&node)) VisitRaise(*r, scope);
    if (const auto* call = DynCast<Call>(&node)) {
      VisitCall(*call, scope);
      if (!forward_) ForwardInto(*call, scope);
    }
    if (const auto* ret = DynCast<Return>(&node); ret && scope.in_str && ret->value) {
      std::string emitter = "str(" + (scope.owner ? std::string(scope.owner->name) : "") + ")";
      AddSites(*ret, EmitKind::kExceptionStr, emitter, Eval(ret->value, scope, ret->begin, 0),
               scope);
    }
    VisitChildren(node, [&](const Node& child) { Walk(child, scope); });
  }

  const Module& module_;
  std::string_view text_;
  const python::Source& source_;
  std::unordered_map<std::string_view, const Node*> functions_;
  std::unordered_map<const ClassDef*, std::unordered_map<std::string_view, const Node*>> methods_;
  std::unordered_map<std::string_view, const ClassDef*> classes_;
  std::unordered_set<const ClassDef*> in_progress_;
  Forwarding* forward_ = nullptr;  // set while walking a helper followed from a call
  const Scope* top_ = nullptr;
  std::vector<MessageSite> sites_;
  int helper_depth_ = 0;
};

}  // namespace

std::vector<MessageSite> ExtractMessageSites(const Module& module, const python::Source& source) {
  return Extractor(module, source).Run();
}

std::vector<MessageSite> ExtractMessageSitesFromBytes(std::string_view bytes, bool* ok) {
  if (ok) *ok = false;
  python::SyntaxError error;
  std::optional<python::Source> source = python::Source::Decode(bytes, &error);
  if (!source) return {};
  python::ParsedModule parsed = python::ParseModule(*source);
  if (parsed.module == nullptr) return {};
  if (ok) *ok = true;
  return ExtractMessageSites(*parsed.module, *source);
}

}  // namespace kensa::query
