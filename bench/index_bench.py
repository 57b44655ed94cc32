"""Benchmark: `kensa graph --format json` (cold: no summary cache; warm: cache filled) against
a Python script doing the same job with the `ast` module (read every .py file, parse it,
collect the imports, resolve them to project files through re-exports, print the graph as
JSON), on a clone of diffusers, in the same run. Prints wall times, the ratios and the peak
memory (max RSS) of each.

Usage:
  /usr/bin/python3 bench/index_bench.py --kensa build/kensa [--repo DIR | --corpus TAR] [--runs 5]
Targets (issue 4): cold <= 300 ms, warm <= 50 ms on 2 cores, >= 30x the script, <= 200 MB.
"""

import argparse
import ast
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time


# --- The reference: the same job in Python ------------------------------------------------


def reference_graph(root):
    files = []
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith(".") and d != "__pycache__")
        for name in filenames:
            if name.endswith(".py") and not name.startswith("."):
                files.append(os.path.relpath(os.path.join(dirpath, name), root))
    files.sort()
    src_layout = os.path.isdir(os.path.join(root, "src"))

    def module_name(path):
        rest = path[4:] if src_layout and path.startswith("src/") else path
        rest = rest[:-3]
        if rest.endswith("/__init__"):
            rest = rest[: -len("/__init__")]
        return rest.replace("/", ".")

    modules = {}
    for i, path in enumerate(files):
        modules.setdefault(module_name(path), i)
    imports = []
    for path in files:
        found = []
        try:
            with open(os.path.join(root, path), "rb") as f:
                tree = ast.parse(f.read())
        except (SyntaxError, ValueError, OSError):
            imports.append(found)
            continue
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                for alias in node.names:
                    found.append((node.lineno, 0, alias.name, None))
            elif isinstance(node, ast.ImportFrom):
                found.append((node.lineno, node.level, node.module or "", [a.name for a in node.names]))
        imports.append(found)

    def absolute(i, level, module):
        if level == 0:
            return module
        name = module_name(files[i])
        parts = name.split(".")
        if not files[i].endswith("__init__.py"):
            parts = parts[:-1]
        parts = parts[: len(parts) - (level - 1)] if level > 1 else parts
        return ".".join(parts + ([module] if module else []))

    def resolve_name(i, name, depth=0):
        if depth > 20:
            return i
        for _, level, module, names in imports[i]:
            if names and name in names:
                target = absolute(i, level, module)
                if target + "." + name in modules:
                    return modules[target + "." + name]
                if target in modules:
                    return resolve_name(modules[target], name, depth + 1)
        return i

    edges = []
    for i, found in enumerate(imports):
        for line, level, module, names in found:
            target = absolute(i, level, module)
            if names is None:
                if target in modules:
                    edges.append({"from": i, "to": modules[target], "line": line})
                continue
            for name in names:
                if target + "." + name in modules:
                    edges.append({"from": i, "to": modules[target + "." + name], "line": line})
                elif target in modules:
                    edges.append({"from": i, "to": resolve_name(modules[target], name), "line": line})
    return {"modules": [{"module": module_name(p), "path": p} for p in files], "edges": edges}


# --- Measuring ------------------------------------------------------------------------------


def run(cmd, env=None):
    """Runs cmd, returns (seconds, max RSS in MB, stdout bytes)."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env)
    out_chunks = []
    while True:
        chunk = proc.stdout.read(1 << 20)
        if not chunk:
            break
        out_chunks.append(chunk)
    _, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    err = proc.stderr.read()
    if proc.returncode != 0:
        sys.exit(f"{cmd[0]} failed ({proc.returncode}): {err.decode(errors='replace')[:2000]}")
    return elapsed, usage.ru_maxrss / 1024.0, b"".join(out_chunks)


def best_of(n, fn):
    results = [fn() for _ in range(n)]
    return min(results, key=lambda r: r[0]), max(r[1] for r in results)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--kensa", required=False)
    parser.add_argument("--repo", help="a diffusers work tree")
    parser.add_argument("--corpus", help="diffusers-shallow.git.tar (default: ../shared/corpus)")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--reference-graph", help=argparse.SUPPRESS)
    args = parser.parse_args()

    if args.reference_graph:
        json.dump(reference_graph(args.reference_graph), sys.stdout)
        return

    tmp = tempfile.mkdtemp(prefix="kensa_index_bench_")
    try:
        repo = args.repo
        if repo is None:
            corpus = args.corpus or os.path.join(
                os.path.dirname(os.path.abspath(__file__)), "..", "..", "shared", "corpus", "diffusers-shallow.git.tar"
            )
            subprocess.run(["tar", "-xf", corpus, "-C", tmp], check=True)
            repo = os.path.join(tmp, "diffusers")
            subprocess.run(["git", "clone", "-q", os.path.join(tmp, "diffusers.git"), repo], check=True)
        cache_dir = os.path.join(tmp, "cache")
        kensa = [os.path.abspath(args.kensa), "graph", "--format", "json", "-q", "-C", repo, "--cache-dir", cache_dir]
        reference = [sys.executable, os.path.abspath(__file__), "--reference-graph", repo]

        # Warm the OS file cache once, so every contender reads from memory.
        run(kensa + ["--no-cache"])

        def cold():
            shutil.rmtree(cache_dir, ignore_errors=True)
            return run(kensa)

        (cold_s, _, cold_out), cold_mb = best_of(args.runs, cold)
        run(kensa)  # fill the cache (and its stamps)
        time.sleep(2.5)  # stamps are only trusted for files older than the cache's margin
        run(kensa)
        (warm_s, _, warm_out), warm_mb = best_of(args.runs, lambda: run(kensa))
        (ref_s, _, ref_out), ref_mb = best_of(max(1, min(args.runs, 3)), lambda: run(reference))

        graph = json.loads(cold_out)
        assert json.loads(warm_out) == graph, "warm output differs from cold output"
        ref = json.loads(ref_out)
        print(f"repository: {repo}: {len(graph['modules'])} files, {len(graph['edges'])} import edges "
              f"(reference script: {len(ref['edges'])} edges)")
        print(f"kensa cold: {cold_s * 1e3:8.1f} ms  peak {cold_mb:6.1f} MB")
        print(f"kensa warm: {warm_s * 1e3:8.1f} ms  peak {warm_mb:6.1f} MB")
        print(f"python ast: {ref_s * 1e3:8.1f} ms  peak {ref_mb:6.1f} MB")
        print(f"ratio: cold {ref_s / cold_s:.1f}x, warm {ref_s / warm_s:.1f}x")
        ok = cold_s <= 0.300 and warm_s <= 0.050 and ref_s / cold_s >= 30 and max(cold_mb, warm_mb) <= 200
        print("targets (cold <= 300 ms, warm <= 50 ms, >= 30x, <= 200 MB):", "met" if ok else "NOT met")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
