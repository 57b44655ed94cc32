#!/usr/bin/python3
"""Parse throughput: kensa against CPython's ast.parse, on one core, over the same files.

Both sides are timed without I/O: this script reads every file into memory before timing
ast.parse(bytes) (decoding included, as in kensa), and `kensa parse --check -j1 --stats
--json` reads all its files first and reports its decode+parse time separately. Each side
runs --repeat times and the best run counts. CPython runs with the garbage collector off
during timing (timeit's convention; it only makes CPython faster). Warnings are ignored.

Prints MB/s for each (MB = 10^6 bytes of source) by wall clock and by CPU time (the latter
is steadier on a loaded machine), the ratios, and kensa's AST memory (arena bytes in use)
per source byte. Run with /usr/bin/python3 (CPython 3.11, the oracle):

  /usr/bin/python3 bench/parse_throughput.py --kensa build/kensa /usr/lib/python3.11
"""

import argparse
import ast
import gc
import json
import os
import subprocess
import sys
import time
import warnings

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import bench_report  # noqa: E402


def python_files(roots: list) -> list:
    """Every .py file under `roots`, as kensa's --check finds them (links followed, each
    directory once, files named explicitly taken as they are)."""
    found = set()
    for root in roots:
        if os.path.isfile(root):
            found.add(root)
            continue
        seen = set()
        for dirpath, dirnames, filenames in os.walk(root, followlinks=True):
            st = os.stat(dirpath)
            if (st.st_dev, st.st_ino) in seen:
                dirnames[:] = []
                continue
            seen.add((st.st_dev, st.st_ino))
            found.update(os.path.join(dirpath, n) for n in filenames if n.endswith(".py"))
    return sorted(found)


def time_cpython(sources: list) -> tuple:
    """(wall seconds, CPU seconds, rejected files) for one pass of ast.parse over `sources`."""
    rejected = 0
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        gc_was_enabled = gc.isenabled()
        gc.disable()
        try:
            start = time.perf_counter()
            cpu_start = time.process_time()
            for source in sources:
                try:
                    ast.parse(source)
                except (SyntaxError, ValueError, MemoryError, RecursionError):
                    rejected += 1
            seconds = time.perf_counter() - start
            cpu_seconds = time.process_time() - cpu_start
        finally:
            if gc_was_enabled:
                gc.enable()
    return seconds, cpu_seconds, rejected


def time_kensa(kensa: str, roots: list) -> dict:
    """kensa's --stats for one single-threaded --check run over `roots`."""
    proc = subprocess.run([kensa, "parse", "--check", "-j1", "--stats", "--json", *roots],
                          stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    if proc.returncode not in (0, 1):
        sys.exit(f"parse_throughput: kensa failed ({proc.returncode}): "
                 f"{proc.stderr.decode(errors='replace')[-2000:]}")
    doc = json.loads(proc.stdout)
    stats = doc["stats"]
    stats["rejected"] = len(doc["syntax_errors"])
    return stats


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("roots", nargs="*", default=["/usr/lib/python3.11"])
    parser.add_argument("--kensa", required=True, help="the kensa executable")
    parser.add_argument("--repeat", type=int, default=3, help="runs per side; the best counts")
    args = parser.parse_args()
    if sys.version_info[:2] != (3, 11):
        print(f"warning: CPython {sys.version.split()[0]} is not the 3.11 oracle",
              file=sys.stderr)

    missing = [r for r in args.roots if not os.path.exists(r)]
    if missing:
        return bench_report.skip("parse throughput", f"no such file or folder: {missing[0]}")
    files = python_files(args.roots)
    sources = []
    for path in files:
        with open(path, "rb") as f:
            sources.append(f.read())
    total = sum(len(s) for s in sources)
    mb = total / 1e6

    # Alternate the two sides so that load from other processes hits both alike.
    cpython_runs = []
    kensa_runs = []
    for _ in range(args.repeat):
        cpython_runs.append(time_cpython(sources))
        kensa_runs.append(time_kensa(args.kensa, args.roots))
    cpython_wall = min(r[0] for r in cpython_runs)
    cpython_cpu = min(r[1] for r in cpython_runs)
    cpython_rejected = cpython_runs[0][2]
    kensa_wall = min(r["parse_seconds"] for r in kensa_runs)
    kensa_cpu = min(r["parse_cpu_seconds"] for r in kensa_runs)
    first = kensa_runs[0]
    if first["files"] != len(files) or first["bytes"] != total:
        print(f"warning: kensa saw {first['files']} files / {first['bytes']} bytes, this script "
              f"{len(files)} / {total}", file=sys.stderr)

    print(f"{len(files)} files, {mb:.1f} MB, best of {args.repeat}, one core, I/O excluded")
    print(f"  {'':18} {'wall s':>8} {'MB/s':>7} {'CPU s':>8} {'MB/CPU-s':>9}")
    for name, wall, cpu, rejected in (
            ("CPython ast.parse", cpython_wall, cpython_cpu, cpython_rejected),
            ("kensa", kensa_wall, kensa_cpu, first["rejected"])):
        print(f"  {name:18} {wall:8.3f} {mb / wall:7.1f} {cpu:8.3f} {mb / cpu:9.1f}"
              f"   ({rejected} files rejected)")
    print(f"  ratio: kensa is {cpython_wall / kensa_wall:.1f}x CPython (wall), "
          f"{cpython_cpu / kensa_cpu:.1f}x (CPU time)")
    print(f"  AST memory: {first['ast_bytes'] / 1e6:.1f} MB = "
          f"{first['ast_bytes'] / total:.2f}x the source (kensa arena bytes in use)")
    ratio = cpython_cpu / kensa_cpu
    bench_report.row("parse, 1 core (CPU time)", f"{mb / kensa_cpu:.1f} MB/s",
                     f"{mb / cpython_cpu:.1f} MB/s ast.parse", ratio, ">= 15x (aim 30x)",
                     ratio >= 15)
    memory = first["ast_bytes"] / total
    bench_report.row("parse, AST memory", f"{memory:.2f}x source", None, None, "<= 4x",
                     memory <= 4)
    return 0


if __name__ == "__main__":
    sys.exit(main())
