#!/usr/bin/python3
"""Times `kensa tests` against diffusers' own utils/tests_fetcher.py on the same commits, in
one run, and prints the ratio.

For each commit (by default the public corpus cases, ../shared/corpus/diffusers-fetcher/): a
clone of the corpus repository checked out at it (detached, clean), then
  kensa tests --diff-with-last-commit --output-dir OUT          (--runs times, median; the
                                                                 first run is also shown)
  python utils/tests_fetcher.py --diff_with_last_commit ...     (once: it takes seconds)
with the newest tests_fetcher.py, as the corpus was made. Both see the same checkout; kensa
has no cache, so every run is a cold run of the analysis (files come from the page cache).

Usage: bench/tests_fetcher_bench.py --kensa build/kensa [--runs 5] [--commits N]
"""

import argparse
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import bench_report  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
DEFAULT_CORPUS = os.path.normpath(os.path.join(HERE, "..", "..", "shared", "corpus"))


def git(repo, *args):
    return subprocess.run(["git", "-C", repo] + list(args), check=True,
                          stdout=subprocess.PIPE).stdout.decode().strip()


def cpu_of_children():
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def timed(cmd, cwd=None):
    """Wall-clock and CPU seconds (user + system, all threads) of one run."""
    cpu = cpu_of_children()
    start = time.perf_counter()
    p = subprocess.run(cmd, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - start, cpu_of_children() - cpu, p.returncode


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--kensa", required=True)
    parser.add_argument("--corpus", default=DEFAULT_CORPUS)
    parser.add_argument("--runs", type=int, default=5, help="kensa runs per commit (median)")
    parser.add_argument("--commits", type=int, default=0,
                        help="only the first N corpus commits (0: all)")
    args = parser.parse_args()
    kensa = os.path.abspath(args.kensa)

    cases_dir = os.path.join(args.corpus, "diffusers-fetcher")
    tarball = os.path.join(args.corpus, "diffusers-shallow.git.tar")
    if not os.path.exists(tarball) or not os.path.isdir(cases_dir):
        return bench_report.skip("tests", "no corpus at %s (--corpus DIR)" % args.corpus)
    shas = []
    for case in sorted(os.listdir(cases_dir)):
        meta = os.path.join(cases_dir, case, "meta.json")
        if os.path.exists(meta):
            with open(meta) as f:
                shas.append(json.load(f)["sha"])
    if args.commits:
        shas = shas[: args.commits]

    work = tempfile.mkdtemp(prefix="kensa_fetcher_bench_")
    try:
        subprocess.run(["tar", "-xf", tarball, "-C", work], check=True)
        clone = os.path.join(work, "diffusers")
        subprocess.run(["git", "clone", "-q", os.path.join(work, "diffusers.git"), clone],
                       check=True)
        script = subprocess.run(["git", "-C", clone, "show", "origin/main:utils/tests_fetcher.py"],
                                check=True, stdout=subprocess.PIPE).stdout
        out = os.path.join(work, "out")
        rows = []
        print("%-12s %9s %9s %9s %10s %9s %7s %7s" % (
            "commit", "kensa cold", "kensa warm", "kensa cpu", "reference", "ref cpu", "ratio",
            "cpu"))
        for sha in shas:
            git(clone, "checkout", "-q", "--detach", sha)
            git(clone, "status", "--porcelain")  # refresh the index, as a CI checkout has it
            times, cpus = [], []
            # The first run of each commit starts without the scan cache (cold); the others
            # find what it scanned (warm).
            cache = os.path.join(work, "cache-" + sha)
            for _ in range(max(2, args.runs)):
                shutil.rmtree(out, ignore_errors=True)
                os.makedirs(out)
                seconds, cpu, rc = timed([kensa, "tests", "--diff-with-last-commit",
                                          "--output-dir", out, "--cache-dir", cache], cwd=clone)
                if rc != 0:
                    print("kensa failed on %s (exit %d)" % (sha, rc))
                    return 1
                times.append(seconds)
                cpus.append(cpu)
            target = os.path.join(clone, "utils", "tests_fetcher.py")
            with open(target, "wb") as f:
                f.write(script)
            ref_seconds, ref_cpu, rc = timed(["/usr/bin/python3", "utils/tests_fetcher.py",
                                     "--diff_with_last_commit", "--output_file",
                                     os.path.join(out, "test_list.txt"), "--json_output_file",
                                     os.path.join(out, "test_map.json")], cwd=clone)
            git(clone, "checkout", "-q", "--", "utils/tests_fetcher.py")
            median = statistics.median(times[1:])  # warm runs
            cpu_median = statistics.median(cpus[1:])
            rows.append((sha, times[0], median, ref_seconds, cpu_median, ref_cpu))
            print("%-12s %7.0fms %7.0fms %7.0fms %9.2fs %8.2fs %6.0fx %6.0fx" % (
                sha[:10], times[0] * 1000, median * 1000, cpu_median * 1000, ref_seconds,
                ref_cpu, ref_seconds / median, ref_cpu / cpu_median))
        total_kensa = sum(r[2] for r in rows)
        total_reference = sum(r[3] for r in rows)
        cpu_kensa = sum(r[4] for r in rows)
        cpu_reference = sum(r[5] for r in rows)
        print("total: kensa %.3f s wall, %.3f s CPU (median per commit %.0f ms wall, slowest "
              "first run %.0f ms); reference %.1f s wall, %.1f s CPU" % (
                  total_kensa, cpu_kensa, statistics.median(r[2] for r in rows) * 1000,
                  max(r[1] for r in rows) * 1000, total_reference, cpu_reference))
        print("ratio: %.0fx faster than utils/tests_fetcher.py (wall), %.0fx (CPU)" % (
            total_reference / total_kensa, cpu_reference / cpu_kensa))
        reference = statistics.median(r[3] for r in rows)
        cold = statistics.median(r[1] for r in rows)
        warm = statistics.median(r[2] for r in rows)
        reference_text = "%s tests_fetcher.py" % bench_report.ms(reference)
        bench_report.row("tests, per commit, cold (no scan cache)", bench_report.ms(cold),
                         reference_text, reference / cold, "<= 100 ms, >= 100x",
                         cold <= 0.100 and reference / cold >= 100)
        bench_report.row("tests, per commit, warm (scan cache)", bench_report.ms(warm),
                         reference_text, reference / warm, "<= 30 ms", warm <= 0.030)
        return 0
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
