#!/usr/bin/env python3
"""`kensa refs` on the CPython 3.11 standard library, against Python's own `ast`.

For a few module-level functions, this script finds their references itself, with `ast` over
every file of /usr/lib/python3.11 and the plain rules of the language: `import M [as a]` then
`a.f`, `from M import f [as b]` then `b` (unless the enclosing function assigns or takes a
parameter of that name), and `f` inside M. `kensa -C /usr/lib/python3.11 refs M.f --json` must
list every one of them as the same kind (call, read or import) at the same line and column, and
every reference kensa lists must be a name or attribute spelled `f` at that position.
"""
import argparse
import ast
import json
import os
import subprocess
import sys

STDLIB = "/usr/lib/python3.11"
# (module, function, other module names that are that module: os binds path = posixpath)
TARGETS = [("json", "dumps", []), ("textwrap", "dedent", []), ("shlex", "quote", []),
           ("posixpath", "join", ["os.path"]), ("copy", "deepcopy", [])]


def module_of(path):
    rel = os.path.relpath(path, STDLIB)[:-3].replace("/", ".")
    return rel[:-9] if rel.endswith(".__init__") else rel


TREES = {}


def parse(path):
    """The tree, its nodes, the ids of called expressions (decorators too), imported names."""
    if path not in TREES:
        try:
            tree = ast.parse(open(path, "rb").read())
        except (SyntaxError, ValueError):
            TREES[path] = None
            return None
        nodes = list(ast.walk(tree))
        calls = {id(n.func) for n in nodes if isinstance(n, ast.Call)}
        calls |= {id(d) for n in nodes
                  if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef))
                  for d in n.decorator_list}
        imported = {a.asname or a.name.split(".")[0] for n in nodes
                    if isinstance(n, ast.Import) for a in n.names}
        TREES[path] = (tree, nodes, calls, imported)
    return TREES[path]


def expected_refs(module, func, aliases, files):
    names_of_module = {module, *aliases}
    out = {}
    for path in files:
        if func.encode() not in open(path, "rb").read():
            continue
        parsed = parse(path)
        if parsed is None:
            continue
        tree, nodes, calls, imported = parsed
        rel = os.path.relpath(path, STDLIB)
        mod_aliases, func_aliases = set(), set()
        if module_of(path) == module:
            func_aliases.add(func)
        for node in nodes:
            if isinstance(node, ast.Import):
                for a in node.names:
                    if a.name in names_of_module:
                        if a.asname:
                            mod_aliases.add(a.asname)
                        elif "." not in a.name:
                            mod_aliases.add(a.name)
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module in names_of_module:
                for a in node.names:
                    if a.name == func:
                        func_aliases.add(a.asname or a.name)
                        out[(rel, a.lineno, a.col_offset + 1)] = "import"
        for a in sorted(names_of_module):
            if "." in a:
                mod_aliases.add(a)  # import os -> os.path.join
        if not mod_aliases and not func_aliases:
            continue

        memo = {}

        def shadowed(fn, name):
            if (id(fn), name) not in memo:
                memo[(id(fn), name)] = assigns(fn, name)
            return memo[(id(fn), name)]

        def assigns(fn, name):
            args = fn.args
            params = {a.arg for a in args.posonlyargs + args.args + args.kwonlyargs}
            params |= {a.arg for a in (args.vararg, args.kwarg) if a}
            if name in params:
                return True
            for n in ast.walk(fn):
                if isinstance(n, ast.Name) and isinstance(n.ctx, ast.Store) and n.id == name:
                    return True
            return False

        def visit(node, funcs):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)):
                for d in getattr(node, "decorator_list", []):
                    visit(d, funcs)
                for d in node.args.defaults + [d for d in node.args.kw_defaults if d]:
                    visit(d, funcs)
                body = node.body if isinstance(node.body, list) else [node.body]
                for s in body:
                    visit(s, funcs + [node])
                return
            if isinstance(node, (ast.Name, ast.Attribute)) and isinstance(node.ctx, ast.Load):
                kind = "call" if id(node) in calls else "read"
                if isinstance(node, ast.Name) and node.id in func_aliases:
                    if not any(shadowed(f, node.id) for f in funcs if not isinstance(f, ast.Lambda)):
                        out[(rel, node.lineno, node.col_offset + 1)] = kind
                    return
                if isinstance(node, ast.Attribute) and node.attr == func:
                    try:
                        dotted = ast.unparse(node.value)
                    except Exception:
                        dotted = ""
                    root = dotted.split(".")[0]
                    if dotted in mod_aliases and (root in imported or dotted in func_aliases) and \
                            not any(shadowed(f, root) for f in funcs if not isinstance(f, ast.Lambda)):
                        end = node.end_col_offset - len(func) + 1
                        if node.end_lineno == node.lineno:
                            out[(rel, node.lineno, end)] = kind
                        return
            for child in ast.iter_child_nodes(node):
                visit(child, funcs)

        visit(tree, [])
    return out


def spelled(path, line, col, name):
    text = open(path, "rb").read().split(b"\n")[line - 1]
    return text[col - 1:col - 1 + len(name)].decode("utf-8", "replace") == name


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--kensa", required=True)
    args = ap.parse_args()
    if not os.path.isdir(STDLIB):
        print("skip: no CPython 3.11 standard library")
        return 77
    files = []
    for d, dirs, names in os.walk(STDLIB):
        dirs[:] = [x for x in dirs if x not in ("site-packages", "dist-packages", "__pycache__")]
        files += [os.path.join(d, n) for n in names if n.endswith(".py")]
    env = dict(os.environ, KENSA_CACHE_DIR=os.path.join(os.environ.get("TMPDIR", "/tmp"),
                                                        "kensa-e2e-refs-cache"))
    failures = 0
    for module, func, aliases in TARGETS:
        want = expected_refs(module, func, aliases, files)
        r = subprocess.run([args.kensa, "refs", "-C", STDLIB, "-q", f"{module}.{func}", "--json",
                            "--limit", "100000"], capture_output=True, text=True, env=env)
        if r.returncode not in (0, 1):
            print(f"FAIL {module}.{func}: exit {r.returncode}: {r.stderr.strip()}")
            failures += 1
            continue
        got = {(x["file"], x["line"], x["column"]): x["kind"] for x in json.loads(r.stdout)["references"]}
        missing = {k: v for k, v in want.items() if got.get(k) != v}
        misspelled = [k for k in got if not spelled(os.path.join(STDLIB, k[0]), k[1], k[2], func)]
        extra = len(set(got) - set(want))
        bad = bool(missing or misspelled)
        print(f"{'FAIL' if bad else 'ok  '} {module}.{func}: ast finds {len(want)}, kensa {len(got)} "
              f"({extra} more than the plain rules: re-exports, self, nested scopes)")
        for k in sorted(missing)[:10]:
            print(f"    missing {k} {want[k]} (kensa: {got.get(k)})")
        for k in misspelled[:10]:
            print(f"    not spelled {func}: {k}")
        failures += bad
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
