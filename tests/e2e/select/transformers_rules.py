#!/usr/bin/python3
"""`kensa tests --preset transformers-2023`: one small fixture repository per rule of
transformers' utils/tests_fetcher.py as it was in mid-2023 ("tests_fetcher V2", 13639d7a; the
current script is tested by transformers_current_rules.py), each compared byte for
byte with what that script wrote for it (stdout and every file), kept in
transformers_expected/<scenario>/.

The expectations were made by running the reference script on these same repositories
(--regenerate --reference PATH/TO/tests_fetcher.py with /usr/bin/python3 and GitPython); the
script itself is not part of kensa. Rules covered: the model cap (more than half of the model
folders hit -> IMPORTANT_MODELS only) and `[no filter]`; setup.py runs everything; utils/
changes write test_repo_utils.txt; repo_utils and sagemaker tests are dropped; example tests
through examples/pytorch/test_*.py; the doctest list (``` examples in .py and .md files,
utils/documentation_tests.txt minus the slow ones), tests/test_modeling_common.py (the JSON's
"common" key); docstring-only changes; deleted tests; `[skip ci]`, `[test all]`; the fallback
to every test (models/<name> keys) and the reference's own failures.
"""

import argparse
import os
import shutil
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import fixture_repo  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
EXPECTED = os.path.join(HERE, "transformers_expected")
OUTPUTS = ["test_list.txt", "test_map.json", "examples_test_list.txt", "test_repo_utils.txt",
           "doctest_list.txt"]

MODELS = ["bert", "gpt2", "llama", "mistral", "phi", "falcon"]  # bert and gpt2 are important


def camel(model):
    return {"bert": "Bert", "gpt2": "GPT2", "llama": "Llama", "mistral": "Mistral", "phi": "Phi",
            "falcon": "Falcon"}[model]


def modeling_file(model, extra=""):
    return (
        "from ...modeling_utils import PreTrainedModel\n"
        "from ...utils import ModelOutput\n\n\n"
        "class %sModel(PreTrainedModel):\n"
        '    """\n    A model.\n\n    Example:\n\n    ```python\n'
        "    >>> model = %sModel()\n    ```\n"
        '    """\n\n    def forward(self):\n        return ModelOutput()\n%s'
    ) % (camel(model), camel(model), extra)


def base_files(with_extras=True, common_tests=True):
    files = {
        "setup.py": "from setuptools import setup\n\nsetup(name='transformers')\n",
        "src/transformers/__init__.py": "from .modeling_utils import PreTrainedModel\n" + "".join(
            "from .models.%s import %sModel\n" % (m, camel(m)) for m in MODELS),
        "src/transformers/modeling_utils.py": "class PreTrainedModel:\n    pass\n",
        "src/transformers/utils/__init__.py": "from .generic import ModelOutput\n",
        "src/transformers/utils/generic.py": "class ModelOutput(dict):\n    pass\n",
        "src/transformers/models/__init__.py": "",
        "tests/__init__.py": "",
        "tests/test_modeling_common.py": "from transformers import PreTrainedModel\n\n\n"
                                         "class ModelTesterMixin:\n    pass\n",
        "tests/models/__init__.py": "",
        "utils/check_repo.py": "import os\n",
        "utils/documentation_tests.txt": "docs/source/en/model_doc/bert.md\n"
                                         "src/transformers/models/bert/modeling_bert.py\n"
                                         "src/transformers/models/gpt2/modeling_gpt2.py\n"
                                         "src/transformers/models/llama/modeling_llama.py\n",
        "utils/slow_documentation_tests.txt": "src/transformers/models/gpt2/modeling_gpt2.py\n",
        "docs/source/en/model_doc/bert.md": "# BERT\n\nText.\n\n```python\n"
                                            ">>> from transformers import BertModel\n```\n",
    }
    for m in MODELS:
        files["src/transformers/models/%s/__init__.py" % m] = \
            "from .modeling_%s import %sModel\n" % (m, camel(m))
        files["src/transformers/models/%s/modeling_%s.py" % (m, m)] = modeling_file(m)
        files["tests/models/%s/__init__.py" % m] = ""
        files["tests/models/%s/test_modeling_%s.py" % (m, m)] = (
            "from transformers import %sModel\n\nfrom ...test_modeling_common import "
            "ModelTesterMixin\n" % camel(m)) if common_tests else (
            "from transformers import %sModel\n" % camel(m))
    if not common_tests:
        del files["tests/test_modeling_common.py"]
    if with_extras:
        files.update({
            "tests/repo_utils/test_check_copies.py": "from transformers import BertModel\n",
            "tests/sagemaker/test_single_node.py": "from transformers import GPT2Model\n",
            "tests/utils/test_generic.py": "from transformers.utils import ModelOutput\n",
            "examples/pytorch/test_pytorch_examples.py": "import os\n\n# runs run_glue.py\n",
            "examples/pytorch/text-classification/run_glue.py":
                "from transformers import BertModel\n",
        })
    return files


# Each scenario: the base commit (on main), then commits (each a dict path -> content, None to
# delete, and a message); `branch` puts them on a feature branch; `args` are kensa's mode.
SCENARIOS = {
    "one_model": dict(commits=[({"src/transformers/models/llama/modeling_llama.py":
                                 modeling_file("llama", "\n\ndef helper():\n    return 1\n")},
                                "Llama helper")]),
    "many_models_capped": dict(commits=[({"src/transformers/modeling_utils.py":
                                          "class PreTrainedModel:\n    x = 1\n"}, "Core change")]),
    "many_models_no_filter": dict(commits=[({"src/transformers/modeling_utils.py":
                                             "class PreTrainedModel:\n    x = 1\n"},
                                            "Core change [no filter]")]),
    "test_modeling_common": dict(commits=[({"tests/test_modeling_common.py":
                                            "from transformers import PreTrainedModel\n\n\n"
                                            "class ModelTesterMixin:\n    x = 2\n"},
                                           "Common tests")]),
    # (tests/ holds only models/ here: filter_tests lists tests/ in os.listdir order, which the
    # file system decides; kensa sorts.)
    "setup_py": dict(with_extras=False, common_tests=False,
                     commits=[({"setup.py": "from setuptools import setup\n\nsetup(name='t')\n"},
                               "Packaging")]),
    "utils_and_sagemaker": dict(commits=[({"utils/check_repo.py": "import os\nimport sys\n",
                                           "src/transformers/models/gpt2/modeling_gpt2.py":
                                           modeling_file("gpt2", "\nX = 1\n")},
                                          "Repo utils")]),
    "examples": dict(commits=[({"examples/pytorch/text-classification/run_glue.py":
                                "from transformers import BertModel\n\nprint(1)\n"},
                               "Example")]),
    "docstring_only_and_deleted": dict(commits=[({
        "src/transformers/models/phi/modeling_phi.py":
            modeling_file("phi").replace("A model.", "A better model.") + "# note\n",
        "tests/models/falcon/test_modeling_falcon.py": None,
        "src/transformers/utils/generic.py": "class ModelOutput(dict):\n    y = 1\n"},
        "Docs and cleanup")]),
    "doctests_on_a_branch": dict(branch=True, args=[], commits=[({
        "docs/source/en/model_doc/bert.md": "# BERT\n\nText.\n\n```python\n"
                                            ">>> from transformers import BertModel\n"
                                            ">>> BertModel()\n```\n",
        "src/transformers/models/bert/modeling_bert.py":
            modeling_file("bert").replace(">>> model = BertModel()", ">>> model = BertModel(1)"),
        "src/transformers/models/gpt2/modeling_gpt2.py":
            modeling_file("gpt2").replace(">>> model = GPT2Model()", ">>> model = GPT2Model(2)"),
        "src/transformers/models/llama/modeling_llama.py":
            modeling_file("llama").replace("A model.", "A llama."),
        "docs/source/en/index.md": "# Index\n"}, "Doc examples")]),
    "skip_ci": dict(commits=[({"src/transformers/modeling_utils.py": "X = 1\n"}, "[skip ci] wip")]),
    "test_all": dict(commits=[({"src/transformers/utils/generic.py": "Y = 1\n"},
                               "Refactor [test-all]")]),
    "fallback_invalid_utf8": dict(commits=[({"src/transformers/models/phi/modeling_phi.py":
                                             modeling_file("phi") + "# caf\xe9\n"},
                                            "Latin-1 comment")]),
    # On main itself, the default mode is the last commit ("main branch detected").
    "on_main": dict(on_main=True, args=[], commits=[({"src/transformers/models/mistral/"
                                                      "modeling_mistral.py": modeling_file(
                                                          "mistral", "\nZ = 3\n")},
                                                     "Mistral")]),
    # Without a local main, get_doctest_files fails (repo.refs.main) and every test runs.
    "no_main_branch": dict(main="master", commits=[({"src/transformers/utils/generic.py":
                                                    "class ModelOutput(dict):\n    z = 1\n"},
                                                   "Generic")]),
    "deleted_doc_fails": dict(branch=True, args=[], commits=[({
        "docs/source/en/model_doc/bert.md": None}, "Drop the BERT page")]),
}


def build(work, name, scenario):
    base = base_files(scenario.get("with_extras", True), scenario.get("common_tests", True))
    return fixture_repo.build(work, name, scenario, base)


def collect(directory):
    files = {}
    for name in OUTPUTS:
        path = os.path.join(directory, name)
        if os.path.exists(path):
            with open(path, "rb") as f:
                files[name] = f.read()
    return files


def run_reference(reference, repo, args):
    target = os.path.join(repo, "utils", "tests_fetcher.py")  # untracked, next to the tree
    shutil.copy(reference, target)
    try:
        p = subprocess.run(["/usr/bin/python3", "utils/tests_fetcher.py"] + args, cwd=repo,
                           stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        files = collect(repo)
        for name in files:
            os.remove(os.path.join(repo, name))
    finally:
        os.remove(target)
    files = {k: fixture_repo.substitute(v, repo) for k, v in files.items()}
    return p.returncode, fixture_repo.substitute(p.stdout, repo), files, p.stderr


def run_kensa(kensa, repo, out, args):
    shutil.rmtree(out, ignore_errors=True)
    os.makedirs(out)
    p = subprocess.run([kensa, "tests", "--preset", "transformers-2023", "-C", repo,
                        "--output-dir", out] + [a.replace("_", "-") for a in args],
                       stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    files = {k: fixture_repo.substitute(v, repo) for k, v in collect(out).items()}
    return p.returncode, fixture_repo.substitute(p.stdout, repo), files, p.stderr


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--kensa", required=False)
    parser.add_argument("--regenerate", action="store_true",
                        help="write transformers_expected/ from the reference script")
    parser.add_argument("--reference", help="transformers' utils/tests_fetcher.py (13639d7a)")
    parser.add_argument("--only", help="run this scenario only")
    args = parser.parse_args()
    return fixture_repo.run_scenarios(args, SCENARIOS, build, EXPECTED, collect, run_reference,
                                      run_kensa)


if __name__ == "__main__":
    sys.exit(main())
