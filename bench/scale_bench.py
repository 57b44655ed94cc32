#!/usr/bin/python3
"""Scale benchmark (issue 16): does kensa's cost grow linearly with the repository? Builds
repositories made of diffusers' `src/` and `tests/` replicated under 1, 2, 4 and 8 package
names (`diffusers_0` ... `diffusers_7`, every `diffusers` word in the copies renamed, so each
copy imports itself), up to ~17,000 files and ~360 MB, and times in each

  kensa graph --json    cold (no cache) and warm (cache filled, nothing changed)
  kensa tests           cold, after a commit that edits one module of the first copy

printing per size the files, megabytes, each time, the time per 1,000 files and the peak
memory (max RSS). One size at a time is on disk (in --work, default a temporary folder).

Usage: /usr/bin/python3 bench/scale_bench.py --kensa build/kensa [--diffusers DIR]
       [--sizes 1,2,4,8] [--runs 3]
Targets (issue 16, 2 cores): at 8x, cold graph <= 3 s, warm graph <= 100 ms, peak <= 1 GB;
linear growth: cold graph per 1,000 files at 8x within 1.5x of the figure at 1x.
"""

import argparse
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import bench_report  # noqa: E402

WORD = re.compile(rb"\bdiffusers\b")


def git(repo, *args):
    subprocess.run(["git", "-C", repo, "-c", "user.email=b@b", "-c", "user.name=b", *args],
                   check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def build_repo(source, repo, copies):
    """The replicated repository; returns (files, bytes) of the Python files written."""
    files = total = 0
    os.makedirs(repo)
    with open(os.path.join(repo, "setup.py"), "w") as f:
        f.write("from setuptools import find_packages, setup\n"
                "setup(name='scale', package_dir={'': 'src'}, packages=find_packages('src'))\n")
    with open(os.path.join(repo, "pyproject.toml"), "w") as f:
        # Test selection follows diffusers' fetcher for the first copy's package.
        f.write('[tool.kensa]\npreset = "diffusers"\npackage = "diffusers_0"\n')
    for k in range(copies):
        name = f"diffusers_{k}".encode()
        # The first copy's tests stay in tests/, where diffusers' fetcher looks for them.
        tests_into = "tests" if k == 0 else f"tests/copy_{k}"
        for top, into in (("src/diffusers", f"src/diffusers_{k}"), ("tests", tests_into)):
            for dirpath, dirnames, filenames in os.walk(os.path.join(source, top)):
                dirnames[:] = [d for d in dirnames
                               if not d.startswith(".") and d != "__pycache__"
                               and not (top == "tests" and d.startswith("copy_"))]
                rel = os.path.relpath(dirpath, os.path.join(source, top))
                out_dir = os.path.normpath(os.path.join(repo, into, rel))
                os.makedirs(out_dir, exist_ok=True)
                for n in filenames:
                    if not n.endswith(".py"):
                        continue
                    with open(os.path.join(dirpath, n), "rb") as f:
                        data = WORD.sub(name, f.read())
                    with open(os.path.join(out_dir, n), "wb") as f:
                        f.write(data)
                    files += 1
                    total += len(data)
    return files, total


def run(cmd, cwd, env):
    """(seconds, peak MB) of one run; exits on failure."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=cwd, env=env, stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE)
    err = proc.stderr.read()
    _, status, usage = os.wait4(proc.pid, 0)
    seconds = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) != 0:
        sys.exit(f"{' '.join(cmd)} failed: {err.decode(errors='replace')[-1000:]}")
    return seconds, usage.ru_maxrss / 1024.0


def median_run(n, cmd, cwd, env, before=None):
    runs = []
    for _ in range(n):
        if before:
            before()
        runs.append(run(cmd, cwd, env))
    return statistics.median(r[0] for r in runs), max(r[1] for r in runs)


def main():
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--kensa", required=True)
    ap.add_argument("--diffusers", default="/work/corpus/diffusers")
    ap.add_argument("--sizes", default="1,2,4,8")
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--work", help="where the repositories are built (default: a temporary folder)")
    args = ap.parse_args()
    if not os.path.isdir(os.path.join(args.diffusers, "src", "diffusers")):
        return bench_report.skip("scale", f"no diffusers work tree at {args.diffusers}")
    kensa = os.path.abspath(args.kensa)
    sizes = [int(s) for s in args.sizes.split(",")]
    work = args.work or tempfile.mkdtemp(prefix="kensa-scale-")
    results = []
    print(f"{'copies':>6} {'files':>7} {'MB':>6} {'graph cold':>11} {'graph warm':>11} "
          f"{'tests cold':>11} {'cold/1k files':>14} {'warm/1k files':>14} {'peak MB':>8}")
    try:
        for copies in sizes:
            repo = os.path.join(work, f"x{copies}")
            shutil.rmtree(repo, ignore_errors=True)
            files, size = build_repo(args.diffusers, repo, copies)
            git(repo, "init", "-q", "-b", "main")
            git(repo, "add", "-A")
            git(repo, "commit", "-q", "-m", "replicated")
            edited = os.path.join(repo, "src", "diffusers_0", "utils", "logging.py")
            with open(edited, "a") as f:
                f.write("\n# edited\n")
            git(repo, "commit", "-q", "-a", "-m", "edit")
            cache = os.path.join(work, "cache")
            env = dict(os.environ, KENSA_CACHE_DIR=cache)
            graph = [kensa, "graph", "--json", "-q"]
            run(graph + ["--no-cache"], repo, env)  # the page cache, for every contender
            cold, cold_mb = median_run(args.runs, graph, repo, env,
                                       before=lambda: shutil.rmtree(cache, ignore_errors=True))
            run(graph, repo, env)
            warm, warm_mb = median_run(args.runs, graph, repo, env)
            out = os.path.join(work, "out")
            os.makedirs(out, exist_ok=True)
            tests, tests_mb = median_run(args.runs, [kensa, "tests", "--diff-with-last-commit",
                                                     "--output-dir", out], repo, env)
            peak = max(cold_mb, warm_mb, tests_mb)
            results.append((copies, files, size, cold, warm, tests, peak))
            print(f"{copies:>6} {files:>7} {size / 1e6:>6.0f} {cold * 1e3:>9.0f}ms {warm * 1e3:>9.0f}ms "
                  f"{tests * 1e3:>9.0f}ms {cold * 1e6 / files:>12.1f}ms {warm * 1e6 / files:>12.2f}ms "
                  f"{peak:>8.0f}", flush=True)
            shutil.rmtree(repo, ignore_errors=True)
            shutil.rmtree(cache, ignore_errors=True)
    finally:
        if not args.work:
            shutil.rmtree(work, ignore_errors=True)
    first, last = results[0], results[-1]
    per_k = lambda r: r[3] * 1e3 / r[1]  # noqa: E731  cold graph seconds per 1,000 files
    growth = per_k(last) / per_k(first)
    label = f"{last[0]}x diffusers ({last[1]} files)"
    bench_report.row(f"scale: graph cold, {label}", bench_report.ms(last[3]),
                     f"{bench_report.ms(first[3])} at {first[0]}x", last[3] / first[3],
                     "<= 3 s", last[3] <= 3.0)
    bench_report.row(f"scale: graph warm, {label}", bench_report.ms(last[4]),
                     f"{bench_report.ms(first[4])} at {first[0]}x", last[4] / first[4],
                     "<= 100 ms", last[4] <= 0.100)
    bench_report.row(f"scale: tests cold, {label}", bench_report.ms(last[5]),
                     f"{bench_report.ms(first[5])} at {first[0]}x", last[5] / first[5], None,
                     None)
    bench_report.row(f"scale: cold per 1,000 files, {last[0]}x vs {first[0]}x",
                     f"{per_k(last) * 1e3:.1f} ms", f"{per_k(first) * 1e3:.1f} ms", growth,
                     "<= 1.5x (linear)", growth <= 1.5)
    bench_report.row(f"scale: peak memory, {label}", f"{last[6]:.0f} MB",
                     f"{first[6]:.0f} MB at {first[0]}x", last[6] / first[6], "<= 1 GB",
                     last[6] <= 1024)
    return 0


if __name__ == "__main__":
    sys.exit(main())
