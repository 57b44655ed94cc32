#!/usr/bin/python3
"""End-to-end test of `kensa config-docstrings` (transformers' utils/check_config_docstrings.py)
on small transformers-shaped repositories built here: exit status, stdout and the exception the
script ends with.

The script imports the library (direct_transformers_import, then CONFIG_MAPPING and
inspect.getsource); kensa reads the same facts statically. So that the real script can run
here without the library's dependencies, each tree is a minimal importable package: a
utils/__init__.py with its own direct_transformers_import and a configuration_auto.py whose
CONFIG_MAPPING resolves model types to classes as _LazyConfigMapping does.

The expectations in tests/fixtures/config_docstrings/expected.json were recorded with
`--record --reference DIR` (DIR holding check_config_docstrings.py at transformers 05920b01,
never committed), run by CPython 3.11 (/usr/bin/python3) from each tree's root.

Usage: config_docstrings_test.py --kensa BUILD/kensa [--work DIR] [--only NAME]
       config_docstrings_test.py --record --reference DIR [--work DIR]
"""

import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from parity import kensa_exception, recorded_main, script_exception  # noqa: E402

REPO_ROOT = Path(__file__).resolve().parents[3]
EXPECTED = REPO_ROOT / "tests" / "fixtures" / "config_docstrings" / "expected.json"
MODELS = "src/transformers/models/"
AUTO = MODELS + "auto/configuration_auto.py"

UTILS = '''\
import importlib
import importlib.util
import os
import sys


def direct_transformers_import(path):
    spec = importlib.util.spec_from_file_location(
        "transformers", os.path.join(path, "__init__.py"), submodule_search_locations=[path]
    )
    module = importlib.util.module_from_spec(spec)
    sys.modules["transformers"] = module
    spec.loader.exec_module(module)
    importlib.import_module("transformers.models.auto.configuration_auto")
    return module
'''

AUTO_TEXT = '''\
import importlib
from collections import OrderedDict

CONFIG_MAPPING_NAMES = OrderedDict(
    [
        ("bert", "BertConfig"),
        ("gpt2", "GPT2Config"),
        ("llama", "LlamaConfig"),
        ("xclip-x", "XConfig"),
        ("old", "OldConfig"),
    ]
)

DEPRECATED_MODELS = ["old"]

SPECIAL_MODEL_TYPE_TO_MODULE_NAME = OrderedDict([])


def model_type_to_module_name(key):
    if key in SPECIAL_MODEL_TYPE_TO_MODULE_NAME:
        key = SPECIAL_MODEL_TYPE_TO_MODULE_NAME[key]
    key = key.replace("-", "_")
    return "deprecated." + key if key in DEPRECATED_MODELS else key


class _LazyConfigMapping:
    def values(self):
        out = []
        for key, name in CONFIG_MAPPING_NAMES.items():
            module = importlib.import_module("." + model_type_to_module_name(key), "transformers.models")
            out.append(getattr(module, name))
        return out


CONFIG_MAPPING = _LazyConfigMapping()
'''


def model(files, directory, cls, body):
    module = directory.rsplit("/", 1)[-1]
    files[f"{MODELS}{directory}/__init__.py"] = f"from .configuration_{module} import {cls}\n"
    files[f"{MODELS}{directory}/configuration_{module}.py"] = body


def base_files():
    f = {
        "pyproject.toml": '[project]\nname = "transformers"\n',
        "src/transformers/__init__.py": "",
        "src/transformers/utils/__init__.py": UTILS,
        MODELS + "__init__.py": "",
        MODELS + "auto/__init__.py": "",
        AUTO: AUTO_TEXT,
        MODELS + "deprecated/__init__.py": "",
    }
    model(f, "bert", "BertConfig",
          'class BertConfig:\n    r"""\n    [google/bert](https://huggingface.co/google/bert/)\n    """\n')
    model(f, "gpt2", "GPT2Config",
          'class GPT2Config:\n    r"""\n    [openai/gpt2](https://huggingface.co/openai/gpt2)\n    """\n')
    model(f, "llama", "LlamaConfig", "class LlamaConfig:\n    pass\n")  # in the ignore set
    model(f, "xclip_x", "XConfig",
          'class XConfig:\n    """See [x/y](https://huggingface.co/x/y)."""\n')
    model(f, "deprecated/old", "OldConfig", "class OldConfig:\n    pass\n")  # skipped
    return f


def sub(files, path, old, new):
    assert old in files[path], (path, old)
    files[path] = files[path].replace(old, new, 1)


BERT = MODELS + "bert/configuration_bert.py"
GPT2 = MODELS + "gpt2/configuration_gpt2.py"
X = MODELS + "xclip_x/configuration_xclip_x.py"


def scenarios():
    s = {}
    s["clean"] = base_files()
    f = base_files(); sub(f, GPT2, "[openai/gpt2]", "[gpt2]"); s["name_and_link_differ"] = f
    f = base_files(); sub(f, BERT, "[google/bert](https://huggingface.co/google/bert/)", "no link"); s["no_link"] = f
    f = base_files(); sub(f, BERT, "[google/bert](https://huggingface.co/google/bert/)", "no link"); sub(f, GPT2, "[openai/gpt2]", "[gpt]"); s["two_missing_sorted"] = f
    f = base_files(); sub(f, GPT2, "[openai/gpt2](https://huggingface.co/openai/gpt2)", "[a](https://huggingface.co/b) then [openai/gpt2](https://huggingface.co/openai/gpt2)"); s["second_link_valid"] = f
    f = base_files(); sub(f, BERT, "google/bert/)", "google/bert//)"); s["two_trailing_slashes"] = f
    f = base_files(); sub(f, BERT, "https://huggingface.co/google/bert/", "http://huggingface.co/google/bert"); s["http_link"] = f
    f = base_files(); f[X] = 'def deco(*a):\n    return lambda c: c\n\n\n@deco("[x/y](https://huggingface.co/x/y)")\nclass XConfig:\n    pass\n'; s["link_in_decorator"] = f
    f = base_files(); f[X] = "class XConfig:\n    pass\n# [x/y](https://huggingface.co/x/y)\n"; s["link_after_class"] = f
    f = base_files(); f[X] = 'class XConfig:\n    def f(self):\n        return "[x/y](https://huggingface.co/x/y)"\n'; s["link_in_method"] = f
    f = base_files(); f[X] = 'import sys\n\nif sys.version_info >= (3,):\n    class XConfig:\n        """[x/y](https://huggingface.co/x/y)"""\nelse:\n    class XConfig:\n        pass\n'; s["class_under_if"] = f
    f = base_files(); sub(f, MODELS + "llama/configuration_llama.py", "pass", '"""[meta/llama](https://huggingface.co/meta/llama)"""'); s["ignored_with_link"] = f
    f = base_files(); sub(f, AUTO, 'DEPRECATED_MODELS = ["old"]', "DEPRECATED_MODELS = []"); f[MODELS + "old/__init__.py"] = "from .configuration_old import OldConfig\n"; f[MODELS + "old/configuration_old.py"] = "class OldConfig:\n    pass\n"; s["not_deprecated"] = f
    f = base_files(); sub(f, GPT2, 'r"""\n    [openai/gpt2](https://huggingface.co/openai/gpt2)\n    """', 'r"""\n    [openai/gpt2](https://huggingface.co/openai/gpt2\n    )"""'); s["link_across_lines"] = f
    return s


def run(cmd, cwd):
    p = subprocess.run(cmd, cwd=cwd, capture_output=True, env={"PATH": "/usr/bin:/bin", "PYTHONPATH": "src"})
    return p.returncode, p.stdout.decode("utf-8", "replace"), p.stderr.decode("utf-8", "replace")


SCRIPT = "check_config_docstrings.py"


def outcome(_context, root, _sub, program, recording):
    if recording:
        rc, out, err = run([sys.executable, str(Path(program) / SCRIPT)], root)
        exc = script_exception(err)
        exc = list(exc) if exc else None
    else:
        rc, out, err = run([program, "config-docstrings"], root)
        exc = kensa_exception("config-docstrings", SCRIPT, err)
    return {"rc": rc, "stdout": out, "exception": exc}


if __name__ == "__main__":
    sys.exit(recorded_main(__doc__, EXPECTED, "e2e-config-docstrings", scenarios(), outcome,
                           what="runs"))
