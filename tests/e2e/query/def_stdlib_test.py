#!/usr/bin/env python3
"""`kensa def` on the CPython 3.11 standard library, against CPython's own answer.

For each name, /usr/bin/python3 imports the object and asks `inspect.getsourcefile` and
`inspect.getsourcelines` where it is defined; `kensa -C /usr/lib/python3.11 def NAME --json`
must give that file and line (its first match's `file` and `first_line`: inspect starts at
the first decorator). The names are a chosen list (re-exports, aliases such as os.path,
inherited members) and every public function, class and method of a sample of modules, so
nothing here comes from kensa's output.
"""
import argparse
import json
import os
import subprocess
import sys

STDLIB = "/usr/lib/python3.11"

CHOSEN = [
    "json.dumps",                        # defined in json/__init__.py
    "json.JSONDecoder.decode",           # re-exported from json.decoder
    "http.cookies.Morsel.set",
    "http.cookies.BaseCookie.__setitem__",
    "http.cookies.SimpleCookie.__setitem__",  # inherited from BaseCookie
    "os.path.join",                      # os binds path = posixpath on Linux
    "os.path.exists",                    # posixpath takes it from genericpath (star import)
    "collections.OrderedDict",
    "logging.getLogger",
    "logging.Logger.warning",
    "email.message.Message.get_payload",
    "http.cookies.BaseCookie._BaseCookie__set",  # a private name, mangled
    "importlib.import_module",
    "urllib.parse.urlsplit",
    "argparse.ArgumentParser.add_argument",  # inherited from _ActionsContainer
    "unittest.TestCase.assertEqual",
    "xml.etree.ElementTree.parse",
    "asyncio.run",                       # asyncio re-exports its submodules with star imports
]

SAMPLE_MODULES = ["json", "textwrap", "shlex", "fractions", "http.cookies",
                  "calendar", "tomllib"]

# Runs in the oracle: prints {name: [relative file, line]} for the chosen names and the sample.
ORACLE = r'''
import importlib, inspect, json, sys, os
stdlib, chosen, modules = sys.argv[1], json.loads(sys.argv[2]), json.loads(sys.argv[3])
def resolve(name):
    parts = name.split(".")
    for k in range(len(parts), 0, -1):
        try:
            obj = importlib.import_module(".".join(parts[:k]))
        except ImportError:
            continue
        for p in parts[k:]:
            obj = getattr(obj, p)
        return obj
def where(obj):
    obj = inspect.unwrap(obj)
    f = inspect.getsourcefile(obj)
    if f is None or not f.startswith(stdlib + "/"):
        return None
    return [os.path.relpath(f, stdlib), inspect.getsourcelines(obj)[1]]
out = {}
for name in chosen:
    out[name] = where(resolve(name))
for modname in modules:
    mod = importlib.import_module(modname)
    for attr, obj in sorted(vars(mod).items()):
        if attr.startswith("_") or getattr(obj, "__module__", None) != modname:
            continue
        if not (inspect.isclass(obj) or inspect.isfunction(obj)):
            continue
        try:
            out[modname + "." + attr] = where(obj)
        except (OSError, TypeError):
            continue
        if inspect.isclass(obj):
            for m, member in sorted(vars(obj).items()):
                if m.startswith("__") or not inspect.isfunction(member):
                    continue
                try:
                    out[modname + "." + attr + "." + m] = where(member)
                except (OSError, TypeError):
                    pass
print(json.dumps({k: v for k, v in out.items() if v is not None}))
'''


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--kensa", required=True)
    args = ap.parse_args()
    if not os.path.isdir(STDLIB) or not os.path.exists("/usr/bin/python3"):
        print("skip: no CPython 3.11 standard library")
        return 77
    env = dict(os.environ, KENSA_CACHE_DIR=os.path.join(os.environ.get("TMPDIR", "/tmp"),
                                                        "kensa-e2e-def-cache"))
    expected = json.loads(subprocess.run(
        ["/usr/bin/python3", "-c", ORACLE, STDLIB, json.dumps(CHOSEN), json.dumps(SAMPLE_MODULES)],
        check=True, capture_output=True, text=True, cwd="/").stdout)
    failures, sample_total, sample_bad = [], 0, 0
    for name, (file, line) in expected.items():
        r = subprocess.run([args.kensa, "def", "-C", STDLIB, "-q", name, "--json"],
                           capture_output=True, text=True, env=env)
        got = None
        if r.returncode == 0:
            d = json.loads(r.stdout)["definitions"][0]
            got = [d["file"], d["first_line"]]
        elif r.returncode not in (0, 1):
            failures.append(f"{name}: exit {r.returncode}: {r.stderr.strip()}")
            continue
        ok = got == [file, line]
        if name not in CHOSEN:
            sample_total += 1
            sample_bad += not ok
        if not ok:
            failures.append(f"{name}: inspect says {file}:{line}, kensa {got}")
    chosen_bad = [f for f in failures if f.split(":")[0] in CHOSEN]
    for f in failures:
        print("FAIL" if f.split(":")[0] in CHOSEN else "miss", f)
    print(f"chosen: {len(CHOSEN) - len(chosen_bad)}/{len(CHOSEN)}; sample: "
          f"{sample_total - sample_bad}/{sample_total}")
    # Every chosen name must be right; the sample may hold a few names defined dynamically.
    if chosen_bad or sample_total < 60 or sample_bad > sample_total * 0.03:
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
