"""Benchmark: the name queries (`kensa def`, `kensa refs`, and `callers`/`callees`/`why` when
built) on a clone of diffusers, cold (kensa's cache removed first: the index is rebuilt, every
file parsed once) and warm (cache filled, files unchanged), against `grep -rnw NAME` over the
same tree in the same run — what one types without kensa, and does much less.

Usage:
  /usr/bin/python3 bench/names_bench.py --kensa build/kensa [--repo /work/corpus/diffusers] [--runs 5]
Targets (issue 17): each query warm <= 50 ms, cold <= 500 ms (index included) on 2 cores.
"""

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import bench_report  # noqa: E402

QUERIES = [
    ["def", "diffusers.UNet2DModel"],
    ["def", "get_cached_module_file"],
    ["def", "DiffusionPipeline.from_pretrained"],
    ["refs", "diffusers.utils.dynamic_modules_utils.get_cached_module_file"],
    ["refs", "diffusers.utils.logging.get_logger"],
]


def timed(cmd, env):
    start = time.perf_counter()
    r = subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
    return time.perf_counter() - start, r.returncode


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--kensa", required=True)
    ap.add_argument("--repo", default="/work/corpus/diffusers")
    ap.add_argument("--runs", type=int, default=5)
    args = ap.parse_args()
    if not os.path.isdir(args.repo):
        return bench_report.skip("names", f"no repository at {args.repo} (--repo DIR)")
    cache = tempfile.mkdtemp(prefix="kensa-names-bench-")
    env = dict(os.environ, KENSA_CACHE_DIR=cache)
    print(f"{'query':<70} {'cold ms':>8} {'warm ms':>8} {'grep ms':>8} {'warm/grep':>9}")
    try:
        for q in QUERIES:
            cmd = [args.kensa, "-C", args.repo] + q + ["-q"]
            cold, warm, grep = [], [], []
            for _ in range(args.runs):
                shutil.rmtree(cache, ignore_errors=True)
                cold.append(timed(cmd, env)[0])
                warm.append(timed(cmd, env)[0])
                word = q[1].split(".")[-1]
                grep.append(timed(["grep", "-rnw", "--include=*.py", word, args.repo], env)[0])
            c, w, g = (statistics.median(x) * 1e3 for x in (cold, warm, grep))
            print(f"{' '.join(q):<70} {c:8.1f} {w:8.1f} {g:8.1f} {w / g:9.2f}")
            label = " ".join([q[0], q[1].split(".")[-1]])
            for when, t, target in (("cold", c, 500), ("warm", w, 50)):
                bench_report.row(f"{label} {when}", f"{t:.1f} ms", f"{g:.1f} ms grep -rnw", g / t,
                                 f"<= {target} ms", t <= target)
    finally:
        shutil.rmtree(cache, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
