#!/usr/bin/python3
"""Runs every benchmark in bench/ (what `make bench` does) and prints ONE table: benchmark,
kensa's figure, the reference's figure measured in the same run, their ratio, the target and
whether it was met. A benchmark that lacks its inputs (a corpus, a checkout of PyCG, node for
the formatter) is listed as skipped with the reason it gave. Each benchmark's own output is
kept in --log DIR (default: a temporary folder, named at the end).

Usage: /usr/bin/python3 bench/run_all.py --kensa build/kensa [--only NAME]... [--quick]
       [--stdlib /usr/lib/python3.11] [--diffusers DIR]
"""

import argparse
import os
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import bench_report  # noqa: E402


def benchmarks(args):
    """(name, command) of every benchmark, in the order they run."""
    k = ["--kensa", args.kensa]
    runs = ["--runs", "3"] if args.quick else []
    repo = ["--repo", args.diffusers] if args.diffusers else []
    return [
        ("parse_throughput", ["parse_throughput.py", *k, "--repeat", "1" if args.quick else "3",
                              args.stdlib]),
        ("index_bench", ["index_bench.py", *k, *runs, *repo]),
        ("tests_fetcher_bench", ["tests_fetcher_bench.py", *k, *runs]
         + (["--commits", "3"] if args.quick else [])),
        ("copies_bench", ["copies_bench.py", *k, *runs]),
        ("checks_bench", ["checks_bench.py", *k, *runs]
         + (["--reference-runs", "1"] if args.quick else [])),
        ("emits_bench", ["emits_bench.py", *k, *runs, *repo]),
        ("names_bench", ["names_bench.py", *k, *runs, *repo]),
        ("trace_bench", ["trace_bench.py", *k, *runs]),
        ("pycg_micro", ["pycg_micro.py", *k, "--worst", "0"]),
        ("scale_bench", ["scale_bench.py", *k, "--runs", "1" if args.quick else "3"]
         + (["--sizes", "1,2"] if args.quick else []) + (["--diffusers", args.diffusers]
                                                         if args.diffusers else [])),
    ]


def cell(value):
    if value is None:
        return "-"
    if isinstance(value, float):
        return f"{value:.1f}x"
    return str(value)


def main():
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--kensa", required=True)
    ap.add_argument("--only", action="append", help="run only this benchmark (repeatable)")
    ap.add_argument("--quick", action="store_true", help="fewer runs and commits")
    ap.add_argument("--stdlib", default="/usr/lib/python3.11")
    ap.add_argument("--diffusers", help="a diffusers work tree (default: each benchmark's own)")
    ap.add_argument("--log", help="where each benchmark's output goes")
    ap.add_argument("--timeout", type=int, default=3600, help="seconds per benchmark")
    args = ap.parse_args()
    args.kensa = os.path.abspath(args.kensa)
    if args.diffusers is None and os.path.isdir("/work/corpus/diffusers"):
        args.diffusers = "/work/corpus/diffusers"
    log = args.log or tempfile.mkdtemp(prefix="kensa-bench-")
    os.makedirs(log, exist_ok=True)

    table = []  # (benchmark, kensa, reference, ratio, target, verdict)
    for name, cmd in benchmarks(args):
        if args.only and name not in args.only:
            continue
        print(f"running {name} ...", file=sys.stderr, flush=True)
        start = time.perf_counter()
        try:
            proc = subprocess.run(["/usr/bin/python3", os.path.join(HERE, cmd[0]), *cmd[1:]],
                                  capture_output=True, text=True, timeout=args.timeout)
            out, err, rc = proc.stdout, proc.stderr, proc.returncode
        except subprocess.TimeoutExpired as e:
            out = e.stdout.decode() if isinstance(e.stdout, bytes) else (e.stdout or "")
            err, rc = f"timed out after {args.timeout} s", -1
        with open(os.path.join(log, name + ".log"), "w") as f:
            f.write(out + ("\n--- stderr ---\n" + err if err else ""))
        rows, skips = bench_report.parse(out)
        seconds = time.perf_counter() - start
        print(f"  {name}: exit {rc}, {seconds:.0f} s, {len(rows)} figures", file=sys.stderr)
        for s in skips:
            table.append((s["benchmark"], "-", "-", None, "-", "skipped: " + s["why"]))
        if rc not in (0, bench_report.SKIPPED) or (not rows and not skips):
            why = (err.strip().splitlines() or [f"exit {rc}"])[-1][:100]
            table.append((name, "-", "-", None, "-", f"FAILED ({why})"))
        for r in rows:
            verdict = "-" if r["met"] is None else ("met" if r["met"] else "MISSED")
            table.append((r["benchmark"], r["kensa"], r["reference"] or "-", r["ratio"],
                          r["target"] or "-", verdict))

    header = ("benchmark", "kensa", "reference", "ratio", "target", "met")
    cells = [header] + [tuple(cell(c) for c in t) for t in table]
    widths = [max(len(c[i]) for c in cells) for i in range(len(header) - 1)]
    load = os.getloadavg()[0]
    print(f"kensa {args.kensa}; {os.cpu_count()} cores, load average {load:.2f}; "
          f"outputs in {log}")
    for c in cells:
        print("  ".join(c[i].ljust(widths[i]) for i in range(len(widths))) + "  " + c[-1])
    missed = sum(1 for t in table if t[5] == "MISSED" or t[5].startswith("FAILED"))
    print(f"{len(table)} rows: {sum(1 for t in table if t[5] == 'met')} met, {missed} missed "
          f"or failed, {sum(1 for t in table if t[5].startswith('skipped'))} skipped")
    return 0


if __name__ == "__main__":
    sys.exit(main())
