#!/usr/bin/env python3
"""`kensa fixup` against diffusers' `make fixup`, on a branch of the corpus' diffusers.

- The files it hands to ruff are what utils/get_modified_files.py prints (the real script, which
  runs git) for a branch with a modified, a staged new, an untracked, a deleted, a renamed file
  and one under `srcfoo/` (the script's regex has no slash after the folder name).
- ruff is run as the Makefile runs it: `ruff check FILES --fix` then `ruff format FILES`, from
  the project root, even when kensa starts in a subfolder. The ruff here is a stand-in that
  logs its arguments and folder (this machine has only ruff's wasm build, which cannot `check`);
  the copies check still formats with that wasm build, installed into --work by npm.
- Then the fixes: an unsorted table of contents is rewritten as check_doc_toc.py
  --fix_and_overwrite rewrites it, and the closing repo-consistency passes.
- make stops at the first failing step: a ruff check that fails leaves the table unsorted.
- No changed .py file, ruff missing, no `main` branch: the Makefile's message, or a clear error.

Exit 77 without the corpus.
Usage: fixup_test.py --kensa BUILD/kensa --corpus DIR --work DIR
"""
import argparse
import os
import shutil
import stat
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
sys.path.insert(0, os.path.dirname(HERE))
import doc_toc_test  # noqa: E402
from parity import Failures, clone_corpus, git, script  # noqa: E402

FAKE_RUFF = """#!/bin/sh
printf '%s|%s\\n' "$PWD" "$*" >> "$RUFF_LOG"
[ "$1" = check ] && [ -n "$RUFF_CHECK_FAILS" ] && { echo "E999 kensa test failure"; exit 1; }
exit 0
"""


def branch(repo):
    g = ["git", "-C", repo, "-c", "user.name=t", "-c", "user.email=t@t"]
    subprocess.run(g + ["checkout", "-q", "-b", "feature"], check=True)
    with open(os.path.join(repo, "src/diffusers/utils/constants.py"), "a") as f:
        f.write("KENSA_FIXUP_TEST = 1\n")
    os.makedirs(os.path.join(repo, "srcfoo"))
    for path, text in [("tests/test_kensa_fixup.py", "import os\n"), ("srcfoo/x.py", "y = 1\n")]:
        with open(os.path.join(repo, path), "w") as f:
            f.write(text)
        subprocess.run(g + ["add", path], check=True)
    subprocess.run(g + ["commit", "-qm", "feature"], check=True)
    with open(os.path.join(repo, "utils/untracked_kensa.py"), "w") as f:
        f.write("z = 1\n")
    subprocess.run(g + ["rm", "-q", "src/diffusers/utils/doc_utils.py"], check=True)
    subprocess.run(g + ["mv", "src/diffusers/utils/deprecation_utils.py",
                        "src/diffusers/utils/deprecation_kensa.py"], check=True)


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--kensa", required=True)
    p.add_argument("--corpus", required=True)
    p.add_argument("--work", required=True)
    a = p.parse_args()
    k = os.path.abspath(a.kensa)
    tmp = tempfile.mkdtemp(prefix="kensa-fixup-")
    try:
        repo = clone_corpus(a.corpus, tmp)
        if repo is None:
            print("no corpus; skipping")
            return 77
        git(repo, "checkout", "-q", "-B", "main")
        branch(repo)
        out = Failures()
        fake = os.path.join(tmp, "fake-ruff")
        with open(fake, "w") as f:
            f.write(FAKE_RUFF)
        os.chmod(fake, os.stat(fake).st_mode | stat.S_IEXEC)
        log = os.path.join(tmp, "ruff.log")
        path = os.environ.get("PATH", "")
        have_ruff = shutil.which("npm") and shutil.which("node")
        if have_ruff:
            import copies_corpus
            os.makedirs(a.work, exist_ok=True)
            ruff_dir = copies_corpus.ensure_ruff(Path(a.work), Path(a.corpus).resolve().parent)
            path = str(ruff_dir) + os.pathsep + path
        env = dict(os.environ, PATH=path, RUFF_LOG=log)

        def fixup(*args, cwd=repo, extra=None):
            return subprocess.run([k, "fixup", *args], cwd=cwd, capture_output=True, text=True,
                                  timeout=600, env=dict(env, **(extra or {})))

        files = script(repo, "utils/get_modified_files.py", "examples", "scripts", "src",
                       "tests", "utils", "benchmarks").stdout
        doc_toc_test.swapped(repo)
        ref = os.path.join(tmp, "ref-toc")
        shutil.copytree(repo, ref, symlinks=True)
        script(ref, "utils/check_doc_toc.py", "--fix_and_overwrite")

        # The ruff check fails first: make stops, nothing after it runs.
        r = fixup("--ruff", fake, extra={"RUFF_CHECK_FAILS": "1"})
        toc = open(doc_toc_test.toc(repo), "rb").read()
        out.expect(r.returncode == 1 and "E999 kensa test failure" in r.stdout
                   and toc != open(doc_toc_test.toc(ref), "rb").read(),
                   "a failing ruff check stops fixup before the fixes", r.stdout + r.stderr)
        os.remove(log)

        r = fixup("--ruff", fake, cwd=os.path.join(repo, "src", "diffusers"))
        out.expect(r.stdout.startswith("Checking/fixing %s\n" % files) and files.count(" ") >= 3
                   and "srcfoo/x.py" in files and "untracked_kensa" not in files,
                   "the files are get_modified_files.py's", "kensa %r\nscript %r" % (r.stdout[:500], files))
        calls = open(log).read().splitlines() if os.path.exists(log) else []
        want = ["%s|check %s --fix" % (repo, files), "%s|format %s" % (repo, files)]
        out.expect(calls == want, "ruff check --fix, then ruff format, from the root",
                   "%r\nwant %r" % (calls, want))
        same_toc = open(doc_toc_test.toc(repo), "rb").read() == open(doc_toc_test.toc(ref), "rb").read()
        out.expect(same_toc, "the table of contents fixed as check_doc_toc.py fixes it", r.stderr[-1500:])
        if have_ruff:
            out.expect(r.returncode == 0 and r.stderr.endswith("0 failed\n"),
                       "the closing repo-consistency passes", r.stdout[-1500:] + r.stderr[-1500:])

        r = fixup("--ruff", os.path.join(tmp, "no-such-ruff"))
        out.expect(r.returncode == 2 and "was not found" in r.stderr, "ruff missing: a clear error",
                   r.stderr)
        r = fixup("--ruff", fake, "--base", "no-such-branch")
        out.expect(r.returncode == 2 and "kensa fixup: cannot find the fork point" in r.stderr,
                   "no base branch: a clear error", r.stderr)
        clean = os.path.join(tmp, "clean")
        subprocess.run(["git", "clone", "-q", repo, clean], check=True)
        git(clean, "checkout", "-q", "main")
        r = fixup("--ruff", fake, cwd=clean)
        out.expect(r.stdout.startswith("No library .py files were modified\n"),
                   "nothing changed: the Makefile's message", r.stdout[:300] + r.stderr[-500:])
        print("%d/%d checks of kensa fixup" % (out.checked - out.count, out.checked))
        return 1 if out.count or not out.checked else 0
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
