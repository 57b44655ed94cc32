// ParseModule on one snippet per construct: the ast.dump (with positions) must be exactly
// CPython 3.11.2's. The expected dumps were produced by /usr/bin/python3 with
// ast.dump(ast.parse(source_bytes), include_attributes=True) (tests/unit/python/gen: see the
// parser notes); regenerate them the same way when adding cases.
#include <gtest/gtest.h>

#include <string>

#include "python/ast_dump.h"
#include "python/parser.h"
#include "python/source.h"

namespace kensa::python {
namespace {

struct DumpCase {
  const char* source;
  const char* dump;
};

const DumpCase
    kCases
        [] =
            {
                {R"kensa(x = 1
)kensa",
                 R"kensa(Module(body=[Assign(targets=[Name(id='x', ctx=Store(), lineno=1, col_offset=0, end_lineno=1, end_col_offset=1)], value=Constant(value=1, lineno=1, col_offset=4, end_lineno=1, end_col_offset=5), lineno=1, col_offset=0, end_lineno=1, end_col_offset=5)], type_ignores=[]))kensa"},
                {R"kensa(x: int = 1
)kensa",
                 R"kensa(Module(body=[AnnAssign(target=Name(id='x', ctx=Store(), lineno=1, col_offset=0, end_lineno=1, end_col_offset=1), annotation=Name(id='int', ctx=Load(), lineno=1, col_offset=3, end_lineno=1, end_col_offset=6), value=Constant(value=1, lineno=1, col_offset=9, end_lineno=1, end_col_offset=10), simple=1, lineno=1, col_offset=0, end_lineno=1, end_col_offset=10)], type_ignores=[]))kensa"},
                {R"kensa((x): int = 1
)kensa",
                 R"kensa(Module(body=[AnnAssign(target=Name(id='x', ctx=Store(), lineno=1, col_offset=1, end_lineno=1, end_col_offset=2), annotation=Name(id='int', ctx=Load(), lineno=1, col_offset=5, end_lineno=1, end_col_offset=8), value=Constant(value=1, lineno=1, col_offset=11, end_lineno=1, end_col_offset=12), simple=0, lineno=1, col_offset=0, end_lineno=1, end_col_offset=12)], type_ignores=[]))kensa"},
                {R"kensa(x.y: int
)kensa",
                 R"kensa(Module(body=[AnnAssign(target=Attribute(value=Name(id='x', ctx=Load(), lineno=1, col_offset=0, end_lineno=1, end_col_offset=1), attr='y', ctx=Store(), lineno=1, col_offset=0, end_lineno=1, end_col_offset=3), annotation=Name(id='int', ctx=Load(), lineno=1, col_offset=5, end_lineno=1, end_col_offset=8), simple=0, lineno=1, col_offset=0, end_lineno=1, end_col_offset=8)], type_ignores=[]))kensa"},
                {R"kensa(a[1]: int = 2
)kensa",
                 R"kensa(Module(body=[AnnAssign(target=Subscript(value=Name(id='a', ctx=Load(), lineno=1, col_offset=0, end_lineno=1, end_col_offset=1), slice=Constant(value=1, lineno=1, col_offset=2, end_lineno=1, end_col_offset=3), ctx=Store(), lineno=1, col_offset=0, end_lineno=1, end_col_offset=4), annotation=Name(id='int', ctx=Load(), lineno=1, col_offset=6, end_lineno=1, end_col_offset=9), value=Constant(value=2, lineno=1, col_offset=12, end_lineno=1, end_col_offset=13), simple=0, lineno=1, col_offset=0, end_lineno=1, end_col_offset=13)], type_ignores=[]))kensa"},
                {R"kensa(a = b = c
)kensa",
                 R"kensa(Module(body=[Assign(targets=[Name(id='a', ctx=Store(), lineno=1, col_offset=0, end_lineno=1, end_col_offset=1), Name(id='b', ctx=Store(), lineno=1, col_offset=4, end_lineno=1, end_col_offset=5)], value=Name(id='c', ctx=Load(), lineno=1, col_offset=8, end_lineno=1, end_col_offset=9), lineno=1, col_offset=0, end_lineno=1, end_col_offset=9)], type_ignores=[]))kensa"},
                {R"kensa(a, b = c
)kensa",
                 R"kensa(Module(body=[Assign(targets=[Tuple(elts=[Name(id='a', ctx=Store(), lineno=1, col_offset=0, end_lineno=1, end_col_offset=1), Name(id='b', ctx=Store(), lineno=1, col_offset=3, end_lineno=1, end_col_offset=4)], ctx=Store(), lineno=1, col_offset=0, end_lineno=1, end_col_offset=4)], value=Name(id='c', ctx=Load(), lineno=1, col_offset=7, end_lineno=1, end_col_offset=8), lineno=1, col_offset=0, end_lineno=1, end_col_offset=8)], type_ignores=[]))kensa"},
                {R"kensa(a, = c
)kensa",
                 R"kensa(Module(body=[Assign(targets=[Tuple(elts=[Name(id='a', ctx=Store(), lineno=1, col_offset=0, end_lineno=1, end_col_offset=1)], ctx=Store(), lineno=1, col_offset=0, end_lineno=1, end_col_offset=2)], value=Name(id='c', ctx=Load(), lineno=1, col_offset=5, end_lineno=1, end_col_offset=6), lineno=1, col_offset=0, end_lineno=1, end_col_offset=6)], type_ignores=[]))kensa"},
                {R"kensa([a, *b] = c
)kensa",
                 R"kensa(Module(body=[Assign(targets=[List(elts=[Name(id='a', ctx=Store(), lineno=1, col_offset=1, end_lineno=1, end_col_offset=2), Starred(value=Name(id='b', ctx=Store(), lineno=1, col_offset=5, end_lineno=1, end_col_offset=6), ctx=Store(), lineno=1, col_offset=4, end_lineno=1, end_col_offset=6)], ctx=Store(), lineno=1, col_offset=0, end_lineno=1, end_col_offset=7)], value=Name(id='c', ctx=Load(), lineno=1, col_offset=10, end_lineno=1, end_col_offset=11), lineno=1, col_offset=0, end_lineno=1, end_col_offset=11)], type_ignores=[]))kensa"},
                {R"kensa((a) = 1
)kensa",
                 R"kensa(Module(body=[Assign(targets=[Name(id='a', ctx=Store(), lineno=1, col_offset=1, end_lineno=1, end_col_offset=2)], value=Constant(value=1, lineno=1, col_offset=6, end_lineno=1, end_col_offset=7), lineno=1, col_offset=0, end_lineno=1, end_col_offset=7)], type_ignores=[]))kensa"},
                {R"kensa(x += 1
)kensa",
                 R"kensa(Module(body=[AugAssign(target=Name(id='x', ctx=Store(), lineno=1, col_offset=0, end_lineno=1, end_col_offset=1), op=Add(), value=Constant(value=1, lineno=1, col_offset=5, end_lineno=1, end_col_offset=6), lineno=1, col_offset=0, end_lineno=1, end_col_offset=6)], type_ignores=[]))kensa"},
                {R"kensa(x.y **= 2
)kensa",
                 R"kensa(Module(body=[AugAssign(target=Attribute(value=Name(id='x', ctx=Load(), lineno=1, col_offset=0, end_lineno=1, end_col_offset=1), attr='y', ctx=Store(), lineno=1, col_offset=0, end_lineno=1, end_col_offset=3), op=Pow(), value=Constant(value=2, lineno=1, col_offset=8, end_lineno=1, end_col_offset=9), lineno=1, col_offset=0, end_lineno=1, end_col_offset=9)], type_ignores=[]))kensa"},
                {R"kensa((x.y) //= 2
)kensa",
                 R"kensa(Module(body=[AugAssign(target=Attribute(value=Name(id='x', ctx=Load(), lineno=1, col_offset=1, end_lineno=1, end_col_offset=2), attr='y', ctx=Store(), lineno=1, col_offset=1, end_lineno=1, end_col_offset=4), op=FloorDiv(), value=Constant(value=2, lineno=1, col_offset=10, end_lineno=1, end_col_offset=11), lineno=1, col_offset=0, end_lineno=1, end_col_offset=11)], type_ignores=[]))kensa"},
                {R"kensa(f(x)
)kensa",
                 R"kensa(Module(body=[Expr(value=Call(func=Name(id='f', ctx=Load(), lineno=1, col_offset=0, end_lineno=1, end_col_offset=1), args=[Name(id='x', ctx=Load(), lineno=1, col_offset=2, end_lineno=1, end_col_offset=3)], keywords=[], lineno=1, col_offset=0, end_lineno=1, end_col_offset=4), lineno=1, col_offset=0, end_lineno=1, end_col_offset=4)], type_ignores=[]))kensa"},
                {R"kensa(f(*a, **k)
)kensa",
                 R"kensa(Module(body=[Expr(value=Call(func=Name(id='f', ctx=Load(), lineno=1, col_offset=0, end_lineno=1, end_col_offset=1), args=[Starred(value=Name(id='a', ctx=Load(), lineno=1, col_offset=3, end_lineno=1, end_col_offset=4), ctx=Load(), lineno=1, col_offset=2, end_lineno=1, end_col_offset=4)], keywords=[keyword(value=Name(id='k', ctx=Load(), lineno=1, col_offset=8, end_lineno=1, end_col_offset=9), lineno=1, col_offset=6, end_lineno=1, end_col_offset=9)], lineno=1, col_offset=0, end_lineno=1, end_col_offset=10), lineno=1, col_offset=0, end_lineno=1, end_col_offset=10)], type_ignores=[]))kensa"},
                {R"kensa(f(a, b=1, *c, d=2, **e)
)kensa",
                 R"kensa(Module(body=[Expr(value=Call(func=Name(id='f', ctx=Load(), lineno=1, col_offset=0, end_lineno=1, end_col_offset=1), args=[Name(id='a', ctx=Load(), lineno=1, col_offset=2, end_lineno=1, end_col_offset=3), Starred(value=Name(id='c', ctx=Load(), lineno=1, col_offset=11, end_lineno=1, end_col_offset=12), ctx=Load(), lineno=1, col_offset=10, end_lineno=1, end_col_offset=12)], keywords=[keyword(arg='b', value=Constant(value=1, lineno=1, col_offset=7, end_lineno=1, end_col_offset=8), lineno=1, col_offset=5, end_lineno=1, end_col_offset=8), keyword(arg='d', value=Constant(value=2, lineno=1, col_offset=16, end_lineno=1, end_col_offset=17), lineno=1, col_offset=14, end_lineno=1, end_col_offset=17), keyword(value=Name(id='e', ctx=Load(), lineno=1, col_offset=21, end_lineno=1, end_col_offset=22), lineno=1, col_offset=19, end_lineno=1, end_col_offset=22)], lineno=1, col_offset=0, end_lineno=1, end_col_offset=23), lineno=1, col_offset=0, end_lineno=1, end_col_offset=23)], type_ignores=[]))kensa"},
                {R"kensa(f(x for x in y)
)kensa",
                 R"kensa(Module(body=[Expr(value=Call(func=Name(id='f', ctx=Load(), lineno=1, col_offset=0, end_lineno=1, end_col_offset=1), args=[GeneratorExp(elt=Name(id='x', ctx=Load(), lineno=1, col_offset=2, end_lineno=1, end_col_offset=3), generators=[comprehension(target=Name(id='x', ctx=Store(), lineno=1, col_offset=8, end_lineno=1, end_col_offset=9), iter=Name(id='y', ctx=Load(), lineno=1, col_offset=13, end_lineno=1, end_col_offset=14), ifs=[], is_async=0)], lineno=1, col_offset=1, end_lineno=1, end_col_offset=15)], keywords=[], lineno=1, col_offset=0, end_lineno=1, end_col_offset=15), lineno=1, col_offset=0, end_lineno=1, end_col_offset=15)], type_ignores=[]))kensa"},
                {R"kensa(f((x for x in y), 1)
)kensa",
                 R"kensa(Module(body=[Expr(value=Call(func=Name(id='f', ctx=Load(), lineno=1, col_offset=0, end_lineno=1, end_col_offset=1), args=[GeneratorExp(elt=Name(id='x', ctx=Load(), lineno=1, col_offset=3, end_lineno=1, end_col_offset=4), generators=[comprehension(target=Name(id='x', ctx=Store(), lineno=1, col_offset=9, end_lineno=1, end_col_offset=10), iter=Name(id='y', ctx=Load(), lineno=1, col_offset=14, end_lineno=1, end_col_offset=15), ifs=[], is_async=0)], lineno=1, col_offset=2, end_lineno=1, end_col_offset=16), Constant(value=1, lineno=1, col_offset=18, end_lineno=1, end_col_offset=19)], keywords=[], lineno=1, col_offset=0, end_lineno=1, end_col_offset=20), lineno=1, col_offset=0, end_lineno=1, end_col_offset=20)], type_ignores=[]))kensa"},
                {R"kensa(a[1:2, ::3]
)kensa",
                 R"kensa(Module(body=[Expr(value=Subscript(value=Name(id='a', ctx=Load(), lineno=1, col_offset=0, end_lineno=1, end_col_offset=1), slice=Tuple(elts=[Slice(lower=Constant(value=1, lineno=1, col_offset=2, end_lineno=1, end_col_offset=3), upper=Constant(value=2, lineno=1, col_offset=4, end_lineno=1, end_col_offset=5), lineno=1, col_offset=2, end_lineno=1, end_col_offset=5), Slice(step=Constant(value=3, lineno=1, col_offset=9, end_lineno=1, end_col_offset=10), lineno=1, col_offset=7, end_lineno=1, end_col_offset=10)], ctx=Load(), lineno=1, col_offset=2, end_lineno=1, end_col_offset=10), ctx=Load(), lineno=1, col_offset=0, end_lineno=1, end_col_offset=11), lineno=1, col_offset=0, end_lineno=1, end_col_offset=11)], type_ignores=[]))kensa"},
                {R"kensa(a[*b]
)kensa",
                 R"kensa(Module(body=[Expr(value=Subscript(value=Name(id='a', ctx=Load(), lineno=1, col_offset=0, end_lineno=1, end_col_offset=1), slice=Tuple(elts=[Starred(value=Name(id='b', ctx=Load(), lineno=1, col_offset=3, end_lineno=1, end_col_offset=4), ctx=Load(), lineno=1, col_offset=2, end_lineno=1, end_col_offset=4)], ctx=Load(), lineno=1, col_offset=2, end_lineno=1, end_col_offset=4), ctx=Load(), lineno=1, col_offset=0, end_lineno=1, end_col_offset=5), lineno=1, col_offset=0, end_lineno=1, end_col_offset=5)], type_ignores=[]))kensa"},
                {R"kensa(a[1:2]
)kensa",
                 R"kensa(Module(body=[Expr(value=Subscript(value=Name(id='a', ctx=Load(), lineno=1, col_offset=0, end_lineno=1, end_col_offset=1), slice=Slice(lower=Constant(value=1, lineno=1, col_offset=2, end_lineno=1, end_col_offset=3), upper=Constant(value=2, lineno=1, col_offset=4, end_lineno=1, end_col_offset=5), lineno=1, col_offset=2, end_lineno=1, end_col_offset=5), ctx=Load(), lineno=1, col_offset=0, end_lineno=1, end_col_offset=6), lineno=1, col_offset=0, end_lineno=1, end_col_offset=6)], type_ignores=[]))kensa"},
                {R"kensa(a[:]
)kensa",
                 R"kensa(Module(body=[Expr(value=Subscript(value=Name(id='a', ctx=Load(), lineno=1, col_offset=0, end_lineno=1, end_col_offset=1), slice=Slice(lineno=1, col_offset=2, end_lineno=1, end_col_offset=3), ctx=Load(), lineno=1, col_offset=0, end_lineno=1, end_col_offset=4), lineno=1, col_offset=0, end_lineno=1, end_col_offset=4)], type_ignores=[]))kensa"},
                {R"kensa(a[::]
)kensa",
                 R"kensa(Module(body=[Expr(value=Subscript(value=Name(id='a', ctx=Load(), lineno=1, col_offset=0, end_lineno=1, end_col_offset=1), slice=Slice(lineno=1, col_offset=2, end_lineno=1, end_col_offset=4), ctx=Load(), lineno=1, col_offset=0, end_lineno=1, end_col_offset=5), lineno=1, col_offset=0, end_lineno=1, end_col_offset=5)], type_ignores=[]))kensa"},
                {R"kensa(a[b, c]
)kensa",
                 R"kensa(Module(body=[Expr(value=Subscript(value=Name(id='a', ctx=Load(), lineno=1, col_offset=0, end_lineno=1, end_col_offset=1), slice=Tuple(elts=[Name(id='b', ctx=Load(), lineno=1, col_offset=2, end_lineno=1, end_col_offset=3), Name(id='c', ctx=Load(), lineno=1, col_offset=5, end_lineno=1, end_col_offset=6)], ctx=Load(), lineno=1, col_offset=2, end_lineno=1, end_col_offset=6), ctx=Load(), lineno=1, col_offset=0, end_lineno=1, end_col_offset=7), lineno=1, col_offset=0, end_lineno=1, end_col_offset=7)], type_ignores=[]))kensa"},
                {R"kensa(a[b,]
)kensa",
                 R"kensa(Module(body=[Expr(value=Subscript(value=Name(id='a', ctx=Load(), lineno=1, col_offset=0, end_lineno=1, end_col_offset=1), slice=Tuple(elts=[Name(id='b', ctx=Load(), lineno=1, col_offset=2, end_lineno=1, end_col_offset=3)], ctx=Load(), lineno=1, col_offset=2, end_lineno=1, end_col_offset=4), ctx=Load(), lineno=1, col_offset=0, end_lineno=1, end_col_offset=5), lineno=1, col_offset=0, end_lineno=1, end_col_offset=5)], type_ignores=[]))kensa"},
                {R"kensa(x = (yield)
)kensa",
                 R"kensa(Module(body=[Assign(targets=[Name(id='x', ctx=Store(), lineno=1, col_offset=0, end_lineno=1, end_col_offset=1)], value=Yield(lineno=1, col_offset=5, end_lineno=1, end_col_offset=10), lineno=1, col_offset=0, end_lineno=1, end_col_offset=11)], type_ignores=[]))kensa"},
                {R"kensa(def f():
    yield from x
    await y
    return
)kensa",
                 R"kensa(Module(body=[FunctionDef(name='f', args=arguments(posonlyargs=[], args=[], kwonlyargs=[], kw_defaults=[], defaults=[]), body=[Expr(value=YieldFrom(value=Name(id='x', ctx=Load(), lineno=2, col_offset=15, end_lineno=2, end_col_offset=16), lineno=2, col_offset=4, end_lineno=2, end_col_offset=16), lineno=2, col_offset=4, end_lineno=2, end_col_offset=16), Expr(value=Await(value=Name(id='y', ctx=Load(), lineno=3, col_offset=10, end_lineno=3, end_col_offset=11), lineno=3, col_offset=4, end_lineno=3, end_col_offset=11), lineno=3, col_offset=4, end_lineno=3, end_col_offset=11), Return(lineno=4, col_offset=4, end_lineno=4, end_col_offset=10)], decorator_list=[], lineno=1, col_offset=0, end_lineno=4, end_col_offset=10)], type_ignores=[]))kensa"},
                {R"kensa(async def f():
    async for x in y: pass
    async with a as b, c: pass
    [x async for x in y]
)kensa",
                 R"kensa(Module(body=[AsyncFunctionDef(name='f', args=arguments(posonlyargs=[], args=[], kwonlyargs=[], kw_defaults=[], defaults=[]), body=[AsyncFor(target=Name(id='x', ctx=Store(), lineno=2, col_offset=14, end_lineno=2, end_col_offset=15), iter=Name(id='y', ctx=Load(), lineno=2, col_offset=19, end_lineno=2, end_col_offset=20), body=[Pass(lineno=2, col_offset=22, end_lineno=2, end_col_offset=26)], orelse=[], lineno=2, col_offset=4, end_lineno=2, end_col_offset=26), AsyncWith(items=[withitem(context_expr=Name(id='a', ctx=Load(), lineno=3, col_offset=15, end_lineno=3, end_col_offset=16), optional_vars=Name(id='b', ctx=Store(), lineno=3, col_offset=20, end_lineno=3, end_col_offset=21)), withitem(context_expr=Name(id='c', ctx=Load(), lineno=3, col_offset=23, end_lineno=3, end_col_offset=24))], body=[Pass(lineno=3, col_offset=26, end_lineno=3, end_col_offset=30)], lineno=3, col_offset=4, end_lineno=3, end_col_offset=30), Expr(value=ListComp(elt=Name(id='x', ctx=Load(), lineno=4, col_offset=5, end_lineno=4, end_col_offset=6), generators=[comprehension(target=Name(id='x', ctx=Store(), lineno=4, col_offset=17, end_lineno=4, end_col_offset=18), iter=Name(id='y', ctx=Load(), lineno=4, col_offset=22, end_lineno=4, end_col_offset=23), ifs=[], is_async=1)], lineno=4, col_offset=4, end_lineno=4, end_col_offset=24), lineno=4, col_offset=4, end_lineno=4, end_col_offset=24)], decorator_list=[], lineno=1, col_offset=0, end_lineno=4, end_col_offset=24)], type_ignores=[]))kensa"},
                {R"kensa(lambda: 1
)kensa",
                 R"kensa(Module(body=[Expr(value=Lambda(args=arguments(posonlyargs=[], args=[], kwonlyargs=[], kw_defaults=[], defaults=[]), body=Constant(value=1, lineno=1, col_offset=8, end_lineno=1, end_col_offset=9), lineno=1, col_offset=0, end_lineno=1, end_col_offset=9), lineno=1, col_offset=0, end_lineno=1, end_col_offset=9)], type_ignores=[]))kensa"},
                {R"kensa(lambda x, /, y=1, *a, z, w=2, **k: 0
)kensa",
                 R"kensa(Module(body=[Expr(value=Lambda(args=arguments(posonlyargs=[arg(arg='x', lineno=1, col_offset=7, end_lineno=1, end_col_offset=8)], args=[arg(arg='y', lineno=1, col_offset=13, end_lineno=1, end_col_offset=14)], vararg=arg(arg='a', lineno=1, col_offset=19, end_lineno=1, end_col_offset=20), kwonlyargs=[arg(arg='z', lineno=1, col_offset=22, end_lineno=1, end_col_offset=23), arg(arg='w', lineno=1, col_offset=25, end_lineno=1, end_col_offset=26)], kw_defaults=[None, Constant(value=2, lineno=1, col_offset=27, end_lineno=1, end_col_offset=28)], kwarg=arg(arg='k', lineno=1, col_offset=32, end_lineno=1, end_col_offset=33), defaults=[Constant(value=1, lineno=1, col_offset=15, end_lineno=1, end_col_offset=16)]), body=Constant(value=0, lineno=1, col_offset=35, end_lineno=1, end_col_offset=36), lineno=1, col_offset=0, end_lineno=1, end_col_offset=36), lineno=1, col_offset=0, end_lineno=1, end_col_offset=36)], type_ignores=[]))kensa"},
                {R"kensa(def f(a, b=1, /, c=2, *d, e, f=3, **g) -> int: pass
)kensa",
                 R"kensa(Module(body=[FunctionDef(name='f', args=arguments(posonlyargs=[arg(arg='a', lineno=1, col_offset=6, end_lineno=1, end_col_offset=7), arg(arg='b', lineno=1, col_offset=9, end_lineno=1, end_col_offset=10)], args=[arg(arg='c', lineno=1, col_offset=17, end_lineno=1, end_col_offset=18)], vararg=arg(arg='d', lineno=1, col_offset=23, end_lineno=1, end_col_offset=24), kwonlyargs=[arg(arg='e', lineno=1, col_offset=26, end_lineno=1, end_col_offset=27), arg(arg='f', lineno=1, col_offset=29, end_lineno=1, end_col_offset=30)], kw_defaults=[None, Constant(value=3, lineno=1, col_offset=31, end_lineno=1, end_col_offset=32)], kwarg=arg(arg='g', lineno=1, col_offset=36, end_lineno=1, end_col_offset=37), defaults=[Constant(value=1, lineno=1, col_offset=11, end_lineno=1, end_col_offset=12), Constant(value=2, lineno=1, col_offset=19, end_lineno=1, end_col_offset=20)]), body=[Pass(lineno=1, col_offset=47, end_lineno=1, end_col_offset=51)], decorator_list=[], returns=Name(id='int', ctx=Load(), lineno=1, col_offset=42, end_lineno=1, end_col_offset=45), lineno=1, col_offset=0, end_lineno=1, end_col_offset=51)], type_ignores=[]))kensa"},
                {R"kensa(def f(*, a): pass
)kensa",
                 R"kensa(Module(body=[FunctionDef(name='f', args=arguments(posonlyargs=[], args=[], kwonlyargs=[arg(arg='a', lineno=1, col_offset=9, end_lineno=1, end_col_offset=10)], kw_defaults=[None], defaults=[]), body=[Pass(lineno=1, col_offset=13, end_lineno=1, end_col_offset=17)], decorator_list=[], lineno=1, col_offset=0, end_lineno=1, end_col_offset=17)], type_ignores=[]))kensa"},
                {R"kensa(def f(a, *, b=1): pass
)kensa",
                 R"kensa(Module(body=[FunctionDef(name='f', args=arguments(posonlyargs=[], args=[arg(arg='a', lineno=1, col_offset=6, end_lineno=1, end_col_offset=7)], kwonlyargs=[arg(arg='b', lineno=1, col_offset=12, end_lineno=1, end_col_offset=13)], kw_defaults=[Constant(value=1, lineno=1, col_offset=14, end_lineno=1, end_col_offset=15)], defaults=[]), body=[Pass(lineno=1, col_offset=18, end_lineno=1, end_col_offset=22)], decorator_list=[], lineno=1, col_offset=0, end_lineno=1, end_col_offset=22)], type_ignores=[]))kensa"},
                {R"kensa(def f(*args: *Ts): pass
)kensa",
                 R"kensa(Module(body=[FunctionDef(name='f', args=arguments(posonlyargs=[], args=[], vararg=arg(arg='args', annotation=Starred(value=Name(id='Ts', ctx=Load(), lineno=1, col_offset=14, end_lineno=1, end_col_offset=16), ctx=Load(), lineno=1, col_offset=13, end_lineno=1, end_col_offset=16), lineno=1, col_offset=7, end_lineno=1, end_col_offset=16), kwonlyargs=[], kw_defaults=[], defaults=[]), body=[Pass(lineno=1, col_offset=19, end_lineno=1, end_col_offset=23)], decorator_list=[], lineno=1, col_offset=0, end_lineno=1, end_col_offset=23)], type_ignores=[]))kensa"},
                {R"kensa(@d
@e.f(1)
def g(): pass
)kensa",
                 R"kensa(Module(body=[FunctionDef(name='g', args=arguments(posonlyargs=[], args=[], kwonlyargs=[], kw_defaults=[], defaults=[]), body=[Pass(lineno=3, col_offset=9, end_lineno=3, end_col_offset=13)], decorator_list=[Name(id='d', ctx=Load(), lineno=1, col_offset=1, end_lineno=1, end_col_offset=2), Call(func=Attribute(value=Name(id='e', ctx=Load(), lineno=2, col_offset=1, end_lineno=2, end_col_offset=2), attr='f', ctx=Load(), lineno=2, col_offset=1, end_lineno=2, end_col_offset=4), args=[Constant(value=1, lineno=2, col_offset=5, end_lineno=2, end_col_offset=6)], keywords=[], lineno=2, col_offset=1, end_lineno=2, end_col_offset=7)], lineno=3, col_offset=0, end_lineno=3, end_col_offset=13)], type_ignores=[]))kensa"},
                {R"kensa(@d
class C(B, metaclass=M): pass
)kensa",
                 R"kensa(Module(body=[ClassDef(name='C', bases=[Name(id='B', ctx=Load(), lineno=2, col_offset=8, end_lineno=2, end_col_offset=9)], keywords=[keyword(arg='metaclass', value=Name(id='M', ctx=Load(), lineno=2, col_offset=21, end_lineno=2, end_col_offset=22), lineno=2, col_offset=11, end_lineno=2, end_col_offset=22)], body=[Pass(lineno=2, col_offset=25, end_lineno=2, end_col_offset=29)], decorator_list=[Name(id='d', ctx=Load(), lineno=1, col_offset=1, end_lineno=1, end_col_offset=2)], lineno=2, col_offset=0, end_lineno=2, end_col_offset=29)], type_ignores=[]))kensa"},
                {R"kensa(class C: pass
)kensa",
                 R"kensa(Module(body=[ClassDef(name='C', bases=[], keywords=[], body=[Pass(lineno=1, col_offset=9, end_lineno=1, end_col_offset=13)], decorator_list=[], lineno=1, col_offset=0, end_lineno=1, end_col_offset=13)], type_ignores=[]))kensa"},
                {R"kensa(class C(): pass
)kensa",
                 R"kensa(Module(body=[ClassDef(name='C', bases=[], keywords=[], body=[Pass(lineno=1, col_offset=11, end_lineno=1, end_col_offset=15)], decorator_list=[], lineno=1, col_offset=0, end_lineno=1, end_col_offset=15)], type_ignores=[]))kensa"},
                {R"kensa(if a:
    pass
elif b:
    pass
else:
    pass
)kensa",
                 R"kensa(Module(body=[If(test=Name(id='a', ctx=Load(), lineno=1, col_offset=3, end_lineno=1, end_col_offset=4), body=[Pass(lineno=2, col_offset=4, end_lineno=2, end_col_offset=8)], orelse=[If(test=Name(id='b', ctx=Load(), lineno=3, col_offset=5, end_lineno=3, end_col_offset=6), body=[Pass(lineno=4, col_offset=4, end_lineno=4, end_col_offset=8)], orelse=[Pass(lineno=6, col_offset=4, end_lineno=6, end_col_offset=8)], lineno=3, col_offset=0, end_lineno=6, end_col_offset=8)], lineno=1, col_offset=0, end_lineno=6, end_col_offset=8)], type_ignores=[]))kensa"},
                {R"kensa(while x:
    break
else:
    continue
)kensa",
                 R"kensa(Module(body=[While(test=Name(id='x', ctx=Load(), lineno=1, col_offset=6, end_lineno=1, end_col_offset=7), body=[Break(lineno=2, col_offset=4, end_lineno=2, end_col_offset=9)], orelse=[Continue(lineno=4, col_offset=4, end_lineno=4, end_col_offset=12)], lineno=1, col_offset=0, end_lineno=4, end_col_offset=12)], type_ignores=[]))kensa"},
                {R"kensa(for x, y in z: pass
else: pass
)kensa",
                 R"kensa(Module(body=[For(target=Tuple(elts=[Name(id='x', ctx=Store(), lineno=1, col_offset=4, end_lineno=1, end_col_offset=5), Name(id='y', ctx=Store(), lineno=1, col_offset=7, end_lineno=1, end_col_offset=8)], ctx=Store(), lineno=1, col_offset=4, end_lineno=1, end_col_offset=8), iter=Name(id='z', ctx=Load(), lineno=1, col_offset=12, end_lineno=1, end_col_offset=13), body=[Pass(lineno=1, col_offset=15, end_lineno=1, end_col_offset=19)], orelse=[Pass(lineno=2, col_offset=6, end_lineno=2, end_col_offset=10)], lineno=1, col_offset=0, end_lineno=2, end_col_offset=10)], type_ignores=[]))kensa"},
                {R"kensa(try:
    pass
except E as e:
    pass
except:
    pass
else:
    pass
finally:
    pass
)kensa",
                 R"kensa(Module(body=[Try(body=[Pass(lineno=2, col_offset=4, end_lineno=2, end_col_offset=8)], handlers=[ExceptHandler(type=Name(id='E', ctx=Load(), lineno=3, col_offset=7, end_lineno=3, end_col_offset=8), name='e', body=[Pass(lineno=4, col_offset=4, end_lineno=4, end_col_offset=8)], lineno=3, col_offset=0, end_lineno=4, end_col_offset=8), ExceptHandler(body=[Pass(lineno=6, col_offset=4, end_lineno=6, end_col_offset=8)], lineno=5, col_offset=0, end_lineno=6, end_col_offset=8)], orelse=[Pass(lineno=8, col_offset=4, end_lineno=8, end_col_offset=8)], finalbody=[Pass(lineno=10, col_offset=4, end_lineno=10, end_col_offset=8)], lineno=1, col_offset=0, end_lineno=10, end_col_offset=8)], type_ignores=[]))kensa"},
                {R"kensa(try:
    pass
except* E:
    pass
)kensa",
                 R"kensa(Module(body=[TryStar(body=[Pass(lineno=2, col_offset=4, end_lineno=2, end_col_offset=8)], handlers=[ExceptHandler(type=Name(id='E', ctx=Load(), lineno=3, col_offset=8, end_lineno=3, end_col_offset=9), body=[Pass(lineno=4, col_offset=4, end_lineno=4, end_col_offset=8)], lineno=3, col_offset=0, end_lineno=4, end_col_offset=8)], orelse=[], finalbody=[], lineno=1, col_offset=0, end_lineno=4, end_col_offset=8)], type_ignores=[]))kensa"},
                {R"kensa(try:
    pass
finally:
    pass
)kensa",
                 R"kensa(Module(body=[Try(body=[Pass(lineno=2, col_offset=4, end_lineno=2, end_col_offset=8)], handlers=[], orelse=[], finalbody=[Pass(lineno=4, col_offset=4, end_lineno=4, end_col_offset=8)], lineno=1, col_offset=0, end_lineno=4, end_col_offset=8)], type_ignores=[]))kensa"},
                {R"kensa(with (a as b, c as d): pass
)kensa",
                 R"kensa(Module(body=[With(items=[withitem(context_expr=Name(id='a', ctx=Load(), lineno=1, col_offset=6, end_lineno=1, end_col_offset=7), optional_vars=Name(id='b', ctx=Store(), lineno=1, col_offset=11, end_lineno=1, end_col_offset=12)), withitem(context_expr=Name(id='c', ctx=Load(), lineno=1, col_offset=14, end_lineno=1, end_col_offset=15), optional_vars=Name(id='d', ctx=Store(), lineno=1, col_offset=19, end_lineno=1, end_col_offset=20))], body=[Pass(lineno=1, col_offset=23, end_lineno=1, end_col_offset=27)], lineno=1, col_offset=0, end_lineno=1, end_col_offset=27)], type_ignores=[]))kensa"},
                {R"kensa(with (a, b): pass
)kensa",
                 R"kensa(Module(body=[With(items=[withitem(context_expr=Name(id='a', ctx=Load(), lineno=1, col_offset=6, end_lineno=1, end_col_offset=7)), withitem(context_expr=Name(id='b', ctx=Load(), lineno=1, col_offset=9, end_lineno=1, end_col_offset=10))], body=[Pass(lineno=1, col_offset=13, end_lineno=1, end_col_offset=17)], lineno=1, col_offset=0, end_lineno=1, end_col_offset=17)], type_ignores=[]))kensa"},
                {R"kensa(with (a, b) as c: pass
)kensa",
                 R"kensa(Module(body=[With(items=[withitem(context_expr=Tuple(elts=[Name(id='a', ctx=Load(), lineno=1, col_offset=6, end_lineno=1, end_col_offset=7), Name(id='b', ctx=Load(), lineno=1, col_offset=9, end_lineno=1, end_col_offset=10)], ctx=Load(), lineno=1, col_offset=5, end_lineno=1, end_col_offset=11), optional_vars=Name(id='c', ctx=Store(), lineno=1, col_offset=15, end_lineno=1, end_col_offset=16))], body=[Pass(lineno=1, col_offset=18, end_lineno=1, end_col_offset=22)], lineno=1, col_offset=0, end_lineno=1, end_col_offset=22)], type_ignores=[]))kensa"},
                {R"kensa(with a as (b, c): pass
)kensa",
                 R"kensa(Module(body=[With(items=[withitem(context_expr=Name(id='a', ctx=Load(), lineno=1, col_offset=5, end_lineno=1, end_col_offset=6), optional_vars=Tuple(elts=[Name(id='b', ctx=Store(), lineno=1, col_offset=11, end_lineno=1, end_col_offset=12), Name(id='c', ctx=Store(), lineno=1, col_offset=14, end_lineno=1, end_col_offset=15)], ctx=Store(), lineno=1, col_offset=10, end_lineno=1, end_col_offset=16))], body=[Pass(lineno=1, col_offset=18, end_lineno=1, end_col_offset=22)], lineno=1, col_offset=0, end_lineno=1, end_col_offset=22)], type_ignores=[]))kensa"},
                {R"kensa(import a.b.c as d, e
)kensa",
                 R"kensa(Module(body=[Import(names=[alias(name='a.b.c', asname='d', lineno=1, col_offset=7, end_lineno=1, end_col_offset=17), alias(name='e', lineno=1, col_offset=19, end_lineno=1, end_col_offset=20)], lineno=1, col_offset=0, end_lineno=1, end_col_offset=20)], type_ignores=[]))kensa"},
                {R"kensa(from . import x
)kensa",
                 R"kensa(Module(body=[ImportFrom(names=[alias(name='x', lineno=1, col_offset=14, end_lineno=1, end_col_offset=15)], level=1, lineno=1, col_offset=0, end_lineno=1, end_col_offset=15)], type_ignores=[]))kensa"},
                {R"kensa(from .. import (x, y,)
)kensa",
                 R"kensa(Module(body=[ImportFrom(names=[alias(name='x', lineno=1, col_offset=16, end_lineno=1, end_col_offset=17), alias(name='y', lineno=1, col_offset=19, end_lineno=1, end_col_offset=20)], level=2, lineno=1, col_offset=0, end_lineno=1, end_col_offset=22)], type_ignores=[]))kensa"},
                {R"kensa(from ...a import *
)kensa",
                 R"kensa(Module(body=[ImportFrom(module='a', names=[alias(name='*', lineno=1, col_offset=17, end_lineno=1, end_col_offset=18)], level=3, lineno=1, col_offset=0, end_lineno=1, end_col_offset=18)], type_ignores=[]))kensa"},
                {R"kensa(from .... a . b import c as d
)kensa",
                 R"kensa(Module(body=[ImportFrom(module='a.b', names=[alias(name='c', asname='d', lineno=1, col_offset=23, end_lineno=1, end_col_offset=29)], level=4, lineno=1, col_offset=0, end_lineno=1, end_col_offset=29)], type_ignores=[]))kensa"},
                {R"kensa(global a, b
nonlocal c
)kensa",
                 R"kensa(Module(body=[Global(names=['a', 'b'], lineno=1, col_offset=0, end_lineno=1, end_col_offset=11), Nonlocal(names=['c'], lineno=2, col_offset=0, end_lineno=2, end_col_offset=10)], type_ignores=[]))kensa"},
                {R"kensa(del a, b[1], c.d
)kensa",
                 R"kensa(Module(body=[Delete(targets=[Name(id='a', ctx=Del(), lineno=1, col_offset=4, end_lineno=1, end_col_offset=5), Subscript(value=Name(id='b', ctx=Load(), lineno=1, col_offset=7, end_lineno=1, end_col_offset=8), slice=Constant(value=1, lineno=1, col_offset=9, end_lineno=1, end_col_offset=10), ctx=Del(), lineno=1, col_offset=7, end_lineno=1, end_col_offset=11), Attribute(value=Name(id='c', ctx=Load(), lineno=1, col_offset=13, end_lineno=1, end_col_offset=14), attr='d', ctx=Del(), lineno=1, col_offset=13, end_lineno=1, end_col_offset=16)], lineno=1, col_offset=0, end_lineno=1, end_col_offset=16)], type_ignores=[]))kensa"},
                {R"kensa(del (a, b)
)kensa",
                 R"kensa(Module(body=[Delete(targets=[Tuple(elts=[Name(id='a', ctx=Del(), lineno=1, col_offset=5, end_lineno=1, end_col_offset=6), Name(id='b', ctx=Del(), lineno=1, col_offset=8, end_lineno=1, end_col_offset=9)], ctx=Del(), lineno=1, col_offset=4, end_lineno=1, end_col_offset=10)], lineno=1, col_offset=0, end_lineno=1, end_col_offset=10)], type_ignores=[]))kensa"},
                {R"kensa(del [a]
)kensa",
                 R"kensa(Module(body=[Delete(targets=[List(elts=[Name(id='a', ctx=Del(), lineno=1, col_offset=5, end_lineno=1, end_col_offset=6)], ctx=Del(), lineno=1, col_offset=4, end_lineno=1, end_col_offset=7)], lineno=1, col_offset=0, end_lineno=1, end_col_offset=7)], type_ignores=[]))kensa"},
                {R"kensa(assert x, "m"
)kensa",
                 R"kensa(Module(body=[Assert(test=Name(id='x', ctx=Load(), lineno=1, col_offset=7, end_lineno=1, end_col_offset=8), msg=Constant(value='m', lineno=1, col_offset=10, end_lineno=1, end_col_offset=13), lineno=1, col_offset=0, end_lineno=1, end_col_offset=13)], type_ignores=[]))kensa"},
                {R"kensa(raise
raise E
raise E from F
)kensa",
                 R"kensa(Module(body=[Raise(lineno=1, col_offset=0, end_lineno=1, end_col_offset=5), Raise(exc=Name(id='E', ctx=Load(), lineno=2, col_offset=6, end_lineno=2, end_col_offset=7), lineno=2, col_offset=0, end_lineno=2, end_col_offset=7), Raise(exc=Name(id='E', ctx=Load(), lineno=3, col_offset=6, end_lineno=3, end_col_offset=7), cause=Name(id='F', ctx=Load(), lineno=3, col_offset=13, end_lineno=3, end_col_offset=14), lineno=3, col_offset=0, end_lineno=3, end_col_offset=14)], type_ignores=[]))kensa"},
                {R"kensa(x = a if b else c
)kensa",
                 R"kensa(Module(body=[Assign(targets=[Name(id='x', ctx=Store(), lineno=1, col_offset=0, end_lineno=1, end_col_offset=1)], value=IfExp(test=Name(id='b', ctx=Load(), lineno=1, col_offset=9, end_lineno=1, end_col_offset=10), body=Name(id='a', ctx=Load(), lineno=1, col_offset=4, end_lineno=1, end_col_offset=5), orelse=Name(id='c', ctx=Load(), lineno=1, col_offset=16, end_lineno=1, end_col_offset=17), lineno=1, col_offset=4, end_lineno=1, end_col_offset=17), lineno=1, col_offset=0, end_lineno=1, end_col_offset=17)], type_ignores=[]))kensa"},
                {R"kensa(x = not a and b or c
)kensa",
                 R"kensa(Module(body=[Assign(targets=[Name(id='x', ctx=Store(), lineno=1, col_offset=0, end_lineno=1, end_col_offset=1)], value=BoolOp(op=Or(), values=[BoolOp(op=And(), values=[UnaryOp(op=Not(), operand=Name(id='a', ctx=Load(), lineno=1, col_offset=8, end_lineno=1, end_col_offset=9), lineno=1, col_offset=4, end_lineno=1, end_col_offset=9), Name(id='b', ctx=Load(), lineno=1, col_offset=14, end_lineno=1, end_col_offset=15)], lineno=1, col_offset=4, end_lineno=1, end_col_offset=15), Name(id='c', ctx=Load(), lineno=1, col_offset=19, end_lineno=1, end_col_offset=20)], lineno=1, col_offset=4, end_lineno=1, end_col_offset=20), lineno=1, col_offset=0, end_lineno=1, end_col_offset=20)], type_ignores=[]))kensa"},
                {R"kensa(x = a < b <= c != d is e is not f in g not in h
)kensa",
                 R"kensa(Module(body=[Assign(targets=[Name(id='x', ctx=Store(), lineno=1, col_offset=0, end_lineno=1, end_col_offset=1)], value=Compare(left=Name(id='a', ctx=Load(), lineno=1, col_offset=4, end_lineno=1, end_col_offset=5), ops=[Lt(), LtE(), NotEq(), Is(), IsNot(), In(), NotIn()], comparators=[Name(id='b', ctx=Load(), lineno=1, col_offset=8, end_lineno=1, end_col_offset=9), Name(id='c', ctx=Load(), lineno=1, col_offset=13, end_lineno=1, end_col_offset=14), Name(id='d', ctx=Load(), lineno=1, col_offset=18, end_lineno=1, end_col_offset=19), Name(id='e', ctx=Load(), lineno=1, col_offset=23, end_lineno=1, end_col_offset=24), Name(id='f', ctx=Load(), lineno=1, col_offset=32, end_lineno=1, end_col_offset=33), Name(id='g', ctx=Load(), lineno=1, col_offset=37, end_lineno=1, end_col_offset=38), Name(id='h', ctx=Load(), lineno=1, col_offset=46, end_lineno=1, end_col_offset=47)], lineno=1, col_offset=4, end_lineno=1, end_col_offset=47), lineno=1, col_offset=0, end_lineno=1, end_col_offset=47)], type_ignores=[]))kensa"},
                {R"kensa(x = -a ** -b
)kensa",
                 R"kensa(Module(body=[Assign(targets=[Name(id='x', ctx=Store(), lineno=1, col_offset=0, end_lineno=1, end_col_offset=1)], value=UnaryOp(op=USub(), operand=BinOp(left=Name(id='a', ctx=Load(), lineno=1, col_offset=5, end_lineno=1, end_col_offset=6), op=Pow(), right=UnaryOp(op=USub(), operand=Name(id='b', ctx=Load(), lineno=1, col_offset=11, end_lineno=1, end_col_offset=12), lineno=1, col_offset=10, end_lineno=1, end_col_offset=12), lineno=1, col_offset=5, end_lineno=1, end_col_offset=12), lineno=1, col_offset=4, end_lineno=1, end_col_offset=12), lineno=1, col_offset=0, end_lineno=1, end_col_offset=12)], type_ignores=[]))kensa"},
                {R"kensa(x = ~a + b * c @ d / e // f % g - h << i >> j & k ^ l | m
)kensa",
                 R"kensa(Module(body=[Assign(targets=[Name(id='x', ctx=Store(), lineno=1, col_offset=0, end_lineno=1, end_col_offset=1)], value=BinOp(left=BinOp(left=BinOp(left=BinOp(left=BinOp(left=BinOp(left=BinOp(left=UnaryOp(op=Invert(), operand=Name(id='a', ctx=Load(), lineno=1, col_offset=5, end_lineno=1, end_col_offset=6), lineno=1, col_offset=4, end_lineno=1, end_col_offset=6), op=Add(), right=BinOp(left=BinOp(left=BinOp(left=BinOp(left=BinOp(left=Name(id='b', ctx=Load(), lineno=1, col_offset=9, end_lineno=1, end_col_offset=10), op=Mult(), right=Name(id='c', ctx=Load(), lineno=1, col_offset=13, end_lineno=1, end_col_offset=14), lineno=1, col_offset=9, end_lineno=1, end_col_offset=14), op=MatMult(), right=Name(id='d', ctx=Load(), lineno=1, col_offset=17, end_lineno=1, end_col_offset=18), lineno=1, col_offset=9, end_lineno=1, end_col_offset=18), op=Div(), right=Name(id='e', ctx=Load(), lineno=1, col_offset=21, end_lineno=1, end_col_offset=22), lineno=1, col_offset=9, end_lineno=1, end_col_offset=22), op=FloorDiv(), right=Name(id='f', ctx=Load(), lineno=1, col_offset=26, end_lineno=1, end_col_offset=27), lineno=1, col_offset=9, end_lineno=1, end_col_offset=27), op=Mod(), right=Name(id='g', ctx=Load(), lineno=1, col_offset=30, end_lineno=1, end_col_offset=31), lineno=1, col_offset=9, end_lineno=1, end_col_offset=31), lineno=1, col_offset=4, end_lineno=1, end_col_offset=31), op=Sub(), right=Name(id='h', ctx=Load(), lineno=1, col_offset=34, end_lineno=1, end_col_offset=35), lineno=1, col_offset=4, end_lineno=1, end_col_offset=35), op=LShift(), right=Name(id='i', ctx=Load(), lineno=1, col_offset=39, end_lineno=1, end_col_offset=40), lineno=1, col_offset=4, end_lineno=1, end_col_offset=40), op=RShift(), right=Name(id='j', ctx=Load(), lineno=1, col_offset=44, end_lineno=1, end_col_offset=45), lineno=1, col_offset=4, end_lineno=1, end_col_offset=45), op=BitAnd(), right=Name(id='k', ctx=Load(), lineno=1, col_offset=48, end_lineno=1, end_col_offset=49), lineno=1, col_offset=4, end_lineno=1, end_col_offset=49), op=BitXor(), right=Name(id='l', ctx=Load(), lineno=1, col_offset=52, end_lineno=1, end_col_offset=53), lineno=1, col_offset=4, end_lineno=1, end_col_offset=53), op=BitOr(), right=Name(id='m', ctx=Load(), lineno=1, col_offset=56, end_lineno=1, end_col_offset=57), lineno=1, col_offset=4, end_lineno=1, end_col_offset=57), lineno=1, col_offset=0, end_lineno=1, end_col_offset=57)], type_ignores=[]))kensa"},
                {R"kensa(x = a ** b ** c
)kensa",
                 R"kensa(Module(body=[Assign(targets=[Name(id='x', ctx=Store(), lineno=1, col_offset=0, end_lineno=1, end_col_offset=1)], value=BinOp(left=Name(id='a', ctx=Load(), lineno=1, col_offset=4, end_lineno=1, end_col_offset=5), op=Pow(), right=BinOp(left=Name(id='b', ctx=Load(), lineno=1, col_offset=9, end_lineno=1, end_col_offset=10), op=Pow(), right=Name(id='c', ctx=Load(), lineno=1, col_offset=14, end_lineno=1, end_col_offset=15), lineno=1, col_offset=9, end_lineno=1, end_col_offset=15), lineno=1, col_offset=4, end_lineno=1, end_col_offset=15), lineno=1, col_offset=0, end_lineno=1, end_col_offset=15)], type_ignores=[]))kensa"},
                {R"kensa((x := 1)
)kensa",
                 R"kensa(Module(body=[Expr(value=NamedExpr(target=Name(id='x', ctx=Store(), lineno=1, col_offset=1, end_lineno=1, end_col_offset=2), value=Constant(value=1, lineno=1, col_offset=6, end_lineno=1, end_col_offset=7), lineno=1, col_offset=1, end_lineno=1, end_col_offset=7), lineno=1, col_offset=0, end_lineno=1, end_col_offset=8)], type_ignores=[]))kensa"},
                {R"kensa(f(x := 1)
)kensa",
                 R"kensa(Module(body=[Expr(value=Call(func=Name(id='f', ctx=Load(), lineno=1, col_offset=0, end_lineno=1, end_col_offset=1), args=[NamedExpr(target=Name(id='x', ctx=Store(), lineno=1, col_offset=2, end_lineno=1, end_col_offset=3), value=Constant(value=1, lineno=1, col_offset=7, end_lineno=1, end_col_offset=8), lineno=1, col_offset=2, end_lineno=1, end_col_offset=8)], keywords=[], lineno=1, col_offset=0, end_lineno=1, end_col_offset=9), lineno=1, col_offset=0, end_lineno=1, end_col_offset=9)], type_ignores=[]))kensa"},
                {R"kensa([x for x in y if z if w for a in b]
)kensa",
                 R"kensa(Module(body=[Expr(value=ListComp(elt=Name(id='x', ctx=Load(), lineno=1, col_offset=1, end_lineno=1, end_col_offset=2), generators=[comprehension(target=Name(id='x', ctx=Store(), lineno=1, col_offset=7, end_lineno=1, end_col_offset=8), iter=Name(id='y', ctx=Load(), lineno=1, col_offset=12, end_lineno=1, end_col_offset=13), ifs=[Name(id='z', ctx=Load(), lineno=1, col_offset=17, end_lineno=1, end_col_offset=18), Name(id='w', ctx=Load(), lineno=1, col_offset=22, end_lineno=1, end_col_offset=23)], is_async=0), comprehension(target=Name(id='a', ctx=Store(), lineno=1, col_offset=28, end_lineno=1, end_col_offset=29), iter=Name(id='b', ctx=Load(), lineno=1, col_offset=33, end_lineno=1, end_col_offset=34), ifs=[], is_async=0)], lineno=1, col_offset=0, end_lineno=1, end_col_offset=35), lineno=1, col_offset=0, end_lineno=1, end_col_offset=35)], type_ignores=[]))kensa"},
                {R"kensa({x: y for x, y in z}
)kensa",
                 R"kensa(Module(body=[Expr(value=DictComp(key=Name(id='x', ctx=Load(), lineno=1, col_offset=1, end_lineno=1, end_col_offset=2), value=Name(id='y', ctx=Load(), lineno=1, col_offset=4, end_lineno=1, end_col_offset=5), generators=[comprehension(target=Tuple(elts=[Name(id='x', ctx=Store(), lineno=1, col_offset=10, end_lineno=1, end_col_offset=11), Name(id='y', ctx=Store(), lineno=1, col_offset=13, end_lineno=1, end_col_offset=14)], ctx=Store(), lineno=1, col_offset=10, end_lineno=1, end_col_offset=14), iter=Name(id='z', ctx=Load(), lineno=1, col_offset=18, end_lineno=1, end_col_offset=19), ifs=[], is_async=0)], lineno=1, col_offset=0, end_lineno=1, end_col_offset=20), lineno=1, col_offset=0, end_lineno=1, end_col_offset=20)], type_ignores=[]))kensa"},
                {R"kensa({x for x in y}
)kensa",
                 R"kensa(Module(body=[Expr(value=SetComp(elt=Name(id='x', ctx=Load(), lineno=1, col_offset=1, end_lineno=1, end_col_offset=2), generators=[comprehension(target=Name(id='x', ctx=Store(), lineno=1, col_offset=7, end_lineno=1, end_col_offset=8), iter=Name(id='y', ctx=Load(), lineno=1, col_offset=12, end_lineno=1, end_col_offset=13), ifs=[], is_async=0)], lineno=1, col_offset=0, end_lineno=1, end_col_offset=14), lineno=1, col_offset=0, end_lineno=1, end_col_offset=14)], type_ignores=[]))kensa"},
                {R"kensa({**a, b: c}
)kensa",
                 R"kensa(Module(body=[Expr(value=Dict(keys=[None, Name(id='b', ctx=Load(), lineno=1, col_offset=6, end_lineno=1, end_col_offset=7)], values=[Name(id='a', ctx=Load(), lineno=1, col_offset=3, end_lineno=1, end_col_offset=4), Name(id='c', ctx=Load(), lineno=1, col_offset=9, end_lineno=1, end_col_offset=10)], lineno=1, col_offset=0, end_lineno=1, end_col_offset=11), lineno=1, col_offset=0, end_lineno=1, end_col_offset=11)], type_ignores=[]))kensa"},
                {R"kensa({*a, b}
)kensa",
                 R"kensa(Module(body=[Expr(value=Set(elts=[Starred(value=Name(id='a', ctx=Load(), lineno=1, col_offset=2, end_lineno=1, end_col_offset=3), ctx=Load(), lineno=1, col_offset=1, end_lineno=1, end_col_offset=3), Name(id='b', ctx=Load(), lineno=1, col_offset=5, end_lineno=1, end_col_offset=6)], lineno=1, col_offset=0, end_lineno=1, end_col_offset=7), lineno=1, col_offset=0, end_lineno=1, end_col_offset=7)], type_ignores=[]))kensa"},
                {R"kensa({}
)kensa",
                 R"kensa(Module(body=[Expr(value=Dict(keys=[], values=[], lineno=1, col_offset=0, end_lineno=1, end_col_offset=2), lineno=1, col_offset=0, end_lineno=1, end_col_offset=2)], type_ignores=[]))kensa"},
                {R"kensa(()
)kensa",
                 R"kensa(Module(body=[Expr(value=Tuple(elts=[], ctx=Load(), lineno=1, col_offset=0, end_lineno=1, end_col_offset=2), lineno=1, col_offset=0, end_lineno=1, end_col_offset=2)], type_ignores=[]))kensa"},
                {R"kensa([]
)kensa",
                 R"kensa(Module(body=[Expr(value=List(elts=[], ctx=Load(), lineno=1, col_offset=0, end_lineno=1, end_col_offset=2), lineno=1, col_offset=0, end_lineno=1, end_col_offset=2)], type_ignores=[]))kensa"},
                {R"kensa((1,)
)kensa",
                 R"kensa(Module(body=[Expr(value=Tuple(elts=[Constant(value=1, lineno=1, col_offset=1, end_lineno=1, end_col_offset=2)], ctx=Load(), lineno=1, col_offset=0, end_lineno=1, end_col_offset=4), lineno=1, col_offset=0, end_lineno=1, end_col_offset=4)], type_ignores=[]))kensa"},
                {R"kensa(x = 1, 2
)kensa",
                 R"kensa(Module(body=[Assign(targets=[Name(id='x', ctx=Store(), lineno=1, col_offset=0, end_lineno=1, end_col_offset=1)], value=Tuple(elts=[Constant(value=1, lineno=1, col_offset=4, end_lineno=1, end_col_offset=5), Constant(value=2, lineno=1, col_offset=7, end_lineno=1, end_col_offset=8)], ctx=Load(), lineno=1, col_offset=4, end_lineno=1, end_col_offset=8), lineno=1, col_offset=0, end_lineno=1, end_col_offset=8)], type_ignores=[]))kensa"},
                {R"kensa(x = *a, *b
)kensa",
                 R"kensa(Module(body=[Assign(targets=[Name(id='x', ctx=Store(), lineno=1, col_offset=0, end_lineno=1, end_col_offset=1)], value=Tuple(elts=[Starred(value=Name(id='a', ctx=Load(), lineno=1, col_offset=5, end_lineno=1, end_col_offset=6), ctx=Load(), lineno=1, col_offset=4, end_lineno=1, end_col_offset=6), Starred(value=Name(id='b', ctx=Load(), lineno=1, col_offset=9, end_lineno=1, end_col_offset=10), ctx=Load(), lineno=1, col_offset=8, end_lineno=1, end_col_offset=10)], ctx=Load(), lineno=1, col_offset=4, end_lineno=1, end_col_offset=10), lineno=1, col_offset=0, end_lineno=1, end_col_offset=10)], type_ignores=[]))kensa"},
                {R"kensa(print(*a, sep="")
)kensa",
                 R"kensa(Module(body=[Expr(value=Call(func=Name(id='print', ctx=Load(), lineno=1, col_offset=0, end_lineno=1, end_col_offset=5), args=[Starred(value=Name(id='a', ctx=Load(), lineno=1, col_offset=7, end_lineno=1, end_col_offset=8), ctx=Load(), lineno=1, col_offset=6, end_lineno=1, end_col_offset=8)], keywords=[keyword(arg='sep', value=Constant(value='', lineno=1, col_offset=14, end_lineno=1, end_col_offset=16), lineno=1, col_offset=10, end_lineno=1, end_col_offset=16)], lineno=1, col_offset=0, end_lineno=1, end_col_offset=17), lineno=1, col_offset=0, end_lineno=1, end_col_offset=17)], type_ignores=[]))kensa"},
                {R"kensa(x = ...
)kensa",
                 R"kensa(Module(body=[Assign(targets=[Name(id='x', ctx=Store(), lineno=1, col_offset=0, end_lineno=1, end_col_offset=1)], value=Constant(value=Ellipsis, lineno=1, col_offset=4, end_lineno=1, end_col_offset=7), lineno=1, col_offset=0, end_lineno=1, end_col_offset=7)], type_ignores=[]))kensa"},
                {R"kensa(x = None, True, False
)kensa",
                 R"kensa(Module(body=[Assign(targets=[Name(id='x', ctx=Store(), lineno=1, col_offset=0, end_lineno=1, end_col_offset=1)], value=Tuple(elts=[Constant(value=None, lineno=1, col_offset=4, end_lineno=1, end_col_offset=8), Constant(value=True, lineno=1, col_offset=10, end_lineno=1, end_col_offset=14), Constant(value=False, lineno=1, col_offset=16, end_lineno=1, end_col_offset=21)], ctx=Load(), lineno=1, col_offset=4, end_lineno=1, end_col_offset=21), lineno=1, col_offset=0, end_lineno=1, end_col_offset=21)], type_ignores=[]))kensa"},
                {R"kensa(x = 0x1f, 0o17, 0b101, 1_000, 1.5e-3, 3j, 1e10
)kensa",
                 R"kensa(Module(body=[Assign(targets=[Name(id='x', ctx=Store(), lineno=1, col_offset=0, end_lineno=1, end_col_offset=1)], value=Tuple(elts=[Constant(value=31, lineno=1, col_offset=4, end_lineno=1, end_col_offset=8), Constant(value=15, lineno=1, col_offset=10, end_lineno=1, end_col_offset=14), Constant(value=5, lineno=1, col_offset=16, end_lineno=1, end_col_offset=21), Constant(value=1000, lineno=1, col_offset=23, end_lineno=1, end_col_offset=28), Constant(value=0.0015, lineno=1, col_offset=30, end_lineno=1, end_col_offset=36), Constant(value=3j, lineno=1, col_offset=38, end_lineno=1, end_col_offset=40), Constant(value=10000000000.0, lineno=1, col_offset=42, end_lineno=1, end_col_offset=46)], ctx=Load(), lineno=1, col_offset=4, end_lineno=1, end_col_offset=46), lineno=1, col_offset=0, end_lineno=1, end_col_offset=46)], type_ignores=[]))kensa"},
                {R"kensa(x = "a" "b" 'c'
)kensa",
                 R"kensa(Module(body=[Assign(targets=[Name(id='x', ctx=Store(), lineno=1, col_offset=0, end_lineno=1, end_col_offset=1)], value=Constant(value='abc', lineno=1, col_offset=4, end_lineno=1, end_col_offset=15), lineno=1, col_offset=0, end_lineno=1, end_col_offset=15)], type_ignores=[]))kensa"},
                {R"kensa(x = b"a" b"b"
)kensa",
                 R"kensa(Module(body=[Assign(targets=[Name(id='x', ctx=Store(), lineno=1, col_offset=0, end_lineno=1, end_col_offset=1)], value=Constant(value=b'ab', lineno=1, col_offset=4, end_lineno=1, end_col_offset=13), lineno=1, col_offset=0, end_lineno=1, end_col_offset=13)], type_ignores=[]))kensa"},
                {R"kensa(x = f"a{b}c{d!r:>{e}}"
)kensa",
                 R"kensa(Module(body=[Assign(targets=[Name(id='x', ctx=Store(), lineno=1, col_offset=0, end_lineno=1, end_col_offset=1)], value=JoinedStr(values=[Constant(value='a', lineno=1, col_offset=4, end_lineno=1, end_col_offset=22), FormattedValue(value=Name(id='b', ctx=Load(), lineno=1, col_offset=8, end_lineno=1, end_col_offset=9), conversion=-1, lineno=1, col_offset=4, end_lineno=1, end_col_offset=22), Constant(value='c', lineno=1, col_offset=4, end_lineno=1, end_col_offset=22), FormattedValue(value=Name(id='d', ctx=Load(), lineno=1, col_offset=12, end_lineno=1, end_col_offset=13), conversion=114, format_spec=JoinedStr(values=[Constant(value='>', lineno=1, col_offset=4, end_lineno=1, end_col_offset=22), FormattedValue(value=Name(id='e', ctx=Load(), lineno=1, col_offset=18, end_lineno=1, end_col_offset=19), conversion=-1, lineno=1, col_offset=4, end_lineno=1, end_col_offset=22)], lineno=1, col_offset=4, end_lineno=1, end_col_offset=22), lineno=1, col_offset=4, end_lineno=1, end_col_offset=22)], lineno=1, col_offset=4, end_lineno=1, end_col_offset=22), lineno=1, col_offset=0, end_lineno=1, end_col_offset=22)], type_ignores=[]))kensa"},
                {R"kensa(x = u"a"
)kensa",
                 R"kensa(Module(body=[Assign(targets=[Name(id='x', ctx=Store(), lineno=1, col_offset=0, end_lineno=1, end_col_offset=1)], value=Constant(value='a', kind='u', lineno=1, col_offset=4, end_lineno=1, end_col_offset=8), lineno=1, col_offset=0, end_lineno=1, end_col_offset=8)], type_ignores=[]))kensa"},
                {R"kensa(x = r"\d"
)kensa",
                 R"kensa(Module(body=[Assign(targets=[Name(id='x', ctx=Store(), lineno=1, col_offset=0, end_lineno=1, end_col_offset=1)], value=Constant(value='\\d', lineno=1, col_offset=4, end_lineno=1, end_col_offset=9), lineno=1, col_offset=0, end_lineno=1, end_col_offset=9)], type_ignores=[]))kensa"},
                {R"kensa(a.b.c.d
)kensa",
                 R"kensa(Module(body=[Expr(value=Attribute(value=Attribute(value=Attribute(value=Name(id='a', ctx=Load(), lineno=1, col_offset=0, end_lineno=1, end_col_offset=1), attr='b', ctx=Load(), lineno=1, col_offset=0, end_lineno=1, end_col_offset=3), attr='c', ctx=Load(), lineno=1, col_offset=0, end_lineno=1, end_col_offset=5), attr='d', ctx=Load(), lineno=1, col_offset=0, end_lineno=1, end_col_offset=7), lineno=1, col_offset=0, end_lineno=1, end_col_offset=7)], type_ignores=[]))kensa"},
                {R"kensa(a().b[c](d)
)kensa",
                 R"kensa(Module(body=[Expr(value=Call(func=Subscript(value=Attribute(value=Call(func=Name(id='a', ctx=Load(), lineno=1, col_offset=0, end_lineno=1, end_col_offset=1), args=[], keywords=[], lineno=1, col_offset=0, end_lineno=1, end_col_offset=3), attr='b', ctx=Load(), lineno=1, col_offset=0, end_lineno=1, end_col_offset=5), slice=Name(id='c', ctx=Load(), lineno=1, col_offset=6, end_lineno=1, end_col_offset=7), ctx=Load(), lineno=1, col_offset=0, end_lineno=1, end_col_offset=8), args=[Name(id='d', ctx=Load(), lineno=1, col_offset=9, end_lineno=1, end_col_offset=10)], keywords=[], lineno=1, col_offset=0, end_lineno=1, end_col_offset=11), lineno=1, col_offset=0, end_lineno=1, end_col_offset=11)], type_ignores=[]))kensa"},
                {R"kensa(await x
)kensa",
                 R"kensa(Module(body=[Expr(value=Await(value=Name(id='x', ctx=Load(), lineno=1, col_offset=6, end_lineno=1, end_col_offset=7), lineno=1, col_offset=0, end_lineno=1, end_col_offset=7), lineno=1, col_offset=0, end_lineno=1, end_col_offset=7)], type_ignores=[]))kensa"},
                {R"kensa(if (n := len(a)) > 10: pass
)kensa",
                 R"kensa(Module(body=[If(test=Compare(left=NamedExpr(target=Name(id='n', ctx=Store(), lineno=1, col_offset=4, end_lineno=1, end_col_offset=5), value=Call(func=Name(id='len', ctx=Load(), lineno=1, col_offset=9, end_lineno=1, end_col_offset=12), args=[Name(id='a', ctx=Load(), lineno=1, col_offset=13, end_lineno=1, end_col_offset=14)], keywords=[], lineno=1, col_offset=9, end_lineno=1, end_col_offset=15), lineno=1, col_offset=4, end_lineno=1, end_col_offset=15), ops=[Gt()], comparators=[Constant(value=10, lineno=1, col_offset=19, end_lineno=1, end_col_offset=21)], lineno=1, col_offset=3, end_lineno=1, end_col_offset=21), body=[Pass(lineno=1, col_offset=23, end_lineno=1, end_col_offset=27)], orelse=[], lineno=1, col_offset=0, end_lineno=1, end_col_offset=27)], type_ignores=[]))kensa"},
                {R"kensa(x = [i for i in range(3)]
)kensa",
                 R"kensa(Module(body=[Assign(targets=[Name(id='x', ctx=Store(), lineno=1, col_offset=0, end_lineno=1, end_col_offset=1)], value=ListComp(elt=Name(id='i', ctx=Load(), lineno=1, col_offset=5, end_lineno=1, end_col_offset=6), generators=[comprehension(target=Name(id='i', ctx=Store(), lineno=1, col_offset=11, end_lineno=1, end_col_offset=12), iter=Call(func=Name(id='range', ctx=Load(), lineno=1, col_offset=16, end_lineno=1, end_col_offset=21), args=[Constant(value=3, lineno=1, col_offset=22, end_lineno=1, end_col_offset=23)], keywords=[], lineno=1, col_offset=16, end_lineno=1, end_col_offset=24), ifs=[], is_async=0)], lineno=1, col_offset=4, end_lineno=1, end_col_offset=25), lineno=1, col_offset=0, end_lineno=1, end_col_offset=25)], type_ignores=[]))kensa"},
                {R"kensa(x = (i for i in range(3))
)kensa",
                 R"kensa(Module(body=[Assign(targets=[Name(id='x', ctx=Store(), lineno=1, col_offset=0, end_lineno=1, end_col_offset=1)], value=GeneratorExp(elt=Name(id='i', ctx=Load(), lineno=1, col_offset=5, end_lineno=1, end_col_offset=6), generators=[comprehension(target=Name(id='i', ctx=Store(), lineno=1, col_offset=11, end_lineno=1, end_col_offset=12), iter=Call(func=Name(id='range', ctx=Load(), lineno=1, col_offset=16, end_lineno=1, end_col_offset=21), args=[Constant(value=3, lineno=1, col_offset=22, end_lineno=1, end_col_offset=23)], keywords=[], lineno=1, col_offset=16, end_lineno=1, end_col_offset=24), ifs=[], is_async=0)], lineno=1, col_offset=4, end_lineno=1, end_col_offset=25), lineno=1, col_offset=0, end_lineno=1, end_col_offset=25)], type_ignores=[]))kensa"},
                {R"kensa(é = 1
)kensa",
                 R"kensa(Module(body=[Assign(targets=[Name(id='é', ctx=Store(), lineno=1, col_offset=0, end_lineno=1, end_col_offset=2)], value=Constant(value=1, lineno=1, col_offset=5, end_lineno=1, end_col_offset=6), lineno=1, col_offset=0, end_lineno=1, end_col_offset=6)], type_ignores=[]))kensa"},
                {R"kensa(ℌ = 1
)kensa",
                 R"kensa(Module(body=[Assign(targets=[Name(id='H', ctx=Store(), lineno=1, col_offset=0, end_lineno=1, end_col_offset=3)], value=Constant(value=1, lineno=1, col_offset=6, end_lineno=1, end_col_offset=7), lineno=1, col_offset=0, end_lineno=1, end_col_offset=7)], type_ignores=[]))kensa"},
                {R"kensa(x = 1 if y else 2 if z else 3
)kensa",
                 R"kensa(Module(body=[Assign(targets=[Name(id='x', ctx=Store(), lineno=1, col_offset=0, end_lineno=1, end_col_offset=1)], value=IfExp(test=Name(id='y', ctx=Load(), lineno=1, col_offset=9, end_lineno=1, end_col_offset=10), body=Constant(value=1, lineno=1, col_offset=4, end_lineno=1, end_col_offset=5), orelse=IfExp(test=Name(id='z', ctx=Load(), lineno=1, col_offset=21, end_lineno=1, end_col_offset=22), body=Constant(value=2, lineno=1, col_offset=16, end_lineno=1, end_col_offset=17), orelse=Constant(value=3, lineno=1, col_offset=28, end_lineno=1, end_col_offset=29), lineno=1, col_offset=16, end_lineno=1, end_col_offset=29), lineno=1, col_offset=4, end_lineno=1, end_col_offset=29), lineno=1, col_offset=0, end_lineno=1, end_col_offset=29)], type_ignores=[]))kensa"},
                {R"kensa(x = lambda: (yield)
)kensa",
                 R"kensa(Module(body=[Assign(targets=[Name(id='x', ctx=Store(), lineno=1, col_offset=0, end_lineno=1, end_col_offset=1)], value=Lambda(args=arguments(posonlyargs=[], args=[], kwonlyargs=[], kw_defaults=[], defaults=[]), body=Yield(lineno=1, col_offset=13, end_lineno=1, end_col_offset=18), lineno=1, col_offset=4, end_lineno=1, end_col_offset=19), lineno=1, col_offset=0, end_lineno=1, end_col_offset=19)], type_ignores=[]))kensa"},
                {R"kensa(class C:
    x: int
    def f(self): ...
)kensa",
                 R"kensa(Module(body=[ClassDef(name='C', bases=[], keywords=[], body=[AnnAssign(target=Name(id='x', ctx=Store(), lineno=2, col_offset=4, end_lineno=2, end_col_offset=5), annotation=Name(id='int', ctx=Load(), lineno=2, col_offset=7, end_lineno=2, end_col_offset=10), simple=1, lineno=2, col_offset=4, end_lineno=2, end_col_offset=10), FunctionDef(name='f', args=arguments(posonlyargs=[], args=[arg(arg='self', lineno=3, col_offset=10, end_lineno=3, end_col_offset=14)], kwonlyargs=[], kw_defaults=[], defaults=[]), body=[Expr(value=Constant(value=Ellipsis, lineno=3, col_offset=17, end_lineno=3, end_col_offset=20), lineno=3, col_offset=17, end_lineno=3, end_col_offset=20)], decorator_list=[], lineno=3, col_offset=4, end_lineno=3, end_col_offset=20)], decorator_list=[], lineno=1, col_offset=0, end_lineno=3, end_col_offset=20)], type_ignores=[]))kensa"},
                {R"kensa(x = a.b.c(d)[e].f
)kensa",
                 R"kensa(Module(body=[Assign(targets=[Name(id='x', ctx=Store(), lineno=1, col_offset=0, end_lineno=1, end_col_offset=1)], value=Attribute(value=Subscript(value=Call(func=Attribute(value=Attribute(value=Name(id='a', ctx=Load(), lineno=1, col_offset=4, end_lineno=1, end_col_offset=5), attr='b', ctx=Load(), lineno=1, col_offset=4, end_lineno=1, end_col_offset=7), attr='c', ctx=Load(), lineno=1, col_offset=4, end_lineno=1, end_col_offset=9), args=[Name(id='d', ctx=Load(), lineno=1, col_offset=10, end_lineno=1, end_col_offset=11)], keywords=[], lineno=1, col_offset=4, end_lineno=1, end_col_offset=12), slice=Name(id='e', ctx=Load(), lineno=1, col_offset=13, end_lineno=1, end_col_offset=14), ctx=Load(), lineno=1, col_offset=4, end_lineno=1, end_col_offset=15), attr='f', ctx=Load(), lineno=1, col_offset=4, end_lineno=1, end_col_offset=17), lineno=1, col_offset=0, end_lineno=1, end_col_offset=17)], type_ignores=[]))kensa"},
                {R"kensa(x = (a)
)kensa",
                 R"kensa(Module(body=[Assign(targets=[Name(id='x', ctx=Store(), lineno=1, col_offset=0, end_lineno=1, end_col_offset=1)], value=Name(id='a', ctx=Load(), lineno=1, col_offset=5, end_lineno=1, end_col_offset=6), lineno=1, col_offset=0, end_lineno=1, end_col_offset=7)], type_ignores=[]))kensa"},
                {R"kensa(x = ((a, b))
)kensa",
                 R"kensa(Module(body=[Assign(targets=[Name(id='x', ctx=Store(), lineno=1, col_offset=0, end_lineno=1, end_col_offset=1)], value=Tuple(elts=[Name(id='a', ctx=Load(), lineno=1, col_offset=6, end_lineno=1, end_col_offset=7), Name(id='b', ctx=Load(), lineno=1, col_offset=9, end_lineno=1, end_col_offset=10)], ctx=Load(), lineno=1, col_offset=5, end_lineno=1, end_col_offset=11), lineno=1, col_offset=0, end_lineno=1, end_col_offset=12)], type_ignores=[]))kensa"},
                {R"kensa(x = (a) + (b)
)kensa",
                 R"kensa(Module(body=[Assign(targets=[Name(id='x', ctx=Store(), lineno=1, col_offset=0, end_lineno=1, end_col_offset=1)], value=BinOp(left=Name(id='a', ctx=Load(), lineno=1, col_offset=5, end_lineno=1, end_col_offset=6), op=Add(), right=Name(id='b', ctx=Load(), lineno=1, col_offset=11, end_lineno=1, end_col_offset=12), lineno=1, col_offset=4, end_lineno=1, end_col_offset=13), lineno=1, col_offset=0, end_lineno=1, end_col_offset=13)], type_ignores=[]))kensa"},
                {R"kensa(f(a)(b)(c)
)kensa",
                 R"kensa(Module(body=[Expr(value=Call(func=Call(func=Call(func=Name(id='f', ctx=Load(), lineno=1, col_offset=0, end_lineno=1, end_col_offset=1), args=[Name(id='a', ctx=Load(), lineno=1, col_offset=2, end_lineno=1, end_col_offset=3)], keywords=[], lineno=1, col_offset=0, end_lineno=1, end_col_offset=4), args=[Name(id='b', ctx=Load(), lineno=1, col_offset=5, end_lineno=1, end_col_offset=6)], keywords=[], lineno=1, col_offset=0, end_lineno=1, end_col_offset=7), args=[Name(id='c', ctx=Load(), lineno=1, col_offset=8, end_lineno=1, end_col_offset=9)], keywords=[], lineno=1, col_offset=0, end_lineno=1, end_col_offset=10), lineno=1, col_offset=0, end_lineno=1, end_col_offset=10)], type_ignores=[]))kensa"},
                {R"kensa(x = not not a
)kensa",
                 R"kensa(Module(body=[Assign(targets=[Name(id='x', ctx=Store(), lineno=1, col_offset=0, end_lineno=1, end_col_offset=1)], value=UnaryOp(op=Not(), operand=UnaryOp(op=Not(), operand=Name(id='a', ctx=Load(), lineno=1, col_offset=12, end_lineno=1, end_col_offset=13), lineno=1, col_offset=8, end_lineno=1, end_col_offset=13), lineno=1, col_offset=4, end_lineno=1, end_col_offset=13), lineno=1, col_offset=0, end_lineno=1, end_col_offset=13)], type_ignores=[]))kensa"},
                {R"kensa(x = - - a
)kensa",
                 R"kensa(Module(body=[Assign(targets=[Name(id='x', ctx=Store(), lineno=1, col_offset=0, end_lineno=1, end_col_offset=1)], value=UnaryOp(op=USub(), operand=UnaryOp(op=USub(), operand=Name(id='a', ctx=Load(), lineno=1, col_offset=8, end_lineno=1, end_col_offset=9), lineno=1, col_offset=6, end_lineno=1, end_col_offset=9), lineno=1, col_offset=4, end_lineno=1, end_col_offset=9), lineno=1, col_offset=0, end_lineno=1, end_col_offset=9)], type_ignores=[]))kensa"},
                {R"kensa(if x: pass
)kensa",
                 R"kensa(Module(body=[If(test=Name(id='x', ctx=Load(), lineno=1, col_offset=3, end_lineno=1, end_col_offset=4), body=[Pass(lineno=1, col_offset=6, end_lineno=1, end_col_offset=10)], orelse=[], lineno=1, col_offset=0, end_lineno=1, end_col_offset=10)], type_ignores=[]))kensa"},
                {R"kensa(if x: a; b
)kensa",
                 R"kensa(Module(body=[If(test=Name(id='x', ctx=Load(), lineno=1, col_offset=3, end_lineno=1, end_col_offset=4), body=[Expr(value=Name(id='a', ctx=Load(), lineno=1, col_offset=6, end_lineno=1, end_col_offset=7), lineno=1, col_offset=6, end_lineno=1, end_col_offset=7), Expr(value=Name(id='b', ctx=Load(), lineno=1, col_offset=9, end_lineno=1, end_col_offset=10), lineno=1, col_offset=9, end_lineno=1, end_col_offset=10)], orelse=[], lineno=1, col_offset=0, end_lineno=1, end_col_offset=10)], type_ignores=[]))kensa"},
                {R"kensa(a; b;
)kensa",
                 R"kensa(Module(body=[Expr(value=Name(id='a', ctx=Load(), lineno=1, col_offset=0, end_lineno=1, end_col_offset=1), lineno=1, col_offset=0, end_lineno=1, end_col_offset=1), Expr(value=Name(id='b', ctx=Load(), lineno=1, col_offset=3, end_lineno=1, end_col_offset=4), lineno=1, col_offset=3, end_lineno=1, end_col_offset=4)], type_ignores=[]))kensa"},
                {R"kensa(x = 1;
)kensa",
                 R"kensa(Module(body=[Assign(targets=[Name(id='x', ctx=Store(), lineno=1, col_offset=0, end_lineno=1, end_col_offset=1)], value=Constant(value=1, lineno=1, col_offset=4, end_lineno=1, end_col_offset=5), lineno=1, col_offset=0, end_lineno=1, end_col_offset=5)], type_ignores=[]))kensa"},
                {R"kensa(pass
)kensa",
                 R"kensa(Module(body=[Pass(lineno=1, col_offset=0, end_lineno=1, end_col_offset=4)], type_ignores=[]))kensa"},
                {R"kensa(


)kensa",
                 R"kensa(Module(body=[], type_ignores=[]))kensa"},
                {R"kensa(# comment only
)kensa",
                 R"kensa(Module(body=[], type_ignores=[]))kensa"},
                {R"kensa()kensa", R"kensa(Module(body=[], type_ignores=[]))kensa"},
                {R"kensa(x = 1)kensa",
                 R"kensa(Module(body=[Assign(targets=[Name(id='x', ctx=Store(), lineno=1, col_offset=0, end_lineno=1, end_col_offset=1)], value=Constant(value=1, lineno=1, col_offset=4, end_lineno=1, end_col_offset=5), lineno=1, col_offset=0, end_lineno=1, end_col_offset=5)], type_ignores=[]))kensa"},
                {R"kensa(if x:
    pass)kensa",
                 R"kensa(Module(body=[If(test=Name(id='x', ctx=Load(), lineno=1, col_offset=3, end_lineno=1, end_col_offset=4), body=[Pass(lineno=2, col_offset=4, end_lineno=2, end_col_offset=8)], orelse=[], lineno=1, col_offset=0, end_lineno=2, end_col_offset=8)], type_ignores=[]))kensa"},
                {R"kensa(def f(
    a,
    b,
):
    pass
)kensa",
                 R"kensa(Module(body=[FunctionDef(name='f', args=arguments(posonlyargs=[], args=[arg(arg='a', lineno=2, col_offset=4, end_lineno=2, end_col_offset=5), arg(arg='b', lineno=3, col_offset=4, end_lineno=3, end_col_offset=5)], kwonlyargs=[], kw_defaults=[], defaults=[]), body=[Pass(lineno=5, col_offset=4, end_lineno=5, end_col_offset=8)], decorator_list=[], lineno=1, col_offset=0, end_lineno=5, end_col_offset=8)], type_ignores=[]))kensa"},
                {R"kensa(x = [
    1,
    2,
]
)kensa",
                 R"kensa(Module(body=[Assign(targets=[Name(id='x', ctx=Store(), lineno=1, col_offset=0, end_lineno=1, end_col_offset=1)], value=List(elts=[Constant(value=1, lineno=2, col_offset=4, end_lineno=2, end_col_offset=5), Constant(value=2, lineno=3, col_offset=4, end_lineno=3, end_col_offset=5)], ctx=Load(), lineno=1, col_offset=4, end_lineno=4, end_col_offset=1), lineno=1, col_offset=0, end_lineno=4, end_col_offset=1)], type_ignores=[]))kensa"},
                {R"kensa(x = 1 \
  + 2
)kensa",
                 R"kensa(Module(body=[Assign(targets=[Name(id='x', ctx=Store(), lineno=1, col_offset=0, end_lineno=1, end_col_offset=1)], value=BinOp(left=Constant(value=1, lineno=1, col_offset=4, end_lineno=1, end_col_offset=5), op=Add(), right=Constant(value=2, lineno=2, col_offset=4, end_lineno=2, end_col_offset=5), lineno=1, col_offset=4, end_lineno=2, end_col_offset=5), lineno=1, col_offset=0, end_lineno=2, end_col_offset=5)], type_ignores=[]))kensa"},
                {R"kensa(match x:
    case 1: pass
)kensa",
                 R"kensa(Module(body=[Match(subject=Name(id='x', ctx=Load(), lineno=1, col_offset=6, end_lineno=1, end_col_offset=7), cases=[match_case(pattern=MatchValue(value=Constant(value=1, lineno=2, col_offset=9, end_lineno=2, end_col_offset=10), lineno=2, col_offset=9, end_lineno=2, end_col_offset=10), body=[Pass(lineno=2, col_offset=12, end_lineno=2, end_col_offset=16)])], lineno=1, col_offset=0, end_lineno=2, end_col_offset=16)], type_ignores=[]))kensa"},
                {R"kensa(match x:
    case -1: pass
    case 1+2j: pass
    case -1-2j: pass
)kensa",
                 R"kensa(Module(body=[Match(subject=Name(id='x', ctx=Load(), lineno=1, col_offset=6, end_lineno=1, end_col_offset=7), cases=[match_case(pattern=MatchValue(value=UnaryOp(op=USub(), operand=Constant(value=1, lineno=2, col_offset=10, end_lineno=2, end_col_offset=11), lineno=2, col_offset=9, end_lineno=2, end_col_offset=11), lineno=2, col_offset=9, end_lineno=2, end_col_offset=11), body=[Pass(lineno=2, col_offset=13, end_lineno=2, end_col_offset=17)]), match_case(pattern=MatchValue(value=BinOp(left=Constant(value=1, lineno=3, col_offset=9, end_lineno=3, end_col_offset=10), op=Add(), right=Constant(value=2j, lineno=3, col_offset=11, end_lineno=3, end_col_offset=13), lineno=3, col_offset=9, end_lineno=3, end_col_offset=13), lineno=3, col_offset=9, end_lineno=3, end_col_offset=13), body=[Pass(lineno=3, col_offset=15, end_lineno=3, end_col_offset=19)]), match_case(pattern=MatchValue(value=BinOp(left=UnaryOp(op=USub(), operand=Constant(value=1, lineno=4, col_offset=10, end_lineno=4, end_col_offset=11), lineno=4, col_offset=9, end_lineno=4, end_col_offset=11), op=Sub(), right=Constant(value=2j, lineno=4, col_offset=12, end_lineno=4, end_col_offset=14), lineno=4, col_offset=9, end_lineno=4, end_col_offset=14), lineno=4, col_offset=9, end_lineno=4, end_col_offset=14), body=[Pass(lineno=4, col_offset=16, end_lineno=4, end_col_offset=20)])], lineno=1, col_offset=0, end_lineno=4, end_col_offset=20)], type_ignores=[]))kensa"},
                {R"kensa(match x:
    case "a" "b": pass
    case b"x": pass
)kensa",
                 R"kensa(Module(body=[Match(subject=Name(id='x', ctx=Load(), lineno=1, col_offset=6, end_lineno=1, end_col_offset=7), cases=[match_case(pattern=MatchValue(value=Constant(value='ab', lineno=2, col_offset=9, end_lineno=2, end_col_offset=16), lineno=2, col_offset=9, end_lineno=2, end_col_offset=16), body=[Pass(lineno=2, col_offset=18, end_lineno=2, end_col_offset=22)]), match_case(pattern=MatchValue(value=Constant(value=b'x', lineno=3, col_offset=9, end_lineno=3, end_col_offset=13), lineno=3, col_offset=9, end_lineno=3, end_col_offset=13), body=[Pass(lineno=3, col_offset=15, end_lineno=3, end_col_offset=19)])], lineno=1, col_offset=0, end_lineno=3, end_col_offset=19)], type_ignores=[]))kensa"},
                {R"kensa(match x:
    case None: pass
    case True: pass
    case False: pass
)kensa",
                 R"kensa(Module(body=[Match(subject=Name(id='x', ctx=Load(), lineno=1, col_offset=6, end_lineno=1, end_col_offset=7), cases=[match_case(pattern=MatchSingleton(value=None, lineno=2, col_offset=9, end_lineno=2, end_col_offset=13), body=[Pass(lineno=2, col_offset=15, end_lineno=2, end_col_offset=19)]), match_case(pattern=MatchSingleton(value=True, lineno=3, col_offset=9, end_lineno=3, end_col_offset=13), body=[Pass(lineno=3, col_offset=15, end_lineno=3, end_col_offset=19)]), match_case(pattern=MatchSingleton(value=False, lineno=4, col_offset=9, end_lineno=4, end_col_offset=14), body=[Pass(lineno=4, col_offset=16, end_lineno=4, end_col_offset=20)])], lineno=1, col_offset=0, end_lineno=4, end_col_offset=20)], type_ignores=[]))kensa"},
                {R"kensa(match x:
    case a: pass
    case _: pass
)kensa",
                 R"kensa(Module(body=[Match(subject=Name(id='x', ctx=Load(), lineno=1, col_offset=6, end_lineno=1, end_col_offset=7), cases=[match_case(pattern=MatchAs(name='a', lineno=2, col_offset=9, end_lineno=2, end_col_offset=10), body=[Pass(lineno=2, col_offset=12, end_lineno=2, end_col_offset=16)]), match_case(pattern=MatchAs(lineno=3, col_offset=9, end_lineno=3, end_col_offset=10), body=[Pass(lineno=3, col_offset=12, end_lineno=3, end_col_offset=16)])], lineno=1, col_offset=0, end_lineno=3, end_col_offset=16)], type_ignores=[]))kensa"},
                {R"kensa(match x:
    case a.b: pass
    case a.b.c: pass
)kensa",
                 R"kensa(Module(body=[Match(subject=Name(id='x', ctx=Load(), lineno=1, col_offset=6, end_lineno=1, end_col_offset=7), cases=[match_case(pattern=MatchValue(value=Attribute(value=Name(id='a', ctx=Load(), lineno=2, col_offset=9, end_lineno=2, end_col_offset=10), attr='b', ctx=Load(), lineno=2, col_offset=9, end_lineno=2, end_col_offset=12), lineno=2, col_offset=9, end_lineno=2, end_col_offset=12), body=[Pass(lineno=2, col_offset=14, end_lineno=2, end_col_offset=18)]), match_case(pattern=MatchValue(value=Attribute(value=Attribute(value=Name(id='a', ctx=Load(), lineno=3, col_offset=9, end_lineno=3, end_col_offset=10), attr='b', ctx=Load(), lineno=3, col_offset=9, end_lineno=3, end_col_offset=12), attr='c', ctx=Load(), lineno=3, col_offset=9, end_lineno=3, end_col_offset=14), lineno=3, col_offset=9, end_lineno=3, end_col_offset=14), body=[Pass(lineno=3, col_offset=16, end_lineno=3, end_col_offset=20)])], lineno=1, col_offset=0, end_lineno=3, end_col_offset=20)], type_ignores=[]))kensa"},
                {R"kensa(match x:
    case (a): pass
    case (a,): pass
    case (): pass
    case []: pass
)kensa",
                 R"kensa(Module(body=[Match(subject=Name(id='x', ctx=Load(), lineno=1, col_offset=6, end_lineno=1, end_col_offset=7), cases=[match_case(pattern=MatchAs(name='a', lineno=2, col_offset=10, end_lineno=2, end_col_offset=11), body=[Pass(lineno=2, col_offset=14, end_lineno=2, end_col_offset=18)]), match_case(pattern=MatchSequence(patterns=[MatchAs(name='a', lineno=3, col_offset=10, end_lineno=3, end_col_offset=11)], lineno=3, col_offset=9, end_lineno=3, end_col_offset=13), body=[Pass(lineno=3, col_offset=15, end_lineno=3, end_col_offset=19)]), match_case(pattern=MatchSequence(patterns=[], lineno=4, col_offset=9, end_lineno=4, end_col_offset=11), body=[Pass(lineno=4, col_offset=13, end_lineno=4, end_col_offset=17)]), match_case(pattern=MatchSequence(patterns=[], lineno=5, col_offset=9, end_lineno=5, end_col_offset=11), body=[Pass(lineno=5, col_offset=13, end_lineno=5, end_col_offset=17)])], lineno=1, col_offset=0, end_lineno=5, end_col_offset=17)], type_ignores=[]))kensa"},
                {R"kensa(match x:
    case [a, *b, c]: pass
    case [*_]: pass
)kensa",
                 R"kensa(Module(body=[Match(subject=Name(id='x', ctx=Load(), lineno=1, col_offset=6, end_lineno=1, end_col_offset=7), cases=[match_case(pattern=MatchSequence(patterns=[MatchAs(name='a', lineno=2, col_offset=10, end_lineno=2, end_col_offset=11), MatchStar(name='b', lineno=2, col_offset=13, end_lineno=2, end_col_offset=15), MatchAs(name='c', lineno=2, col_offset=17, end_lineno=2, end_col_offset=18)], lineno=2, col_offset=9, end_lineno=2, end_col_offset=19), body=[Pass(lineno=2, col_offset=21, end_lineno=2, end_col_offset=25)]), match_case(pattern=MatchSequence(patterns=[MatchStar(lineno=3, col_offset=10, end_lineno=3, end_col_offset=12)], lineno=3, col_offset=9, end_lineno=3, end_col_offset=13), body=[Pass(lineno=3, col_offset=15, end_lineno=3, end_col_offset=19)])], lineno=1, col_offset=0, end_lineno=3, end_col_offset=19)], type_ignores=[]))kensa"},
                {R"kensa(match x:
    case a, b: pass
    case *a, b: pass
)kensa",
                 R"kensa(Module(body=[Match(subject=Name(id='x', ctx=Load(), lineno=1, col_offset=6, end_lineno=1, end_col_offset=7), cases=[match_case(pattern=MatchSequence(patterns=[MatchAs(name='a', lineno=2, col_offset=9, end_lineno=2, end_col_offset=10), MatchAs(name='b', lineno=2, col_offset=12, end_lineno=2, end_col_offset=13)], lineno=2, col_offset=9, end_lineno=2, end_col_offset=13), body=[Pass(lineno=2, col_offset=15, end_lineno=2, end_col_offset=19)]), match_case(pattern=MatchSequence(patterns=[MatchStar(name='a', lineno=3, col_offset=9, end_lineno=3, end_col_offset=11), MatchAs(name='b', lineno=3, col_offset=13, end_lineno=3, end_col_offset=14)], lineno=3, col_offset=9, end_lineno=3, end_col_offset=14), body=[Pass(lineno=3, col_offset=16, end_lineno=3, end_col_offset=20)])], lineno=1, col_offset=0, end_lineno=3, end_col_offset=20)], type_ignores=[]))kensa"},
                {R"kensa(match x:
    case {}: pass
    case {1: a, "b": c, **d}: pass
    case {**r}: pass
    case {a.b: c}: pass
)kensa",
                 R"kensa(Module(body=[Match(subject=Name(id='x', ctx=Load(), lineno=1, col_offset=6, end_lineno=1, end_col_offset=7), cases=[match_case(pattern=MatchMapping(keys=[], patterns=[], lineno=2, col_offset=9, end_lineno=2, end_col_offset=11), body=[Pass(lineno=2, col_offset=13, end_lineno=2, end_col_offset=17)]), match_case(pattern=MatchMapping(keys=[Constant(value=1, lineno=3, col_offset=10, end_lineno=3, end_col_offset=11), Constant(value='b', lineno=3, col_offset=16, end_lineno=3, end_col_offset=19)], patterns=[MatchAs(name='a', lineno=3, col_offset=13, end_lineno=3, end_col_offset=14), MatchAs(name='c', lineno=3, col_offset=21, end_lineno=3, end_col_offset=22)], rest='d', lineno=3, col_offset=9, end_lineno=3, end_col_offset=28), body=[Pass(lineno=3, col_offset=30, end_lineno=3, end_col_offset=34)]), match_case(pattern=MatchMapping(keys=[], patterns=[], rest='r', lineno=4, col_offset=9, end_lineno=4, end_col_offset=14), body=[Pass(lineno=4, col_offset=16, end_lineno=4, end_col_offset=20)]), match_case(pattern=MatchMapping(keys=[Attribute(value=Name(id='a', ctx=Load(), lineno=5, col_offset=10, end_lineno=5, end_col_offset=11), attr='b', ctx=Load(), lineno=5, col_offset=10, end_lineno=5, end_col_offset=13)], patterns=[MatchAs(name='c', lineno=5, col_offset=15, end_lineno=5, end_col_offset=16)], lineno=5, col_offset=9, end_lineno=5, end_col_offset=17), body=[Pass(lineno=5, col_offset=19, end_lineno=5, end_col_offset=23)])], lineno=1, col_offset=0, end_lineno=5, end_col_offset=23)], type_ignores=[]))kensa"},
                {R"kensa(match x:
    case C(): pass
    case C(a, b): pass
    case C(a=1, b=2): pass
    case C(a, b=2,): pass
    case a.B(x): pass
)kensa",
                 R"kensa(Module(body=[Match(subject=Name(id='x', ctx=Load(), lineno=1, col_offset=6, end_lineno=1, end_col_offset=7), cases=[match_case(pattern=MatchClass(cls=Name(id='C', ctx=Load(), lineno=2, col_offset=9, end_lineno=2, end_col_offset=10), patterns=[], kwd_attrs=[], kwd_patterns=[], lineno=2, col_offset=9, end_lineno=2, end_col_offset=12), body=[Pass(lineno=2, col_offset=14, end_lineno=2, end_col_offset=18)]), match_case(pattern=MatchClass(cls=Name(id='C', ctx=Load(), lineno=3, col_offset=9, end_lineno=3, end_col_offset=10), patterns=[MatchAs(name='a', lineno=3, col_offset=11, end_lineno=3, end_col_offset=12), MatchAs(name='b', lineno=3, col_offset=14, end_lineno=3, end_col_offset=15)], kwd_attrs=[], kwd_patterns=[], lineno=3, col_offset=9, end_lineno=3, end_col_offset=16), body=[Pass(lineno=3, col_offset=18, end_lineno=3, end_col_offset=22)]), match_case(pattern=MatchClass(cls=Name(id='C', ctx=Load(), lineno=4, col_offset=9, end_lineno=4, end_col_offset=10), patterns=[], kwd_attrs=['a', 'b'], kwd_patterns=[MatchValue(value=Constant(value=1, lineno=4, col_offset=13, end_lineno=4, end_col_offset=14), lineno=4, col_offset=13, end_lineno=4, end_col_offset=14), MatchValue(value=Constant(value=2, lineno=4, col_offset=18, end_lineno=4, end_col_offset=19), lineno=4, col_offset=18, end_lineno=4, end_col_offset=19)], lineno=4, col_offset=9, end_lineno=4, end_col_offset=20), body=[Pass(lineno=4, col_offset=22, end_lineno=4, end_col_offset=26)]), match_case(pattern=MatchClass(cls=Name(id='C', ctx=Load(), lineno=5, col_offset=9, end_lineno=5, end_col_offset=10), patterns=[MatchAs(name='a', lineno=5, col_offset=11, end_lineno=5, end_col_offset=12)], kwd_attrs=['b'], kwd_patterns=[MatchValue(value=Constant(value=2, lineno=5, col_offset=16, end_lineno=5, end_col_offset=17), lineno=5, col_offset=16, end_lineno=5, end_col_offset=17)], lineno=5, col_offset=9, end_lineno=5, end_col_offset=19), body=[Pass(lineno=5, col_offset=21, end_lineno=5, end_col_offset=25)]), match_case(pattern=MatchClass(cls=Attribute(value=Name(id='a', ctx=Load(), lineno=6, col_offset=9, end_lineno=6, end_col_offset=10), attr='B', ctx=Load(), lineno=6, col_offset=9, end_lineno=6, end_col_offset=12), patterns=[MatchAs(name='x', lineno=6, col_offset=13, end_lineno=6, end_col_offset=14)], kwd_attrs=[], kwd_patterns=[], lineno=6, col_offset=9, end_lineno=6, end_col_offset=15), body=[Pass(lineno=6, col_offset=17, end_lineno=6, end_col_offset=21)])], lineno=1, col_offset=0, end_lineno=6, end_col_offset=21)], type_ignores=[]))kensa"},
                {R"kensa(match x:
    case 1 | 2 | 3: pass
    case (1 | 2) as y: pass
    case [a] as b if b: pass
)kensa",
                 R"kensa(Module(body=[Match(subject=Name(id='x', ctx=Load(), lineno=1, col_offset=6, end_lineno=1, end_col_offset=7), cases=[match_case(pattern=MatchOr(patterns=[MatchValue(value=Constant(value=1, lineno=2, col_offset=9, end_lineno=2, end_col_offset=10), lineno=2, col_offset=9, end_lineno=2, end_col_offset=10), MatchValue(value=Constant(value=2, lineno=2, col_offset=13, end_lineno=2, end_col_offset=14), lineno=2, col_offset=13, end_lineno=2, end_col_offset=14), MatchValue(value=Constant(value=3, lineno=2, col_offset=17, end_lineno=2, end_col_offset=18), lineno=2, col_offset=17, end_lineno=2, end_col_offset=18)], lineno=2, col_offset=9, end_lineno=2, end_col_offset=18), body=[Pass(lineno=2, col_offset=20, end_lineno=2, end_col_offset=24)]), match_case(pattern=MatchAs(pattern=MatchOr(patterns=[MatchValue(value=Constant(value=1, lineno=3, col_offset=10, end_lineno=3, end_col_offset=11), lineno=3, col_offset=10, end_lineno=3, end_col_offset=11), MatchValue(value=Constant(value=2, lineno=3, col_offset=14, end_lineno=3, end_col_offset=15), lineno=3, col_offset=14, end_lineno=3, end_col_offset=15)], lineno=3, col_offset=10, end_lineno=3, end_col_offset=15), name='y', lineno=3, col_offset=9, end_lineno=3, end_col_offset=21), body=[Pass(lineno=3, col_offset=23, end_lineno=3, end_col_offset=27)]), match_case(pattern=MatchAs(pattern=MatchSequence(patterns=[MatchAs(name='a', lineno=4, col_offset=10, end_lineno=4, end_col_offset=11)], lineno=4, col_offset=9, end_lineno=4, end_col_offset=12), name='b', lineno=4, col_offset=9, end_lineno=4, end_col_offset=17), guard=Name(id='b', ctx=Load(), lineno=4, col_offset=21, end_lineno=4, end_col_offset=22), body=[Pass(lineno=4, col_offset=24, end_lineno=4, end_col_offset=28)])], lineno=1, col_offset=0, end_lineno=4, end_col_offset=28)], type_ignores=[]))kensa"},
                {R"kensa(match x, y:
    case a, b: pass
)kensa",
                 R"kensa(Module(body=[Match(subject=Tuple(elts=[Name(id='x', ctx=Load(), lineno=1, col_offset=6, end_lineno=1, end_col_offset=7), Name(id='y', ctx=Load(), lineno=1, col_offset=9, end_lineno=1, end_col_offset=10)], ctx=Load(), lineno=1, col_offset=6, end_lineno=1, end_col_offset=10), cases=[match_case(pattern=MatchSequence(patterns=[MatchAs(name='a', lineno=2, col_offset=9, end_lineno=2, end_col_offset=10), MatchAs(name='b', lineno=2, col_offset=12, end_lineno=2, end_col_offset=13)], lineno=2, col_offset=9, end_lineno=2, end_col_offset=13), body=[Pass(lineno=2, col_offset=15, end_lineno=2, end_col_offset=19)])], lineno=1, col_offset=0, end_lineno=2, end_col_offset=19)], type_ignores=[]))kensa"},
                {R"kensa(match *x, y:
    case _: pass
)kensa",
                 R"kensa(Module(body=[Match(subject=Tuple(elts=[Starred(value=Name(id='x', ctx=Load(), lineno=1, col_offset=7, end_lineno=1, end_col_offset=8), ctx=Load(), lineno=1, col_offset=6, end_lineno=1, end_col_offset=8), Name(id='y', ctx=Load(), lineno=1, col_offset=10, end_lineno=1, end_col_offset=11)], ctx=Load(), lineno=1, col_offset=6, end_lineno=1, end_col_offset=11), cases=[match_case(pattern=MatchAs(lineno=2, col_offset=9, end_lineno=2, end_col_offset=10), body=[Pass(lineno=2, col_offset=12, end_lineno=2, end_col_offset=16)])], lineno=1, col_offset=0, end_lineno=2, end_col_offset=16)], type_ignores=[]))kensa"},
                {R"kensa(match (x):
    case _: pass
)kensa",
                 R"kensa(Module(body=[Match(subject=Name(id='x', ctx=Load(), lineno=1, col_offset=7, end_lineno=1, end_col_offset=8), cases=[match_case(pattern=MatchAs(lineno=2, col_offset=9, end_lineno=2, end_col_offset=10), body=[Pass(lineno=2, col_offset=12, end_lineno=2, end_col_offset=16)])], lineno=1, col_offset=0, end_lineno=2, end_col_offset=16)], type_ignores=[]))kensa"},
                {R"kensa(match = 1
)kensa",
                 R"kensa(Module(body=[Assign(targets=[Name(id='match', ctx=Store(), lineno=1, col_offset=0, end_lineno=1, end_col_offset=5)], value=Constant(value=1, lineno=1, col_offset=8, end_lineno=1, end_col_offset=9), lineno=1, col_offset=0, end_lineno=1, end_col_offset=9)], type_ignores=[]))kensa"},
                {R"kensa(match(x)
)kensa",
                 R"kensa(Module(body=[Expr(value=Call(func=Name(id='match', ctx=Load(), lineno=1, col_offset=0, end_lineno=1, end_col_offset=5), args=[Name(id='x', ctx=Load(), lineno=1, col_offset=6, end_lineno=1, end_col_offset=7)], keywords=[], lineno=1, col_offset=0, end_lineno=1, end_col_offset=8), lineno=1, col_offset=0, end_lineno=1, end_col_offset=8)], type_ignores=[]))kensa"},
                {R"kensa(match.x = 1
)kensa",
                 R"kensa(Module(body=[Assign(targets=[Attribute(value=Name(id='match', ctx=Load(), lineno=1, col_offset=0, end_lineno=1, end_col_offset=5), attr='x', ctx=Store(), lineno=1, col_offset=0, end_lineno=1, end_col_offset=7)], value=Constant(value=1, lineno=1, col_offset=10, end_lineno=1, end_col_offset=11), lineno=1, col_offset=0, end_lineno=1, end_col_offset=11)], type_ignores=[]))kensa"},
                {R"kensa(case = 1
)kensa",
                 R"kensa(Module(body=[Assign(targets=[Name(id='case', ctx=Store(), lineno=1, col_offset=0, end_lineno=1, end_col_offset=4)], value=Constant(value=1, lineno=1, col_offset=7, end_lineno=1, end_col_offset=8), lineno=1, col_offset=0, end_lineno=1, end_col_offset=8)], type_ignores=[]))kensa"},
                {R"kensa(_ = 1
)kensa",
                 R"kensa(Module(body=[Assign(targets=[Name(id='_', ctx=Store(), lineno=1, col_offset=0, end_lineno=1, end_col_offset=1)], value=Constant(value=1, lineno=1, col_offset=4, end_lineno=1, end_col_offset=5), lineno=1, col_offset=0, end_lineno=1, end_col_offset=5)], type_ignores=[]))kensa"},
                {R"kensa(match x:
    case _ as y: pass
)kensa",
                 R"kensa(Module(body=[Match(subject=Name(id='x', ctx=Load(), lineno=1, col_offset=6, end_lineno=1, end_col_offset=7), cases=[match_case(pattern=MatchAs(pattern=MatchAs(lineno=2, col_offset=9, end_lineno=2, end_col_offset=10), name='y', lineno=2, col_offset=9, end_lineno=2, end_col_offset=15), body=[Pass(lineno=2, col_offset=17, end_lineno=2, end_col_offset=21)])], lineno=1, col_offset=0, end_lineno=2, end_col_offset=21)], type_ignores=[]))kensa"},
                {R"kensa(match x:
    case a if b: pass
)kensa",
                 R"kensa(Module(body=[Match(subject=Name(id='x', ctx=Load(), lineno=1, col_offset=6, end_lineno=1, end_col_offset=7), cases=[match_case(pattern=MatchAs(name='a', lineno=2, col_offset=9, end_lineno=2, end_col_offset=10), guard=Name(id='b', ctx=Load(), lineno=2, col_offset=14, end_lineno=2, end_col_offset=15), body=[Pass(lineno=2, col_offset=17, end_lineno=2, end_col_offset=21)])], lineno=1, col_offset=0, end_lineno=2, end_col_offset=21)], type_ignores=[]))kensa"},
                {R"kensa(match x:
    case -0: pass
)kensa",
                 R"kensa(Module(body=[Match(subject=Name(id='x', ctx=Load(), lineno=1, col_offset=6, end_lineno=1, end_col_offset=7), cases=[match_case(pattern=MatchValue(value=UnaryOp(op=USub(), operand=Constant(value=0, lineno=2, col_offset=10, end_lineno=2, end_col_offset=11), lineno=2, col_offset=9, end_lineno=2, end_col_offset=11), lineno=2, col_offset=9, end_lineno=2, end_col_offset=11), body=[Pass(lineno=2, col_offset=13, end_lineno=2, end_col_offset=17)])], lineno=1, col_offset=0, end_lineno=2, end_col_offset=17)], type_ignores=[]))kensa"},
                {R"kensa(match x:
    case a.b(): pass
)kensa",
                 R"kensa(Module(body=[Match(subject=Name(id='x', ctx=Load(), lineno=1, col_offset=6, end_lineno=1, end_col_offset=7), cases=[match_case(pattern=MatchClass(cls=Attribute(value=Name(id='a', ctx=Load(), lineno=2, col_offset=9, end_lineno=2, end_col_offset=10), attr='b', ctx=Load(), lineno=2, col_offset=9, end_lineno=2, end_col_offset=12), patterns=[], kwd_attrs=[], kwd_patterns=[], lineno=2, col_offset=9, end_lineno=2, end_col_offset=14), body=[Pass(lineno=2, col_offset=16, end_lineno=2, end_col_offset=20)])], lineno=1, col_offset=0, end_lineno=2, end_col_offset=20)], type_ignores=[]))kensa"},
                {R"kensa(match x:
    case f"x": pass
)kensa",
                 R"kensa(Module(body=[Match(subject=Name(id='x', ctx=Load(), lineno=1, col_offset=6, end_lineno=1, end_col_offset=7), cases=[match_case(pattern=MatchValue(value=JoinedStr(values=[Constant(value='x', lineno=2, col_offset=9, end_lineno=2, end_col_offset=13)], lineno=2, col_offset=9, end_lineno=2, end_col_offset=13), lineno=2, col_offset=9, end_lineno=2, end_col_offset=13), body=[Pass(lineno=2, col_offset=15, end_lineno=2, end_col_offset=19)])], lineno=1, col_offset=0, end_lineno=2, end_col_offset=19)], type_ignores=[]))kensa"},
};

class ParserDumpTest : public testing::TestWithParam<DumpCase> {};

TEST_P(ParserDumpTest, MatchesCPython) {
  const DumpCase& c = GetParam();
  Source source = Source::FromUtf8(c.source);
  ParsedModule parsed = ParseModule(source);
  ASSERT_FALSE(parsed.error.has_value())
      << c.source << "\n"
      << parsed.error->message << " at " << parsed.error->line << ":" << parsed.error->offset;
  ASSERT_NE(parsed.module, nullptr);
  EXPECT_EQ(DumpAst(*parsed.module, source), c.dump) << c.source;
}

INSTANTIATE_TEST_SUITE_P(Constructs, ParserDumpTest, testing::ValuesIn(kCases));

TEST(ParserTest, DeepNestingIsAMemoryErrorNotACrash) {
  // CPython 3.11's parser gives up at 6000 levels with MemoryError.
  for (std::string deep : {std::string(100000, '-') + "x\n", std::string(50000, '~') + "x\n"}) {
    Source source = Source::FromUtf8(deep);
    ParsedModule parsed = ParseModule(source);
    ASSERT_TRUE(parsed.error.has_value());
    EXPECT_EQ(parsed.error->type, SyntaxError::Type::kMemoryError);
  }
  std::string parens = std::string(100000, '(') + std::string(100000, ')') + "\n";
  Source source = Source::FromUtf8(parens);
  ParsedModule parsed = ParseModule(source);
  ASSERT_TRUE(parsed.error.has_value());
  EXPECT_EQ(parsed.error->message, "too many nested parentheses");
}

TEST(ParserTest, TreesTooDeepForAstParseAreARecursionError) {
  // ast.parse, called from a script's top level, turns trees up to 2991 nodes deep into Python
  // objects ("-" * 2988 + "x": Module, Expr, 2988 UnaryOps, Name), not deeper.
  for (int n : {2988, 2989}) {
    std::string unary = std::string(n, '-') + "x\n";
    std::string sum = "x = a";
    for (int i = 0; i < n; ++i) sum += " + a";
    for (const std::string& text : {unary, sum}) {
      Source source = Source::FromUtf8(text);
      ParsedModule parsed = ParseModule(source);
      if (n == 2988) {
        EXPECT_FALSE(parsed.error.has_value()) << text.substr(0, 20);
      } else {
        ASSERT_TRUE(parsed.error.has_value());
        EXPECT_EQ(parsed.error->type, SyntaxError::Type::kRecursionError);
        EXPECT_EQ(parsed.error->message,
                  "maximum recursion depth exceeded during ast construction");
      }
    }
  }
}

}  // namespace
}  // namespace kensa::python
