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
import json
import os
import re
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from parity import copy_tree, edit, kensa, run_suite, script, side_by_side  # noqa: E402

INIT = "src/diffusers/__init__.py"
UTILS = "src/diffusers/utils"
SCRIPT = "utils/check_dummies.py"


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


def not_utf8_dummy_file(repo):
    # The script reads a dummy file with f.read(): the position counts from the file's start
    # (the init, read with readlines(), counts from its 8 KiB chunk).
    with open(os.path.join(repo, "src/diffusers/utils/dummy_pt_objects.py"), "ab") as f:
        f.write(b"\n# caf\xe9\n")


MUTATIONS = [new_torch_class, new_constant_and_function, hand_edited_dummy, new_backend,
             comment_in_import_list, no_type_checking, not_utf8, not_utf8_dummy_file]


def live_cases(k, repo, work, out):
    for mutate in MUTATIONS:
        side_by_side(k, repo, work, "dummies", SCRIPT, [], ["--fix_and_overwrite"], mutate, out)

    # --strict: the comment line is reported with its line and never written as a class.
    strict = copy_tree(repo, work, "strict", comment_in_import_list)
    with open(os.path.join(strict, INIT), encoding="utf-8") as f:
        line = [i for i, l in enumerate(f, 1) if l.strip() == "# keep sorted"][0]
    r = kensa(k, strict, "dummies", "--strict", "--json")
    findings = json.loads(r.stdout)["findings"]
    comments = [f for f in findings if f["kind"] == "comment-object"]
    out.expect(r.returncode == 1 and len(comments) == 1 and comments[0]["line"] == line
               and comments[0]["file"] == INIT, "strict: the comment line is reported", r.stdout)
    kensa(k, strict, "dummies", "--strict", "--fix")
    broken = []
    for name in sorted(os.listdir(os.path.join(strict, UTILS))):
        if name.startswith("dummy_") and name.endswith(".py"):
            with open(os.path.join(strict, UTILS, name), encoding="utf-8") as f:
                try:
                    compile(f.read(), name, "exec")
                except SyntaxError as e:
                    broken.append("%s: %s" % (name, e))
    out.expect(not broken, "strict: the fix leaves every dummy file valid Python", str(broken))
    r = kensa(k, strict, "dummies", "--strict", "--json")
    kinds = sorted(f["kind"] for f in json.loads(r.stdout)["findings"])
    out.expect("stale" not in kinds and "comment-object" in kinds,
               "strict: after the fix only the comment is left", str(kinds))
    # Without --strict the same tree is what the script writes: the comment as a "class".
    ref = copy_tree(repo, work, "strict-ref", comment_in_import_list)
    script(ref, SCRIPT, "--fix_and_overwrite")
    bad = [n for n in os.listdir(os.path.join(ref, UTILS))
           if n.startswith("dummy_") and "def # keep sorte(" in
           open(os.path.join(ref, UTILS, n), encoding="utf-8").read()]
    out.expect(len(bad) == 1, "the script itself writes the comment as a class (the quirk)",
               str(bad))



if __name__ == "__main__":
    sys.exit(run_suite("dummies", SCRIPT, live_cases, "kensa-dummies-"))
