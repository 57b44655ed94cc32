#!/usr/bin/python3
"""Benchmark: `kensa copies` against diffusers' own `python utils/check_copies.py` (check mode) on a
clean diffusers checkout (58eb52c0803e, from ../shared/corpus/diffusers-shallow.git.tar), both in
the same run, with the same formatter (ruff's wasm build from ../shared/tools/ruff-wasm, installed
into the work directory on first use). Prints both times and the ratio (the target is >= 20x).

The reference starts `ruff format -` once per copy that has `with` replacements; kensa formats all
of them in one batch, so most of the gap is formatter start-ups. Two kensa figures: cold
(`--no-formatter-cache`: one formatter start) and warm (the snippets' formatting read from the
cache the first run wrote: no formatter start).

Usage: copies_bench.py --kensa BUILD/kensa [--work DIR] [--runs N] [--reference-runs N]
"""

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tarfile
import time
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO_ROOT / "bench"))
import bench_report  # noqa: E402

HEAD = "58eb52c0803ea9af3abec60841c2a093bdf1f951"
PYTHON = "/usr/bin/python3"


def run(cmd, **kw):
    return subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, **kw)


def prepare(work: Path, shared: Path):
    ruff = work / "ruff-wasm"
    if not (ruff / "node_modules").is_dir():
        ruff.mkdir(parents=True, exist_ok=True)
        for name in ("ruff", "install.sh", "package.json"):
            shutil.copy(shared / "tools" / "ruff-wasm" / name, ruff / name)
            os.chmod(ruff / name, 0o755)
        p = run(["bash", str(ruff / "install.sh")])
        if p.returncode != 0:
            sys.exit("installing ruff-wasm failed:\n" + p.stderr.decode())
    clone = work / "diffusers"
    if not (clone / ".git").is_dir():
        if not (work / "diffusers.git").is_dir():
            with tarfile.open(shared / "corpus" / "diffusers-shallow.git.tar") as tar:
                tar.extractall(work)
        run(["git", "clone", "-q", str(work / "diffusers.git"), str(clone)], check=True)
    run(["git", "checkout", "-q", "-f", HEAD], cwd=clone, check=True)
    run(["git", "clean", "-q", "-f", "-d", "-x"], cwd=clone, check=True)
    return ruff, clone


def timed(cmd, cwd, env):
    start = time.perf_counter()
    p = run(cmd, cwd=cwd, env=env)
    return time.perf_counter() - start, p


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--kensa", required=True)
    ap.add_argument("--work", default="/tmp/kensa-copies-bench")
    ap.add_argument("--shared", default=os.environ.get("KENSA_SHARED", str(REPO_ROOT.parent / "shared")))
    ap.add_argument("--runs", type=int, default=5, help="kensa runs (the median is reported)")
    ap.add_argument("--reference-runs", type=int, default=1, help="reference runs (the median is reported)")
    args = ap.parse_args()
    work = Path(args.work).resolve()
    shared = Path(args.shared).resolve()
    if not (shared / "corpus" / "diffusers-shallow.git.tar").is_file():
        return bench_report.skip("copies", f"no diffusers corpus under {shared} (--shared DIR)")
    if not (shared / "tools" / "ruff-wasm").is_dir() or shutil.which("npm") is None:
        return bench_report.skip("copies", "no ruff-wasm formatter or no npm to install it")
    work.mkdir(parents=True, exist_ok=True)
    ruff, clone = prepare(work, shared)
    env = dict(os.environ, PATH=f"{ruff}:{os.environ.get('PATH', '')}")
    kensa = str(Path(args.kensa).resolve())

    # Warm the page cache and the formatter's files once, for both; a cache directory of the
    # benchmark's own, so the warm runs are warm because of the first one only.
    env["KENSA_CACHE_DIR"] = str(work / "kensa-cache")
    shutil.rmtree(env["KENSA_CACHE_DIR"], ignore_errors=True)
    run([kensa, "copies"], cwd=clone, env=env)

    def kensa_runs(*extra):
        times, stats = [], ""
        for _ in range(args.runs):
            seconds, p = timed([kensa, "copies", "--stats", *extra], clone, env)
            if p.returncode != 0:
                sys.exit(f"kensa copies failed ({p.returncode}):\n{p.stderr.decode()}")
            times.append(seconds)
            stats = p.stderr.decode().strip()
        return times, stats

    cold_times, cold_stats = kensa_runs("--no-formatter-cache")
    kensa_times, stats = kensa_runs()
    ref_times = []
    for _ in range(args.reference_runs):
        seconds, p = timed([PYTHON, "utils/check_copies.py"], clone, env)
        if p.returncode != 0:
            sys.exit(f"utils/check_copies.py failed ({p.returncode}):\n{p.stderr.decode()}")
        ref_times.append(seconds)

    k = statistics.median(kensa_times)
    c = statistics.median(cold_times)
    r = statistics.median(ref_times)
    print(f"diffusers {HEAD[:12]}, clean checkout; formatter: {ruff}/ruff")
    print(f"kensa, cold: {cold_stats}")
    print(f"kensa, warm: {stats}")
    print(f"kensa copies --no-formatter-cache: {c:8.3f} s  (median of {len(cold_times)})")
    print(f"kensa copies (warm cache):  {k:8.3f} s  (median of {len(kensa_times)}; min {min(kensa_times):.3f} s)")
    print(f"python utils/check_copies.py: {r:8.3f} s  (median of {len(ref_times)})")
    print(f"ratio: {r / k:.1f}x  (target >= 20x)")
    print(f"load average: {os.getloadavg()[0]:.2f} on {os.cpu_count()} cores")
    bench_report.row("copies, cold (formatter started)", bench_report.ms(c),
                     f"{bench_report.ms(r)} check_copies.py", r / c, ">= 20x", r / c >= 20)
    bench_report.row("copies, warm (formatted snippets cached)", bench_report.ms(k),
                     f"{bench_report.ms(r)} check_copies.py", r / k, "warm <= 50 ms",
                     k <= 0.050)
    return 0


if __name__ == "__main__":
    sys.exit(main())
