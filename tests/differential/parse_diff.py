#!/usr/bin/python3
"""Differential test: kensa's parser against CPython's on every .py file under some dirs.

For each file, CPython (the interpreter running this script, which must be /usr/bin/python3,
CPython 3.11, or with --version 3.12 a CPython 3.12, kensa then reading 3.12 syntax) and
`kensa parse --dump-many` parse the same bytes:
  - both accept: ast.dump(tree, include_attributes=True) must be identical;
  - both reject: passes; the (type, line, offset, message) agreement is a separate,
    non-fatal statistic;
  - one accepts and the other rejects, or kensa crashes: fails.
Prints each failure (up to --show), then "N passed, M failed"; exits 1 on any failure.

  /usr/bin/python3 tests/differential/parse_diff.py --kensa build/kensa /usr/lib/python3.11
  python3.12 tests/differential/parse_diff.py --version 3.12 --kensa build/kensa  # its stdlib
"""

import argparse
import os
import subprocess
import sysconfig
import sys
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from kensa_runner import Outcome, cpython_outcome, kensa_outcomes, require_oracle  # noqa: E402


def python_files(roots: list) -> list:
    """Every .py file under `roots` (files given explicitly are taken as they are), sorted."""
    found = set()
    for root in roots:
        if os.path.isfile(root):
            found.add(root)
            continue
        if not os.path.isdir(root):
            sys.exit(f"parse_diff: {root}: no such file or directory")
        seen_dirs = set()
        for dirpath, dirnames, filenames in os.walk(root, followlinks=True):
            st = os.stat(dirpath)
            if (st.st_dev, st.st_ino) in seen_dirs:
                dirnames[:] = []
                continue
            seen_dirs.add((st.st_dev, st.st_ino))
            for name in filenames:
                if name.endswith(".py"):
                    found.add(os.path.join(dirpath, name))
    return sorted(found)


def clone_git_tar(tar: str, tmp: str) -> str:
    """Extracts a tarred bare repository (one top directory NAME.git) and clones it; returns
    the work tree."""
    subprocess.run(["tar", "-xf", tar, "-C", tmp], check=True)
    bare = [n for n in os.listdir(tmp) if n.endswith(".git")]
    if len(bare) != 1:
        sys.exit(f"parse_diff: {tar}: expected one NAME.git directory, found {bare}")
    tree = os.path.join(tmp, bare[0][:-len(".git")])
    subprocess.run(["git", "clone", "-q", os.path.join(tmp, bare[0]), tree], check=True)
    return tree


def first_difference(a: str, b: str, context: int = 60) -> str:
    i = 0
    n = min(len(a), len(b))
    while i < n and a[i] == b[i]:
        i += 1
    lo = max(0, i - context)
    return (f"at char {i}:\n      cpython: ...{a[lo:i + context]!r}\n"
            f"      kensa:   ...{b[lo:i + context]!r}")


def compare(path: str, want: Outcome, got: Outcome) -> tuple:
    """(verdict, detail, rejection detail): verdict is pass/fail; for files both reject, the
    rejection detail says whether the error agrees exactly."""
    if got.status in ("crash", "io"):
        return "fail", f"kensa {got.status}: {got.message}", None
    if want.status == "ok" and got.status == "ok":
        if want.dump == got.dump:
            return "pass", "", None
        return "fail", "dumps differ " + first_difference(want.dump, got.dump), None
    if want.status == "ok":
        return "fail", f"CPython accepts, kensa rejects: {got.where()}", None
    if got.status == "ok":
        return "fail", f"CPython rejects ({want.where()}), kensa accepts", None
    same = (want.type, want.line, want.offset, want.message) == \
           (got.type, got.line, got.offset, got.message)
    detail = "" if same else f"cpython {want.where()}\n      kensa   {got.where()}"
    return "pass", "", (same, detail)


def check_batch(args: tuple) -> list:
    """Runs both parsers over one batch of files; returns [(path, verdict, detail, rej)]."""
    kensa, paths, include_attributes, timeout, version = args
    extra = ["--python", version]
    if not include_attributes:
        extra.append("--no-attributes")
    got = kensa_outcomes(kensa, paths, extra, timeout=timeout)
    results = []
    for path in paths:
        try:
            with open(path, "rb") as f:
                source = f.read()
        except OSError as e:
            results.append((path, "fail", f"cannot read: {e}", None))
            continue
        want = cpython_outcome(source, include_attributes)
        results.append((path, *compare(path, want, got[path])))
    return results


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("roots", nargs="*",
                        help="default: the standard library of the interpreter running this")
    parser.add_argument("--version", choices=["3.11", "3.12"], default="3.11",
                        help="the Python version kensa reads (`--python`); this script must "
                             "run on that CPython")
    parser.add_argument("--git-tar", help="a tarred bare git repository to clone and check")
    parser.add_argument("--kensa", required=True, help="the kensa executable")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--batch", type=int, default=50, help="files per kensa process")
    parser.add_argument("--timeout", type=float, default=900, help="seconds per batch")
    parser.add_argument("--no-attributes", action="store_true")
    parser.add_argument("--show", type=int, default=30, help="failures to print in full")
    parser.add_argument("--show-rejections", type=int, default=10,
                        help="error mismatches (non-fatal) to print")
    parser.add_argument("--failures-out", help="write every failing path and why to this file")
    args = parser.parse_args()
    require_oracle(args.version)

    if args.git_tar:
        with tempfile.TemporaryDirectory(prefix="kensa_parse_diff_") as tmp:
            args.roots = [clone_git_tar(args.git_tar, tmp)] + args.roots
            return run(args)
    args.roots = args.roots or [sysconfig.get_paths()["stdlib"]]
    return run(args)


def run(args: argparse.Namespace) -> int:
    files = python_files(args.roots)
    if not files:
        print("parse_diff: no .py files found", file=sys.stderr)
        return 1
    start = time.monotonic()
    batches = [(args.kensa, files[i:i + args.batch], not args.no_attributes, args.timeout,
                args.version) for i in range(0, len(files), args.batch)]
    results = []
    with ProcessPoolExecutor(max_workers=max(1, args.jobs)) as pool:
        for batch in pool.map(check_batch, batches):
            results.extend(batch)

    failures = [(p, d) for p, v, d, _ in results if v == "fail"]
    rejections = [(p, r) for p, v, _, r in results if r is not None]
    exact = sum(1 for _, (same, _) in rejections if same)
    identical = sum(1 for p, v, _, r in results if v == "pass" and r is None)

    for path, detail in failures[:args.show]:
        print(f"FAIL {path}: {detail}")
    if len(failures) > args.show:
        print(f"... and {len(failures) - args.show} more failures")
    mismatched = [(p, d) for p, (same, d) in rejections if not same]
    for path, detail in mismatched[:args.show_rejections]:
        print(f"note: rejection differs in detail: {path}\n      {detail}")
    if args.failures_out:
        with open(args.failures_out, "w") as f:
            for path, detail in failures:
                f.write(f"{path}\t{detail}\n")

    elapsed = time.monotonic() - start
    print(f"{len(files)} files in {elapsed:.1f} s: {identical} identical dumps, "
          f"{len(rejections)} rejected by both "
          f"({exact} with the same type, line, offset and message)")
    print(f"{len(results) - len(failures)} passed, {len(failures)} failed")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
