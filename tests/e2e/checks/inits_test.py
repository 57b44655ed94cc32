#!/usr/bin/env python3
"""`kensa inits` against utils/check_inits.py, run where it means to look.

diffusers' copy of the script walks PATH_TO_TRANSFORMERS = "src/transformers", which diffusers
does not have, so as shipped it checks nothing (and then dies importing src/transformers). The
expectations come from that script copied to the work folder with PATH_TO_TRANSFORMERS set to
"src/diffusers" — nothing else changed — and kensa must match it byte for byte: stdout, exit
status and the exception (the whole multi-line ValueError; the type and message of the others).

First on the corpus' diffusers head itself: every custom init parsed line by line with the
script's regular expressions (diffusers' inits are not in the layout those expect, so the
script reports most of them; kensa must report the same). Then on a fixture package made from
real diffusers inits (modular_pipelines/, pipelines/deprecated/, pipelines/ddpm/) under a small
self-contained main init the script can import for check_submodules, and its mutations: a name
in _import_structure missing from TYPE_CHECKING (and the other way), a duplicate on either side
(reprs with both quote kinds, escaped and kept non-ASCII), a difference inside a backend, a backend mismatch, a
TYPE_CHECKING block left unfinished (the script's IndexError), an init that is not UTF-8, an
unregistered submodule, a key registered under a backend, and the private-folder pruning quirk.
Then --json and --format github.

Exit 77 when the corpus is not there.
Usage: inits_test.py --kensa BUILD/kensa --corpus DIR (the ../shared/corpus folder)
"""
import json
import os
import shutil
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from parity import edit, kensa, run_suite, script, script_exception  # noqa: E402

SCRIPT = "utils/check_inits.py"
PKG = "src/diffusers"
REAL_INITS = ["modular_pipelines/__init__.py", "pipelines/deprecated/__init__.py",
              "pipelines/deprecated/pndm/__init__.py", "pipelines/ddpm/__init__.py"]

MAIN_INIT = '''from typing import TYPE_CHECKING


class OptionalDependencyNotAvailable(BaseException):
    pass


def is_torch_available():
    return True


_import_structure = {
    "configuration_utils": ["ConfigMixin"],
    "modular_pipelines": [],
    "pipelines": [],
    "pipelines.ddpm": [],
    "pipelines.deprecated": [],
    "pipelines.deprecated.pndm": [],
}

try:
    if not is_torch_available():
        raise OptionalDependencyNotAvailable()
except OptionalDependencyNotAvailable:
    pass
else:
    _import_structure["models"] = ["ModelMixin"]
    _import_structure["pipelines"].extend(["DDPMPipeline", "DiffusionPipeline"])

if TYPE_CHECKING:
    from .configuration_utils import ConfigMixin

    try:
        if not is_torch_available():
            raise OptionalDependencyNotAvailable()
    except OptionalDependencyNotAvailable:
        pass
    else:
        from .models import ModelMixin
        from .pipelines import DDPMPipeline, DiffusionPipeline
else:
    import sys
'''


def reference(work):
    """The script with PATH_TO_TRANSFORMERS pointed at the package, and nothing else changed."""
    path = os.path.join(work, "check_inits_on_package.py")
    if not os.path.exists(path):
        with open(os.path.join(work, "diffusers", SCRIPT), encoding="utf-8") as f:
            text = f.read()
        assert 'PATH_TO_TRANSFORMERS = "src/transformers"' in text
        with open(path, "w", encoding="utf-8") as f:
            f.write(text.replace('PATH_TO_TRANSFORMERS = "src/transformers"',
                                 'PATH_TO_TRANSFORMERS = "%s"' % PKG))
    return path


def write(tree, rel, text, mode="w"):
    path = os.path.join(tree, PKG, rel)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, mode, **({} if "b" in mode else {"encoding": "utf-8", "newline": "\n"})) as f:
        f.write(text)


def fixture(repo, work, mutate):
    """setup.py, pyproject.toml (for kensa's layout) and a small package of real inits."""
    tree = os.path.join(work, "fixture")
    shutil.rmtree(tree, ignore_errors=True)
    os.makedirs(tree)
    for name in ("setup.py", "pyproject.toml"):
        shutil.copy(os.path.join(repo, name), tree)
    for rel in REAL_INITS:
        with open(os.path.join(repo, PKG, rel), encoding="utf-8") as f:
            write(tree, rel, f.read())
    write(tree, "__init__.py", MAIN_INIT)
    write(tree, "configuration_utils.py", "class ConfigMixin:\n    pass\n")
    write(tree, "models/__init__.py", "class ModelMixin:\n    pass\n")
    write(tree, "modular_pipelines/modular_pipeline.py", "")
    write(tree, "pipelines/ddpm/pipeline_ddpm.py", "")
    write(tree, "pipelines/deprecated/pndm/pipeline_pndm.py", "")
    mutate(tree)
    return tree


def init(tree, rel):
    return os.path.join(tree, PKG, rel)


def clean(tree):
    pass


def missing_type_hint(tree):
    edit(init(tree, "pipelines/ddpm/__init__.py"), '["DDPMPipeline"]',
         '["DDPMPipeline", "DDPMKensaPipeline"]')


def extra_type_hint(tree):
    edit(init(tree, "pipelines/ddpm/__init__.py"), "import DDPMPipeline",
         "import DDPMPipeline, KensaOnlyTyped")


def duplicate(tree):
    edit(init(tree, "modular_pipelines/__init__.py"), '        "ModularPipeline",\n',
         '        "ModularPipeline",\n        "ModularPipeline",\n')


def duplicate_type_hint(tree):
    # Lines at 8 spaces in the base TYPE_CHECKING part are objects (line[8:-2]), whatever they
    # say: this one, twice, is a duplicate whose repr needs both quote kinds.
    edit(init(tree, "pipelines/ddpm/__init__.py"), "import DDPMPipeline\n",
         "import DDPMPipeline, DDPMPipeline\n        \"it's\",\n        \"it's\",\n"
         "        \u00a0nbsp,\n        \u00a0nbsp,\n        zw\u200bsp,\n        zw\u200bsp,\n"
         "        caf\u00e9,\n        caf\u00e9,\n")


def backend_difference(tree):
    edit(init(tree, "modular_pipelines/__init__.py"), '        "BlockState",\n',
         '        "BlockState",\n        "KensaBlocks",\n')


def backend_mismatch(tree):
    path = init(tree, "modular_pipelines/__init__.py")
    with open(path, encoding="utf-8") as f:
        text = f.read()
    head, tail = text.split("if TYPE_CHECKING", 1)
    tail = tail.replace("is_torch_available()", "is_transformers_available()", 1)
    with open(path, "w", encoding="utf-8") as f:
        f.write(head + "if TYPE_CHECKING" + tail)


def two_backends(tree):
    # A second torch block in _import_structure replaces the first one's objects (dict[key] =):
    # the added KensaPipeline is lost, and neither the script nor kensa says so.
    edit(init(tree, "pipelines/deprecated/__init__.py"), "\ntry:\n",
         '\ntry:\n    if not is_torch_available():\n        raise OptionalDependencyNotAvailable()\n'
         'except OptionalDependencyNotAvailable:\n    pass\nelse:\n'
         '    _import_structure["kensa"] = ["KensaPipeline"]\n\ntry:\n')


def unfinished_block(tree):
    path = init(tree, "modular_pipelines/__init__.py")
    with open(path, encoding="utf-8") as f:
        text = f.read()
    cut = text.rindex("\nelse:\n")  # drop the lazy-module else: the block runs off the end
    with open(path, "w", encoding="utf-8") as f:
        f.write(text[:cut + 1])


def not_utf8(tree):
    write(tree, "pipelines/ddpm/__init__.py", b"# caf\xe9\n", "ab")


def unregistered_submodule(tree):
    write(tree, "schedulers/scheduling_kensa.py", "")
    write(tree, "kensa_utils.py", "")
    write(tree, "LICENSE", "")  # a top-level file without a dot is a "submodule" too


def registered_under_backend(tree):
    unregistered_submodule(tree)
    edit(init(tree, "__init__.py"), '    _import_structure["models"] = ["ModelMixin"]\n',
         '    _import_structure["models"] = ["ModelMixin"]\n'
         '    _import_structure["schedulers"] = []\n    _import_structure["kensa_utils"] = []\n'
         '    _import_structure["LICENSE"] = []\n')


def private_folders(tree):
    # os.walk's `directories.remove(folder)` inside `for folder in directories` skips the next
    # folder: whichever follows `_private` in the listing is neither listed nor pruned.
    for name in ("_private", "_cache", "aaa", "zzz"):
        write(tree, name + "/mod.py", "")


def ignored_submodule(tree):
    write(tree, "convert_pytorch_checkpoint_to_tf2.py", "")


MUTATIONS = [clean, missing_type_hint, extra_type_hint, duplicate, duplicate_type_hint,
             backend_difference, backend_mismatch,
             two_backends, unfinished_block, not_utf8, unregistered_submodule,
             registered_under_backend, private_folders, ignored_submodule]


def same(k, tree, ref, out, name):
    s, r = script(tree, ref), kensa(k, tree, "inits")
    exc = script_exception(s.stderr)
    if exc is None:
        ok = s.returncode == 0 and r.returncode == 0 and r.stderr == ""
    elif exc[0] == "ValueError":
        ok = r.returncode == 1 and r.stderr == exc[1] + "\n"
    else:
        ok = r.returncode == 1 and "would stop here with %s: %s" % exc in r.stderr
    ok = ok and r.stdout == s.stdout
    out.expect(ok, "%s: as the script" % name,
               "script rc %d: %r\nkensa rc %d: %r" % (s.returncode, exc and exc[0],
                                                      r.returncode, r.stderr[:2000]))
    return s, r, exc


def live_cases(k, repo, work, out):
    ref = reference(work)
    # As shipped, the script looks for src/transformers and dies on it; kensa checks the package.
    s = script(repo, SCRIPT)
    exc = script_exception(s.stderr)
    out.expect(exc is not None and exc[0] == "FileNotFoundError" and "src/transformers" in exc[1],
               "diffusers HEAD: the shipped script looks for src/transformers", s.stderr[-300:])
    s, r, exc = same(k, repo, ref, out, "diffusers HEAD, the script on src/diffusers")
    out.expect(exc is not None and exc[0] == "ValueError" and exc[1].count("Problem in ") > 10,
               "diffusers HEAD: the script's parser reports diffusers' inits", str(exc)[:300])

    for mutate in MUTATIONS:
        tree = fixture(repo, work, mutate)
        s, r, exc = same(k, tree, ref, out, mutate.__name__)
        if mutate is clean:
            out.expect(s.returncode == 0, "clean fixture: the script passes", s.stderr[-500:])

    tree = fixture(repo, work, missing_type_hint)
    r = kensa(k, tree, "inits", "--json")
    doc = json.loads(r.stdout) if r.returncode == 1 else {}
    out.expect([(f["kind"], f["file"]) for f in doc.get("findings", [])]
               == [("init", PKG + "/pipelines/ddpm/__init__.py")]
               and doc["findings"][0]["errors"][-1]
               == "  DDPMKensaPipeline in _import_structure but not in TYPE_HINT."
               and doc["exception"]["type"] == "ValueError",
               "--json: the init and its lines", r.stdout + r.stderr)
    r = kensa(k, tree, "inits", "--format", "github")
    out.expect(r.returncode == 1 and r.stdout == "::error file=%s/pipelines/ddpm/__init__.py::both "
               "halves of the init do not define the same objects%%0ADifferences for base imports:"
               "%%0A  DDPMKensaPipeline in _import_structure but not in TYPE_HINT.\n" % PKG,
               "--format github: one annotation per init, its lines escaped", r.stdout)
    tree = fixture(repo, work, unregistered_submodule)
    r = kensa(k, tree, "inits", "--format", "github")
    out.expect(r.returncode == 1 and r.stdout.count("::error file=%s/__init__.py::" % PKG) == 3,
               "--format github: one annotation per submodule", r.stdout)


if __name__ == "__main__":
    sys.exit(run_suite("inits", SCRIPT, live_cases, "kensa-inits-"))
