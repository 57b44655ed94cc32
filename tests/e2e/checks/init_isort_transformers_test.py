#!/usr/bin/python3
"""End-to-end test of `kensa init-isort` on small transformers-shaped repositories built here,
against transformers' own utils/custom_init_isort.py: check (--check_only) and fix runs, their
exit status, stdout, final exception and the diff the fix leaves.

transformers' script is diffusers' (tests/e2e/checks/init_isort_test.py) but for two things: it
walks src/transformers, and it leaves alone an init that mentions `define_import_structure`
(its newer inits build the structure from the submodules). kensa takes the folder from the
layout and that rule from the transformers preset (the package name in pyproject.toml); the
`define_*` scenarios are the ones diffusers' script would treat differently.

The expectations in tests/fixtures/init_isort_transformers/expected.json were recorded with
`--record --reference PATH` (PATH: the script, never committed) from transformers'
utils/custom_init_isort.py at 15ea02a2add1, run by CPython 3.11 (/usr/bin/python3) from each
repository's root as the Makefile runs it.

Usage: init_isort_transformers_test.py --kensa BUILD/kensa [--work DIR] [--only NAME]
       init_isort_transformers_test.py --record --reference PATH [--work DIR]
"""

import functools
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from parity import kensa_exception, recorded_main, script_exception  # noqa: E402

REPO_ROOT = Path(__file__).resolve().parents[3]
EXPECTED = REPO_ROOT / "tests" / "fixtures" / "init_isort_transformers" / "expected.json"
print = functools.partial(print, flush=True)

INIT = "src/transformers/__init__.py"
BERT = "src/transformers/models/bert/__init__.py"

MAIN_SORTED = '''\
# Copyright 2024 The HuggingFace Team. All rights reserved.
from typing import TYPE_CHECKING

from .utils import OptionalDependencyNotAvailable, _LazyModule, is_torch_available

_import_structure = {
    "configuration_utils": ["PretrainedConfig"],
    "models": [],
    "models.bert": [
        "BERT_PRETRAINED_CONFIG_ARCHIVE_MAP",
        "BertConfig",
        "BertTokenizer",
    ],
    "utils": ["SPIECE_UNDERLINE", "TensorType", "is_torch_available", "logging"],
}

try:
    if not is_torch_available():
        raise OptionalDependencyNotAvailable()
except OptionalDependencyNotAvailable:
    from .utils import dummy_pt_objects

    _import_structure["utils.dummy_pt_objects"] = [name for name in dir(dummy_pt_objects) if not name.startswith("_")]
else:
    _import_structure["models.bert"].extend(
        [
            "BertForMaskedLM",
            "BertModel",
            "load_tf_weights_in_bert",
        ]
    )
    _import_structure["pytorch_utils"] = ["Conv1D", "apply_chunking_to_forward"]

if TYPE_CHECKING:
    from .configuration_utils import PretrainedConfig
    from .models.bert import BertConfig, BertTokenizer
else:
    import sys

    sys.modules[__name__] = _LazyModule(__name__, globals()["__file__"], _import_structure, module_spec=__spec__)
'''

BERT_SORTED = '''\
from typing import TYPE_CHECKING

from ...utils import OptionalDependencyNotAvailable, _LazyModule, is_torch_available

_import_structure = {
    "configuration_bert": ["BERT_PRETRAINED_CONFIG_ARCHIVE_MAP", "BertConfig"],
    "tokenization_bert": ["BasicTokenizer", "BertTokenizer"],
}

try:
    if not is_torch_available():
        raise OptionalDependencyNotAvailable()
except OptionalDependencyNotAvailable:
    pass
else:
    _import_structure["modeling_bert"] = [
        "BertForMaskedLM",
        "BertModel",
        "load_tf_weights_in_bert",
    ]

if TYPE_CHECKING:
    from .configuration_bert import BertConfig
else:
    import sys

    sys.modules[__name__] = _LazyModule(__name__, globals()["__file__"], _import_structure, module_spec=__spec__)
'''

# The current shape of a model init: no dictionary, the structure comes from the submodules.
DEFINE = '''\
from typing import TYPE_CHECKING

from ...utils import _LazyModule
from ...utils.import_utils import define_import_structure

if TYPE_CHECKING:
    from .configuration_gpt2 import *
else:
    import sys

    _file = globals()["__file__"]
    sys.modules[__name__] = _LazyModule(__name__, _file, define_import_structure(_file), module_spec=__spec__)
'''


def base_files():
    return {
        "pyproject.toml": '[project]\nname = "transformers"\n',
        INIT: MAIN_SORTED,
        "src/transformers/models/__init__.py": "from . import bert\n",
        BERT: BERT_SORTED,
        "src/transformers/utils/__init__.py": "from .generic import TensorType, logging\n",
    }


def sub(files, path, old, new):
    assert old in files[path], (path, old)
    files[path] = files[path].replace(old, new, 1)


def scenarios():
    s = {}
    s["sorted"] = base_files()
    f = base_files()
    sub(f, INIT, '    "configuration_utils": ["PretrainedConfig"],\n    "models": [],\n',
        '    "models": [],\n    "configuration_utils": ["PretrainedConfig"],\n')
    s["unsorted_keys"] = f
    f = base_files()
    sub(f, INIT, '["SPIECE_UNDERLINE", "TensorType", "is_torch_available", "logging"]',
        '["logging", "TensorType", "is_torch_available", "SPIECE_UNDERLINE",]')
    s["unsorted_one_line_list"] = f
    f = base_files()
    sub(f, INIT, '        "BERT_PRETRAINED_CONFIG_ARCHIVE_MAP",\n        "BertConfig",\n',
        '        "BertConfig",\n        "BERT_PRETRAINED_CONFIG_ARCHIVE_MAP",\n')
    s["unsorted_multi_line_list"] = f
    # A list on the one line between the brackets (three lines): rewritten quoted and sorted.
    f = base_files()
    sub(f, BERT, '    "tokenization_bert": ["BasicTokenizer", "BertTokenizer"],\n',
        '    "tokenization_bert": [\n        "BertTokenizer", BasicTokenizer\n    ],\n')
    s["unsorted_three_line_list"] = f
    # The backend-guarded `else:` block opening with .extend([...]) over several lines: its
    # second line's deeper indent splits it so that no key is found, and nothing is sorted.
    f = base_files()
    sub(f, INIT, '            "BertForMaskedLM",\n            "BertModel",\n',
        '            "BertModel",\n            "BertForMaskedLM",\n')
    sub(f, INIT, '    _import_structure["pytorch_utils"] = ["Conv1D", "apply_chunking_to_forward"]\n',
        '    _import_structure["pytorch_utils"] = ["apply_chunking_to_forward", "Conv1D"]\n'
        '    _import_structure["activations"] = ["GELUActivation"]\n')
    # Behind `import dummy` the script never looks: unsorted keys there are kept.
    sub(f, INIT, "    from .utils import dummy_pt_objects\n\n",
        "    from .utils import dummy_pt_objects\n\n"
        '    _import_structure["zz"] = ["b", "a"]\n    _import_structure["aa"] = ["d", "c"]\n')
    s["unsorted_guarded_block"] = f
    # The older shape of a guarded block: one `_import_structure[...]` line per key, the second
    # line's indent splitting them. Sorted by key, each list sorted too.
    f = base_files()
    sub(f, BERT, '''    _import_structure["modeling_bert"] = [
        "BertForMaskedLM",
        "BertModel",
        "load_tf_weights_in_bert",
    ]
''', '''    _import_structure["modeling_bert"] = ["load_tf_weights_in_bert", "BertModel"]
    _import_structure["modeling_bert"].append("BertForMaskedLM")
    _import_structure["convert_bert"] = ["convert", "CONSTANT"]
    _import_structure["activations"].extend(["gelu", "GELU"])
''')
    s["unsorted_guarded_lines"] = f
    # Both inits unsorted: "Would overwrite 1 files" still, two files rewritten.
    f = base_files()
    sub(f, INIT, '    "configuration_utils": ["PretrainedConfig"],\n    "models": [],\n',
        '    "models": [],\n    "configuration_utils": ["PretrainedConfig"],\n')
    sub(f, BERT, '"BERT_PRETRAINED_CONFIG_ARCHIVE_MAP", "BertConfig"', '"BertConfig", "BERT_PRETRAINED_CONFIG_ARCHIVE_MAP"')
    s["two_inits_unsorted"] = f
    # An init without _import_structure is not a custom init, however unsorted.
    f = base_files()
    f["src/transformers/models/__init__.py"] = "from . import zeta, bert, albert\n"
    f["src/transformers/models/albert/__init__.py"] = "X = {\n    \"b\": [\"z\", \"y\"],\n    \"a\": [],\n}\n"
    s["no_import_structure"] = f
    # define_import_structure: transformers' script skips the init, diffusers' would sort it...
    f = base_files()
    f["src/transformers/models/gpt2/__init__.py"] = DEFINE.replace(
        "\nif TYPE_CHECKING:", '\n_import_structure = {\n    "tokenization_gpt2": ["GPT2Tokenizer"],\n'
        '    "configuration_gpt2": ["GPT2Config", "GPT2_CONSTANT"],\n}\n\nif TYPE_CHECKING:', 1)
    s["define_with_unsorted_dict"] = f
    # ... or stop on it with IndexError (it mentions _import_structure, never `= {`).
    f = base_files()
    f["src/transformers/models/gpt2/__init__.py"] = DEFINE + "# no _import_structure here\n"
    s["define_mentions_structure"] = f
    # Odd input: _import_structure without `_import_structure = {` (IndexError), a list line that
    # is no quoted name (AttributeError), bytes that are not UTF-8 (UnicodeDecodeError).
    f = base_files()
    f[BERT] = "_import_structure: dict = {}\n"
    s["annotated_dict_index_error"] = f
    f = base_files()
    sub(f, INIT, '        "BertConfig",\n', '        # the config\n        "BertConfig",\n')
    s["comment_in_list_attribute_error"] = f
    f = base_files()
    f[BERT] = BERT_SORTED.replace('"BertConfig"', '"BértConfig"').encode("latin-1")
    s["not_utf8"] = f
    # CRLF on disk, unsorted: read with universal newlines, written back with \n.
    f = base_files()
    f[BERT] = BERT_SORTED.replace('"BasicTokenizer", "BertTokenizer"', '"BertTokenizer", "BasicTokenizer"').replace("\n", "\r\n")
    s["crlf_unsorted"] = f
    return s


def run(cmd, cwd):
    p = subprocess.run(cmd, cwd=cwd, capture_output=True, timeout=120)
    return p.returncode, p.stdout.decode("utf-8", "replace"), p.stderr.decode("utf-8", "replace")


def outcome(_context, root, _sub, program, recording):
    result = {}
    for mode in ("check", "fix"):
        if recording:
            rc, out, err = run([sys.executable, program] + (["--check_only"] if mode == "check" else []), root)
            exc = script_exception(err)
            exc = list(exc) if exc else None
        else:
            rc, out, err = run([program, "init-isort"] + (["--fix"] if mode == "fix" else []), root)
            exc = kensa_exception("init-isort", "custom_init_isort.py", err)
        result[mode + "_rc"], result[mode + "_stdout"], result[mode + "_exception"] = rc, out, exc
    result["fix_diff"] = run(["git", "diff"], root)[1]
    run(["git", "checkout", "-q", "--", "."], root)
    return result


if __name__ == "__main__":
    sys.exit(recorded_main(__doc__, EXPECTED, "e2e-init-isort-transformers", scenarios(), outcome,
                           what="init-isort runs"))
