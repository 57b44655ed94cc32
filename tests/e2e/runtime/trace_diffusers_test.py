#!/usr/bin/env python3
"""`kensa trace` on diffusers' own utils/ scripts, programs we did not write.

A clone of diffusers (from ../shared/corpus/diffusers-shallow.git.tar, or --repo, copied) is
mutated so that its repository checks fail. Each script is run twice per interpreter: under
tests/fixtures/trace_programs/oracle_run.py, which makes CPython itself print the stack of the
emission (a traceback ending at the raise, or at the print whose write fails), and under
`kensa trace`. The traced event's frames must be those CPython printed: file, line and function,
outermost first. Every Python 3.8-3.13 of ~/.pyenv/versions and /usr/bin/python3 is tried (a
missing one is skipped). Exit 77 when no diffusers is available.

Usage: /usr/bin/python3 trace_diffusers_test.py --kensa BUILD/kensa --corpus TAR [--repo DIR]
"""
import argparse
import json
import os
import shutil
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
sys.path.insert(0, os.path.dirname(HERE))
import trace_test  # noqa: E402  (pythons(), run(), clean_env(), printed_stack())
from diffusers_clone import diffusers_tree, mutate_dummies, mutate_support_list  # noqa: E402

ORACLE = os.path.normpath(os.path.join(HERE, "..", "..", "fixtures", "trace_programs",
                                       "oracle_run.py"))


# (mutation before the case, script and arguments, oracle mode, kensa trace options)
CASES = [
    (mutate_dummies, ["utils/check_dummies.py"], "exception", ["--kind", "exception"]),
    (None, ["utils/check_dummies.py", "--fix_and_overwrite"], "stdout",
     ["--kind", "print", "--match", "^Updating"]),
    (mutate_support_list, ["utils/check_support_list.py"], "exception", ["--kind", "exception"]),
    (None, ["utils/check_forward_call_docstrings.py", "--paths",
            "src/diffusers/models/transformers/transformer_flux.py"], "stdout", ["--kind", "print"]),
]


def check_case(kensa, python, repo, argv, mode, options, work):
    """None when kensa's frames are CPython's, else what differs."""
    script = os.path.join(repo, argv[0])
    env = trace_test.clean_env(PYTHONDONTWRITEBYTECODE="1")
    plain = trace_test.run([python, ORACLE, mode, script, *argv[1:]], cwd=repo, env=env,
                           text=True, timeout=300)
    want = trace_test.printed_stack(plain.stderr, script, mode)
    if not want:
        return "CPython printed no stack of %s:\n%s" % (mode, plain.stderr[-2000:])
    report = os.path.join(work, "report.json")
    traced = trace_test.run([kensa, "trace", "--json", "--output", report, *options, "--",
                             python, script, *argv[1:]], cwd=repo, env=env, text=True,
                            timeout=300)
    with open(report) as f:
        events = json.load(f)["events"]
    os.unlink(report)
    if not events:
        return "kensa recorded nothing (exit %d):\n%s" % (traced.returncode, traced.stderr[-2000:])
    got = [(f["file"], f["line"], f["function"].split(".")[-1]) for f in events[0]["frames"]]
    if got != want:
        return "frames differ\n  kensa:   %s\n  CPython: %s" % (got, want)
    return None


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--kensa", required=True)
    p.add_argument("--corpus", default="", help="diffusers-shallow.git.tar (../shared/corpus)")
    p.add_argument("--repo", help="a diffusers clone to copy instead of the corpus")
    a = p.parse_args()
    kensa = os.path.abspath(a.kensa)
    work = tempfile.mkdtemp(prefix="kensa-trace-diffusers-")
    try:
        source = diffusers_tree(work, a.corpus, a.repo)
        if source is None:
            print("no diffusers corpus at %s; skipping" % a.corpus)
            return 77
        failures = checked = 0
        for label, python in trace_test.pythons():
            # A fresh copy per interpreter: the mutations and the fix mode change the tree.
            repo = os.path.join(work, "run-" + label)
            shutil.copytree(source, repo, ignore=shutil.ignore_patterns(".git"))
            for mutate, argv, mode, options in CASES:
                if mutate:
                    mutate(repo)
                problem = check_case(kensa, python, repo, argv, mode, options, work)
                checked += 1
                name = "%s %s" % (label, " ".join(argv))
                if problem:
                    failures += 1
                    print("FAIL %s: %s" % (name, problem))
                else:
                    print("ok   %s" % name)
            shutil.rmtree(repo, ignore_errors=True)
        print("%d/%d traced stacks are CPython's" % (checked - failures, checked))
        return 1 if failures or not checked else 0
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
