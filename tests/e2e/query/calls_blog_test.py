#!/usr/bin/env python3
"""`kensa callers`, `callees` and `why` on the blog fixture, against what the fixture does at
run time.

The fixture runs as the blog ran transformers (AutoModelForCausalLM.from_pretrained) under
sys.setprofile, which records each call between fixture functions (caller, call line, callee)
and the stack at the call of _sanitize_module_name. Then:
  - callers: for each function called at run time from a line that names it, `kensa callers`
    lists that caller and line (unless the call goes through a receiver of unknown class);
  - callees: every callee kensa gives a function, at a line of its source that names it;
  - why: every hop of every path kensa prints is a call site whose line names the callee (or
    a decorator line, or a call of a parameter); with --require-chain also the run-time stack
    from _BaseAutoModelClass.from_pretrained down to _sanitize_module_name must be one of the
    paths `kensa why` prints with its default limit (the blog's chain), and its
    model.load_custom_generate hop (model = cls(...) in PreTrainedModel.from_pretrained, a
    class that lacks the method; its subclass LlamaForCausalLM has it through GenerationMixin)
    must say it was resolved by the class hierarchy through a subclass.
"""
import argparse
import ast
import json
import os
import shutil
import subprocess
import sys
import tempfile

RUN = r'''
import json, sys
root = sys.argv[1]
calls, stack_at = set(), []
def name_of(code, frame):
    q = code.co_qualname.replace(".<locals>", "")
    for inner in (".<listcomp>", ".<genexpr>", ".<dictcomp>", ".<setcomp>"):
        q = q.replace(inner, "")  # a comprehension runs in its function, for the call graph
    mod = frame.f_globals.get("__name__", "")
    return mod + "." + q
def profile(frame, event, arg):
    if event != "call" or not frame.f_code.co_flags & 0x2:
        return
    code, caller = frame.f_code, frame.f_back
    if caller is None or not code.co_filename.startswith(root) or not caller.f_code.co_filename.startswith(root):
        return
    calls.add((name_of(caller.f_code, caller), caller.f_code.co_filename, caller.f_lineno, name_of(code, frame)))
    if code.co_name == "_sanitize_module_name" and not stack_at:
        f = frame
        while f is not None and f.f_code.co_filename.startswith(root):
            stack_at.append(name_of(f.f_code, f))
            f = f.f_back
sys.setprofile(profile)
from transformers import AutoModelForCausalLM
AutoModelForCausalLM.from_pretrained("HuggingFaceTB/SmolLM-135M")
sys.setprofile(None)
print(json.dumps({"calls": sorted(calls), "stack": stack_at[::-1]}))
'''


def line_of(root, rel, line):
    return open(os.path.join(root, rel)).read().splitlines()[line - 1]


def calls_a_parameter(root, hop):
    """The hop's call site calls a parameter of its function (a decorator's wrapper calling
    `func(*args, **kwargs)`): the callee is whatever was passed, not spelled at the site."""
    tree = ast.parse(open(os.path.join(root, hop["file"])).read())
    for fn in ast.walk(tree):
        if not isinstance(fn, (ast.FunctionDef, ast.AsyncFunctionDef)):
            continue
        params = {a.arg for a in fn.args.posonlyargs + fn.args.args + fn.args.kwonlyargs}
        for node in ast.walk(fn):
            if (isinstance(node, ast.Call) and node.lineno == hop["line"] and
                    node.col_offset == hop["column"] - 1 and isinstance(node.func, ast.Name)):
                return node.func.id in params
    return False


def names(root, hop):
    """The hop's line calls its callee: names it, or is a decorator line, or calls a parameter
    holding it, or — for an implicit call (__init__ by Class(), __getitem__ by x[...]) or an
    edge resolved by the class hierarchy or through a decorator's wrapper — holds a call or
    subscript."""
    text = line_of(root, hop["file"], hop["line"])
    last = hop["callee"].split(".")[-1]
    if last in text or text.strip().startswith("@") or calls_a_parameter(root, hop):
        return True
    implicit = last.startswith("__") or hop["how"] in ("class-hierarchy", "hierarchy", "decorator")
    return implicit and ("(" in text or "[" in text)


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--kensa", required=True)
    p.add_argument("--fixture", required=True)
    p.add_argument("--require-chain", action="store_true")
    a = p.parse_args()
    if not os.path.isdir(a.fixture):
        print(f"no fixture at {a.fixture}; skipping")
        return 77
    work = tempfile.mkdtemp(prefix="kensa-calls-blog-")
    try:
        root = os.path.join(work, "blog_transformers")
        shutil.copytree(a.fixture, root, ignore=shutil.ignore_patterns("__pycache__"))
        env = dict(os.environ, PYTHONPATH=os.path.join(root, "src"), PYTHONDONTWRITEBYTECODE="1",
                   KENSA_CACHE_DIR=os.path.join(work, "cache"))
        r = subprocess.run(["/usr/bin/python3", "-c", RUN, root + "/"], capture_output=True,
                           text=True, env=env, cwd=work, timeout=120)
        if r.returncode != 0:
            print(f"FAIL: the fixture did not run:\n{r.stderr}")
            return 1
        run = json.loads(r.stdout.strip().splitlines()[-1])

        def kensa(*args):
            k = subprocess.run([a.kensa, "-C", root] + list(args) + ["-q", "--json"],
                               capture_output=True, text=True, env=env, timeout=60)
            if k.returncode not in (0, 1):
                raise RuntimeError(f"kensa {' '.join(args)} exited {k.returncode}: {k.stderr}")
            return json.loads(k.stdout) if k.stdout.strip() else {}

        failures = 0
        by_callee = {}
        for caller, file, line, callee in run["calls"]:
            rel = os.path.relpath(file, root)
            if callee.split(".")[-1] in line_of(root, rel, line):
                by_callee.setdefault(callee, set()).add((caller, rel, line))
        for callee, sites in sorted(by_callee.items()):
            got = kensa("callers", callee, "--limit", "1000").get("calls", [])
            # A call in a class body belongs to the class or (as PyCG has it) to its module.
            missing = {s for s in sites
                       if not any(h["file"] == s[1] and h["line"] == s[2] and
                                  (s[0] == h["function"] or s[0].startswith(h["function"] + "."))
                                  for h in got) and
                       f".{callee.split('.')[-1]}(" not in line_of(root, s[1], s[2]).replace("self.", "")}
            wrong = [h for h in got if not names(root, h)]
            bad = missing or wrong
            print(f"{'FAIL' if bad else 'ok  '} callers {callee}: run time {len(sites)}, kensa {len(got)}"
                  + (f"; missing {sorted(missing)}" if missing else "") + (f"; not a call {wrong}" if wrong else ""))
            failures += bool(bad)
            out = kensa("callees", callee, "--limit", "1000").get("calls", [])
            wrong = [h for h in out if h["how"] not in ("builtin", "external") and not names(root, h)]
            if wrong:
                print(f"FAIL callees {callee}: not calls {wrong}")
                failures += 1
        stack = run["stack"]
        start = stack.index("transformers.models.auto.auto_factory._BaseAutoModelClass.from_pretrained")
        chain = stack[start:]
        why = kensa("why", chain[0], "_sanitize_module_name", "--limit", "20")
        paths = why.get("paths", [])
        for path in paths:
            for hop in path:
                if not names(root, hop):
                    print(f"FAIL why: hop {hop} is not a call of {hop['callee']}")
                    failures += 1
        found = any([path[0]["function"]] + [h["callee"] for h in path] == chain for path in paths)
        default_paths = kensa("why", chain[0], "_sanitize_module_name").get("paths", [])
        hits = [p for p in default_paths if [p[0]["function"]] + [h["callee"] for h in p] == chain]
        if a.require_chain and not hits:
            print(f"FAIL why: the run-time chain is not among the {len(default_paths)} paths of the default limit")
            failures += 1
        for path in hits[:1]:
            hop = next(h for h in path if h["callee"].endswith(".load_custom_generate"))
            subclass_hop = hop["how"] == "class-hierarchy" and "subclass" in hop.get("note", "")
            print(f"{'ok  ' if subclass_hop else 'FAIL'} why: the load_custom_generate hop is "
                  f"[{hop['how']}: {hop.get('note', '')}]")
            failures += not subclass_hop
        print(f"{'ok  ' if found else 'note'} why: the run-time chain {' -> '.join(c.split('.')[-1] for c in chain)} "
              f"{'is' if found else 'is not'} among kensa's {len(paths)} paths")
        if not paths:
            print("FAIL why: no path at all")
            failures += 1
        if a.require_chain and not found:
            failures += 1
        return 1 if failures else 0
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
