#!/usr/bin/python3
"""`make run` stays true: scripts/run-example on examples/minidiff with the built kensa.

The script must finish with status 0 (it checks the exit status of every step itself), the copy
check must have found the stale copy and --fix must have made it match the original again, and
test selection must list the tests that reach the changed model, and not the one that doesn't.

Usage: run_example_test.py --kensa BUILD/kensa --work DIR
"""
import argparse
import os
import re
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--kensa", required=True)
    ap.add_argument("--work", required=True)
    args = ap.parse_args()
    env = dict(os.environ, STDLIB=os.path.join(os.path.dirname(os.__file__), "json"))
    p = subprocess.run([os.path.join(ROOT, "scripts", "run-example"), args.kensa, args.work],
                       env=env, capture_output=True, text=True)
    out = re.sub(r"\x1b\[[0-9;]*m", "", p.stdout + p.stderr)
    failures = []
    if p.returncode != 0:
        failures.append("run-example exited with %d:\n%s\n%s" % (p.returncode, out, p.stderr))
    if "src/minidiff/models/autoencoder_kl.py: copy does not match" not in out:
        failures.append("the stale copy was not reported")
    repo = os.path.join(args.work, "minidiff")
    with open(os.path.join(repo, "src/minidiff/models/autoencoder_kl.py")) as f:
        fixed = f.read()
    if "value + 2 * self.channels for value" not in fixed:
        failures.append("copies --fix did not bring the copy up to date:\n" + fixed)
    try:
        with open(os.path.join(args.work, "out", "test_list.txt")) as f:
            selected = f.read().split()
    except OSError as e:
        selected = []
        failures.append("no test list: %s" % e)
    want = {"tests/models/test_autoencoder_kl.py", "tests/models/test_unet_2d.py",
            "tests/pipelines/test_text2image.py"}
    if set(selected) != want:
        failures.append("selected %s, expected %s" % (sorted(selected), sorted(want)))
    for failure in failures:
        print("FAIL:", failure)
    print("run-example: %s" % ("ok" if not failures else "%d failures" % len(failures)))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
