"""A diffusers tree for end-to-end tests that run diffusers' own utils/ scripts, and the
mutations that make those scripts raise. Shared by query/emits_diffusers_test.py and
runtime/trace_diffusers_test.py."""
import os
import shutil
import subprocess


def diffusers_tree(work, corpus_tar="", repo=None):
    """work/diffusers: a copy of `repo` (without .git), else a clone of the corpus tarball's
    shallow repository; None when neither is there."""
    tree = os.path.join(work, "diffusers")
    if repo:
        shutil.copytree(repo, tree, ignore=shutil.ignore_patterns(".git", "__pycache__"))
    elif corpus_tar and os.path.exists(corpus_tar):
        subprocess.run(["tar", "-xf", corpus_tar, "-C", work], check=True)
        subprocess.run(["git", "clone", "-q", os.path.join(work, "diffusers.git"), tree],
                       check=True)
    else:
        return None
    return tree


def mutate_dummies(repo):
    """A dummy class the main __init__ does not have: check_dummies raises."""
    path = os.path.join(repo, "src/diffusers/utils/dummy_pt_objects.py")
    with open(path, "a", encoding="utf-8") as f:
        f.write("\n\nclass MutatedForKensa(metaclass=DummyObject):\n    _backends = [\"torch\"]\n")


def mutate_support_list(repo):
    """An activation class missing from the docs: check_support_list raises."""
    path = os.path.join(repo, "src/diffusers/models/activations.py")
    with open(path, "a", encoding="utf-8") as f:
        f.write("\n\nclass MutatedForKensa(nn.Module):\n    pass\n")
