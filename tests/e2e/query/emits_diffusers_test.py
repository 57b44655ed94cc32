#!/usr/bin/env python3
"""`kensa emits` on messages diffusers' own utils/ scripts really print or raise.

A clone of diffusers (from ../shared/corpus/diffusers-shallow.git.tar, or --repo, copied) is
mutated so that its repository checks fail, and each script is run with /usr/bin/python3 under
a small harness that records the message as printed and the frame that emitted it: the
traceback's last frame for an exception, the caller of print() for a print. Then
`kensa -C CLONE emits TEXT` must rank that file:line in its top 3. The expected sites come
from the interpreter, never from kensa's output. Exit 77 when no diffusers is available.
"""
import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
from diffusers_clone import diffusers_tree, mutate_dummies, mutate_support_list  # noqa: E402

HARNESS = r'''
import builtins, io, json, runpy, sys, traceback
script, args = sys.argv[1], sys.argv[2:]
events = []
real_print = builtins.print
def print_and_record(*values, sep=" ", end="\n", file=None, flush=False):
    caller = sys._getframe(1)
    events.append({"text": sep.join(str(v) for v in values), "file": caller.f_code.co_filename,
                   "line": caller.f_lineno, "kind": "print"})
    real_print(*values, sep=sep, end=end, file=file, flush=flush)
builtins.print = print_and_record
sys.argv = [script] + args
try:
    runpy.run_path(script, run_name="__main__")
except SystemExit:
    pass
except BaseException as e:
    frame = traceback.extract_tb(e.__traceback__)[-1]
    name = type(e).__qualname__ if type(e).__module__ == "builtins" else type(e).__module__ + "." + type(e).__qualname__
    events.append({"text": name + ": " + str(e), "file": frame.filename, "line": frame.lineno,
                   "kind": "raise"})
real_print("EVENTS " + json.dumps(events))
'''


# (mutation, script, arguments, which recorded event to check)
CASES = [
    (mutate_dummies, "utils/check_dummies.py", [], "raise"),
    (None, "utils/check_dummies.py", ["--fix_and_overwrite"], "print"),
    (mutate_support_list, "utils/check_support_list.py", [], "raise"),
]


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--kensa", required=True)
    p.add_argument("--corpus", default="", help="diffusers-shallow.git.tar (../shared/corpus)")
    p.add_argument("--repo", help="a diffusers clone to copy instead of the corpus")
    a = p.parse_args()
    work = tempfile.mkdtemp(prefix="kensa-emits-diffusers-")
    try:
        repo = diffusers_tree(work, a.corpus, a.repo)
        if repo is None:
            print(f"no diffusers corpus at {a.corpus}; skipping")
            return 77
        env = dict(os.environ, KENSA_CACHE_DIR=os.path.join(work, "cache"), PYTHONDONTWRITEBYTECODE="1")
        failures = checked = 0
        for mutate, script, args, kind in CASES:
            if mutate:
                mutate(repo)
            r = subprocess.run(["/usr/bin/python3", "-c", HARNESS, script] + args, cwd=repo,
                               capture_output=True, text=True, env=env, timeout=300)
            lines = [l for l in r.stdout.splitlines() if l.startswith("EVENTS ")]
            events = [e for e in json.loads(lines[-1][7:]) if e["kind"] == kind] if lines else []
            if not events:
                print(f"FAIL {script} {args}: no {kind} recorded\n{r.stdout[-2000:]}\n{r.stderr[-2000:]}")
                failures += 1
                continue
            event = events[0]
            text = event["text"].split("\n")[0]
            want = f"{os.path.relpath(os.path.join(repo, event['file']), repo)}:{event['line']}"
            k = subprocess.run([a.kensa, "emits", "-C", repo, text, "--json", "--limit", "10"],
                               capture_output=True, text=True, env=env, timeout=120)
            checked += 1
            ranked = [f"{o['file']}:{o['line']}" for o in json.loads(k.stdout)["origins"]] if k.stdout else []
            if want in ranked[:3]:
                print(f"ok   {text[:70]!r} -> {want} (rank {ranked.index(want) + 1})")
            else:
                failures += 1
                print(f"FAIL {text!r}: the interpreter emitted it at {want}; kensa ranked {ranked[:5]}\n{k.stderr}")
        print(f"{checked - failures}/{checked} messages traced to their emitting line")
        return 1 if failures else 0
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
