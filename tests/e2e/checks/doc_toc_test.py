#!/usr/bin/env python3
"""`kensa doc-toc` against diffusers' own utils/check_doc_toc.py.

1. The public corpus case (../shared/corpus/diffusers-consistency, "kensa": "doc-toc").
2. Mutations of docs/source/en/_toctree.yml made here, run through the real script (with
   Debian's PyYAML) and kensa on two copies of one tree: same stdout, exit status and files,
   byte for byte. The fix rewrites the whole file as yaml.dump does, so the mutations add what
   PyYAML's emitter treats specially: titles it must quote (`yes`, `1.0`, `a: b`, a leading
   quote), a title past 80 columns that it folds, non-ASCII text, a new key in an entry.
3. --strict: a duplicated entry is kept once.

Exit 77 when the corpus or PyYAML is not there.
Usage: doc_toc_test.py --kensa BUILD/kensa --corpus DIR (the ../shared/corpus folder)
"""
import os
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from parity import copy_tree, edit, kensa, run_suite, side_by_side  # noqa: E402

SCRIPT = "utils/check_doc_toc.py"
TOC = "docs/source/en/_toctree.yml"
DDIM = "    - local: api/schedulers/ddim\n      title: DDIMScheduler\n"
INVERSE = "    - local: api/schedulers/ddim_inverse\n      title: DDIMInverseScheduler\n"


def toc(repo):
    return os.path.join(repo, TOC)


def swapped(repo):
    edit(toc(repo), INVERSE + DDIM, DDIM + INVERSE)


def titles_pyyaml_quotes(repo):
    new = "".join("    - local: api/schedulers/kensa_%d\n      title: %s\n" % (i, t)
                  for i, t in enumerate(["'yes'", "'1.0'", "'a: b'", "'''quoted'", "Ünïcode Schedüler",
                                         "'- dash'", "x #hash", "'true'"]))
    edit(toc(repo), DDIM, DDIM + new)


def null_title(repo):
    # yaml.safe_load makes it None: the script's AttributeError on None.lower().
    edit(toc(repo), DDIM, DDIM + "    - local: api/schedulers/kensa_null\n      title: null\n")


def long_title(repo):
    title = " ".join(["Very long scheduler title word"] * 6)
    edit(toc(repo), DDIM, DDIM + "    - local: api/schedulers/long\n      title: %s\n" % title)


def extra_key_and_comment(repo):
    swapped(repo)
    edit(toc(repo), DDIM, DDIM.replace("      title:", "      isExpanded: false\n      title:")
         + "    # a comment the rewrite drops\n")


def duplicate_same_title(repo):
    edit(toc(repo), DDIM, DDIM + DDIM)


def duplicate_other_title(repo):
    edit(toc(repo), DDIM, DDIM + DDIM.replace("DDIMScheduler", "DDIM"))


def overview_moved(repo):
    edit(toc(repo), "      title: Overview\n    - local: api/schedulers/block_refinement\n",
         "      title: Overview\n    - local: api/schedulers/block_refinement\n", 1)
    text = open(toc(repo), encoding="utf-8").read()
    at = text.index("    - local: api/schedulers/vq_diffusion\n")
    block = "    - local: api/schedulers/overview_again\n      title: overview\n"
    open(toc(repo), "w", encoding="utf-8").write(text[:at] + block + text[at:])


def no_api_section(repo):
    edit(toc(repo), "  title: API\n", "  title: Reference\n")


def not_utf8_past_8k(repo):
    # f.read() decodes the whole file: the error's position counts from its start.
    with open(toc(repo), "ab") as f:
        f.write(b"\n# caf\xe9\n")


MUTATIONS = [swapped, titles_pyyaml_quotes, null_title, long_title, extra_key_and_comment,
             duplicate_same_title, duplicate_other_title, overview_moved, no_api_section,
             not_utf8_past_8k]



def no_pyyaml():
    if subprocess.run(["/usr/bin/python3", "-c", "import yaml"]).returncode != 0:
        return "no PyYAML for /usr/bin/python3 (python3-yaml)"
    return None


def live_cases(k, repo, work, out):
    r = kensa(k, repo, "doc-toc")
    out.expect(r.returncode == 0, "diffusers HEAD is sorted", r.stderr)
    for mutate in MUTATIONS:
        side_by_side(k, repo, work, "doc-toc", SCRIPT, [], ["--fix_and_overwrite"], mutate, out)
    strict = copy_tree(repo, work, "strict", duplicate_same_title)
    kensa(k, strict, "doc-toc", "--fix", "--strict")
    count = open(toc(strict), encoding="utf-8").read().count("local: api/schedulers/ddim\n")
    out.expect(count == 1, "strict: a duplicated entry is kept once", str(count))


if __name__ == "__main__":
    sys.exit(run_suite("doc-toc", SCRIPT, live_cases, "kensa-doc-toc-", skip_reason=no_pyyaml))
