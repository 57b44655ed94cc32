"""Benchmark: `kensa emits TEXT` on a clone of diffusers — cold (no filter cache: every file is
read and filtered) and warm (cache filled, files unchanged) — against a Python script doing a
simpler version of the same job in the same run: parse every .py file with `ast`, take the
first argument of each call or raise, turn f-strings and constants into a regular expression
with `.*` for values, and match the text. Prints wall times (median of --runs), the ratios and
whether the site the script finds is kensa's first.

Usage:
  /usr/bin/python3 bench/emits_bench.py --kensa build/kensa [--repo /work/corpus/diffusers] [--runs 5]
Targets (issue 17): warm <= 50 ms, cold <= 500 ms on 2 cores.
"""

import argparse
import ast
import json
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

TEXTS = [
    "Cannot initialize model with low cpu memory usage because `accelerate` was not found in the "
    "environment. Defaulting to `low_cpu_mem_usage=False`. It is strongly recommended to install "
    "`accelerate` for faster and less memory-intense model loading. You can do so with: ",
    "ValueError: `prompt_embeds` and `negative_prompt_embeds` must have the same shape when passed "
    "directly, but got: `prompt_embeds` torch.Size([1, 77, 768]) != `negative_prompt_embeds` "
    "torch.Size([2, 77, 768]).",
]


def reference(root, text):
    """The script's answer: (path, line) of the first site whose template matches."""
    message = text.split(": ", 1)[1] if text.startswith("ValueError: ") else text
    found = []
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = [d for d in dirnames if not d.startswith(".")]
        for name in filenames:
            if not name.endswith(".py"):
                continue
            path = os.path.join(dirpath, name)
            try:
                tree = ast.parse(open(path, "rb").read())
            except (SyntaxError, ValueError):
                continue
            for node in ast.walk(tree):
                arg = None
                if isinstance(node, ast.Call) and node.args:
                    arg = node.args[0]
                if arg is None:
                    continue
                parts = []  # literal strings, None for a value
                if isinstance(arg, ast.Constant) and isinstance(arg.value, str):
                    parts = [arg.value]
                elif isinstance(arg, ast.JoinedStr):
                    parts = [v.value if isinstance(v, ast.Constant) else None for v in arg.values]
                if sum(len(x) for x in parts if x) < 10:
                    continue
                # The message may be the template's first line.
                first = []
                for x in parts:
                    if x is not None and "\n" in x:
                        first.append(x.split("\n")[0])
                        break
                    first.append(x)
                for version in (parts, first):
                    version = list(version)
                    if version and version[0] is not None:
                        version[0] = version[0].lstrip()
                    if version and version[-1] is not None:
                        version[-1] = version[-1].rstrip()
                    pattern = "".join(".*" if x is None else re.escape(x) for x in version)
                    if re.fullmatch(pattern, message.strip(), re.S):
                        found.append((os.path.relpath(path, root), node.lineno))
                        break
    return found


def timed(cmd, env):
    start = time.perf_counter()
    r = subprocess.run(cmd, capture_output=True, text=True, env=env)
    return time.perf_counter() - start, r


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--kensa", required=True)
    p.add_argument("--repo", default="/work/corpus/diffusers")
    p.add_argument("--runs", type=int, default=5)
    a = p.parse_args()
    if not os.path.isdir(a.repo):
        return bench_report.skip("emits", f"no repository at {a.repo} (--repo DIR)")
    cache = tempfile.mkdtemp(prefix="kensa-emits-bench-")
    env = dict(os.environ, KENSA_CACHE_DIR=cache)
    try:
        for text in TEXTS:
            cmd = [a.kensa, "emits", "-C", a.repo, text, "--json", "--limit", "5"]
            cold, warm = [], []
            for _ in range(a.runs):
                shutil.rmtree(cache, ignore_errors=True)
                t, r = timed(cmd, env)
                cold.append(t)
                t, r = timed(cmd, env)
                warm.append(t)
            origins = json.loads(r.stdout)["origins"]
            start = time.perf_counter()
            ref = reference(a.repo, text)
            ref_time = time.perf_counter() - start
            first = f"{origins[0]['file']}:{origins[0]['line']}" if origins else "none"
            ref_sites = {f"{f}:{l}" for f, l in ref}
            print(f"text: {text[:60]!r}...")
            print(f"  kensa cold {statistics.median(cold) * 1e3:7.1f} ms   (target <= 500 ms)")
            print(f"  kensa warm {statistics.median(warm) * 1e3:7.1f} ms   (target <= 50 ms)")
            print(f"  ast script {ref_time * 1e3:7.1f} ms   -> cold {ref_time / statistics.median(cold):.0f}x, "
                  f"warm {ref_time / statistics.median(warm):.0f}x faster")
            print(f"  kensa's first site {first}: {'also' if first in ref_sites else 'NOT'} found by the script "
                  f"({len(ref_sites)} sites there, {len(origins)} shown by kensa)")
            c, w = statistics.median(cold), statistics.median(warm)
            found = "" if first in ref_sites else " (first site NOT the script's)"
            label = f"emits {text[:24]!r}..."
            reference = f"{bench_report.ms(ref_time)} ast script"
            bench_report.row(label + " cold", bench_report.ms(c), reference + found, ref_time / c,
                             "<= 500 ms", c <= 0.500 and not found)
            bench_report.row(label + " warm", bench_report.ms(w), reference + found, ref_time / w,
                             "<= 50 ms", w <= 0.050 and not found)
    finally:
        shutil.rmtree(cache, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
