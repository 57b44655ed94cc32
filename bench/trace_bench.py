"""Benchmark: the overhead of `kensa trace` on a program that warns, logs and prints, against
the same program run without kensa, in the same run (interleaved, best of --runs each). Prints
wall times and the ratio, per Python version found (the system python3 by default).

The workload (written to a temporary file) does, in a call stack a few frames deep: N prints,
N/2 logging records through a StreamHandler with a formatter, N/10 warnings.warn calls (shown
once, the rest filtered by the registry), N/20 caught exceptions, plus some plain computation
between them, so that it resembles a chatty program rather than a loop of prints.

Usage:
  /usr/bin/python3 bench/trace_bench.py --kensa build/kensa [--python PY]... [--n 2000] [--runs 5]
  [--raised] [--match REGEX]
Target (issue 14): traced <= 1.5x untraced without --raised.
"""

import argparse
import os
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import bench_report  # noqa: E402

WORKLOAD = r'''
import logging, sys, warnings

logger = logging.getLogger("bench.work")
handler = logging.StreamHandler(sys.stderr)
handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
logger.addHandler(handler)
logger.setLevel(logging.INFO)
logger.propagate = False


class Worker:
    def __init__(self, n):
        self.n = n

    def step(self, i):
        total = sum(j * j for j in range(200))
        print("step", i, "total", total)
        if i % 2 == 0:
            logger.info("processed %d items (total %d)", i, total)
        if i % 10 == 0:
            warnings.warn("step %d uses a deprecated path" % (i % 3), DeprecationWarning)
        if i % 20 == 0:
            try:
                int("not a number %d" % i)
            except ValueError:
                pass
        return total

    def run(self):
        return [self.step(i) for i in range(self.n)]


def main(n):
    warnings.simplefilter("default")
    Worker(n).run()


main(int(sys.argv[1]))
'''


def best_time(cmd, runs_out):
    start = time.perf_counter()
    proc = subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    elapsed = time.perf_counter() - start
    if proc.returncode != 0:
        sys.exit("bench: %s failed with %d" % (" ".join(cmd), proc.returncode))
    runs_out.append(elapsed)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--kensa", required=True)
    parser.add_argument("--python", action="append")
    parser.add_argument("--n", type=int, default=2000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--raised", action="store_true")
    parser.add_argument("--match", help="trace with --match REGEX (the hook then records only "
                        "matching events)")
    args = parser.parse_args()
    pythons = [py for py in (args.python or ["/usr/bin/python3"]) if os.path.exists(py)]
    if not pythons:
        sys.exit(bench_report.skip("trace", "no Python interpreter to trace"))
    with tempfile.TemporaryDirectory() as tmp:
        script = os.path.join(tmp, "workload.py")
        with open(script, "w") as f:
            f.write(WORKLOAD)
        print("workload: %d prints, %d logging records, %d warnings, %d caught exceptions"
              % (args.n, args.n // 2, args.n // 10, args.n // 20))
        for py in pythons:
            plain, traced = [], []
            options = ["--raised"] if args.raised else []
            if args.match:
                options += ["--match", args.match]
            report = os.path.join(tmp, "report.json")
            for _ in range(args.runs):
                best_time([py, script, str(args.n)], plain)
                best_time([args.kensa, "trace", "--json", "--output", report, *options, "--",
                           py, script, str(args.n)], traced)
            p, t = min(plain), min(traced)
            print("%-40s untraced %7.3f s   traced %s%7.3f s   ratio %.2fx"
                  % (py, p, " ".join(options) + " " if options else "", t, t / p))
            # The ratio column is traced/untraced here: the overhead, lower is better.
            bench_report.row("trace overhead (%s)" % os.path.basename(py), bench_report.ms(t),
                             "%s untraced" % bench_report.ms(p), t / p, "<= 1.5x", t / p <= 1.5)


if __name__ == "__main__":
    main()
