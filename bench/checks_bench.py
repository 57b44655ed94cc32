#!/usr/bin/python3
"""Benchmark: kensa's repository checks against diffusers' own scripts, on a clean diffusers
checkout (58eb52c0803e, from ../shared/corpus/diffusers-shallow.git.tar), both in the same run.

Two figures, as issue 18 states its targets:
  - the three text checks of `make style`/`make quality` — utils/check_dummies.py,
    utils/custom_init_isort.py --check_only, utils/check_doc_toc.py — run one after another,
    against `kensa dummies`, `kensa init-isort` and `kensa doc-toc`, one process each (>= 20x);
  - the "Check repo consistency" step of diffusers' PR CI (.github/workflows/pr_tests.yml:
    check_copies, check_dummies, check_support_list, check_forward_call_docstrings and
    `make deps_table_check_updated`) against one `kensa repo-consistency --only` those five
    (>= 20x, < 300 ms cold, < 30 ms warm). The copies check formats its snippets with ruff's
    wasm build for both (../shared/tools/ruff-wasm); kensa starts it once, the script once per
    copy with replacements.

A third figure runs the three checks in one `kensa repo-consistency --only` process: on a
small virtual machine a process start alone (`kensa --version`: loading its shared libraries)
costs about 20 ms, which bounds the three-process figure however fast the checks are.

Times are wall-clock medians; the page cache is warmed by one untimed run of each side first,
so "cold" here means a fresh process with nothing cached by kensa itself.

Usage: checks_bench.py --kensa BUILD/kensa [--work DIR] [--runs N] [--reference-runs N]
"""

import argparse
import os
import shutil
import statistics
import sys
import time
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO_ROOT / "bench"))
import bench_report  # noqa: E402
import copies_bench  # noqa: E402  (prepare: the clean checkout and the formatter)

PYTHON = "/usr/bin/python3"

THREE_SCRIPTS = [
    [PYTHON, "utils/check_dummies.py"],
    [PYTHON, "utils/custom_init_isort.py", "--check_only"],
    [PYTHON, "utils/check_doc_toc.py"],
]
THREE_KENSA = [["dummies"], ["init-isort"], ["doc-toc"]]
THREE_IN_ONE = [["repo-consistency", "--only", "dummies,init-isort,doc-toc"]]

# diffusers' PR CI consistency step, as .github/workflows/pr_tests.yml runs it.
CI_SCRIPTS = [
    [PYTHON, "utils/check_copies.py"],
    [PYTHON, "utils/check_dummies.py"],
    [PYTHON, "utils/check_support_list.py"],
    [PYTHON, "utils/check_forward_call_docstrings.py"],
    ["make", "deps_table_check_updated"],
]
CI_KENSA = [["repo-consistency", "--only",
             "copies,dummies,support-list,forward-docstrings,deps-table"]]


def run_all(commands, cwd, env):
    """Seconds to run `commands` one after another; exits on the first failure."""
    start = time.perf_counter()
    for cmd in commands:
        p = copies_bench.run(cmd, cwd=cwd, env=env)
        if p.returncode != 0:
            sys.exit(f"{' '.join(cmd)} failed ({p.returncode}):\n"
                     f"{p.stdout.decode()[-2000:]}{p.stderr.decode()[-2000:]}")
    return time.perf_counter() - start


def median_of(commands, runs, cwd, env):
    run_all(commands, cwd, env)  # untimed: warms the page cache
    times = [run_all(commands, cwd, env) for _ in range(runs)]
    return statistics.median(times), min(times)


def main():
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--kensa", required=True)
    ap.add_argument("--work", default="/tmp/kensa-copies-bench")
    ap.add_argument("--shared",
                    default=os.environ.get("KENSA_SHARED", str(REPO_ROOT.parent / "shared")))
    ap.add_argument("--runs", type=int, default=5, help="kensa runs (the median is reported)")
    ap.add_argument("--reference-runs", type=int, default=3,
                    help="reference runs (the median is reported)")
    args = ap.parse_args()
    work = Path(args.work).resolve()
    shared = Path(args.shared).resolve()
    if not (shared / "corpus" / "diffusers-shallow.git.tar").is_file():
        return bench_report.skip("checks", f"no diffusers corpus under {shared} (--shared DIR)")
    if not (shared / "tools" / "ruff-wasm").is_dir() or shutil.which("npm") is None:
        return bench_report.skip("checks", "no ruff-wasm formatter or no npm to install it")
    work.mkdir(parents=True, exist_ok=True)
    ruff, clone = copies_bench.prepare(work, shared)
    env = dict(os.environ, PATH=f"{ruff}:{os.environ.get('PATH', '')}")
    kensa = str(Path(args.kensa).resolve())
    # make deps_table_check_updated runs `python`, which Debian does not provide by that name.
    shim = work / "python-shim"
    shim.mkdir(exist_ok=True)
    if not (shim / "python").exists():
        os.symlink(PYTHON, shim / "python")
    env["PATH"] = f"{shim}:{env['PATH']}"

    print(f"diffusers {copies_bench.HEAD[:12]}, clean checkout; formatter: {ruff}/ruff")
    for label, kensa_cmds, script_cmds, target, wall_target in (
            ("dummies+init-isort+doc-toc (3 processes)", THREE_KENSA, THREE_SCRIPTS, ">= 20x",
             None),
            ("dummies+init-isort+doc-toc (1 process)", THREE_IN_ONE, THREE_SCRIPTS, ">= 20x",
             None),
            ("repo-consistency (PR CI's 5 checks)", CI_KENSA, CI_SCRIPTS,
             ">= 20x; < 300 ms cold, < 30 ms warm", 0.030)):
        k, k_min = median_of([[kensa, *c] for c in kensa_cmds], args.runs, clone, env)
        r, _ = median_of(script_cmds, args.reference_runs, clone, env)
        print(f"{label}: kensa {k:.3f} s (median of {args.runs}; min {k_min:.3f} s), "
              f"scripts {r:.3f} s (median of {args.reference_runs}); ratio {r / k:.1f}x")
        met = r / k >= 20 and (wall_target is None or k <= wall_target)
        bench_report.row(label, bench_report.ms(k), f"{bench_report.ms(r)} scripts", r / k,
                         target, met)
    print(f"load average: {os.getloadavg()[0]:.2f} on {os.cpu_count()} cores")
    return 0


if __name__ == "__main__":
    sys.exit(main())
