#!/usr/bin/python3
"""End-to-end test of `kensa copies` under the transformers preset (transformers' flavour of
utils/check_copies.py: block-wise comparison, `# Ignore copy`, copies in tests/models, whole-file
copies), on small synthetic repositories built here.

The expected results in tests/fixtures/copies_transformers/expected.json were recorded from
transformers' utils/check_copies.py at f576078df320 (CPython 3.11.2, ruff-wasm 0.12.3 from
../shared/tools/ruff-wasm) with `--record --reference PATH/check_copies.py`; that script imports
transformers, which this machine cannot, so it was run with its copy-checking functions only
(check_copies then check_full_copies, as its __main__ does).

Usage: copies_transformers.py --kensa BUILD/kensa [--work DIR] [--only NAME]
       copies_transformers.py --record --reference check_copies.py [--work DIR]
"""

import functools
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent / "checks"))
from parity import recorded_main  # noqa: E402

REPO_ROOT = Path(__file__).resolve().parents[2]
EXPECTED = REPO_ROOT / "tests" / "fixtures" / "copies_transformers" / "expected.json"
SKIP = 77
print = functools.partial(print, flush=True)

PYPROJECT = '[project]\nname = "transformers"\n\n[tool.ruff]\nline-length = 119\n'

BERT = '''\
import torch
from torch import nn


class BertSelfOutput(nn.Module):
    def __init__(self, config):
        super().__init__()
        self.dense = nn.Linear(config.hidden_size, config.hidden_size)
        self.dropout = nn.Dropout(config.hidden_dropout_prob)

    def forward(self, hidden_states: torch.Tensor, input_tensor: torch.Tensor) -> torch.Tensor:
        hidden_states = self.dense(hidden_states)
        hidden_states = self.dropout(hidden_states)
        return hidden_states + input_tensor


class BertPooler(nn.Module):
    """Pools."""

    attr = 1

    def __init__(self, config):
        super().__init__()
        self.dense = nn.Linear(config.hidden_size, config.hidden_size)

    @property
    def size(self):
        return self.dense.out_features

    # a comment
    def forward(
        self,
        hidden_states,
    ) -> torch.Tensor:
        first_token_tensor = hidden_states[:, 0]
        return self.dense(first_token_tensor)


def bert_helper(x):
    def inner(y):
        return y + 1

    return inner(x) * 2
'''

ROBERTA_OK = '''\
import torch
from torch import nn


# Copied from transformers.models.bert.modeling_bert.BertSelfOutput
class RobertaSelfOutput(nn.Module):
    def __init__(self, config):
        super().__init__()
        self.dense = nn.Linear(config.hidden_size, config.hidden_size)
        self.dropout = nn.Dropout(config.hidden_dropout_prob)

    def forward(self, hidden_states: torch.Tensor, input_tensor: torch.Tensor) -> torch.Tensor:
        hidden_states = self.dense(hidden_states)
        hidden_states = self.dropout(hidden_states)
        return hidden_states + input_tensor


# Copied from transformers.models.bert.modeling_bert.BertPooler with Bert->Roberta
class RobertaPooler(nn.Module):
    """Pools."""

    attr = 1

    def __init__(self, config):
        super().__init__()
        self.dense = nn.Linear(config.hidden_size, config.hidden_size)

    @property
    def size(self):
        return self.dense.out_features

    # a comment
    def forward(
        self,
        hidden_states,
    ) -> torch.Tensor:
        first_token_tensor = hidden_states[:, 0]
        return self.dense(first_token_tensor)


class Other:
    # Copied from transformers.models.bert.modeling_bert.BertSelfOutput.forward
    def forward(self, hidden_states: torch.Tensor, input_tensor: torch.Tensor) -> torch.Tensor:
        hidden_states = self.dense(hidden_states)
        hidden_states = self.dropout(hidden_states)
        return hidden_states + input_tensor


# Copied from transformers.models.bert.modeling_bert.bert_helper
def roberta_helper(x):
    def inner(y):
        return y + 1

    return inner(x) * 2
'''

TEST_BERT = '''\
import unittest


class BertModelTest(unittest.TestCase):
    def test_config(self):
        x = 1
        self.assertEqual(x, 1)

    def test_other(self):
        pass
'''

TEST_ROBERTA = '''\
import unittest


class RobertaModelTest(unittest.TestCase):
    # Copied from tests.models.bert.test_modeling_bert.BertModelTest.test_config
    def test_config(self):
        x = 1
        self.assertEqual(x, 1)
'''

UTILS_QA = "def postprocess(x):\n    return x\n"

def base_files():
    return {
        "pyproject.toml": PYPROJECT,
        "src/transformers/__init__.py": "",
        "src/transformers/models/__init__.py": "",
        "src/transformers/models/bert/__init__.py": "",
        "src/transformers/models/bert/modeling_bert.py": BERT,
        "src/transformers/models/roberta/__init__.py": "",
        "src/transformers/models/roberta/modeling_roberta.py": ROBERTA_OK,
        "tests/models/bert/test_modeling_bert.py": TEST_BERT,
        "tests/models/roberta/test_modeling_roberta.py": TEST_ROBERTA,
        "examples/pytorch/question-answering/utils_qa.py": UTILS_QA,
        "examples/tensorflow/question-answering/utils_qa.py": UTILS_QA,
        "examples/flax/question-answering/utils_qa.py": UTILS_QA,
    }

R = "src/transformers/models/roberta/modeling_roberta.py"
def sub(files, path, old, new):
    assert old in files[path], (path, old)
    files[path] = files[path].replace(old, new, 1)

def scenarios():
    s = {}
    s["clean"] = base_files()
    f = base_files(); sub(f, R, "        hidden_states = self.dropout(hidden_states)\n", "        hidden_states = self.dropout(hidden_states) * 2\n"); s["method_edit"] = f
    f = base_files(); sub(f, R, "        hidden_states = self.dropout(hidden_states)\n        return hidden_states + input_tensor\n\n\n# Copied from transformers.models.bert.modeling_bert.BertPooler", "        # Ignore copy\n        hidden_states = self.dropout(hidden_states) * 3\n        return hidden_states + input_tensor\n\n\n# Copied from transformers.models.bert.modeling_bert.BertPooler"); s["ignore_existing"] = f
    f = base_files(); sub(f, R, "    def forward(self, hidden_states: torch.Tensor, input_tensor: torch.Tensor) -> torch.Tensor:\n        hidden_states = self.dense(hidden_states)\n        hidden_states = self.dropout(hidden_states)\n        return hidden_states + input_tensor\n\n\n# Copied from transformers.models.bert.modeling_bert.BertPooler", "    def forward(self, hidden_states: torch.Tensor, input_tensor: torch.Tensor) -> torch.Tensor:\n        hidden_states = self.dense(hidden_states)\n        hidden_states = self.dropout(hidden_states)\n        return hidden_states + input_tensor\n\n    # Ignore copy\n    def extra(self):\n        return 1\n\n\n# Copied from transformers.models.bert.modeling_bert.BertPooler"); s["ignore_new"] = f
    f = base_files(); sub(f, R, "        first_token_tensor = hidden_states[:, 0]\n", "        first_token_tensor = hidden_states[:, 1]\n"); s["with_copy_edit"] = f
    f = base_files(); sub(f, R, "    @property\n    def size(self):\n        return self.dense.out_features\n\n    # a comment\n    def forward(\n        self,\n        hidden_states,\n    ) -> torch.Tensor:\n        first_token_tensor = hidden_states[:, 0]\n        return self.dense(first_token_tensor)\n\n\nclass Other", "    @property\n    def size(self):\n        return self.dense.out_features\n\n\nclass Other"); s["structure_differs"] = f
    f = base_files(); sub(f, "src/transformers/models/bert/modeling_bert.py", "        return hidden_states + input_tensor\n", "        return hidden_states - input_tensor\n"); s["source_changed"] = f
    f = base_files(); sub(f, "tests/models/roberta/test_modeling_roberta.py", "        x = 1\n", "        x = 2\n"); s["test_copy_edit"] = f
    f = base_files(); f["examples/flax/question-answering/utils_qa.py"] = "def postprocess(x):\n    return x + 1\n"; s["full_copy_differs"] = f
    f = base_files(); del f["examples/pytorch/question-answering/utils_qa.py"]; s["full_copy_missing"] = f
    f = base_files(); sub(f, R, "    def inner(y):\n        return y + 1\n\n    return inner(x) * 2\n", "    def inner(y):\n        return y + 2\n\n    return inner(x) * 2\n"); s["nested_function_edit"] = f
    f = base_files(); sub(f, R, "# Copied from transformers.models.bert.modeling_bert.bert_helper", "# Copied from transformers.models.bert.modeling_bert.no_such"); s["missing_object"] = f
    f = base_files(); sub(f, R, "    # a comment\n    def forward(\n        self,\n        hidden_states,\n    ) -> torch.Tensor:\n        first_token_tensor = hidden_states[:, 0]\n        return self.dense(first_token_tensor)\n\n\nclass Other", "    # another comment\n    def forward(\n        self,\n        hidden_states,\n    ) -> torch.Tensor:\n        first_token_tensor = hidden_states[:, 0]\n        return self.dense(first_token_tensor)\n\n\nclass Other"); s["decorator_comment_edit"] = f
    f = base_files(); sub(f, R, "class RobertaSelfOutput(nn.Module):", "class RobertaSelfOutputRenamed(nn.Module):"); s["class_renamed"] = f
    f = base_files(); sub(f, R, "        return self.dense(first_token_tensor)\n\n\nclass Other", "\n\n\nclass Other"); s["copy_truncated"] = f
    f = base_files(); sub(f, R, "with Bert->Roberta", "with Bert->Roberta, dense->dense_layer all-casing"); s["with_new_pattern"] = f
    f = base_files(); sub(f, R, "    # a comment\n", "    # a comment\n    # Ignore copy\n"); s["ignore_on_comment"] = f
    f = base_files(); sub(f, "src/transformers/models/bert/modeling_bert.py", "        return hidden_states + input_tensor\n\n\nclass BertPooler", "        return hidden_states + input_tensor\n\n    late_attribute = 2\n\n\nclass BertPooler"); s["bad_class_structure"] = f
    f = base_files(); sub(f, R, "    def inner(y):\n        return y + 1\n\n    return inner(x) * 2\n", "    def inner(y):\n        return y + 1\n\n    def inner2(z):\n        return z\n\n    return inner(x) * 2\n"); s["different_structures"] = f
    return s


def run(cmd, cwd, env):
    p = subprocess.run(cmd, cwd=cwd, env=env, capture_output=True, text=True)
    return p.returncode, p.stdout, p.stderr


def exception_message(text):
    """The message of the exception a Python traceback ends with (None without one)."""
    lines = text.split("\n")
    if "Traceback (most recent call last):" not in lines:
        return None
    i = lines.index("Traceback (most recent call last):") + 1
    while i < len(lines) and (lines[i].startswith(" ") or lines[i] == ""):
        i += 1
    m = re.match(r"^([A-Za-z_][\w.]*): ?(.*)$", "\n".join(lines[i:]).rstrip("\n"), re.S)
    return m.group(2) if m else None


def outcome(env, root, _sub, tool, reference):
    """Exit status, stdout, final message and resulting diff of a check run and a fix run."""
    if reference:
        check = run([sys.executable, tool], root, env)
        fix_cmd = [sys.executable, tool, "--fix_and_overwrite"]
    else:
        check = run([tool, "copies"], root, env)
        fix_cmd = [tool, "copies", "--fix"]
    message = exception_message(check[2]) if reference else (check[2].rstrip("\n") or None)
    result = {"check_rc": check[0], "check_stdout": check[1], "check_message": message}
    fix = run(fix_cmd, root, env)
    result["fix_rc"] = fix[0]
    result["fix_stdout"] = fix[1]
    result["fix_message"] = exception_message(fix[2]) if reference else (fix[2].rstrip("\n") or None)
    result["fix_diff"] = run(["git", "diff"], root, env)[1]
    return result


def ruff_dir(work):
    """ruff-wasm from ../shared/tools, installed into the work directory when missing."""
    shared = Path(os.environ.get("KENSA_SHARED", REPO_ROOT.parent / "shared"))
    dst = work / "ruff-wasm"
    if not (dst / "node_modules").is_dir():
        if shutil.which("npm") is None or not (shared / "tools" / "ruff-wasm").is_dir():
            print("SKIP: cannot install ../shared/tools/ruff-wasm")
            sys.exit(SKIP)
        dst.mkdir(parents=True, exist_ok=True)
        for name in ("ruff", "install.sh", "package.json"):
            shutil.copy(shared / "tools" / "ruff-wasm" / name, dst / name)
            os.chmod(dst / name, 0o755)
        if subprocess.run(["bash", str(dst / "install.sh")]).returncode != 0:
            sys.exit("installing ruff-wasm failed")
    return dst


def path_with_ruff(work):
    return dict(os.environ, PATH=f"{ruff_dir(work)}:{os.environ.get('PATH', '')}")


if __name__ == "__main__":
    sys.exit(recorded_main(__doc__, EXPECTED, "e2e-copies-transformers", scenarios(), outcome,
                           prepare=path_with_ruff, what="transformers scenarios"))
