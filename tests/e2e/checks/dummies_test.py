#!/usr/bin/env python3
"""`kensa dummies` against diffusers' own utils/check_dummies.py.

1. The public corpus cases (../shared/corpus/diffusers-consistency, meta.json "kensa": "dummies"):
   the mutation is applied to a clone of the corpus repository; kensa's check must exit as the
   script did (check.rc) and print its message (the last line of check.out, after
   "ValueError: "); kensa's fix must print fix.out, exit fix.rc and change the tree exactly as
   fixed.patch says.
2. Mutations made here, each run through the real script (/usr/bin/python3, as the Makefile
   runs it) and through kensa on two copies of the same tree: same stdout, same exit status
   (kensa prints the script's message where the script raises), same files after --fix, byte
   for byte. Then --strict on the mistakes the script makes.

Exit 77 when the corpus is not there.
Usage: dummies_test.py --kensa BUILD/kensa --corpus DIR (the ../shared/corpus folder)
"""
import argparse
import filecmp
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile

INIT = "src/diffusers/__init__.py"
UTILS = "src/diffusers/utils"


def git(repo, *args, **kw):
    return subprocess.run(["git", "-C", repo, *args], check=True, capture_output=True, text=True,
                          **kw).stdout


def kensa(k, repo, *args):
    return subprocess.run([k, "-C", repo, "dummies", *args], capture_output=True, text=True,
                          timeout=120)


def script(repo, *args):
    return subprocess.run(["/usr/bin/python3", "utils/check_dummies.py", *args], cwd=repo,
                          capture_output=True, text=True, timeout=120,
                          env=dict(os.environ, PYTHONPATH="src", PYTHONDONTWRITEBYTECODE="1"))


def last_exception(stderr):
    """("ValueError", "message") of a traceback's last line, or None."""
    lines = [l for l in stderr.strip().splitlines() if l]
    if not lines or "Traceback" not in stderr:
        return None
    m = re.match(r"^(\w+): (.*)$", lines[-1])
    return (m.group(1), m.group(2)) if m else (lines[-1], "")


def edit(path, old, new, count=1):
    with open(path, encoding="utf-8", newline="\n") as f:
        text = f.read()
    assert old in text, (path, old)
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.write(text.replace(old, new, count))


# Mutations of the main __init__ and the dummy files, each a function of the tree's root.
def new_torch_class(repo):
    edit(os.path.join(repo, INIT), "        from .schedulers import LMSDiscreteScheduler\n",
         "        from .schedulers import LMSDiscreteScheduler, LMSFlowScheduler\n")


def new_constant_and_function(repo):
    edit(os.path.join(repo, INIT), "        from .schedulers import LMSDiscreteScheduler\n",
         "        from .schedulers import LMSDiscreteScheduler, LMS_DEFAULT, lms_helper\n")


def hand_edited_dummy(repo):
    edit(os.path.join(repo, UTILS, "dummy_torch_and_scipy_objects.py"), "requires_backends(cls,",
         "requires_backends(self,")


def new_backend(repo):
    # A guard for a backend that has no dummy file yet: the fix creates it.
    edit(os.path.join(repo, INIT), "    try:\n        if not (is_torch_available() and is_scipy_available()):\n",
         "    try:\n        if not is_kensa_test_available():\n            raise OptionalDependencyNotAvailable()\n"
         "    except OptionalDependencyNotAvailable:\n        pass\n    else:\n"
         "        from .schedulers import KensaScheduler\n\n"
         "    try:\n        if not (is_torch_available() and is_scipy_available()):\n")


def comment_in_import_list(repo):
    # The script's mistake: the comment, minus its last character, becomes a "dummy object"
    # (all lower case, so a function: `def # keep sorte(*args, **kwargs):`).
    with open(os.path.join(repo, INIT), encoding="utf-8") as f:
        text = f.read()
    at = text.index("if TYPE_CHECKING")
    m = re.compile(r"\n    else:\n        from \.\w+ import \(\n").search(text, at)
    assert m, "no multi-line import list after TYPE_CHECKING"
    text = text[:m.end()] + "            # keep sorted\n" + text[m.end():]
    with open(os.path.join(repo, INIT), "w", encoding="utf-8", newline="\n") as f:
        f.write(text)


def no_type_checking(repo):
    edit(os.path.join(repo, INIT), "if TYPE_CHECKING", "if KENSA_NOT_TYPE_CHECKING")


def not_utf8(repo):
    with open(os.path.join(repo, INIT), "ab") as f:
        f.write(b"\n# \xff\n")


MUTATIONS = [new_torch_class, new_constant_and_function, hand_edited_dummy, new_backend,
             comment_in_import_list, no_type_checking, not_utf8]


class Failures:
    def __init__(self):
        self.count = 0
        self.checked = 0

    def expect(self, ok, name, detail=""):
        self.checked += 1
        if ok:
            print("ok   " + name)
        else:
            self.count += 1
            print("FAIL " + name + ("\n" + detail if detail else ""))


def same_trees(a, b):
    """Paths (under src/diffusers/utils and the init) whose bytes differ between two trees."""
    differ = []
    names = set(os.listdir(os.path.join(a, UTILS))) | set(os.listdir(os.path.join(b, UTILS)))
    for name in sorted(names) + ["../__init__.py"]:
        pa, pb = os.path.join(a, UTILS, name), os.path.join(b, UTILS, name)
        if os.path.isdir(pa) or os.path.isdir(pb):
            continue
        if not (os.path.exists(pa) and os.path.exists(pb) and filecmp.cmp(pa, pb, shallow=False)):
            differ.append(name)
    return differ


def corpus_cases(k, repo, cases_dir, out):
    for name in sorted(os.listdir(cases_dir)):
        meta_path = os.path.join(cases_dir, name, "meta.json")
        if not os.path.isfile(meta_path):
            continue
        with open(meta_path) as f:
            meta = json.load(f)
        if meta.get("kensa") != "dummies":
            continue
        case = os.path.join(cases_dir, name)
        git(repo, "checkout", "-q", "-f", meta["head"])
        git(repo, "clean", "-qfdx")
        git(repo, "apply", os.path.join(case, "mutation.patch"))
        git(repo, "-c", "user.name=t", "-c", "user.email=t@t", "commit", "-qam", "mutation")
        with open(os.path.join(case, "check.out")) as f:
            check_out = f.read()
        with open(os.path.join(case, "check.rc")) as f:
            check_rc = int(f.read())
        r = kensa(k, repo)
        want = last_exception(check_out)
        ok = r.returncode == check_rc and (want is None or want[1] in r.stderr)
        out.expect(ok, "%s: check" % name, "rc %d (want %d)\n%s" % (r.returncode, check_rc, r.stderr))
        with open(os.path.join(case, "fix.out")) as f:
            fix_out = f.read()
        with open(os.path.join(case, "fix.rc")) as f:
            fix_rc = int(f.read())
        r = kensa(k, repo, "--fix")
        out.expect(r.returncode == fix_rc and r.stdout == fix_out, "%s: fix output" % name,
                   "rc %d (want %d)\nstdout %r\nwant   %r" % (r.returncode, fix_rc, r.stdout, fix_out))
        with open(os.path.join(case, "fixed.patch")) as f:
            fixed = f.read()
        got = git(repo, "diff")
        # The blob ids in "index" lines are abbreviated to another length; the rest is the fix.
        def body(patch):
            return [l for l in patch.splitlines() if not l.startswith("index ")]
        out.expect(body(got) == body(fixed), "%s: fixed files" % name, got[:3000])
        r = kensa(k, repo)
        out.expect(r.returncode == meta.get("check_after_fix_rc", 0), "%s: check after fix" % name,
                   r.stderr)


def live_cases(k, repo, work, out):
    for mutate in MUTATIONS:
        base = os.path.join(work, "base")
        shutil.rmtree(base, ignore_errors=True)
        shutil.copytree(repo, base, ignore=shutil.ignore_patterns(".git"))
        mutate(base)
        ref, mine = os.path.join(work, "ref"), os.path.join(work, "mine")
        for d in (ref, mine):
            shutil.rmtree(d, ignore_errors=True)
            shutil.copytree(base, d)
        name = mutate.__name__
        s, r = script(ref), kensa(k, mine)
        exc = last_exception(s.stderr)
        ok = (r.returncode == (1 if s.returncode else 0) and r.stdout == s.stdout
              and (exc is None or exc[1] in r.stderr))
        out.expect(ok, "%s: check as the script" % name,
                   "script rc %d: %s\nkensa rc %d: %s" % (s.returncode, s.stderr[-500:],
                                                         r.returncode, r.stderr))
        s, r = script(ref, "--fix_and_overwrite"), kensa(k, mine, "--fix")
        differ = same_trees(ref, mine)
        ok = (r.returncode == (1 if s.returncode else 0) and r.stdout == s.stdout and not differ)
        out.expect(ok, "%s: fix as the script" % name,
                   "script rc %d stdout %r\nkensa rc %d stdout %r stderr %r\nfiles differ: %s"
                   % (s.returncode, s.stdout, r.returncode, r.stdout, r.stderr, differ))
        leftovers = [n for n in os.listdir(os.path.join(mine, UTILS)) if ".kensa-" in n]
        out.expect(not leftovers, "%s: no temporary files left" % name, str(leftovers))

    # --strict: the comment line is reported with its line and never written as a class.
    strict = os.path.join(work, "strict")
    shutil.rmtree(strict, ignore_errors=True)
    shutil.copytree(repo, strict, ignore=shutil.ignore_patterns(".git"))
    comment_in_import_list(strict)
    with open(os.path.join(strict, INIT), encoding="utf-8") as f:
        line = [i for i, l in enumerate(f, 1) if l.strip() == "# keep sorted"][0]
    r = kensa(k, strict, "--strict", "--json")
    findings = json.loads(r.stdout)["findings"]
    comments = [f for f in findings if f["kind"] == "comment-object"]
    out.expect(r.returncode == 1 and len(comments) == 1 and comments[0]["line"] == line
               and comments[0]["file"] == INIT, "strict: the comment line is reported", r.stdout)
    kensa(k, strict, "--strict", "--fix")
    broken = []
    for name in sorted(os.listdir(os.path.join(strict, UTILS))):
        if name.startswith("dummy_") and name.endswith(".py"):
            with open(os.path.join(strict, UTILS, name), encoding="utf-8") as f:
                try:
                    compile(f.read(), name, "exec")
                except SyntaxError as e:
                    broken.append("%s: %s" % (name, e))
    out.expect(not broken, "strict: the fix leaves every dummy file valid Python", str(broken))
    r = kensa(k, strict, "--strict", "--json")
    kinds = sorted(f["kind"] for f in json.loads(r.stdout)["findings"])
    out.expect("stale" not in kinds and "comment-object" in kinds,
               "strict: after the fix only the comment is left", str(kinds))
    # Without --strict the same tree is what the script writes: the comment as a "class".
    ref = os.path.join(work, "strict-ref")
    shutil.rmtree(ref, ignore_errors=True)
    shutil.copytree(repo, ref, ignore=shutil.ignore_patterns(".git"))
    comment_in_import_list(ref)
    script(ref, "--fix_and_overwrite")
    bad = [n for n in os.listdir(os.path.join(ref, UTILS))
           if n.startswith("dummy_") and "def # keep sorte(" in
           open(os.path.join(ref, UTILS, n), encoding="utf-8").read()]
    out.expect(len(bad) == 1, "the script itself writes the comment as a class (the quirk)",
               str(bad))


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--kensa", required=True)
    p.add_argument("--corpus", required=True, help="the ../shared/corpus folder")
    a = p.parse_args()
    k = os.path.abspath(a.kensa)
    tar = os.path.join(a.corpus, "diffusers-shallow.git.tar")
    cases = os.path.join(a.corpus, "diffusers-consistency")
    if not os.path.exists(tar) or not os.path.isdir(cases):
        print("no corpus at %s; skipping" % a.corpus)
        return 77
    work = tempfile.mkdtemp(prefix="kensa-dummies-")
    try:
        subprocess.run(["tar", "-xf", tar, "-C", work], check=True)
        repo = os.path.join(work, "diffusers")
        subprocess.run(["git", "clone", "-q", os.path.join(work, "diffusers.git"), repo], check=True)
        head = git(repo, "rev-parse", "HEAD").strip()
        out = Failures()
        corpus_cases(k, repo, cases, out)
        git(repo, "checkout", "-q", "-f", head)
        git(repo, "clean", "-qfdx")
        live_cases(k, repo, work, out)
        print("%d/%d checks as utils/check_dummies.py" % (out.checked - out.count, out.checked))
        return 1 if out.count or not out.checked else 0
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
