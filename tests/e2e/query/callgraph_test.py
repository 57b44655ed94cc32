"""End-to-end test of `kensa callgraph` against call edges recorded at run time.

Each program under tests/fixtures/callgraph/*/ is run (main.py, in a temporary copy) by this
interpreter with a sys.setprofile tracer, which records every call from a function of the
program to a function of the program or to a builtin, named as PyCG names them (module path
relative to the program's folder + qualified name without `<locals>`; the entry is `main`).
kensa's graph must hold every recorded edge; no edge may reach a function named `never_*`
(the fixtures never call those). The --json output is checked for its documented fields, and
bad input for its exit status.

Usage: /usr/bin/python3 tests/e2e/query/callgraph_test.py --kensa build/kensa [--fixtures DIR]
"""

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
DEFAULT_FIXTURES = os.path.join(HERE, "..", "..", "fixtures", "callgraph")

# Run in a child interpreter: records (caller, callee) pairs and prints them as JSON.
TRACER = r'''
import json, os, sys, builtins
root = os.path.realpath(sys.argv[1])
edges = set()

def module_of(code):
    path = os.path.realpath(code.co_filename)
    if not path.startswith(root + os.sep):
        return None
    rel = os.path.relpath(path, root)[:-3].replace(os.sep, ".")
    return rel[:-9] if rel.endswith(".__init__") else rel

def name_of(frame):
    # The function a frame belongs to; comprehensions and class bodies belong to their scope.
    while frame is not None:
        code = frame.f_code
        mod = module_of(code)
        if mod is None:
            return None
        if code.co_name == "<module>":
            return mod
        if code.co_flags & 0x1 and code.co_name not in ("<listcomp>", "<dictcomp>", "<setcomp>", "<genexpr>"):
            return mod + "." + code.co_qualname.replace(".<locals>", "")
        frame = frame.f_back
    return None

def profile(frame, event, arg):
    if event == "call":
        code = frame.f_code
        if not code.co_flags & 0x1 or code.co_name in ("<listcomp>", "<dictcomp>", "<setcomp>", "<genexpr>"):
            return  # module and class bodies, comprehensions: not calls PyCG counts
        callee = name_of(frame)
        caller = name_of(frame.f_back) if frame.f_back else None
        if callee and caller:
            edges.add((caller, callee))
    elif event == "c_call":
        if getattr(arg, "__self__", None) is builtins and not arg.__name__.startswith("__"):
            caller = name_of(frame)
            if caller:
                edges.add((caller, "<builtin>." + arg.__name__))

sys.path.insert(0, root)
sys.argv = [os.path.join(root, "main.py")]
sys.setprofile(profile)
try:
    import runpy
    runpy.run_path(os.path.join(root, "main.py"), run_name="__main__")
finally:
    sys.setprofile(None)
    print("EDGES" + json.dumps(sorted(edges)))
'''


def record(program_dir):
    proc = subprocess.run([sys.executable, "-c", TRACER, program_dir], capture_output=True,
                          text=True, timeout=60)
    if proc.returncode != 0:
        raise SystemExit(f"FAIL: {program_dir} does not run: {proc.stderr}")
    line = [l for l in proc.stdout.splitlines() if l.startswith("EDGES")][-1]
    return {tuple(e) for e in json.loads(line[5:])}


def kensa_edges(kensa, program_dir):
    proc = subprocess.run([kensa, "callgraph", "--format", "pycg", "--root", program_dir,
                           os.path.join(program_dir, "main.py")], capture_output=True, text=True,
                          timeout=60)
    if proc.returncode != 0:
        raise SystemExit(f"FAIL: kensa callgraph {program_dir}: exit {proc.returncode}\n{proc.stderr}")
    graph = json.loads(proc.stdout)
    return {(a, b) for a, cs in graph.items() for b in cs}


def lambda_free(name):
    # The tracer sees `<lambda>`; kensa numbers lambdas per scope (`<lambda1>`).
    return re.sub(r"<lambda\d*>", "<lambda>", name)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--kensa", required=True)
    ap.add_argument("--fixtures", default=DEFAULT_FIXTURES)
    args = ap.parse_args()
    kensa = os.path.abspath(args.kensa)
    failures = []
    with tempfile.TemporaryDirectory() as tmp:
        for name in sorted(os.listdir(args.fixtures)):
            src = os.path.join(args.fixtures, name)
            if not os.path.isfile(os.path.join(src, "main.py")):
                continue
            work = os.path.join(tmp, name)
            shutil.copytree(src, work, ignore=shutil.ignore_patterns("__pycache__"))
            runtime = record(work)
            if len(runtime) < 5:
                failures.append(f"{name}: the tracer recorded only {sorted(runtime)}")
            static = {(lambda_free(a), lambda_free(b)) for a, b in kensa_edges(kensa, work)}
            missing = sorted(runtime - static)
            never = sorted(e for e in static if e[1].rsplit(".", 1)[-1].startswith("never_"))
            print(f"{name}: {len(runtime)} runtime edges, {len(runtime) - len(missing)} found; "
                  f"{len(static)} static edges")
            failures += [f"{name}: runtime edge missing: {a} -> {b}" for a, b in missing]
            failures += [f"{name}: edge to a never-called function: {a} -> {b}" for a, b in never]

        # --format json: the documented fields, positions that point at the call.
        work = os.path.join(tmp, "plugins")
        proc = subprocess.run([kensa, "callgraph", "--format", "json", "--root", work,
                               os.path.join(work, "main.py")], capture_output=True, text=True)
        doc = json.loads(proc.stdout)
        for e in doc["edges"]:
            if set(e) != {"caller", "callee", "file", "line", "col", "how"}:
                failures.append(f"json edge fields: {sorted(e)}")
                break
        run_edges = [e for e in doc["edges"] if e["caller"] == "main" and e["callee"] == "main.run"]
        lines = sorted(e["line"] for e in run_edges)
        text = open(os.path.join(work, "main.py")).read().splitlines()
        if not lines or any(not text[l - 1][e["col"] - 1:].startswith("run(")
                            for l, e in zip(lines, run_edges)):
            failures.append(f"json positions of main -> main.run: {run_edges}")

        # --format text: path:line:col lines, bounded by --limit with a count of the rest.
        proc = subprocess.run([kensa, "callgraph", "--format", "text", "--limit", "3", "--root",
                               work, os.path.join(work, "main.py")], capture_output=True, text=True)
        out = proc.stdout.splitlines()
        if (len(out) != 5 or not all(re.match(r".+\.py:\d+:\d+: \S+ -> \S+ \(\S+\)$", l) for l in out[:3])
                or not re.match(r"\d+ more edges not shown", out[3])):
            failures.append(f"--format text --limit 3: {out}")

        # Bad input: a missing path and a syntax error in an entry are exit 2 with file:line.
        proc = subprocess.run([kensa, "callgraph", os.path.join(tmp, "nope.py")],
                              capture_output=True, text=True)
        if proc.returncode != 2 or "nope.py" not in proc.stderr:
            failures.append(f"missing path: exit {proc.returncode}, {proc.stderr!r}")
        bad = os.path.join(tmp, "bad")
        os.makedirs(bad)
        with open(os.path.join(bad, "main.py"), "w") as f:
            f.write("x = 1\ndef f(:\n")
        proc = subprocess.run([kensa, "callgraph", "--root", bad, os.path.join(bad, "main.py")],
                              capture_output=True, text=True)
        if proc.returncode != 2 or "main.py:2:" not in proc.stderr:
            failures.append(f"syntax error in the entry: exit {proc.returncode}, {proc.stderr!r}")

    for f in failures:
        print("FAIL:", f)
    print("e2e_callgraph:", "FAILED" if failures else "ok")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
