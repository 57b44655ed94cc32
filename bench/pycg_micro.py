"""Benchmark: `kensa callgraph` on PyCG's micro-benchmark (vitsalis/PyCG, micro-benchmark/snippets:
about 120 small programs in categories, each folder with its .py files and a callgraph.json
ground truth in PyCG's format). For every snippet runs

    kensa callgraph --format pycg --root SNIPPET SNIPPET/main.py

and counts, per edge (caller, callee), true positives (in both), false positives (only in
kensa's output) and false negatives (only in the ground truth). Prints precision and recall
overall and per category, then the snippets with the most errors and their wrong edges.

PyCG's files are not part of kensa; point --snippets at a checkout. Without one the script says
so and exits 77 (skipped).

Usage:
  /usr/bin/python3 bench/pycg_micro.py --kensa build/kensa \
      [--snippets /work/pycg/PyCG/micro-benchmark/snippets] [--worst 10] [--json]
Targets (issue 17): precision >= 99 %, recall >= 97 % (PyCG: 97.6 % / 93.2 %).
"""

import argparse
import json
import os
import subprocess
import sys
from collections import defaultdict

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import bench_report  # noqa: E402


def edges_of(graph):
    return {(caller, callee) for caller, callees in graph.items() for callee in callees}


def run_snippet(kensa, folder):
    """kensa's edges for one snippet, or (None, error text)."""
    proc = subprocess.run(
        [kensa, "callgraph", "--format", "pycg", "--root", folder, os.path.join(folder, "main.py")],
        capture_output=True, text=True, timeout=60)
    if proc.returncode != 0:
        return None, f"exit {proc.returncode}: {proc.stderr.strip()[:300]}"
    try:
        return edges_of(json.loads(proc.stdout)), None
    except json.JSONDecodeError as e:
        return None, f"invalid JSON: {e}"


def snippets(root):
    for category in sorted(os.listdir(root)):
        cdir = os.path.join(root, category)
        if not os.path.isdir(cdir):
            continue
        for name in sorted(os.listdir(cdir)):
            folder = os.path.join(cdir, name)
            if os.path.isfile(os.path.join(folder, "callgraph.json")):
                yield category, name, folder


def pct(num, den):
    return 100.0 * num / den if den else 100.0


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--kensa", required=True)
    ap.add_argument("--snippets", default="/work/pycg/PyCG/micro-benchmark/snippets")
    ap.add_argument("--worst", type=int, default=10, help="how many of the worst snippets to list")
    ap.add_argument("--json", action="store_true", help="print the figures as JSON too")
    args = ap.parse_args()
    if not os.path.isdir(args.snippets):
        return bench_report.skip("callgraph, PyCG micro-benchmark",
                                 f"no PyCG micro-benchmark at {args.snippets} (--snippets DIR)")

    per_cat = defaultdict(lambda: [0, 0, 0])
    rows = []
    failures = []
    for category, name, folder in snippets(args.snippets):
        with open(os.path.join(folder, "callgraph.json")) as f:
            truth = edges_of(json.load(f))
        got, error = run_snippet(args.kensa, folder)
        if got is None:
            failures.append((f"{category}/{name}", error))
            got = set()
        tp, fp, fn = len(got & truth), sorted(got - truth), sorted(truth - got)
        c = per_cat[category]
        c[0] += tp
        c[1] += len(fp)
        c[2] += len(fn)
        rows.append((f"{category}/{name}", tp, fp, fn))

    total = [sum(c[i] for c in per_cat.values()) for i in range(3)]
    print(f"{'category':<16} {'TP':>5} {'FP':>4} {'FN':>4} {'precision':>10} {'recall':>8}")
    for category, (tp, fp, fn) in sorted(per_cat.items()):
        print(f"{category:<16} {tp:>5} {fp:>4} {fn:>4} {pct(tp, tp + fp):>9.1f}% {pct(tp, tp + fn):>7.1f}%")
    tp, fp, fn = total
    print(f"{'all':<16} {tp:>5} {fp:>4} {fn:>4} {pct(tp, tp + fp):>9.1f}% {pct(tp, tp + fn):>7.1f}%")
    print(f"{len(rows)} snippets; {sum(1 for r in rows if not r[2] and not r[3])} exact; "
          f"targets: precision >= 99%, recall >= 97% (PyCG: 97.6% / 93.2%)")

    worst = sorted((r for r in rows if r[2] or r[3]), key=lambda r: -(len(r[2]) + len(r[3])))
    if worst:
        print(f"\nworst snippets ({min(args.worst, len(worst))} of {len(worst)} with errors):")
    for name, _, fp, fn in worst[:args.worst]:
        print(f"  {name}: {len(fp)} FP, {len(fn)} FN")
        for caller, callee in fp:
            print(f"    + {caller} -> {callee}")
        for caller, callee in fn:
            print(f"    - {caller} -> {callee}")
    for name, error in failures:
        print(f"  {name}: kensa failed: {error}")
    precision, recall = pct(tp, tp + fp), pct(tp, tp + fn)
    bench_report.row("callgraph precision (PyCG micro)", f"{precision:.1f} %", "97.6 % PyCG",
                     None, ">= 99 %", precision >= 99)
    bench_report.row("callgraph recall (PyCG micro)", f"{recall:.1f} %", "93.2 % PyCG",
                     None, ">= 97 %", recall >= 97)
    if args.json:
        print(json.dumps({"tp": tp, "fp": fp, "fn": fn, "precision": pct(tp, tp + fp),
                          "recall": pct(tp, tp + fn),
                          "categories": {k: dict(zip(("tp", "fp", "fn"), v)) for k, v in per_cat.items()}}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
