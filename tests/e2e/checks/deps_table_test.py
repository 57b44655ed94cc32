#!/usr/bin/env python3
"""`kensa deps-table` against diffusers' own `make deps_table_check_updated` and
`python setup.py deps_table_update`.

Mutations of setup.py (and of the table) made here, each run through the real Makefile target
and setup.py and through kensa on two copies of one tree: the check's exit status and the
Makefile's error text, then the fix's stdout and the table it writes, byte for byte. They cover
a changed version, a new and a removed dependency, a duplicated name (the later spec wins, the
first place stays), an entry with extras and several specifiers, implicit string
concatenation, a stale and a missing table, and the ways setup.py itself dies before writing: an
entry the pattern does not match (IndexError), a name the extras use that `_deps` lost
(KeyError), and a syntax error.

Exit 77 when the corpus, make or setuptools is not there.
Usage: deps_table_test.py --kensa BUILD/kensa --corpus DIR (the ../shared/corpus folder)
"""
import os
import shutil
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from parity import copy_tree, edit, kensa, run_suite  # noqa: E402

TABLE = "src/diffusers/dependency_versions_table.py"
REGENERATION = ("running deps_table_update\n", "updating %s\n" % TABLE)


def setup_py(repo):
    return os.path.join(repo, "setup.py")


def changed_version(repo):
    edit(setup_py(repo), '"isort>=5.5.4",', '"isort>=5.5.5",')


def new_dependency(repo):
    edit(setup_py(repo), '"flashpack",\n', '"flashpack",\n    "kensa-test~=1.2",\n')


def removed_unused_dependency(repo):
    edit(setup_py(repo), '    "black",\n', "")


def duplicated_name(repo):
    edit(setup_py(repo), '"flashpack",\n', '"flashpack",\n    "numpy<3",\n')


def extras_and_specifiers(repo):
    edit(setup_py(repo), '"flashpack",\n', '"flashpack",\n    "kensa[x,y]>=1,!=1.5,<2",\n')


def implicit_concatenation(repo):
    edit(setup_py(repo), '"flashpack",\n', '"flashpack",\n    "kensa" ">=3",  # two literals\n')


def stale_table(repo):
    edit(os.path.join(repo, TABLE), '    "ftfy": "ftfy",\n', "")


def missing_table(repo):
    os.remove(os.path.join(repo, TABLE))


def unmatched_entry(repo):
    edit(setup_py(repo), '"flashpack",\n', '"flashpack",\n    ">=1.0",\n')


def lost_name(repo):
    edit(setup_py(repo), '    "isort>=5.5.4",\n', "")


def syntax_error(repo):
    edit(setup_py(repo), '"flashpack",\n', '"flashpack",,\n')


MUTATIONS = [changed_version, new_dependency, removed_unused_dependency, duplicated_name,
             extras_and_specifiers, implicit_concatenation, stale_table, missing_table,
             unmatched_entry, lost_name, syntax_error]


def run(cmd, cwd):
    # Under `make test` this make would be a sub-make printing "Entering directory" lines.
    env = {k: v for k, v in os.environ.items() if k not in ("MAKEFLAGS", "MFLAGS", "MAKELEVEL")}
    env["PYTHONDONTWRITEBYTECODE"] = "1"
    return subprocess.run(cmd, cwd=cwd, capture_output=True, text=True, timeout=300, env=env)


def last_exception(stderr):
    lines = [l for l in stderr.strip().split("\n") if l]
    for line in reversed(lines):
        if ": " in line and line.split(": ", 1)[0].endswith("Error"):
            return tuple(line.split(": ", 1))
    return None


def read(path):
    try:
        with open(path, "rb") as f:
            return f.read()
    except FileNotFoundError:
        return None


def side_by_side(k, repo, work, mutate, out):
    name = mutate.__name__
    ref = copy_tree(repo, work, "ref", mutate)
    mine = os.path.join(work, "mine")
    shutil.rmtree(mine, ignore_errors=True)
    shutil.copytree(ref, mine)
    # The check: the Makefile target (which rewrites the table as a side effect), kensa's check.
    m, r = run(["make", "--no-print-directory", "deps_table_check_updated"], ref), kensa(k, mine, "deps-table")
    exc = last_exception(m.stderr)
    makefile_text = "".join(l for l in m.stdout.splitlines(True) if l not in REGENERATION)
    if exc:
        ok = r.returncode == 1 and "would stop here with %s: %s" % exc in r.stderr
    elif m.returncode == 0:
        ok = r.returncode == 0 and r.stdout == ""
    elif read(os.path.join(mine, TABLE)) is None:
        ok = r.returncode == 1 and "No such file or directory" in r.stderr
    else:
        ok = r.returncode == 1 and r.stdout == makefile_text
    out.expect(ok, "%s: check as the Makefile" % name,
               "make rc %d: %r %r\nkensa rc %d: %r %r" % (m.returncode, m.stdout, m.stderr[-300:],
                                                        r.returncode, r.stdout, r.stderr))
    # The fix: setup.py's command on a fresh copy, kensa --fix on its own.
    ref = copy_tree(repo, work, "ref", mutate)
    s, r = run(["/usr/bin/python3", "setup.py", "deps_table_update"], ref), \
        kensa(k, mine, "deps-table", "--fix")
    exc = last_exception(s.stderr)
    same_table = read(os.path.join(ref, TABLE)) == read(os.path.join(mine, TABLE))
    if exc:
        ok = r.returncode == 1 and "would stop here with %s: %s" % exc in r.stderr and same_table
    else:
        ok = s.returncode == 0 and r.returncode == 0 and r.stdout == s.stdout and same_table
    out.expect(ok, "%s: fix as setup.py deps_table_update" % name,
               "setup.py rc %d: %r %r\nkensa rc %d: %r %r\nsame table: %s"
               % (s.returncode, s.stdout, s.stderr[-300:], r.returncode, r.stdout, r.stderr,
                  same_table))
    leftovers = [n for n in os.listdir(os.path.join(mine, "src/diffusers")) if ".kensa-" in n]
    out.expect(not leftovers, "%s: no temporary files left" % name, str(leftovers))


# What the Makefile target, setup.py and kensa read: copying these instead of the whole clone
# keeps each of the many copies below a few milliseconds.
SLIM = ["Makefile", "setup.py", "README.md", "pyproject.toml", "src/diffusers/__init__.py", TABLE]


def slim_tree(repo, work):
    slim = os.path.join(work, "slim")
    for rel in SLIM:
        os.makedirs(os.path.dirname(os.path.join(slim, rel)), exist_ok=True)
        shutil.copy2(os.path.join(repo, rel), os.path.join(slim, rel))
    return slim


def live_cases(k, full_repo, work, out):
    repo = slim_tree(full_repo, work)
    r = kensa(k, full_repo, "deps-table")
    out.expect(r.returncode == 0 and r.stdout == "" and r.stderr == "",
               "diffusers HEAD (the whole clone): the table is up to date", r.stdout + r.stderr)
    r = kensa(k, repo, "deps-table")
    out.expect(r.returncode == 0 and r.stdout == "" and r.stderr == "",
               "diffusers HEAD: the table is up to date", r.stdout + r.stderr)
    r = kensa(k, repo, "deps-table", "--json")
    out.expect(r.returncode == 0 and '"outdated":false' in r.stdout, "--json on HEAD", r.stdout)
    for mutate in MUTATIONS:
        side_by_side(k, repo, work, mutate, out)
    tree = copy_tree(repo, work, "github", changed_version)
    r = kensa(k, tree, "deps-table", "--format", "github")
    out.expect(r.returncode == 1 and r.stdout.startswith("::error file=%s::" % TABLE),
               "--format github: one annotation on the table", r.stdout)


def missing_tools():
    if shutil.which("make") is None or shutil.which("md5sum") is None:
        return "no make or md5sum"
    if subprocess.run(["/usr/bin/python3", "-c", "import setuptools"]).returncode != 0:
        return "no setuptools for /usr/bin/python3 (python3-setuptools)"
    return None


if __name__ == "__main__":
    sys.exit(run_suite("deps-table", "setup.py deps_table_update", live_cases,
                       "kensa-deps-table-", skip_reason=missing_tools))
