"""The one machine-readable form every benchmark in bench/ prints, read by bench/run_all.py
(`make bench`) to build its table. A benchmark prints, besides its own human-readable lines,

  bench-row: {"benchmark": ..., "kensa": ..., "reference": ..., "ratio": ..., "target": ...,
              "met": true|false|null}

for each figure it has a target for (kensa and reference are display strings with their unit,
ratio a number or null, met null when there is no target), and, when it cannot run, one

  bench-skip: {"benchmark": ..., "why": ...}

then exits with 77. Standard library only.
"""

import json
import sys

SKIPPED = 77


def row(benchmark, kensa, reference=None, ratio=None, target="", met=None):
    print("bench-row: " + json.dumps({"benchmark": benchmark, "kensa": kensa,
                                      "reference": reference, "ratio": ratio, "target": target,
                                      "met": met}), flush=True)


def skip(benchmark, why):
    """Prints the skip line and returns the exit code to leave with."""
    print(f"{benchmark}: skipped: {why}")
    print("bench-skip: " + json.dumps({"benchmark": benchmark, "why": why}), flush=True)
    return SKIPPED


def ms(seconds):
    return f"{seconds * 1e3:.1f} ms"


def parse(text):
    """(rows, skips) from a benchmark's standard output."""
    rows, skips = [], []
    for line in text.splitlines():
        if line.startswith("bench-row: "):
            rows.append(json.loads(line[len("bench-row: "):]))
        elif line.startswith("bench-skip: "):
            skips.append(json.loads(line[len("bench-skip: "):]))
    return rows, skips


if __name__ == "__main__":
    sys.exit("a module for bench/*.py, not a program")
