#include "checks/forward_docstrings.h"

#include "base/thread_pool.h"

#include <algorithm>
#include <deque>
#include <set>
#include <string_view>

#include "checks/py_text.h"
#include "python/parser.h"
#include "python/py_repr.h"
#include "python/source.h"

namespace kensa::checks {

namespace ast = python::ast;

namespace {

const std::set<std::string_view> kSectionHeaders = {
    "Args:",     "Arguments:", "Parameters:", "Returns:", "Return:",     "Yields:",  "Raises:",
    "Examples:", "Example:",   "Note:",       "Notes:",   "References:", "See Also:"};
const std::set<std::string_view> kArgsHeaders = {"Args:", "Arguments:", "Parameters:"};
const std::set<std::string_view> kReturnsHeaders = {"Returns:", "Return:", "Yields:", "Yield:"};

// len(line) - len(line.lstrip()), in code points.
size_t Indent(std::string_view line) {
  return PyLen(line.substr(0, SkipPySpace(line, 0)));
}

// str.splitlines(keepends): \n, \r, \r\n, \v, \f, \x1c-\x1e, U+0085, U+2028, U+2029 end a
// line. `newlines_only`: only \n, \r and \r\n (what ast line numbers count).
std::vector<std::string_view> SplitLines(std::string_view s, bool keepends, bool newlines_only) {
  std::vector<std::string_view> out;
  size_t start = 0, i = 0;
  while (i < s.size()) {
    unsigned char c = s[i];
    size_t len = 0;
    if (c == '\n') {
      len = 1;
    } else if (c == '\r') {
      len = i + 1 < s.size() && s[i + 1] == '\n' ? 2 : 1;
    } else if (!newlines_only && (c == '\v' || c == '\f' || (c >= 0x1c && c <= 0x1e))) {
      len = 1;
    } else if (!newlines_only && c == 0xc2 && i + 1 < s.size() &&
               static_cast<unsigned char>(s[i + 1]) == 0x85) {
      len = 2;
    } else if (!newlines_only && c == 0xe2 && i + 2 < s.size() &&
               static_cast<unsigned char>(s[i + 1]) == 0x80 &&
               (static_cast<unsigned char>(s[i + 2]) == 0xa8 ||
                static_cast<unsigned char>(s[i + 2]) == 0xa9)) {
      len = 3;
    }
    if (len == 0) {
      ++i;
      continue;
    }
    out.push_back(s.substr(start, (keepends ? i + len : i) - start));
    i += len;
    start = i;
  }
  if (start < s.size()) out.push_back(s.substr(start));
  return out;
}

// inspect.cleandoc (str.expandtabs(8), the common margin of lines after the first removed,
// leading and trailing blank lines dropped).
std::string CleanDoc(std::string_view doc) {
  std::string expanded;
  size_t col = 0;
  for (char ch : doc) {
    if (ch == '\t') {
      size_t n = 8 - col % 8;
      expanded.append(n, ' ');
      col += n;
    } else {
      expanded.push_back(ch);
      if (ch == '\n' || ch == '\r') {
        col = 0;
      } else if ((static_cast<unsigned char>(ch) & 0xc0) != 0x80) {
        ++col;
      }
    }
  }
  std::vector<std::string_view> lines = PySplit(expanded, '\n');
  size_t margin = SIZE_MAX;
  for (size_t i = 1; i < lines.size(); ++i) {
    size_t content = SkipPySpace(lines[i], 0);
    if (content < lines[i].size()) margin = std::min(margin, PyLen(lines[i].substr(0, content)));
  }
  lines[0] = lines[0].substr(SkipPySpace(lines[0], 0));
  if (margin != SIZE_MAX) {
    for (size_t i = 1; i < lines.size(); ++i) lines[i] = PyDropPrefix(lines[i], margin);
  }
  size_t first = 0, last = lines.size();
  while (last > 0 && lines[last - 1].empty()) --last;
  while (first < last && lines[first].empty()) ++first;
  std::string out;
  for (size_t i = first; i < last; ++i) {
    if (i > first) out.push_back('\n');
    out.append(lines[i]);
  }
  return out;
}

// `^([A-Za-z_]\w*)\s*[(:]` on a stripped line: the name, or "" without a match.
std::string ArgHeader(std::string_view s) {
  if (s.empty() || !(std::isalpha(static_cast<unsigned char>(s[0])) || s[0] == '_') ||
      static_cast<unsigned char>(s[0]) >= 0x80) {
    return "";
  }
  std::u32string text = DecodeUtf8(s);
  size_t i = 1;
  while (i < text.size() && IsPyWord(text[i])) ++i;
  size_t name_end = i;
  while (i < text.size() && IsPySpace(text[i])) ++i;
  if (i < text.size() && (text[i] == U'(' || text[i] == U':')) {
    return EncodeUtf8(text.substr(0, name_end));
  }
  return "";
}

// _extract_documented_args over a cleaned docstring.
std::set<std::string> DocumentedArgs(const std::string* doc) {
  std::set<std::string> documented;
  if (doc == nullptr || doc->empty()) return documented;
  std::vector<std::string_view> lines = SplitLines(*doc, false, false);
  size_t start = SIZE_MAX, header_indent = 0;
  for (size_t i = 0; i < lines.size(); ++i) {
    if (kArgsHeaders.count(PyStrip(lines[i]))) {
      start = i + 1;
      header_indent = Indent(lines[i]);
      break;
    }
  }
  if (start == SIZE_MAX) return documented;
  size_t entry_indent = SIZE_MAX;
  for (size_t i = start; i < lines.size(); ++i) {
    std::string_view stripped = PyStrip(lines[i]);
    if (stripped.empty()) continue;
    size_t indent = Indent(lines[i]);
    if (indent <= header_indent && kSectionHeaders.count(stripped)) break;
    if (entry_indent == SIZE_MAX) entry_indent = indent;
    if (indent != entry_indent) continue;
    std::string name = ArgHeader(stripped);
    if (!name.empty()) documented.insert(name);
  }
  return documented;
}

bool HasReturnsSection(const std::string* doc) {
  if (doc == nullptr || doc->empty()) return false;
  for (std::string_view line : SplitLines(*doc, false, false)) {
    if (kReturnsHeaders.count(PyStrip(line))) return true;
  }
  return false;
}

// ast.unparse's precedence levels (Lib/ast.py _Precedence).
enum Prec {
  kTuple = 2,
  kTest = 4,
  kNot = 7,
  kExpr = 9,
  kBor = 9,
  kBxor,
  kBand,
  kShift,
  kArith,
  kTerm,
  kFactor,
  kPower,
  kAwait,
  kAtom
};

void Unparse(const ast::Expr* e, int prec, std::string_view src, std::string* out);

void Items(const ast::NodeList<ast::Expr>& elts, std::string_view src, std::string* out) {
  for (uint32_t i = 0; i < elts.size(); ++i) {
    if (i > 0) *out += ", ";
    Unparse(elts[i], kTest, src, out);
  }
  if (elts.size() == 1) *out += ",";
}

void Unparse(const ast::Expr* e, int prec, std::string_view src, std::string* out) {
  if (const auto* n = ast::DynCast<ast::Name>(e)) {
    out->append(n->id);
  } else if (const auto* a = ast::DynCast<ast::Attribute>(e)) {
    Unparse(a->value, kAtom, src, out);
    const auto* c = ast::DynCast<ast::Constant>(a->value);
    if (c != nullptr && c->value.kind == ast::ConstantValue::Kind::kInt) *out += " ";
    *out += ".";
    out->append(a->attr);
  } else if (const auto* s = ast::DynCast<ast::Subscript>(e)) {
    Unparse(s->value, kAtom, src, out);
    *out += "[";
    const auto* t = ast::DynCast<ast::Tuple>(s->slice);
    if (t != nullptr && !t->elts.empty()) {
      Items(t->elts, src, out);
    } else {
      Unparse(s->slice, kTest, src, out);
    }
    *out += "]";
  } else if (const auto* t = ast::DynCast<ast::Tuple>(e)) {
    bool parens = t->elts.empty() || prec > kTuple;
    if (parens) *out += "(";
    Items(t->elts, src, out);
    if (parens) *out += ")";
  } else if (const auto* l = ast::DynCast<ast::List>(e)) {
    *out += "[";
    for (uint32_t i = 0; i < l->elts.size(); ++i) {
      if (i > 0) *out += ", ";
      Unparse(l->elts[i], kTest, src, out);
    }
    *out += "]";
  } else if (const auto* c = ast::DynCast<ast::Constant>(e)) {
    if (c->value.kind == ast::ConstantValue::Kind::kEllipsis) {
      *out += "...";
    } else {
      if (c->kind_u) *out += "u";
      python::AppendConstantRepr(c->value, out);
    }
  } else if (const auto* b = ast::DynCast<ast::BinOp>(e)) {
    static const char* const kOps[] = {"+",  "-",  "*", "@", "/", "%", "**",
                                       "<<", ">>", "|", "^", "&", "//"};
    static const int kPrecs[] = {kArith, kArith, kTerm, kTerm, kTerm, kTerm, kPower,
                                 kShift, kShift, kBor,  kBxor, kBand, kTerm};
    int op = static_cast<int>(b->op);
    int p = kPrecs[op];
    bool parens = prec > p;
    if (parens) *out += "(";
    bool pow = b->op == ast::Operator::kPow;
    Unparse(b->left, pow ? p + 1 : p, src, out);
    *out += " ";
    *out += kOps[op];
    *out += " ";
    Unparse(b->right, pow ? p : p + 1, src, out);
    if (parens) *out += ")";
  } else if (const auto* u = ast::DynCast<ast::UnaryOp>(e)) {
    static const char* const kOps[] = {"~", "not", "+", "-"};
    int p = u->op == ast::UnaryOperator::kNot ? kNot : kFactor;
    bool parens = prec > p;
    if (parens) *out += "(";
    *out += kOps[static_cast<int>(u->op)];
    if (p != kFactor) *out += " ";
    Unparse(u->operand, p, src, out);
    if (parens) *out += ")";
  } else if (const auto* call = ast::DynCast<ast::Call>(e)) {
    Unparse(call->func, kAtom, src, out);
    *out += "(";
    bool first = true;
    for (const ast::Expr* arg : call->args) {
      if (!first) *out += ", ";
      first = false;
      Unparse(arg, kTest, src, out);
    }
    for (const ast::Keyword* k : call->keywords) {
      if (!first) *out += ", ";
      first = false;
      if (k->arg.data() == nullptr) {
        *out += "**";
      } else {
        out->append(k->arg);
        *out += "=";
      }
      Unparse(k->value, kTest, src, out);
    }
    *out += ")";
  } else if (const auto* st = ast::DynCast<ast::Starred>(e)) {
    *out += "*";
    Unparse(st->value, kExpr, src, out);
  } else {
    out->append(src.substr(e->begin, e->end - e->begin));  // rare in annotations
  }
}

// _has_meaningful_return.
bool MeaningfulReturn(const ast::Expr* ret) {
  if (ret == nullptr) return false;
  if (const auto* c = ast::DynCast<ast::Constant>(ret)) {
    if (c->value.kind == ast::ConstantValue::Kind::kNone) return false;
  }
  if (const auto* n = ast::DynCast<ast::Name>(ret)) return n->id != "NoReturn";
  if (const auto* a = ast::DynCast<ast::Attribute>(ret)) return a->attr != "NoReturn";
  return true;
}

struct Method {
  const ast::ClassDef* cls;
  const ast::Stmt* def;
  const ast::Arguments* args;
  const ast::NodeList<ast::Stmt>* body;
  const ast::Expr* returns;
};

// The classes deriving (by name) from `base` with a method `name`, in ast.walk order.
std::vector<Method> MainMethods(const ast::Module& module, std::string_view base,
                                std::string_view name) {
  std::vector<Method> out;
  std::deque<const ast::Node*> todo = {&module};
  while (!todo.empty()) {
    const ast::Node* node = todo.front();
    todo.pop_front();
    ast::VisitChildren(*node, [&](const ast::Node& child) { todo.push_back(&child); });
    const auto* cls = ast::DynCast<ast::ClassDef>(node);
    if (cls == nullptr) continue;
    bool derives = false;
    for (const ast::Expr* b : cls->bases) {
      if (const auto* n = ast::DynCast<ast::Name>(b)) derives = derives || n->id == base;
      if (const auto* a = ast::DynCast<ast::Attribute>(b)) derives = derives || a->attr == base;
    }
    if (!derives) continue;
    for (const ast::Stmt* s : cls->body) {
      if (const auto* f = ast::DynCast<ast::FunctionDef>(s); f != nullptr && f->name == name) {
        out.push_back({cls, s, f->args, &f->body, f->returns});
        break;
      }
      if (const auto* f = ast::DynCast<ast::AsyncFunctionDef>(s); f != nullptr && f->name == name) {
        out.push_back({cls, s, f->args, &f->body, f->returns});
        break;
      }
    }
  }
  return out;
}

std::vector<std::string> SignatureArgs(const ast::Arguments& args) {
  std::vector<std::string> out;
  for (const auto* list : {&args.posonlyargs, &args.args, &args.kwonlyargs}) {
    for (const ast::Arg* a : *list) {
      if (a->arg != "self" && a->arg != "cls") out.emplace_back(a->arg);
    }
  }
  return out;
}

// The docstring statement: the first statement, a str constant.
const ast::ExprStmt* DocstringNode(const Method& m) {
  if (m.body->empty()) return nullptr;
  const auto* e = ast::DynCast<ast::ExprStmt>((*m.body)[0]);
  if (e == nullptr) return nullptr;
  const auto* c = ast::DynCast<ast::Constant>(e->value);
  return c != nullptr && c->value.kind == ast::ConstantValue::Kind::kStr ? e : nullptr;
}

std::string Join(const std::vector<std::string>& names) {
  std::string out;
  for (const std::string& n : names) out += (out.empty() ? "" : ", ") + n;
  return out;
}

struct Kind {
  std::string method;
  std::string base;
};

struct Parsed {
  python::ParsedModule module;
  std::unique_ptr<python::Source> source;
};

// ast.parse(text); false on a SyntaxError (the script skips the file).
bool Parse(const std::string& text, Parsed* out) {
  out->source = std::make_unique<python::Source>(python::Source::FromUtf8(text));
  out->module = python::ParseModule(*out->source);
  return out->module.module != nullptr;
}

// fix_file on `text` (the universal-newline text): the new text, or nullopt when nothing is
// deleted. `raw` is the file's bytes (strict keeps their line ends).
std::optional<std::string> FixText(const std::string& text, const std::string& raw,
                                   const std::string& path, const Kind& kind, bool strict,
                                   std::vector<std::string>* removed) {
  Parsed parsed;
  if (!Parse(text, &parsed)) return std::nullopt;
  const python::Source& source = *parsed.source;
  std::vector<std::string_view> lines = SplitLines(text, true, strict);
  std::vector<std::pair<size_t, size_t>> deletions;
  std::vector<std::string> summaries;
  for (const Method& m : MainMethods(*parsed.module.module, kind.base, kind.method)) {
    const ast::ExprStmt* ds = DocstringNode(m);
    if (ds == nullptr) continue;
    std::vector<std::string> sig = SignatureArgs(*m.args);
    std::set<std::string> sig_set(sig.begin(), sig.end());
    std::string doc = CleanDoc(ast::DynCast<ast::Constant>(ds->value)->value.text());
    std::set<std::string> stale;
    for (const std::string& d : DocumentedArgs(&doc)) {
      if (!sig_set.count(d)) stale.insert(d);
    }
    if (stale.empty()) continue;
    // Python clamps list indices; an index past the end reads as IndexError in the script, but
    // the docstring's lines are always there when lines match ast's.
    size_t doc_start = source.Locate(ds->begin).line - 1;
    size_t doc_end = source.Locate(ds->end).line - 1;
    auto line_at = [&](size_t i) { return i < lines.size() ? lines[i] : std::string_view(); };
    size_t args_idx = SIZE_MAX, header_indent = 0;
    for (size_t i = doc_start; i <= doc_end; ++i) {
      if (kArgsHeaders.count(PyStrip(line_at(i)))) {
        args_idx = i;
        header_indent = Indent(line_at(i));
        break;
      }
    }
    if (args_idx == SIZE_MAX) continue;
    size_t entry_indent = SIZE_MAX;
    for (size_t i = args_idx + 1; i <= doc_end; ++i) {
      if (PyStrip(line_at(i)).empty()) continue;
      entry_indent = Indent(line_at(i));
      break;
    }
    if (entry_indent == SIZE_MAX || entry_indent <= header_indent) continue;
    std::string current;
    bool have_current = false;
    size_t current_start = 0, end_of_args = SIZE_MAX;
    for (size_t i = args_idx + 1; i <= doc_end; ++i) {
      std::string_view line = line_at(i);
      std::string_view stripped = PyStrip(line);
      if (stripped.empty()) continue;
      size_t indent = Indent(line);
      if (indent <= header_indent && kSectionHeaders.count(stripped)) {
        end_of_args = i;
        break;
      }
      if (indent == entry_indent) {
        std::string name = ArgHeader(stripped);
        if (!name.empty()) {
          if (have_current && stale.count(current)) deletions.push_back({current_start, i});
          current = name;
          have_current = true;
          current_start = i;
        }
      }
    }
    if (have_current && stale.count(current)) {
      size_t end = end_of_args != SIZE_MAX ? end_of_args : doc_end;
      while (end > current_start + 1 && PyStrip(line_at(end - 1)).empty()) --end;
      deletions.push_back({current_start, end});
    }
    summaries.push_back(std::string(m.cls->name) + "." + kind.method + ": removed " +
                        Join(std::vector<std::string>(stale.begin(), stale.end())));
  }
  if (deletions.empty()) return std::nullopt;
  std::sort(deletions.begin(), deletions.end());
  // Strict deletes the same lines from the file's own bytes (one line there per line of the
  // translated text), keeping its line ends.
  std::vector<std::string_view> kept = strict ? SplitLines(raw, true, true) : lines;
  for (auto it = deletions.rbegin(); it != deletions.rend(); ++it) {
    size_t b = std::min(it->first, kept.size()), e = std::min(it->second, kept.size());
    if (b < e) kept.erase(kept.begin() + b, kept.begin() + e);
  }
  for (const std::string& s : summaries) removed->push_back(path + ": " + s);
  std::string out;
  for (std::string_view l : kept) out.append(l);
  return out;
}

void CheckText(const std::string& text, const std::string& path, const Kind& kind,
               ForwardDocstringsReport* report) {
  Parsed parsed;
  if (!Parse(text, &parsed)) return;
  const std::string_view src = parsed.source->text();
  for (const Method& m : MainMethods(*parsed.module.module, kind.base, kind.method)) {
    std::vector<std::string> sig = SignatureArgs(*m.args);
    std::set<std::string> sig_set(sig.begin(), sig.end());
    const ast::ExprStmt* ds = DocstringNode(m);
    std::optional<std::string> doc;
    if (ds != nullptr) doc = CleanDoc(ast::DynCast<ast::Constant>(ds->value)->value.text());
    std::set<std::string> documented = DocumentedArgs(doc ? &*doc : nullptr);
    ForwardDocstringsFinding base;
    base.path = path;
    base.line = parsed.source->Locate(m.def->begin).line;
    base.class_name = std::string(m.cls->name);
    base.method = kind.method;
    std::string where =
        path + ":" + std::to_string(base.line) + ": " + base.class_name + "." + kind.method;
    ForwardDocstringsFinding missing = base;
    for (const std::string& a : sig) {
      if (!documented.count(a)) missing.names.push_back(a);
    }
    if (!missing.names.empty()) {
      missing.message = where + " is missing docstring entries for: " + Join(missing.names);
      report->findings.push_back(std::move(missing));
    }
    ForwardDocstringsFinding stale = base;
    stale.kind = ForwardDocstringsFinding::Kind::kStale;
    for (const std::string& d : documented) {
      if (!sig_set.count(d)) stale.names.push_back(d);
    }
    if (!stale.names.empty()) {
      stale.message = where + " documents argument(s) not in the signature: " + Join(stale.names);
      report->findings.push_back(std::move(stale));
    }
    if (MeaningfulReturn(m.returns) && !HasReturnsSection(doc ? &*doc : nullptr)) {
      ForwardDocstringsFinding ret = base;
      ret.kind = ForwardDocstringsFinding::Kind::kNoReturns;
      std::string repr;
      Unparse(m.returns, kTest, src, &repr);
      ret.names.push_back(repr);
      std::string hint = ds == nullptr
                             ? " (method has no docstring)"
                             : " (add it just above the closing \"\"\" on line " +
                                   std::to_string(parsed.source->Locate(ds->end).line) + ")";
      ret.message =
          where + " returns `" + repr + "` but the docstring has no Returns: section" + hint;
      report->findings.push_back(std::move(ret));
    }
  }
}

// Path.rglob("*.py"), sorted as pathlib sorts (by components); symlinked directories are not
// entered, as in Python 3.11.
void CollectPy(const project::SourceTree& tree, const std::string& dir,
               std::vector<std::vector<std::string>>* parts, std::vector<std::string>& prefix) {
  std::vector<project::DirEntry> entries;
  std::string error;
  if (!tree.ListDirectory(dir, &entries, &error)) return;
  for (const project::DirEntry& e : entries) {
    std::string path = dir + "/" + e.name;
    if (e.type == project::DirEntry::Type::kDirectory && !e.is_symlink) {
      prefix.push_back(e.name);
      CollectPy(tree, path, parts, prefix);
      prefix.pop_back();
    }
    if (e.name.size() >= 3 && e.name.compare(e.name.size() - 3, 3, ".py") == 0) {
      prefix.push_back(e.name);
      parts->push_back(prefix);
      prefix.pop_back();
    }
  }
}

std::vector<std::string> PyFiles(const project::SourceTree& tree, const std::string& dir) {
  std::vector<std::vector<std::string>> parts;
  std::vector<std::string> prefix;
  if (tree.IsDirectory(dir)) CollectPy(tree, dir, &parts, prefix);
  std::sort(parts.begin(), parts.end());
  std::vector<std::string> out;
  for (const auto& p : parts) {
    std::string path = dir;
    for (const std::string& c : p) path += "/" + c;
    out.push_back(path);
  }
  return out;
}

}  // namespace

ForwardDocstringsReport CheckForwardDocstrings(const project::SourceTree& tree,
                                               const ForwardDocstringsOptions& options) {
  ForwardDocstringsReport report;
  std::vector<std::pair<std::string, Kind>> targets;
  for (const std::string& p : PyFiles(tree, options.models_dir)) {
    targets.push_back({p, {"forward", "ModelMixin"}});
  }
  for (const std::string& p : PyFiles(tree, options.pipelines_dir)) {
    targets.push_back({p, {"__call__", "DiffusionPipeline"}});
  }
  std::vector<std::string> texts(targets.size());
  std::vector<bool> decodable(targets.size(), false);
  for (size_t i = 0; i < targets.size(); ++i) {
    const std::string& path = targets[i].first;
    std::string bytes, error, message;
    if (!tree.ReadFile(path, &bytes, &error)) {
      report.exception_type = "OSError";
      report.exception = error;
      report.exception_path = path;
      return report;
    }
    if (!ValidatePyUtf8(bytes, &message, PyTextRead::kWhole)) {
      // fix_file reads outside its try: the script dies here (strict skips the file, as the
      // check does).
      if (options.fix && !options.strict) {
        report.exception_type = "UnicodeDecodeError";
        report.exception = message;
        report.exception_path = path;
        report.removed.clear();
        return report;
      }
      continue;
    }
    decodable[i] = true;
    texts[i] = PyUniversalNewlines(bytes);
    if (options.fix) {
      std::optional<std::string> fixed =
          FixText(texts[i], bytes, path, targets[i].second, options.strict, &report.removed);
      if (fixed) {
        report.edits.push_back({path, 0, bytes.size(), *fixed});
        texts[i] = PyUniversalNewlines(*fixed);
      }
    }
  }
  // Parsing is most of the work: files in parallel, findings kept in the script's file order.
  std::vector<ForwardDocstringsReport> per_file(targets.size());
  ParallelFor(targets.size(), [&](size_t i) {
    if (!decodable[i]) return;
    // ast.parse of a str with a NUL is a SyntaxError: skipped like the others.
    if (texts[i].find('\0') != std::string::npos) return;
    per_file[i].files = 1;
    CheckText(texts[i], targets[i].first, targets[i].second, &per_file[i]);
  });
  for (ForwardDocstringsReport& r : per_file) {
    report.files += r.files;
    for (ForwardDocstringsFinding& f : r.findings) report.findings.push_back(std::move(f));
  }
  return report;
}

}  // namespace kensa::checks
