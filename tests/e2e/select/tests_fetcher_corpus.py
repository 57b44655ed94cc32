#!/usr/bin/python3
"""`kensa tests` against diffusers' own utils/tests_fetcher.py.

1. The public corpus (../shared/corpus/diffusers-fetcher/<case>/): for each case, a clone of
   the corpus repository at that commit, `kensa tests --diff-with-last-commit --output-dir OUT`,
   and every output file and stdout compared byte for byte with what the reference wrote
   (its absolute checkout path replaced by `<repo>/`, as the corpus README says).
2. More commits of the same history, with expectations made now by running the reference
   script (the newest one, as the corpus did) with /usr/bin/python3 and GitPython: a fixed
   list chosen for variety (renames, deleted files, docstring-only changes, __init__ changes,
   fallbacks), then --extra more spread over the history.
3. The other modes on a few commits: the default mode on a branch (merge-base with main) and
   --base/--head, against the reference run the way CI runs it.

Parts 2 and 3 run a deterministic sample by default (the first SAMPLE_CHOSEN commits of the
list, one spread commit, one branch pair), to keep `make test` short; --full, or
KENSA_E2E_FULL=1 in the environment, runs all of them (CHOSEN, --extra more, two branch pairs).

Exit status 0 when everything matches, 1 otherwise, 77 (skipped) without the corpus.
"""

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
DEFAULT_CORPUS = os.path.normpath(os.path.join(HERE, "..", "..", "..", "..", "shared", "corpus"))
OUTPUTS = ["test_list.txt", "test_map.json", "examples_test_list.txt"]

# Commits of the corpus history worth checking besides the public cases (found by scanning the
# history): renames of .py files, deletions, docstring-only changes, changed __init__ files,
# changes under examples/ and utils/, merges of many files.
CHOSEN = [
    "e365d749a1a260e31a1373415255a1288909ef7e",  # 60+ renames into pipelines/deprecated
    "dad80d728df16bac506b84b363561e536609bcd9",  # a deleted module
    "2f7e0154a9db246e95c9ede43edba7db5b130805",  # docstring-only changes next to code changes
    "4f37263ab7f6f80a22ff854b9934a62e72a3c0e3",  # 324 docstring-only files: nothing selected
    "80bfe77b572113a970471931de1c23c3680b971f",  # 71 modified files, 469 tests
    "c56add8081be60b7e8794e011f1790d0e37aeced",  # 104 modified files
    "f50253813455a10f90c049f7fce3e221f0ff1d33",  # 182 docstring-only, 25 real
]


# The default sample: renames, a deleted module, docstring-only changes next to code changes.
SAMPLE_CHOSEN = 3


def run(cmd, cwd=None, check=True, capture=True, env=None):
    p = subprocess.run(cmd, cwd=cwd, env=env, stdout=subprocess.PIPE if capture else None,
                       stderr=subprocess.PIPE if capture else None)
    if check and p.returncode != 0:
        raise RuntimeError("%s failed (%d): %s" % (" ".join(cmd), p.returncode,
                                                   p.stderr.decode(errors="replace")))
    return p


def git(repo, *args):
    return run(["git", "-C", repo] + list(args)).stdout.decode().strip()


def read_outputs(directory):
    files = {}
    for name in OUTPUTS:
        path = os.path.join(directory, name)
        if os.path.exists(path):
            with open(path, "rb") as f:
                files[name] = f.read()
    return files


def run_kensa(kensa, repo, out, args):
    if os.path.exists(out):
        shutil.rmtree(out)
    os.makedirs(out)
    p = run([kensa, "tests", "-C", repo, "--output-dir", out] + args, check=False)
    return p.returncode, p.stdout, read_outputs(out)


def substitute(data, repo):
    return data.replace((os.path.realpath(repo) + "/").encode(), b"<repo>/")


def compare(label, repo, kensa_result, expected_stdout, expected_files, expected_rc=0):
    rc, stdout, files = kensa_result
    problems = []
    if rc != expected_rc:
        problems.append("exit status %d, expected %d" % (rc, expected_rc))
    if substitute(stdout, repo) != expected_stdout:
        problems.append("stdout differs")
    for name in OUTPUTS:
        got = files.get(name)
        want = expected_files.get(name)
        if got is not None:
            got = substitute(got, repo)
        if got != want:
            problems.append("%s differs (%s)" % (name, "missing" if got is None else
                                                  "unexpected" if want is None else "content"))
    if problems:
        print("FAIL %s: %s" % (label, "; ".join(problems)))
        return False
    print("ok   %s" % label)
    return True


def corpus_cases(kensa, clone, corpus_dir, work):
    ok = total = 0
    cases_dir = os.path.join(corpus_dir, "diffusers-fetcher")
    for case in sorted(os.listdir(cases_dir)):
        meta_path = os.path.join(cases_dir, case, "meta.json")
        if not os.path.exists(meta_path):
            continue
        with open(meta_path) as f:
            meta = json.load(f)
        git(clone, "checkout", "-q", "--detach", meta["sha"])
        expected = {}
        for name in OUTPUTS:
            path = os.path.join(cases_dir, case, name)
            if os.path.exists(path):
                with open(path, "rb") as f:
                    expected[name] = f.read()
        with open(os.path.join(cases_dir, case, "stdout.txt"), "rb") as f:
            expected_stdout = f.read()
        result = run_kensa(kensa, clone, os.path.join(work, "out"), ["--diff-with-last-commit"])
        total += 1
        ok += compare("corpus %s" % case, clone, result, expected_stdout, expected,
                      meta.get("exit_code", 0))
    return ok, total


class Reference:
    """Runs the newest utils/tests_fetcher.py inside the clone, as the corpus was made."""

    def __init__(self, clone, script_blob):
        self.clone = clone
        self.script = script_blob

    def run(self, args):
        target = os.path.join(self.clone, "utils", "tests_fetcher.py")
        with open(target, "wb") as f:
            f.write(self.script)
        for name in OUTPUTS:
            if os.path.exists(os.path.join(self.clone, name)):
                os.remove(os.path.join(self.clone, name))
        p = run(["/usr/bin/python3", "utils/tests_fetcher.py", "--output_file", "test_list.txt",
                 "--json_output_file", "test_map.json"] + args, cwd=self.clone, check=False)
        files = read_outputs(self.clone)
        for name in OUTPUTS:
            if os.path.exists(os.path.join(self.clone, name)):
                os.remove(os.path.join(self.clone, name))
        # Put the commit's own script back, so that the work tree is clean again.
        git(self.clone, "checkout", "-q", "--", "utils/tests_fetcher.py")
        stdout = substitute(p.stdout, self.clone)
        files = {k: substitute(v, self.clone) for k, v in files.items()}
        return p.returncode, stdout, files


def touches_fetcher(clone, sha):
    changed = git(clone, "diff-tree", "-r", "--name-only", "--no-commit-id", sha)
    return "utils/tests_fetcher.py" in changed.split("\n")


def extra_cases(kensa, clone, work, reference, shas):
    ok = total = 0
    for sha in shas:
        if touches_fetcher(clone, sha):
            continue
        git(clone, "checkout", "-q", "--detach", sha)
        result = run_kensa(kensa, clone, os.path.join(work, "out"), ["--diff-with-last-commit"])
        rc, stdout, files = reference.run(["--diff_with_last_commit"])
        total += 1
        ok += compare("commit %s" % sha[:10], clone, result, stdout, files, rc)
    return ok, total


def branch_cases(kensa, clone, work, reference, pairs):
    """The default mode: a feature branch against main (its merge-base), as on a PR."""
    ok = total = 0
    for main_sha, head_sha in pairs:
        # main at an older commit; the branch is the newer one: the reference compares with
        # the merge-base of origin/main and HEAD.
        git(clone, "update-ref", "refs/remotes/origin/main", main_sha)
        git(clone, "checkout", "-q", "-B", "feature", head_sha)
        result = run_kensa(kensa, clone, os.path.join(work, "out"), [])
        rc, stdout, files = reference.run([])
        total += 1
        ok += compare("branch %s..%s" % (main_sha[:8], head_sha[:8]), clone, result, stdout,
                      files, rc)
        # --base/--head name the same comparison from anywhere.
        git(clone, "checkout", "-q", "--detach", main_sha)
        result = run_kensa(kensa, clone, os.path.join(work, "out"),
                           ["--base", "origin/main", "--head", "feature"])
        total += 1
        ok += compare("--base/--head %s..%s" % (main_sha[:8], head_sha[:8]), clone, result,
                      stdout, files, rc)
    git(clone, "checkout", "-q", "--detach", "HEAD")
    return ok, total


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--kensa", required=True)
    parser.add_argument("--corpus", default=DEFAULT_CORPUS)
    parser.add_argument("--extra", type=int, default=None,
                        help="commits spread over the history to check besides the chosen ones "
                             "(default: 3 with --full, else 1)")
    parser.add_argument("--full", action="store_true",
                        default=os.environ.get("KENSA_E2E_FULL") == "1",
                        help="every chosen commit and branch pair, not the default sample "
                             "(also KENSA_E2E_FULL=1)")
    parser.add_argument("--no-reference", action="store_true",
                        help="only the public corpus (no run of the reference script)")
    parser.add_argument("--no-corpus", action="store_true",
                        help="only the reference runs (the corpus cases are another ctest test)")
    parser.add_argument("--work", default=None)
    args = parser.parse_args()
    if args.extra is None:
        args.extra = 3 if args.full else 1
    chosen = CHOSEN if args.full else CHOSEN[:SAMPLE_CHOSEN]

    tarball = os.path.join(args.corpus, "diffusers-shallow.git.tar")
    if not os.path.exists(tarball):
        print("skipped: no corpus at %s" % args.corpus)
        return 77
    work = args.work or tempfile.mkdtemp(prefix="kensa_fetcher_e2e_")
    started = time.time()
    try:
        if os.path.exists(os.path.join(work, "diffusers")):
            shutil.rmtree(os.path.join(work, "diffusers"))
        if os.path.exists(os.path.join(work, "diffusers.git")):
            shutil.rmtree(os.path.join(work, "diffusers.git"))
        run(["tar", "-xf", tarball, "-C", work])
        clone = os.path.join(work, "diffusers")
        run(["git", "clone", "-q", os.path.join(work, "diffusers.git"), clone])
        git(clone, "config", "user.email", "e2e@example.com")
        git(clone, "config", "user.name", "e2e")

        all_ok = True
        if not args.no_corpus:
            ok, total = corpus_cases(kensa=args.kensa, clone=clone, corpus_dir=args.corpus,
                                     work=work)
            print("corpus: %d/%d match" % (ok, total))
            all_ok = ok == total

        if not args.no_reference:
            head = git(clone, "rev-parse", "origin/main")
            script = run(["git", "-C", clone, "show", head + ":utils/tests_fetcher.py"]).stdout
            reference = Reference(clone, script)
            history = git(clone, "rev-list", "--first-parent", head).split("\n")[:-1]
            corpus_shas = set()
            for case in os.listdir(os.path.join(args.corpus, "diffusers-fetcher")):
                meta = os.path.join(args.corpus, "diffusers-fetcher", case, "meta.json")
                if os.path.exists(meta):
                    with open(meta) as f:
                        corpus_shas.add(json.load(f)["sha"])
            candidates = [s for s in history if s not in corpus_shas and s not in CHOSEN]
            step = max(1, len(candidates) // max(1, args.extra))
            spread = candidates[::step][: args.extra]
            ok2, total2 = extra_cases(args.kensa, clone, work, reference, chosen + spread)
            print("reference runs: %d/%d match" % (ok2, total2))
            all_ok = all_ok and ok2 == total2

            pairs = [(history[40], history[30]), (history[120], history[100])]
            if not args.full:
                pairs = pairs[:1]
            ok3, total3 = branch_cases(args.kensa, clone, work, reference, pairs)
            print("branch mode: %d/%d match" % (ok3, total3))
            all_ok = all_ok and ok3 == total3
        print("%.0f s" % (time.time() - started))
        return 0 if all_ok else 1
    finally:
        if args.work is None:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
