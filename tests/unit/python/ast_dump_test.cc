// ast.dump against CPython 3.11.2: trees built by hand for small programs, dumped and compared
// with what /usr/bin/python3 prints for ast.dump(ast.parse(src), include_attributes=...).
#include "python/ast_dump.h"

#include <gtest/gtest.h>

#include <initializer_list>
#include <string>

namespace kensa::python {
namespace {

// Builds nodes for one source, with positions given as CPython's (line, column) pairs.
class Builder {
 public:
  explicit Builder(std::string_view text) : source_(Source::FromUtf8(text)) {}
  const Source& source() const { return source_; }

  template <class T>
  T* Node(uint32_t line, uint32_t col, uint32_t end_line, uint32_t end_col) {
    T* node = arena_.New<T>();
    node->begin = source_.lines().LineStart(line) + col;
    node->end = source_.lines().LineStart(end_line) + end_col;
    return node;
  }
  template <class T>
  T* Node() {
    return arena_.New<T>();
  }
  template <class T>
  ast::NodeList<T> List(std::initializer_list<T*> items) {
    return Array<T*>(items);
  }
  template <class E>
  ast::ArenaList<E> Array(std::initializer_list<E> items) {
    E* array = ast::NewListItems<E>(arena_, static_cast<uint32_t>(items.size()));
    size_t i = 0;
    for (E item : items) array[i++] = item;
    return ast::ArenaList<E>(array);
  }
  ast::Name* Name(std::string_view id, ast::ExprContext ctx, uint32_t line, uint32_t col) {
    auto* name = Node<ast::Name>(line, col, line, col + static_cast<uint32_t>(id.size()));
    name->id = id;
    name->ctx = ctx;
    return name;
  }
  ast::Constant* Constant(ast::ConstantValue value, uint32_t line, uint32_t col, uint32_t end_col) {
    auto* constant = Node<ast::Constant>(line, col, line, end_col);
    constant->value = value;
    return constant;
  }
  ast::Arg* Arg(std::string_view name, uint32_t line, uint32_t col, uint32_t end_col) {
    auto* arg = Node<ast::Arg>(line, col, line, end_col);
    arg->arg = name;
    return arg;
  }
  Arena& arena() { return arena_; }

 private:
  Source source_;
  Arena arena_;
};

using Kind = ast::ConstantValue::Kind;
using ast::ExprContext;

DumpOptions NoAttributes() {
  DumpOptions options;
  options.include_attributes = false;
  return options;
}

TEST(DumpAst, Assignment) {
  Builder b("x = 1");
  auto* assign = b.Node<ast::Assign>(1, 0, 1, 5);
  assign->targets = b.List<ast::Expr>({b.Name("x", ExprContext::kStore, 1, 0)});
  assign->value = b.Constant(ast::ConstantValue::WithText(Kind::kInt, "1"), 1, 4, 5);
  auto* module = b.Node<ast::Module>();
  module->body = b.List<ast::Stmt>({assign});
  EXPECT_EQ(DumpAst(*module, b.source()),
            "Module(body=[Assign(targets=[Name(id='x', ctx=Store(), lineno=1, col_offset=0, "
            "end_lineno=1, end_col_offset=1)], value=Constant(value=1, lineno=1, col_offset=4, "
            "end_lineno=1, end_col_offset=5), lineno=1, col_offset=0, end_lineno=1, "
            "end_col_offset=5)], type_ignores=[])");
  EXPECT_EQ(DumpAst(*module, b.source(), NoAttributes()),
            "Module(body=[Assign(targets=[Name(id='x', ctx=Store())], value=Constant(value=1))], "
            "type_ignores=[])");
  std::string appended = "prefix:";
  AppendAstDump(*module, b.source(), NoAttributes(), &appended);
  EXPECT_EQ(appended,
            "prefix:Module(body=[Assign(targets=[Name(id='x', ctx=Store())], "
            "value=Constant(value=1))], type_ignores=[])");
}

// def f(a, /, b: int, *, c, d=None, **k) -> int:
//     global g, h
//     return {**a, "b": 1}
ast::Module* BuildFunction(Builder& b) {
  auto* args = b.Node<ast::Arguments>();
  args->posonlyargs = b.List<ast::Arg>({b.Arg("a", 1, 6, 7)});
  auto* arg_b = b.Arg("b", 1, 12, 18);
  arg_b->annotation = b.Name("int", ExprContext::kLoad, 1, 15);
  args->args = b.List<ast::Arg>({arg_b});
  args->kwonlyargs = b.List<ast::Arg>({b.Arg("c", 1, 23, 24), b.Arg("d", 1, 26, 27)});
  args->kw_defaults = b.List<ast::Expr>(
      {nullptr, b.Constant(ast::ConstantValue::WithText(Kind::kNone, {}), 1, 28, 32)});
  args->kwarg = b.Arg("k", 1, 36, 37);

  auto* global = b.Node<ast::Global>(2, 4, 2, 15);
  global->names = b.Array<ast::Identifier>({"g", "h"});
  auto* dict = b.Node<ast::Dict>(3, 11, 3, 24);
  dict->keys = b.List<ast::Expr>(
      {nullptr, b.Constant(ast::ConstantValue::WithText(Kind::kStr, "b"), 3, 17, 20)});
  dict->values =
      b.List<ast::Expr>({b.Name("a", ExprContext::kLoad, 3, 14),
                         b.Constant(ast::ConstantValue::WithText(Kind::kInt, "1"), 3, 22, 23)});
  auto* ret = b.Node<ast::Return>(3, 4, 3, 24);
  ret->value = dict;

  auto* def = b.Node<ast::FunctionDef>(1, 0, 3, 24);
  def->name = "f";
  def->args = args;
  def->body = b.List<ast::Stmt>({global, ret});
  def->returns = b.Name("int", ExprContext::kLoad, 1, 42);
  auto* module = b.Node<ast::Module>();
  module->body = b.List<ast::Stmt>({def});
  return module;
}

TEST(DumpAst, FunctionWithNoneInLists) {
  Builder b(
      "def f(a, /, b: int, *, c, d=None, **k) -> int:\n    global g, h\n"
      "    return {**a, \"b\": 1}");
  ast::Module* module = BuildFunction(b);
  EXPECT_EQ(DumpAst(*module, b.source()),
            "Module(body=[FunctionDef(name='f', args=arguments(posonlyargs=[arg(arg='a', lineno=1, "
            "col_offset=6, end_lineno=1, end_col_offset=7)], args=[arg(arg='b', "
            "annotation=Name(id='int', ctx=Load(), lineno=1, col_offset=15, end_lineno=1, "
            "end_col_offset=18), lineno=1, col_offset=12, end_lineno=1, end_col_offset=18)], "
            "kwonlyargs=[arg(arg='c', lineno=1, col_offset=23, end_lineno=1, end_col_offset=24), "
            "arg(arg='d', lineno=1, col_offset=26, end_lineno=1, end_col_offset=27)], "
            "kw_defaults=[None, Constant(value=None, lineno=1, col_offset=28, end_lineno=1, "
            "end_col_offset=32)], kwarg=arg(arg='k', lineno=1, col_offset=36, end_lineno=1, "
            "end_col_offset=37), defaults=[]), body=[Global(names=['g', 'h'], lineno=2, "
            "col_offset=4, end_lineno=2, end_col_offset=15), Return(value=Dict(keys=[None, "
            "Constant(value='b', lineno=3, col_offset=17, end_lineno=3, end_col_offset=20)], "
            "values=[Name(id='a', ctx=Load(), lineno=3, col_offset=14, end_lineno=3, "
            "end_col_offset=15), Constant(value=1, lineno=3, col_offset=22, end_lineno=3, "
            "end_col_offset=23)], lineno=3, col_offset=11, end_lineno=3, end_col_offset=24), "
            "lineno=3, col_offset=4, end_lineno=3, end_col_offset=24)], decorator_list=[], "
            "returns=Name(id='int', ctx=Load(), lineno=1, col_offset=42, end_lineno=1, "
            "end_col_offset=45), lineno=1, col_offset=0, end_lineno=3, end_col_offset=24)], "
            "type_ignores=[])");
  EXPECT_EQ(DumpAst(*module, b.source(), NoAttributes()),
            "Module(body=[FunctionDef(name='f', args=arguments(posonlyargs=[arg(arg='a')], "
            "args=[arg(arg='b', annotation=Name(id='int', ctx=Load()))], "
            "kwonlyargs=[arg(arg='c'), arg(arg='d')], kw_defaults=[None, "
            "Constant(value=None)], kwarg=arg(arg='k'), defaults=[]), body=[Global(names=['g', "
            "'h']), Return(value=Dict(keys=[None, Constant(value='b')], values=[Name(id='a', "
            "ctx=Load()), Constant(value=1)]))], decorator_list=[], returns=Name(id='int', "
            "ctx=Load()))], type_ignores=[])");
  // Python 3.12 adds FunctionDef.type_params (after type_comment).
  DumpOptions v312 = NoAttributes();
  v312.version = PythonVersion::k3_12;
  std::string dump = DumpAst(*module, b.source(), v312);
  EXPECT_NE(dump.find("returns=Name(id='int', ctx=Load()), type_params=[])"), std::string::npos)
      << dump;
}

TEST(DumpAst, ImportsCompareAndOptionalNames) {
  Builder b("from . import x as y\nimport os\nassert a < b <= c, \"m\"");
  auto* alias_x = b.Node<ast::Alias>(1, 14, 1, 20);
  alias_x->name = "x";
  alias_x->asname = "y";
  auto* from = b.Node<ast::ImportFrom>(1, 0, 1, 20);
  from->names = b.List<ast::Alias>({alias_x});
  from->level = 1;
  auto* alias_os = b.Node<ast::Alias>(2, 7, 2, 9);
  alias_os->name = "os";
  auto* import = b.Node<ast::Import>(2, 0, 2, 9);
  import->names = b.List<ast::Alias>({alias_os});
  auto* compare = b.Node<ast::Compare>(3, 7, 3, 17);
  compare->left = b.Name("a", ExprContext::kLoad, 3, 7);
  compare->ops = b.Array<ast::CmpOperator>({ast::CmpOperator::kLt, ast::CmpOperator::kLtE});
  compare->comparators = b.List<ast::Expr>(
      {b.Name("b", ExprContext::kLoad, 3, 11), b.Name("c", ExprContext::kLoad, 3, 16)});
  auto* assertion = b.Node<ast::Assert>(3, 0, 3, 22);
  assertion->test = compare;
  assertion->msg = b.Constant(ast::ConstantValue::WithText(Kind::kStr, "m"), 3, 19, 22);
  auto* module = b.Node<ast::Module>();
  module->body = b.List<ast::Stmt>({from, import, assertion});
  EXPECT_EQ(DumpAst(*module, b.source(), NoAttributes()),
            "Module(body=[ImportFrom(names=[alias(name='x', asname='y')], level=1), "
            "Import(names=[alias(name='os')]), Assert(test=Compare(left=Name(id='a', "
            "ctx=Load()), ops=[Lt(), LtE()], comparators=[Name(id='b', ctx=Load()), "
            "Name(id='c', ctx=Load())]), msg=Constant(value='m'))], type_ignores=[])");
  EXPECT_EQ(DumpAst(*from, b.source()),
            "ImportFrom(names=[alias(name='x', asname='y', lineno=1, col_offset=14, "
            "end_lineno=1, end_col_offset=20)], level=1, lineno=1, col_offset=0, end_lineno=1, "
            "end_col_offset=20)");
}

TEST(DumpAst, MatchAndConstants) {
  Builder b("match x:\n    case None:\n        pass\n    case C(a=1) if y:\n        pass");
  auto* singleton = b.Node<ast::MatchSingleton>(2, 9, 2, 13);
  auto* case1 = b.Node<ast::MatchCase>();
  case1->pattern = singleton;
  case1->body = b.List<ast::Stmt>({b.Node<ast::Pass>(3, 8, 3, 12)});
  auto* cls = b.Node<ast::MatchClass>(4, 9, 4, 15);
  cls->cls = b.Name("C", ExprContext::kLoad, 4, 9);
  cls->kwd_attrs = b.Array<ast::Identifier>({"a"});
  auto* value = b.Node<ast::MatchValue>(4, 13, 4, 14);
  value->value = b.Constant(ast::ConstantValue::WithText(Kind::kInt, "1"), 4, 13, 14);
  cls->kwd_patterns = b.List<ast::Pattern>({value});
  auto* case2 = b.Node<ast::MatchCase>();
  case2->pattern = cls;
  case2->guard = b.Name("y", ExprContext::kLoad, 4, 19);
  case2->body = b.List<ast::Stmt>({b.Node<ast::Pass>(5, 8, 5, 12)});
  auto* match = b.Node<ast::Match>(1, 0, 5, 12);
  match->subject = b.Name("x", ExprContext::kLoad, 1, 6);
  match->cases = b.List<ast::MatchCase>({case1, case2});
  EXPECT_EQ(DumpAst(*match, b.source()),
            "Match(subject=Name(id='x', ctx=Load(), lineno=1, col_offset=6, end_lineno=1, "
            "end_col_offset=7), cases=[match_case(pattern=MatchSingleton(value=None, lineno=2, "
            "col_offset=9, end_lineno=2, end_col_offset=13), body=[Pass(lineno=3, "
            "col_offset=8, end_lineno=3, end_col_offset=12)]), "
            "match_case(pattern=MatchClass(cls=Name(id='C', ctx=Load(), lineno=4, "
            "col_offset=9, end_lineno=4, end_col_offset=10), patterns=[], kwd_attrs=['a'], "
            "kwd_patterns=[MatchValue(value=Constant(value=1, lineno=4, col_offset=13, "
            "end_lineno=4, end_col_offset=14), lineno=4, col_offset=13, end_lineno=4, "
            "end_col_offset=14)], lineno=4, col_offset=9, end_lineno=4, end_col_offset=15), "
            "guard=Name(id='y', ctx=Load(), lineno=4, col_offset=19, end_lineno=4, "
            "end_col_offset=20), body=[Pass(lineno=5, col_offset=8, end_lineno=5, "
            "end_col_offset=12)])], lineno=1, col_offset=0, end_lineno=5, end_col_offset=12)");

  // u"a"; b"\x00"; 1.5j; ...
  Builder c("u\"a\"; b\"\\x00\"; 1.5j; ...");
  auto* u = c.Constant(ast::ConstantValue::WithText(Kind::kStr, "a"), 1, 0, 4);
  u->kind_u = true;
  auto* bytes =
      c.Constant(ast::ConstantValue::WithText(Kind::kBytes, std::string_view("\0", 1)), 1, 6, 13);
  auto* complex = c.Constant(ast::ConstantValue::WithNumber(Kind::kComplex, 1.5), 1, 15, 19);
  auto* ellipsis = c.Constant(ast::ConstantValue::WithText(Kind::kEllipsis, {}), 1, 21, 24);
  auto* module = c.Node<ast::Module>();
  auto statement = [&](ast::Expr* e) {
    auto* s = c.Node<ast::ExprStmt>();
    s->value = e;
    return s;
  };
  module->body =
      c.List<ast::Stmt>({statement(u), statement(bytes), statement(complex), statement(ellipsis)});
  EXPECT_EQ(DumpAst(*module, c.source(), NoAttributes()),
            "Module(body=[Expr(value=Constant(value='a', kind='u')), "
            "Expr(value=Constant(value=b'\\x00')), Expr(value=Constant(value=1.5j)), "
            "Expr(value=Constant(value=Ellipsis))], type_ignores=[])");
}

// Python 3.12 nodes, against /root/.pyenv/versions/3.12.1/bin/python3.12's ast.dump.
TEST(DumpAst, TypeParameters312) {
  Builder b("type X = int");
  auto* alias = b.Node<ast::TypeAlias>(1, 0, 1, 12);
  alias->name = b.Name("X", ExprContext::kStore, 1, 5);
  alias->value = b.Name("int", ExprContext::kLoad, 1, 9);
  DumpOptions v312;
  v312.version = PythonVersion::k3_12;
  EXPECT_EQ(DumpAst(*alias, b.source(), v312),
            "TypeAlias(name=Name(id='X', ctx=Store(), lineno=1, col_offset=5, end_lineno=1, "
            "end_col_offset=6), type_params=[], value=Name(id='int', ctx=Load(), lineno=1, "
            "col_offset=9, end_lineno=1, end_col_offset=12), lineno=1, col_offset=0, "
            "end_lineno=1, end_col_offset=12)");

  // class C[T: int, *Ts, **P]: pass
  Builder c("class C[T: int, *Ts, **P]: pass");
  auto* t = c.Node<ast::TypeVar>(1, 8, 1, 14);
  t->name = "T";
  t->bound = c.Name("int", ExprContext::kLoad, 1, 11);
  auto* ts = c.Node<ast::TypeVarTuple>(1, 16, 1, 19);
  ts->name = "Ts";
  auto* p = c.Node<ast::ParamSpec>(1, 21, 1, 24);
  p->name = "P";
  auto* cls = c.Node<ast::ClassDef>(1, 0, 1, 31);
  cls->name = "C";
  cls->body = c.List<ast::Stmt>({c.Node<ast::Pass>(1, 27, 1, 31)});
  cls->type_params = c.List<ast::TypeParam>({t, ts, p});
  DumpOptions plain312 = NoAttributes();
  plain312.version = PythonVersion::k3_12;
  EXPECT_EQ(DumpAst(*cls, c.source(), plain312),
            "ClassDef(name='C', bases=[], keywords=[], body=[Pass()], decorator_list=[], "
            "type_params=[TypeVar(name='T', bound=Name(id='int', ctx=Load())), "
            "TypeVarTuple(name='Ts'), ParamSpec(name='P')])");
  // 3.11 has no type_params field.
  EXPECT_EQ(DumpAst(*cls, c.source(), NoAttributes()),
            "ClassDef(name='C', bases=[], keywords=[], body=[Pass()], decorator_list=[])");
}

// A chain of 50000 BinOps (what `a+a+...+a` parses to) dumps without exhausting the stack.
TEST(DumpAst, VeryDeepTree) {
  constexpr int kDepth = 50000;
  Builder b(std::string(2 * kDepth + 1, 'a'));
  ast::Expr* expr = b.Name("a", ExprContext::kLoad, 1, 0);
  for (int i = 0; i < kDepth; ++i) {
    auto* binop = b.Node<ast::BinOp>();
    binop->left = expr;
    binop->right = b.Name("a", ExprContext::kLoad, 1, 2 * i + 2);
    expr = binop;
  }
  std::string dump = DumpAst(*expr, b.source(), NoAttributes());
  const std::string name = "Name(id='a', ctx=Load())";
  EXPECT_EQ(
      dump.size(),
      kDepth * (std::string("BinOp(left=, op=Add(), right=)").size() + name.size()) + name.size());
  EXPECT_EQ(dump.substr(0, 22), "BinOp(left=BinOp(left=");
  const std::string tail = "op=Add(), right=" + name + ")";
  EXPECT_EQ(dump.substr(dump.size() - tail.size()), tail);
}

TEST(NodeReflection, NamesKindsAndChildren) {
  EXPECT_STREQ(ast::NodeKindName(ast::NodeKind::kExprStmt), "Expr");
  EXPECT_STREQ(ast::NodeKindName(ast::NodeKind::kArguments), "arguments");
  EXPECT_STREQ(ast::NodeKindName(ast::NodeKind::kMatchCase), "match_case");
  EXPECT_STREQ(ast::EnumName(ast::Operator::kFloorDiv), "FloorDiv");
  EXPECT_STREQ(ast::EnumName(ast::CmpOperator::kNotIn), "NotIn");
  EXPECT_TRUE(ast::NodeKindHasAttributes(ast::NodeKind::kArg));
  EXPECT_FALSE(ast::NodeKindHasAttributes(ast::NodeKind::kComprehension));
  EXPECT_TRUE(ast::NodeKindSince3_12(ast::NodeKind::kTypeAlias));
  EXPECT_FALSE(ast::NodeKindSince3_12(ast::NodeKind::kFunctionDef));

  Builder b(
      "def f(a, /, b: int, *, c, d=None, **k) -> int:\n    global g, h\n"
      "    return {**a, \"b\": 1}");
  ast::Module* module = BuildFunction(b);
  int count = 0;
  auto walk = [&](auto& self, const ast::Node& node) -> void {
    ++count;
    ast::VisitChildren(node, [&](const ast::Node& child) { self(self, child); });
  };
  walk(walk, *module);
  // Module, FunctionDef, arguments, 5 args, int, Constant None, Global, Return, Dict,
  // Constant 'b', Name a, Constant 1, returns Name.
  EXPECT_EQ(count, 17);
  ast::Node* def = module->body[0];
  EXPECT_NE(ast::DynCast<ast::Stmt>(def), nullptr);
  EXPECT_NE(ast::DynCast<ast::FunctionDef>(def), nullptr);
  EXPECT_EQ(ast::DynCast<ast::Expr>(def), nullptr);
}

}  // namespace
}  // namespace kensa::python
