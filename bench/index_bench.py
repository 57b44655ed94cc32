"""Benchmark: `kensa graph --format json` (cold: no summary cache; warm: cache filled) against
a Python script doing the same job with the `ast` module (read every .py file, parse it,
collect the imports, resolve them to project files through re-exports, print the graph as
JSON), on a clone of diffusers, in the same run; and the warm `kensa deps` / `kensa rdeps` of
one module (the script's time is their reference too: it is what answering takes without an
index). Prints wall times (median of --runs), the ratios and the peak memory (max RSS).

Usage:
  /usr/bin/python3 bench/index_bench.py --kensa build/kensa [--repo DIR | --corpus TAR] [--runs 5]
Targets (issues 4, 16): cold <= 300 ms, >= 30x the script, <= 200 MB; warm graph, deps and
rdeps <= 20 ms on 2 cores.
"""

import argparse
import ast
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import bench_report  # noqa: E402

DEPS_TARGET = "diffusers.utils.logging"


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


def median_of(n, fn):
    """(median seconds, the output of one run, the largest peak MB) of n runs."""
    results = [fn() for _ in range(n)]
    return (statistics.median(r[0] for r in results), results[-1][2],
            max(r[1] for r in results))


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
            if not os.path.exists(corpus):
                return bench_report.skip("index", f"no diffusers (--repo DIR) and no corpus at {corpus}")
            subprocess.run(["tar", "-xf", corpus, "-C", tmp], check=True)
            repo = os.path.join(tmp, "diffusers")
            subprocess.run(["git", "clone", "-q", os.path.join(tmp, "diffusers.git"), repo], check=True)
        elif not os.path.isdir(repo):
            return bench_report.skip("index", f"no repository at {repo}")
        cache_dir = os.path.join(tmp, "cache")
        base = [os.path.abspath(args.kensa)]
        options = ["-q", "-C", repo, "--cache-dir", cache_dir]
        kensa = base + ["graph", "--format", "json"] + options
        deps = base + ["deps", DEPS_TARGET] + options
        rdeps = base + ["rdeps", DEPS_TARGET] + options
        reference = [sys.executable, os.path.abspath(__file__), "--reference-graph", repo]

        # Warm the OS file cache once, so every contender reads from memory.
        run(kensa + ["--no-cache"])

        def cold():
            shutil.rmtree(cache_dir, ignore_errors=True)
            return run(kensa)

        cold_s, cold_out, cold_mb = median_of(args.runs, cold)
        run(kensa)  # fill the cache: files older than the run's start get trusted stamps
        warm_s, warm_out, warm_mb = median_of(args.runs, lambda: run(kensa))
        deps_s, _, deps_mb = median_of(args.runs, lambda: run(deps))
        rdeps_s, _, rdeps_mb = median_of(args.runs, lambda: run(rdeps))
        ref_s, ref_out, ref_mb = median_of(max(1, min(args.runs, 3)), lambda: run(reference))

        graph = json.loads(cold_out)
        assert json.loads(warm_out) == graph, "warm output differs from cold output"
        ref = json.loads(ref_out)
        peak = max(cold_mb, warm_mb, deps_mb, rdeps_mb)
        print(f"repository: {repo}: {len(graph['modules'])} files, {len(graph['edges'])} import edges "
              f"(reference script: {len(ref['edges'])} edges); medians of {args.runs}")
        print(f"kensa graph cold: {cold_s * 1e3:8.1f} ms  peak {cold_mb:6.1f} MB")
        print(f"kensa graph warm: {warm_s * 1e3:8.1f} ms  peak {warm_mb:6.1f} MB")
        print(f"kensa deps warm:  {deps_s * 1e3:8.1f} ms  peak {deps_mb:6.1f} MB  ({DEPS_TARGET})")
        print(f"kensa rdeps warm: {rdeps_s * 1e3:8.1f} ms  peak {rdeps_mb:6.1f} MB")
        print(f"python ast:       {ref_s * 1e3:8.1f} ms  peak {ref_mb:6.1f} MB")
        print(f"ratio: cold {ref_s / cold_s:.1f}x, warm {ref_s / warm_s:.1f}x")
        reference_text = f"{bench_report.ms(ref_s)} python ast"
        bench_report.row("graph --json, cold", bench_report.ms(cold_s), reference_text,
                         ref_s / cold_s, "<= 300 ms, >= 30x", cold_s <= 0.300 and ref_s / cold_s >= 30)
        for what, seconds in (("graph --json", warm_s), ("deps", deps_s), ("rdeps", rdeps_s)):
            bench_report.row(f"{what}, warm", bench_report.ms(seconds), reference_text,
                             ref_s / seconds, "<= 20 ms", seconds <= 0.020)
        bench_report.row("index peak memory", f"{peak:.0f} MB", f"{ref_mb:.0f} MB python ast",
                         None, "<= 200 MB", peak <= 200)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
