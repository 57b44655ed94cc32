#!/usr/bin/env python3
"""`kensa repo-consistency` and `kensa fix-copies` on the corpus' diffusers.

repo-consistency runs every check over one project, in parallel; each check is tested against
its script by its own test, so here the whole must be exactly its parts, on a tree where three
checks fail (a new class without a dummy, a stale forward() docstring entry, an unsorted
table of contents):
- its stdout is the checks' stdouts one after another (text and --format github), its stderr
  holds each check's stderr in order, a line per failed check and the count;
- --json holds each check's own --json document and the names of the failed ones;
- --fix leaves the files the scripts' fix modes leave when run one after another
  (check_dummies.py --fix_and_overwrite, check_forward_call_docstrings.py --fix,
  check_doc_toc.py --fix_and_overwrite, custom_init_isort.py), and the checks then pass;
- unknown names in --only/--skip are usage errors with a suggestion.
With ruff (the wasm build from ../shared/tools/ruff-wasm, installed into --work by npm) it also
checks that every check, copies included, passes on clean HEAD, and that fix-copies is
`copies --fix` then `dummies --fix`, stopping, as make does, when the copies fix fails.

Exit 77 when the corpus is not there.
Usage: repo_consistency_test.py --kensa BUILD/kensa --corpus DIR --work DIR
"""
import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
sys.path.insert(0, os.path.dirname(HERE))
import doc_toc_test  # noqa: E402
import dummies_test  # noqa: E402
import forward_docstrings_test  # noqa: E402
from parity import Failures, clone_corpus, copy_tree, differing_files, edit, script  # noqa: E402

CHECKS = ["copies", "dummies", "support-list", "forward-docstrings", "deps-table", "doc-toc",
          "init-isort", "ai-docs"]
WITHOUT_COPIES = CHECKS[1:]
FAILING = ["dummies", "forward-docstrings", "doc-toc"]


def three_failures(repo):
    dummies_test.new_torch_class(repo)
    forward_docstrings_test.stale_entry(repo)
    doc_toc_test.swapped(repo)


def run(k, repo, *args, env=None):
    return subprocess.run([k, "-C", repo, *args], capture_output=True, text=True, timeout=300,
                          env=env)


def parts_and_whole(k, repo, work, out):
    tree = copy_tree(repo, work, "three", three_failures)
    whole = run(k, tree, "repo-consistency", "--skip", "copies")
    parts = [run(k, tree, name) for name in WITHOUT_COPIES]
    out.expect(whole.returncode == 1 and whole.stdout == "".join(p.stdout for p in parts),
               "text: stdout is the checks' stdouts in order",
               "rc %d\n%s" % (whole.returncode, whole.stdout[-2000:]))
    at, in_order = 0, True
    for p in parts:
        found = whole.stderr.find(p.stderr, at)
        in_order = in_order and found >= 0
        at = found + len(p.stderr) if found >= 0 else at
    failed_lines = [l for l in whole.stderr.splitlines() if l.endswith("failed with exit code 1")]
    out.expect(in_order and len(failed_lines) == 3
               and whole.stderr.endswith("kensa repo-consistency: 7 checks, 3 failed\n"),
               "text: each check's stderr in order, one line per failed check, the count",
               whole.stderr[-3000:])
    for p, name in zip(parts, WITHOUT_COPIES):
        out.expect(p.returncode == (1 if name in FAILING else 0), "the mutation fails %s" % name
                   if name in FAILING else "the mutation leaves %s passing" % name, p.stderr)

    gh = run(k, tree, "repo-consistency", "--skip", "copies", "--format", "github")
    gh_parts = [run(k, tree, name, "--format", "github") for name in WITHOUT_COPIES]
    out.expect(gh.returncode == 1 and gh.stdout == "".join(p.stdout for p in gh_parts)
               and gh.stdout.count("::error file=") >= 3,
               "--format github: the checks' annotations in order", gh.stdout[-2000:])

    js = run(k, tree, "repo-consistency", "--skip", "copies", "--json")
    doc = json.loads(js.stdout) if js.stdout.startswith("{") else {}
    checks = doc.get("checks", [])
    same = [c["result"] == json.loads(run(k, tree, c["name"], "--json").stdout) for c in checks]
    out.expect(js.returncode == 1 and [c["name"] for c in checks] == WITHOUT_COPIES
               and doc.get("failed") == FAILING and all(same)
               and [c["exit"] for c in checks] == [1 if n in FAILING else 0 for n in WITHOUT_COPIES],
               "--json: every check's own document, the failed ones named", js.stdout[-2000:])

    only = run(k, tree, "repo-consistency", "--only", "doc-toc,dummies", "--json")
    names = [c["name"] for c in json.loads(only.stdout)["checks"]] if only.stdout else []
    out.expect(only.returncode == 1 and names == ["dummies", "doc-toc"],
               "--only: just those, in the fixed order", only.stdout + only.stderr)
    # inits is not run by default (diffusers' own script does not pass on diffusers), only asked.
    alone, asked = run(k, repo, "inits"), run(k, repo, "repo-consistency", "--only", "inits")
    out.expect(asked.returncode == alone.returncode and asked.stdout == alone.stdout
               and asked.stderr.startswith(alone.stderr), "--only inits: the inits check",
               asked.stderr[-1000:])
    bad = run(k, tree, "repo-consistency", "--skip", "dumies")
    out.expect(bad.returncode == 2 and "did you mean 'dummies'?" in bad.stderr and not bad.stdout,
               "--skip with an unknown check: usage error with a suggestion", bad.stderr)


def fix_as_the_scripts(k, repo, work, out):
    mine = copy_tree(repo, work, "fix-mine", three_failures)
    ref = copy_tree(repo, work, "fix-ref", three_failures)
    r = run(k, mine, "repo-consistency", "--skip", "copies", "--fix")
    steps = [("utils/check_dummies.py", "--fix_and_overwrite"),
             ("utils/check_forward_call_docstrings.py", "--fix"),
             ("utils/check_doc_toc.py", "--fix_and_overwrite"), ("utils/custom_init_isort.py",)]
    ref_out = ""
    for step in steps:
        s = script(ref, *step)
        ref_out += s.stdout
        if s.returncode != 0:
            out.expect(False, "reference fix %s" % step[0], s.stderr[-1500:])
    differ = differing_files(ref, mine, "src") + differing_files(ref, mine, "docs")
    # The scripts' reports, each in order; deps-table's (what setup.py deps_table_update says)
    # comes between them.
    want = ref_out
    out.expect(r.returncode == 0 and not differ, "--fix: the files the scripts' fixes leave",
               "rc %d\n%s\ndiffer %s" % (r.returncode, r.stderr[-2000:], differ))
    out.expect(all(line in r.stdout for line in want.splitlines() if line),
               "--fix: each fix's own report", r.stdout[-2000:] + "\nwant\n" + want[-2000:])
    again = run(k, mine, "repo-consistency", "--skip", "copies")
    out.expect(again.returncode == 0, "--fix: the checks pass afterwards", again.stderr[-2000:])
    leftovers = [os.path.join(d, n) for d, _, files in os.walk(mine) for n in files
                 if ".kensa-" in n]
    out.expect(not leftovers, "--fix: no temporary files left", str(leftovers))


def ruff_env(work, corpus):
    import copies_corpus
    shared = Path(corpus).resolve().parent
    ruff_dir = copies_corpus.ensure_ruff(Path(work), shared)
    return dict(os.environ, PATH=str(ruff_dir) + os.pathsep + os.environ.get("PATH", ""))


def broken_copy_and_dummy(repo):
    # A copy whose source moved on (no `with`, so no snippet of it needs formatting) and a new
    # class without its dummy.
    edit(os.path.join(repo, "src/diffusers/quantizers/gguf/utils.py"),
         "# Copied from diffusers.quantizers.bitsandbytes.utils._create_accelerate_new_hook\n",
         "# Copied from diffusers.quantizers.bitsandbytes.utils._create_accelerate_new_hook\n"
         "# kensa: stale line\n")
    dummies_test.new_torch_class(repo)


def bad_regex_and_dummy(repo):
    edit(os.path.join(repo, "src/diffusers/schedulers/scheduling_scm.py"), "with DDPM->SCM",
         "with DDPM->SCM, *SCM->X")
    dummies_test.new_torch_class(repo)


def with_ruff(k, repo, work, env, out):
    head = run(k, repo, "repo-consistency", env=env)
    out.expect(head.returncode == 0 and head.stderr.endswith("8 checks, 0 failed\n"),
               "clean HEAD: every check passes, copies included", head.stderr[-2000:])

    mine = copy_tree(repo, work, "fc-mine", broken_copy_and_dummy)
    parts = copy_tree(repo, work, "fc-parts", broken_copy_and_dummy)
    r = run(k, mine, "fix-copies", env=env)
    a, b = run(k, parts, "copies", "--fix", env=env), run(k, parts, "dummies", "--fix", env=env)
    differ = differing_files(parts, mine, "src")
    out.expect(r.returncode == 0 and r.stdout == a.stdout + b.stdout and r.stderr == a.stderr + b.stderr
               and not differ and "Detected changes" in a.stdout and "Updating" in b.stdout,
               "fix-copies: copies --fix then dummies --fix",
               "rc %d\n%r\n%r\ndiffer %s" % (r.returncode, r.stdout, a.stdout + b.stdout, differ))
    after = run(k, mine, "repo-consistency", env=env)
    out.expect(after.returncode == 0, "fix-copies: repo-consistency passes afterwards",
               after.stderr[-2000:])

    tree = copy_tree(repo, work, "fc-stop", bad_regex_and_dummy)
    dummy = os.path.join(tree, "src/diffusers/utils/dummy_pt_objects.py")
    before = open(dummy, "rb").read()
    r = run(k, tree, "fix-copies", env=env)
    out.expect(r.returncode == 1 and "invalid regular expression" in r.stderr
               and open(dummy, "rb").read() == before,
               "fix-copies: stops at a failing copies fix, as make does", r.stderr[-1500:])


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--kensa", required=True)
    p.add_argument("--corpus", required=True, help="the ../shared/corpus folder")
    p.add_argument("--work", required=True, help="where ruff-wasm is installed (kept)")
    a = p.parse_args()
    k = os.path.abspath(a.kensa)
    os.makedirs(a.work, exist_ok=True)
    tmp = tempfile.mkdtemp(prefix="kensa-repocons-")
    try:
        repo = clone_corpus(a.corpus, tmp)
        if repo is None:
            print("no corpus at %s; skipping" % a.corpus)
            return 77
        out = Failures()
        parts_and_whole(k, repo, tmp, out)
        fix_as_the_scripts(k, repo, tmp, out)
        if shutil.which("npm") and shutil.which("node"):
            with_ruff(k, repo, tmp, ruff_env(a.work, a.corpus), out)
        else:
            print("note: no node/npm for ruff-wasm; copies and fix-copies not checked")
        print("%d/%d checks of repo-consistency and fix-copies" % (out.checked - out.count,
                                                                  out.checked))
        return 1 if out.count or not out.checked else 0
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
