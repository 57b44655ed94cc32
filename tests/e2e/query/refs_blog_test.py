#!/usr/bin/env python3
"""`kensa refs` on the blog fixture, against call sites recorded at run time.

The fixture runs as the blog ran transformers (AutoModelForCausalLM.from_pretrained) under
sys.setprofile, which records, for each call of a fixture function, the calling file:line.
For every function called from a frame whose code names it directly (the caller's code holds
the function's name: a plain call, not a call through a variable), `kensa refs` must list that
file:line as a call. Every call kensa lists must also be a line that names the function.
"""
import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile

RUN = r'''
import json, sys, os
root = sys.argv[1]
calls = set()
def profile(frame, event, arg):
    if event != "call":
        return
    code, caller = frame.f_code, frame.f_back
    if not code.co_flags & 0x2:  # CO_NEWLOCALS: a function, not a class body or a module
        return
    if caller is None or not code.co_filename.startswith(root) or not caller.f_code.co_filename.startswith(root):
        return
    calls.add((code.co_filename, code.co_firstlineno, code.co_name, caller.f_code.co_filename, caller.f_lineno))
sys.setprofile(profile)
from transformers import AutoModelForCausalLM
AutoModelForCausalLM.from_pretrained("HuggingFaceTB/SmolLM-135M")
sys.setprofile(None)
print(json.dumps(sorted(calls)))
'''


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--kensa", required=True)
    p.add_argument("--fixture", required=True)
    a = p.parse_args()
    if not os.path.isdir(a.fixture):
        print(f"no fixture at {a.fixture}; skipping")
        return 77
    work = tempfile.mkdtemp(prefix="kensa-refs-blog-")
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
        calls = json.loads(r.stdout.strip().splitlines()[-1])
        by_target = {}
        for file, first, name, caller_file, caller_line in calls:
            caller_text = open(caller_file).read().splitlines()[caller_line - 1]
            # Only calls that spell the function's name at the call site.
            if name not in caller_text or name.startswith("<"):
                continue
            by_target.setdefault((file, first, name), set()).add(
                (os.path.relpath(caller_file, root), caller_line))
        failures = checked = 0
        for (file, first, name), sites in sorted(by_target.items()):
            target = f"{os.path.relpath(file, root)}:{first}"
            k = subprocess.run([a.kensa, "refs", "-C", root, "-q", target, "--json", "--limit", "1000"],
                               capture_output=True, text=True, env=env, timeout=60)
            if k.returncode not in (0, 1):
                print(f"FAIL {name} ({target}): kensa refs exited {k.returncode}: {k.stderr.strip()}")
                failures += 1
                continue
            out = json.loads(k.stdout) if k.stdout.strip() else {"references": []}
            got = {(ref["file"], ref["line"]) for ref in out["references"] if ref["kind"] == "call"}
            missing = sites - got
            # Each call kensa reports is on a line that names the function.
            wrong = [g for g in got
                     if name not in open(os.path.join(root, g[0])).read().splitlines()[g[1] - 1]]
            checked += 1
            # A call on a receiver of unknown class (model.load_custom_generate()) is documented
            # as not found; any other runtime site missing is a failure.
            unresolvable = {s for s in missing
                            if f"self.{name}" not in open(os.path.join(root, s[0])).read().splitlines()[s[1] - 1]
                            and f".{name}(" in open(os.path.join(root, s[0])).read().splitlines()[s[1] - 1]}
            bad = (missing - unresolvable) or wrong
            print(f"{'FAIL' if bad else 'ok  '} {name}: run-time sites {sorted(sites)}, kensa "
                  f"{sorted(got)}" + (f", unknown receivers {sorted(unresolvable)}" if unresolvable else ""))
            failures += bool(bad)
        names = {n for (_, _, n) in by_target}
        for must in ("_sanitize_module_name", "get_cached_module_file"):
            if must not in names:
                print(f"FAIL: {must} was not called at run time")
                failures += 1
        print(f"{checked} functions checked")
        return 1 if failures else 0
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
