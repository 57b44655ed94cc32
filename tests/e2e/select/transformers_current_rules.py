#!/usr/bin/python3
"""`kensa tests --preset transformers`: one small fixture repository per rule of transformers'
utils/tests_fetcher.py as it is now (huggingface/transformers commit 00455bcf6219fd0b87da5bc
f2faa5c65a9856a1a, 56,877 bytes, sha256 17bdc93e27cdcf7e3b909a228f4a73f582941b9b5064c6ba51629dd
5d24193e3), each compared byte for byte with what that script printed and wrote for it (stdout,
exit status, test_preparation/<job>_test_list.txt, doctest_list.txt, and no other file), kept
in transformers_expected_current/<scenario>/.

The expectations are made by running the reference script on these same repositories:
    transformers_current_rules.py --regenerate --reference PATH/TO/tests_fetcher.py
with /usr/bin/python3 and Debian's python3-git; the script itself is not part of kensa. It
imports the library it tests (`transformers.models.auto.configuration_auto`,
`transformers.utils.import_utils.define_import_structure`): as in CI, where the library is the
checkout installed in editable mode, it runs with the fixture's own src/ on PYTHONPATH. The
fixture's configuration_auto has an empty CONFIG_MAPPING (so no backbone edges, a rule kensa does
not reproduce) and its define_import_structure reads `__all__` and `@requires` the way
transformers' own does, for the simple forms these fixtures use.

Rules covered, a scenario each: one model's change; CORE_FILES (modeling_utils.py); the model cap
(14 impacted model folders: the list; 15: everything, with its message); test_modeling_common.py
(every model test imports it: everything); tests/utils/tiny_model_summary.json (a changed entry,
and an unknown class: KeyError); utils/ changes (repo utils tests) and dropped sagemaker tests;
conftest.py (conftest tests); example tests (examples/pytorch/test_*.py naming the scripts);
doctests on a branch (``` examples in .py and .md, not_doctested.txt entries removed, slow
doctests left out, a deleted page); conversion scripts left out of the map; inits read through
define_import_structure (star imports); docstring-only changes and deleted tests; `[skip ci]`,
`[no filter]`, `[test all]`, --fetch_all; the main branch; no local main (the doctest step fails).
"""

import argparse
import os
import shutil
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import fixture_repo  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
EXPECTED = os.path.join(HERE, "transformers_expected_current")

# 16 models: bert and gpt2 are documented; the first 14 use activations.py, the first 15
# pytorch_utils.py, all of them utils/generic.py and tests/test_modeling_common.py.
MODELS = ["bert", "gpt2", "llama", "mistral", "phi", "falcon", "t5", "bart", "vit", "clip", "opt",
          "gemma", "qwen2", "mixtral", "whisper", "roberta"]


def camel(model):
    special = {"gpt2": "GPT2", "t5": "T5", "vit": "ViT", "clip": "CLIP", "opt": "OPT",
               "qwen2": "Qwen2"}
    return special.get(model, model.capitalize())


def modeling_file(model, extra=""):
    index = MODELS.index(model)
    imports = "from ...modeling_utils import PreTrainedModel\nfrom ...utils import ModelOutput\n"
    if index < 14:
        imports += "from ...activations import ACT2FN\n"
    if index < 15:
        imports += "from ...pytorch_utils import prune_linear_layer\n"
    # Half the files spell __all__ on one line, half over several, as transformers does.
    exported = ('__all__ = ["%sModel", "%sPreTrainedModel"]\n' if index % 2 == 0 else
                '__all__ = [\n    "%sModel",\n    "%sPreTrainedModel",\n]\n') % (
                    camel(model), camel(model))
    return (
        imports + "\n\n"
        "class %sPreTrainedModel(PreTrainedModel):\n    pass\n\n\n"
        "class %sModel(%sPreTrainedModel):\n"
        '    """\n    A model.\n\n    Example:\n\n    ```python\n'
        "    >>> model = %sModel()\n    ```\n"
        '    """\n\n    def forward(self):\n        return ModelOutput()\n%s\n\n%s'
    ) % (camel(model), camel(model), camel(model), camel(model), extra, exported)


IMPORT_UTILS = '''import os


def _all_names(content):
    # The last line starting with __all__, on one line or up to a line "]".
    lines = content.splitlines()
    starts = [i for i, line in enumerate(lines) if line.startswith("__all__")]
    if "__all__" not in content or not starts:
        return []
    lines = lines[starts[-1]:]
    if lines[0].endswith("]"):
        return [x.strip("\\"' ") for x in lines[0].split("=")[1].strip(" []").split(",")]
    names = []
    for line in lines[1:]:
        if line.strip() == "]":
            break
        names.append(line.strip("\\"', "))
    return names


def _structure(path):
    found = {}
    for entry in sorted(os.scandir(path), key=lambda e: e.name):
        if entry.name == "__pycache__":
            continue
        if entry.is_dir():
            for key, names in _structure(entry.path).items():
                found[entry.name + "." + key] = names
            continue
        name = entry.name
        if not name.endswith(".py") or name == "__init__.py" or name.startswith(("convert_", "modular_")):
            continue
        with open(entry.path, encoding="utf-8") as f:
            names = set(_all_names(f.read()))
        if names:
            found[name[:-3]] = names
    return found


def define_import_structure(module_path):
    module_path = str(module_path)
    if os.path.isfile(module_path):
        module_path = os.path.dirname(module_path)
    return {frozenset(): _structure(module_path)}
'''

MODEL_INIT = '''from typing import TYPE_CHECKING

from ...utils.import_utils import define_import_structure


if TYPE_CHECKING:
    from .modeling_%s import *
else:
    import sys

    _file = globals()["__file__"]
    sys.modules[__name__] = define_import_structure(_file)
'''


def tiny_summary(classes):
    entries = ['    "%s": {"tokenizer_classes": [], "model_classes": ["%s"], "sha": "%s"}' %
               (c.replace("Model", ""), c, sha) for c, sha in classes]
    return "{\n" + ",\n".join(entries) + "\n}\n"


def base_files():
    files = {
        "setup.py": "from setuptools import setup\n\nsetup(name='transformers')\n",
        "conftest.py": "import os\n",
        "src/transformers/__init__.py": "from typing import TYPE_CHECKING\n\n\nif TYPE_CHECKING:\n"
        "    from .modeling_utils import PreTrainedModel\n" + "".join(
            "    from .models.%s import %sModel\n" % (m, camel(m)) for m in MODELS),
        "src/transformers/modeling_utils.py": "class PreTrainedModel:\n    pass\n",
        "src/transformers/activations.py": "ACT2FN = {}\n",
        "src/transformers/pytorch_utils.py": "def prune_linear_layer():\n    pass\n",
        "src/transformers/utils/__init__.py": "from .generic import ModelOutput\n",
        "src/transformers/utils/generic.py": "class ModelOutput(dict):\n    pass\n",
        "src/transformers/utils/import_utils.py": IMPORT_UTILS,
        "src/transformers/models/__init__.py": "",
        "src/transformers/models/auto/__init__.py": "",
        "src/transformers/models/auto/configuration_auto.py":
            "CONFIG_MAPPING = {}\n\n\ndef model_type_to_module_name(key):\n"
            "    return key.replace(\"-\", \"_\")\n",
        "src/transformers/models/bert/convert_bert_checkpoint.py":
            "from .modeling_bert import BertModel\n",
        "tests/__init__.py": "",
        "tests/test_modeling_common.py": "from transformers import PreTrainedModel\n\n\n"
                                         "class ModelTesterMixin:\n    pass\n",
        "tests/models/__init__.py": "",
        "tests/models/bert/test_tokenization_bert.py": "import os\n",
        "tests/models/bert/test_convert.py":
            "from transformers.models.bert.convert_bert_checkpoint import BertModel\n",
        "tests/models/clip/test_processing_clip.py": "from transformers import CLIPModel\n",
        "tests/models/clip/test_tokenization_clip.py": "import os\n",
        "tests/generation/test_utils.py": "import os\n",
        "tests/peft_integration/test_peft_integration.py": "import os\n",
        "tests/tensor_parallel/test_tensor_parallel.py": "import os\n",
        "tests/test_fsdp_mixin.py": "import os\n",
        "tests/test_tokenization_mistral_common.py": "import os\n",
        "tests/repo_utils/test_check_copies.py": "from transformers import BertModel\n",
        "tests/conftest_tests/test_conftest.py": "import os\n",
        "tests/sagemaker/test_single_node.py": "from transformers import GPT2Model\n",
        "tests/utils/test_generic.py": "from transformers.utils import ModelOutput\n",
        "tests/utils/tiny_model_summary.json": tiny_summary([("BertModel", "a1"),
                                                             ("GPT2Model", "b1")]),
        "examples/pytorch/test_pytorch_examples.py": "import os\n\n# runs run_glue.py\n",
        "examples/pytorch/text-classification/run_glue.py": "from transformers import BertModel\n",
        "examples/pytorch/text-generation/run_generation.py": "import os\n",
        "utils/check_repo.py": "import os\n",
        "utils/not_doctested.txt": "docs/source/en/index.md\n"
                                   "src/transformers/models/phi/modeling_phi.py\n"
                                   "src/transformers/models/llama/modeling_llama.py\n",
        "utils/slow_documentation_tests.txt": "src/transformers/models/gpt2/modeling_gpt2.py\n",
        "docs/source/en/model_doc/bert.md": "# BERT\n\nText.\n\n```python\n"
                                            ">>> from transformers import BertModel\n```\n",
        "docs/source/en/index.md": "# Index\n",
    }
    for m in MODELS:
        files["src/transformers/models/%s/__init__.py" % m] = MODEL_INIT % m
        files["src/transformers/models/%s/modeling_%s.py" % (m, m)] = modeling_file(m)
        files["tests/models/%s/__init__.py" % m] = ""
        files["tests/models/%s/test_modeling_%s.py" % (m, m)] = (
            "from transformers import %sModel\n\nfrom ...test_modeling_common import "
            "ModelTesterMixin\n" % camel(m))
    return files


# Each scenario: commits on top of the base (path -> content, None to delete; a message);
# `branch` makes them on a feature branch; `args` the reference's options; `unordered` when the
# reference prints a list in file-system order (compared as a set).
SCENARIOS = {
    "one_model": dict(commits=[({"src/transformers/models/llama/modeling_llama.py":
                                 modeling_file("llama", "\n\ndef helper():\n    return 1\n")},
                                "Llama helper")]),
    "core_file": dict(commits=[({"src/transformers/modeling_utils.py":
                                 "class PreTrainedModel:\n    x = 1\n"}, "Core change")]),
    "models_14_below_cap": dict(commits=[({"src/transformers/activations.py": "ACT2FN = {1: 2}\n"},
                                          "Activations")]),
    "models_15_cap": dict(commits=[({"src/transformers/pytorch_utils.py":
                                     "def prune_linear_layer():\n    return 2\n"}, "Pruning")]),
    "test_modeling_common": dict(commits=[({"tests/test_modeling_common.py":
                                            "from transformers import PreTrainedModel\n\n\n"
                                            "class ModelTesterMixin:\n    x = 2\n"},
                                           "Common tests")]),
    "tiny_model_summary": dict(commits=[({
        "tests/utils/tiny_model_summary.json": tiny_summary([("BertModel", "a2"),
                                                             ("GPT2Model", "b1"),
                                                             ("LlamaModel", "c1")]),
        "tests/utils/test_generic.py": "from transformers.utils import ModelOutput\n\nX = 1\n"},
        "Tiny models")]),
    "tiny_model_summary_unknown_class": dict(commits=[({
        "tests/utils/tiny_model_summary.json": tiny_summary([("BertModel", "a1"),
                                                             ("GPT2Model", "b1"),
                                                             ("NoSuchModel", "d1")])},
        "Tiny models")]),
    "repo_utils_and_sagemaker": dict(commits=[({
        "utils/check_repo.py": "import os\nimport sys\n",
        "src/transformers/models/gpt2/modeling_gpt2.py": modeling_file("gpt2", "\nX = 1\n")},
        "Repo utils")]),
    "conftest": dict(commits=[({"conftest.py": "import os\nimport sys\n"}, "Conftest")]),
    "examples": dict(commits=[({"examples/pytorch/text-classification/run_glue.py":
                                "from transformers import BertModel\n\nprint(1)\n"},
                               "Example")]),
    "converter_left_out": dict(commits=[({
        "src/transformers/models/bert/convert_bert_checkpoint.py":
            "from .modeling_bert import BertModel\n\nX = 1\n"}, "Converter")]),
    "doctests_on_a_branch": dict(branch=True, args=[], commits=[({
        "docs/source/en/model_doc/bert.md": "# BERT\n\nText.\n\n```python\n"
                                            ">>> from transformers import BertModel\n"
                                            ">>> BertModel()\n```\n",
        "src/transformers/models/bert/modeling_bert.py":
            modeling_file("bert").replace(">>> model = BertModel()", ">>> model = BertModel(1)"),
        "src/transformers/models/gpt2/modeling_gpt2.py":
            modeling_file("gpt2").replace(">>> model = GPT2Model()", ">>> model = GPT2Model(2)"),
        "src/transformers/models/mistral/modeling_mistral.py":
            modeling_file("mistral").replace("A model.", "A mistral."),
        "utils/not_doctested.txt": "docs/source/en/index.md\n"
                                   "src/transformers/models/llama/modeling_llama.py\n",
        "docs/source/en/quicktour.md": "# Quick tour\n\n```py\n>>> 1\n```\n",
        "docs/source/en/index.md": None}, "Doc examples")]),
    "docstring_only_and_deleted": dict(commits=[({
        "src/transformers/models/phi/modeling_phi.py":
            modeling_file("phi").replace("A model.", "A better model.") + "# note\n",
        "tests/models/falcon/test_modeling_falcon.py": None},
        "Docs and cleanup")]),
    "skip_ci": dict(commits=[({"src/transformers/modeling_utils.py": "X = 1\n"},
                              "[skip ci] wip")]),
    "no_filter": dict(commits=[({"src/transformers/models/t5/modeling_t5.py":
                                 modeling_file("t5", "\nY = 2\n")}, "T5 [no filter]")]),
    "all_from_message": dict(unordered=True, commits=[({"src/transformers/utils/generic.py":
                                                        "class ModelOutput(dict):\n    y = 1\n"},
                                                       "Refactor [test-all]")]),
    "fetch_all_option": dict(unordered=True, args=["--diff_with_last_commit", "--fetch_all"],
                             commits=[({"src/transformers/models/vit/modeling_vit.py":
                                        modeling_file("vit", "\nZ = 1\n")}, "ViT")]),
    # On main itself, the default mode is the last commit ("main branch detected").
    "on_main": dict(on_main=True, args=[], commits=[({"src/transformers/models/mistral/"
                                                      "modeling_mistral.py": modeling_file(
                                                          "mistral", "\nZ = 3\n")},
                                                     "Mistral")]),
    # Without a local main, get_doctest_files fails (repo.refs.main): exit status 1.
    "no_main_branch": dict(main="master", commits=[({"src/transformers/models/opt/modeling_opt.py":
                                                     modeling_file("opt", "\nW = 1\n")},
                                                    "OPT")]),
}

def build(work, name, scenario):
    return fixture_repo.build(work, name, scenario, base_files())


# What a run may leave: the outputs of today's script, and those of older ones (which must not
# appear).
OUTPUT_NAMES = ["test_list.txt", "test_map.json", "examples_test_list.txt", "test_repo_utils.txt",
                "doctest_list.txt"]


def collect(directory):
    files = {}
    for name in OUTPUT_NAMES:
        path = os.path.join(directory, name)
        if os.path.isfile(path):
            with open(path, "rb") as f:
                files[name] = f.read()
    prep = os.path.join(directory, "test_preparation")
    if os.path.isdir(prep):
        for name in sorted(os.listdir(prep)):
            with open(os.path.join(prep, name), "rb") as f:
                files["test_preparation/" + name] = f.read()
    return files


def canonical(stdout, unordered):
    """The MODIFIED FILES block in sorted order where the reference prints it in file-system
    order (PATH_TO_TESTS.glob("*/*"))."""
    if not unordered:
        return stdout
    lines = stdout.split(b"\n")
    start = lines.index(b"### MODIFIED FILES ###") + 1
    end = start
    while end < len(lines) and lines[end].startswith(b"- "):
        end += 1
    return b"\n".join(lines[:start] + sorted(lines[start:end]) + lines[end:])


def run_reference(reference, repo, args):
    target = os.path.join(repo, "utils", "tests_fetcher.py")  # untracked, next to the tree
    shutil.copy(reference, target)
    env = dict(os.environ, PYTHONPATH=os.path.join(repo, "src"), PYTHONDONTWRITEBYTECODE="1")
    try:
        p = subprocess.run(["/usr/bin/python3", "utils/tests_fetcher.py"] + args, cwd=repo,
                           stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env)
        files = collect(repo)
    finally:
        os.remove(target)
    files = {k: fixture_repo.substitute(v, repo) for k, v in files.items()}
    return p.returncode, fixture_repo.substitute(p.stdout, repo), files, p.stderr


def run_kensa(kensa, repo, out, args):
    shutil.rmtree(out, ignore_errors=True)
    os.makedirs(out)
    p = subprocess.run([kensa, "tests", "--preset", "transformers", "-C", repo, "--output-dir",
                        out] + [a.replace("_", "-") for a in args], stdout=subprocess.PIPE,
                       stderr=subprocess.PIPE)
    files = {k: fixture_repo.substitute(v, repo) for k, v in collect(out).items()}
    return p.returncode, fixture_repo.substitute(p.stdout, repo), files, p.stderr


def normalize(scenario, stdout):
    return canonical(stdout, scenario.get("unordered", False))


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--kensa")
    parser.add_argument("--regenerate", action="store_true",
                        help="write transformers_expected_current/ from the reference script")
    parser.add_argument("--reference", help="transformers' utils/tests_fetcher.py (00455bcf)")
    parser.add_argument("--only", help="run this scenario only")
    args = parser.parse_args()
    if args.regenerate and not args.reference:
        parser.error("--regenerate needs --reference")
    return fixture_repo.run_scenarios(args, SCENARIOS, build, EXPECTED, collect, run_reference,
                                      run_kensa, normalize)


if __name__ == "__main__":
    sys.exit(main())
