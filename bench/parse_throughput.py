#!/usr/bin/python3
"""Parse throughput: kensa against CPython's ast.parse, on one core, over the same files.

Both sides are timed without I/O: this script reads every file into memory before timing
ast.parse(bytes) (decoding included, as in kensa), and `kensa parse --check -j1 --stats
--json` reads all its files first and reports its decode+parse time separately. Each side
runs --repeat times and the best run counts. CPython runs with the garbage collector off
during timing (timeit's convention; it only makes CPython faster). Warnings are ignored.

Prints MB/s for each (MB = 10^6 bytes of source), the ratio, and kensa's AST memory (arena
bytes) per source byte. Run with /usr/bin/python3 (CPython 3.11, the oracle):

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
    """(seconds, rejected files) for one pass of ast.parse over `sources`."""
    rejected = 0
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        gc_was_enabled = gc.isenabled()
        gc.disable()
        try:
            start = time.perf_counter()
            for source in sources:
                try:
                    ast.parse(source)
                except (SyntaxError, ValueError, MemoryError, RecursionError):
                    rejected += 1
            seconds = time.perf_counter() - start
        finally:
            if gc_was_enabled:
                gc.enable()
    return seconds, rejected


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

    files = python_files(args.roots)
    sources = []
    for path in files:
        with open(path, "rb") as f:
            sources.append(f.read())
    total = sum(len(s) for s in sources)
    mb = total / 1e6

    cpython_runs = [time_cpython(sources) for _ in range(args.repeat)]
    cpython_seconds = min(s for s, _ in cpython_runs)
    cpython_rejected = cpython_runs[0][1]
    kensa_runs = [time_kensa(args.kensa, args.roots) for _ in range(args.repeat)]
    best = min(kensa_runs, key=lambda s: s["parse_seconds"])
    if best["files"] != len(files) or best["bytes"] != total:
        print(f"warning: kensa saw {best['files']} files / {best['bytes']} bytes, this script "
              f"{len(files)} / {total}", file=sys.stderr)

    cpython_mbps = mb / cpython_seconds
    kensa_mbps = mb / best["parse_seconds"]
    print(f"{len(files)} files, {mb:.1f} MB, best of {args.repeat}, one core, I/O excluded")
    print(f"  CPython ast.parse: {cpython_seconds:7.3f} s  {cpython_mbps:7.1f} MB/s  "
          f"({cpython_rejected} files rejected)")
    print(f"  kensa:             {best['parse_seconds']:7.3f} s  {kensa_mbps:7.1f} MB/s  "
          f"({best['rejected']} files rejected)")
    print(f"  ratio: kensa is {kensa_mbps / cpython_mbps:.1f}x CPython")
    print(f"  AST memory: {best['ast_bytes'] / 1e6:.1f} MB = "
          f"{best['ast_bytes'] / total:.2f}x the source (kensa arena bytes)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
