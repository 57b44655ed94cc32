#!/usr/bin/env python3
"""kensa's .pre-commit-hooks.yaml, run by pre-commit itself on a fresh clone of the corpus'
diffusers: `pre-commit try-repo` (the hooks as this source tree has them, committed or not) and,
when the hooks file is committed, a real .pre-commit-config.yaml naming this repository at its
HEAD. Clean HEAD passes; a new class without its dummy fails the hook with the script's message.
kensa is the one built (put on PATH); the copies check's ruff is the wasm build installed into
--work, or, without node, the hook is given `--skip copies` as a user's `args:` would.

Exit 77 without pre-commit, the corpus, or a git checkout of kensa.
Usage: pre_commit_hooks_test.py --kensa BUILD/kensa --corpus DIR --work DIR --source DIR
"""
import argparse
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
sys.path.insert(0, os.path.dirname(HERE))
import dummies_test  # noqa: E402
from parity import Failures, clone_corpus  # noqa: E402

HOOK = "kensa-repo-consistency"


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--kensa", required=True)
    p.add_argument("--corpus", required=True)
    p.add_argument("--work", required=True)
    p.add_argument("--source", required=True, help="kensa's source tree (a git checkout)")
    a = p.parse_args()
    if shutil.which("pre-commit") is None:
        print("pre-commit is not installed; skipping")
        return 77
    source = os.path.abspath(a.source)
    if subprocess.run(["git", "-C", source, "rev-parse", "HEAD"], capture_output=True).returncode:
        print("%s is not a git checkout; skipping" % source)
        return 77
    tmp = tempfile.mkdtemp(prefix="kensa-precommit-")
    try:
        repo = clone_corpus(a.corpus, tmp)
        if repo is None:
            print("no corpus; skipping")
            return 77
        path = [os.path.dirname(os.path.abspath(a.kensa))]
        args = []
        if shutil.which("npm") and shutil.which("node"):
            import copies_corpus
            os.makedirs(a.work, exist_ok=True)
            path.append(str(copies_corpus.ensure_ruff(Path(a.work), Path(a.corpus).resolve().parent)))
        else:
            args = ["--skip", "copies"]
        env = dict(os.environ, PATH=os.pathsep.join(path + [os.environ.get("PATH", "")]),
                   PRE_COMMIT_HOME=os.path.join(tmp, "pre-commit-home"),
                   GIT_AUTHOR_NAME="t", GIT_AUTHOR_EMAIL="t@t", GIT_COMMITTER_NAME="t",
                   GIT_COMMITTER_EMAIL="t@t")
        out = Failures()

        def try_repo():
            cmd = ["pre-commit", "try-repo", source, HOOK, "--all-files", "--verbose"]
            if args:  # try-repo takes no args; a config gives them
                return None
            return subprocess.run(cmd, cwd=repo, env=env, capture_output=True, text=True,
                                  timeout=600)

        r = try_repo()
        if r is not None:
            out.expect(r.returncode == 0 and "Passed" in r.stdout, "try-repo: clean HEAD passes",
                       r.stdout[-2000:] + r.stderr[-2000:])

        status = subprocess.run(["git", "-C", source, "status", "--porcelain", "--",
                                 ".pre-commit-hooks.yaml"], capture_output=True, text=True).stdout
        committed = status == "" and os.path.exists(os.path.join(source, ".pre-commit-hooks.yaml"))
        sha = subprocess.run(["git", "-C", source, "rev-parse", "HEAD"], capture_output=True,
                             text=True).stdout.strip()
        config = ("repos:\n  - repo: %s\n    rev: %s\n    hooks:\n      - id: %s\n%s"
                  % (source, sha, HOOK, "        args: [%s]\n" % ", ".join(args) if args else ""))
        if committed:
            with open(os.path.join(repo, ".pre-commit-config.yaml"), "w") as f:
                f.write(config)
            r = subprocess.run(["pre-commit", "run", HOOK, "--all-files"], cwd=repo, env=env,
                               capture_output=True, text=True, timeout=600)
            out.expect(r.returncode == 0 and "Passed" in r.stdout,
                       "config at %s: clean HEAD passes" % sha[:12], r.stdout[-2000:] + r.stderr)
        else:
            print("note: .pre-commit-hooks.yaml is not committed; only try-repo checked")

        dummies_test.new_torch_class(repo)
        if committed:
            r = subprocess.run(["pre-commit", "run", HOOK, "--all-files"], cwd=repo, env=env,
                               capture_output=True, text=True, timeout=600)
        else:
            r = try_repo()
        if r is not None:
            out.expect(r.returncode == 1 and "Failed" in r.stdout
                       and "The main __init__ has objects that are not present in" in r.stdout,
                       "a stale dummy fails the hook with the script's message",
                       r.stdout[-2000:] + r.stderr[-2000:])
        print("%d/%d checks of the pre-commit hook" % (out.checked - out.count, out.checked))
        return 1 if out.count or not out.checked else 0
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
