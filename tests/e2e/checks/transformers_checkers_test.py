#!/usr/bin/python3
"""End-to-end test of `kensa doctest-list` and `kensa auto-mappings` (transformers'
utils/check_doctest_list.py and utils/sort_auto_mappings.py) on small transformers-shaped
repositories built here: check and fix runs, their exit status, stdout, final message and the
diff the fix leaves.

The expectations in tests/fixtures/transformers_checkers/expected.json were recorded with
`--record --reference DIR` (DIR holding both scripts, never committed) from transformers'
check_doctest_list.py at 15ea02a2add1 and sort_auto_mappings.py at 0a8c149f1e2f, run by
CPython 3.11 (/usr/bin/python3) from each repository's root as the Makefile runs them.

sort_auto_mappings.py lists the files with os.listdir (the filesystem's order); kensa sorts
them by name. The comparison therefore takes the file list of its message as a set and checks
that kensa's is sorted.

Usage: transformers_checkers_test.py --kensa BUILD/kensa [--work DIR] [--only NAME]
       transformers_checkers_test.py --record --reference DIR [--work DIR]
"""

import functools
import re
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from parity import kensa_exception, recorded_main, script_exception  # noqa: E402

REPO_ROOT = Path(__file__).resolve().parents[3]
EXPECTED = REPO_ROOT / "tests" / "fixtures" / "transformers_checkers" / "expected.json"
print = functools.partial(print, flush=True)

PYPROJECT = '[project]\nname = "transformers"\n'
AUTO = "src/transformers/models/auto/"

CONFIG_SORTED = '''\
from collections import OrderedDict

CONFIG_MAPPING_NAMES = OrderedDict[str, str](
    [
        # Add configs here
        ("albert", "AlbertConfig"),
        ("bert", "BertConfig"),
        ("gpt2", "GPT2Config"),
    ]
)

MODEL_NAMES_MAPPING = OrderedDict(
    [
        ("albert", "ALBERT"),
        ("bert", "BERT"),
    ]
)
'''

MODELING_SORTED = '''\
from collections import OrderedDict

MODEL_MAPPING_NAMES = OrderedDict(
    [
        ("albert", "AlbertModel"),
        (
            "bert",
            "BertModel",
        ),
        ("gpt2", ("GPT2Model", "GPT2LMHeadModel")),
    ]
)

MODEL_FOR_CAUSAL_LM_MAPPING_NAMES = OrderedDict(
    [
        ("Zeta", "ZetaForCausalLM"),
        ("bert", "BertLMHeadModel"),
    ]
)


def helper():
    if True:
        NESTED_MAPPING = OrderedDict(
            [
                ("aa", "A"),
                ("bb", "B"),
            ]
        )
    return NESTED_MAPPING
'''


def base_files():
    return {
        "pyproject.toml": PYPROJECT,
        "src/transformers/__init__.py": "",
        "src/transformers/models/__init__.py": "",
        AUTO + "__init__.py": "",
        AUTO + "configuration_auto.py": CONFIG_SORTED,
        AUTO + "modeling_auto.py": MODELING_SORTED,
        AUTO + "README.md": "not python\n",
        "docs/source/en/index.md": "# index\n",
        "docs/source/en/model_doc/bert.md": "# bert\n",
        "docs/source/en/model_doc/gpt2.md": "# gpt2\n",
        "src/transformers/models/bert/modeling_bert.py": "",
        "utils/not_doctested.txt": "docs/source/en/index.md\ndocs/source/en/model_doc/bert.md\n"
        "docs/source/en/model_doc/gpt2.md\n",
        "utils/slow_documentation_tests.txt": "src/transformers/models/bert/modeling_bert.py\n",
    }


def sub(files, path, old, new):
    assert old in files[path], (path, old)
    files[path] = files[path].replace(old, new, 1)


M, C = AUTO + "modeling_auto.py", AUTO + "configuration_auto.py"
ND, SL = "utils/not_doctested.txt", "utils/slow_documentation_tests.txt"


def scenarios():
    s = {}
    s["clean"] = base_files()
    # doctest lists
    f = base_files(); f[ND] = "docs/source/en/model_doc/gpt2.md\ndocs/source/en/index.md\n"; s["doctest_unsorted"] = f
    f = base_files(); f[SL] = "src/transformers/models/bert/modeling_bert.py\nsrc/transformers/models/bert/\n"; s["doctest_slow_unsorted"] = f
    f = base_files(); f[ND] = "docs/source/en/index.md\ndocs/missing.md\ndocs/also_missing.md  # a comment\n"; s["doctest_missing"] = f
    f = base_files(); f[ND] = "docs/zz.md\ndocs/source/en/index.md\n"; s["doctest_missing_and_unsorted"] = f
    f = base_files(); f[ND] = "docs/source/en/index.md\n\ndocs/source/en/model_doc/bert.md\n"; s["doctest_empty_line"] = f
    f = base_files(); f[ND] = "docs/source/en/index.md\ndocs/source/en/model_doc/bert.md\n\n"; s["doctest_trailing_blank"] = f
    f = base_files(); f[ND] = "  docs/source/en/model_doc/bert.md comment\r\ndocs/source/en/index.md\r\n"; s["doctest_crlf_comment"] = f
    f = base_files(); f[ND] = "docs/source/en/index.md\nDocs\n"; s["doctest_case"] = f
    f = base_files(); f["Docs/x.md"] = "x\n"; f[ND] = "docs/source/en/index.md\nDocs\n"; s["doctest_case_order"] = f
    f = base_files(); f[ND] = "docs/source/en"; s["doctest_no_final_newline"] = f
    f = base_files(); del f[ND]; s["doctest_missing_file"] = f
    f = base_files(); del f[SL]; f[ND] = "docs/source/en/model_doc/bert.md\ndocs/source/en/index.md\n"; s["doctest_fix_then_missing_file"] = f
    f = base_files(); f[SL] = "src/transformers/nope.py\n"; f[ND] = "docs/source/en/model_doc/bert.md\ndocs/source/en/index.md\n"; s["doctest_fix_then_missing_path"] = f
    f = base_files(); f[ND] = b"docs/source/en/index.md\n\xff\n"; s["doctest_not_utf8"] = f
    # auto mappings
    f = base_files(); sub(f, M, '        ("albert", "AlbertModel"),\n', ''); sub(f, M, '        ("gpt2", ("GPT2Model", "GPT2LMHeadModel")),\n', '        ("gpt2", ("GPT2Model", "GPT2LMHeadModel")),\n        ("albert", "AlbertModel"),\n'); s["auto_unsorted_single"] = f
    f = base_files(); sub(f, M, '        ("albert", "AlbertModel"),\n        (\n            "bert",\n            "BertModel",\n        ),\n', '        (\n            "bert",\n            "BertModel",\n        ),\n        ("albert", "AlbertModel"),\n'); s["auto_unsorted_multiline"] = f
    f = base_files(); sub(f, M, '                ("aa", "A"),\n                ("bb", "B"),\n', '                ("bb", "B"),\n                ("aa", "A"),\n'); s["auto_unsorted_nested"] = f
    # The identifier pattern wants two characters between the quotes: a one-letter name crashes.
    f = base_files(); sub(f, M, '                ("aa", "A"),\n', '                ("a", "A"),\n'); s["auto_one_letter_name"] = f
    f = base_files(); sub(f, M, '        ("Zeta", "ZetaForCausalLM"),\n        ("bert", "BertLMHeadModel"),\n', '        ("bert", "BertLMHeadModel"),\n        ("Zeta", "ZetaForCausalLM"),\n'); s["auto_case_order"] = f
    f = base_files(); sub(f, M, '        ("albert", "AlbertModel"),\n', ''); sub(f, M, '        ("gpt2", ("GPT2Model", "GPT2LMHeadModel")),\n', '        ("gpt2", ("GPT2Model", "GPT2LMHeadModel")),\n        ("albert", "AlbertModel"),\n'); sub(f, C, '        ("albert", "AlbertConfig"),\n        ("bert", "BertConfig"),\n', '        ("bert", "BertConfig"),\n        ("albert", "AlbertConfig"),\n'); s["auto_two_files"] = f
    f = base_files(); f[AUTO + "tokenization_auto.py"] = "import os\n\nX = 1\n"; s["auto_no_mapping"] = f
    f = base_files(); f[C] = CONFIG_SORTED.replace("\n", "\r\n"); s["auto_crlf_sorted"] = f
    f = base_files(); f[C] = CONFIG_SORTED.rstrip("\n"); s["auto_no_final_newline"] = f
    f = base_files(); sub(f, C, '        ("albert", "AlbertConfig"),\n', '        ("bert", "Dup"),\n        ("albert", "AlbertConfig"),\n'); s["auto_equal_keys"] = f
    f = base_files(); sub(f, C, '        # Add configs here\n', '        # ("zzz", "comment with a name")\n'); s["auto_comment_with_name"] = f
    f = base_files(); sub(f, C, '        ("bert", "BertConfig"),\n', '\n        ("bert", "BertConfig"),\n'); s["auto_blank_entry"] = f
    f = base_files(); sub(f, C, '        ("albert", "ALBERT"),\n        ("bert", "BERT"),\n    ]\n)\n', '        ("albert", "ALBERT"),\n        ("bert", "BERT"),\n'); s["auto_no_closing"] = f
    f = base_files(); f[AUTO + "broken_auto.py"] = "BROKEN_MAPPING = OrderedDict(\n  [\n  ]\n)\n"; s["auto_no_first_entry"] = f
    f = base_files(); sub(f, M, '            "BertModel",\n        ),\n', '            "BertModel",\n'); s["auto_multiline_unclosed"] = f
    f = base_files(); f[AUTO + "image_auto.py"] = "IMAGE_PROCESSOR_MAPPING_NAMES = OrderedDict(\n    [\n        (\"vit\", \"ViT\"),\n        (\"beit\", \"BEiT\"),\n    ]\n)\n"; s["auto_third_file"] = f
    # A mapping on one line never reaches an entry at the indent: IndexError.
    f = base_files(); f[AUTO + "one_line_auto.py"] = "SINGLE_MAPPING = OrderedDict([(\"xx\", \"y\")])\n"; s["auto_one_line_mapping"] = f
    f = base_files(); f[AUTO + "latin1_auto.py"] = b"# \xe9\n"; s["auto_not_utf8"] = f
    f = base_files(); f[AUTO + "empty_auto.py"] = "EMPTY_MAPPING_NAMES = OrderedDict(\n    [\n    ]\n)\n"; s["auto_empty_mapping_no_entry"] = f
    f = base_files(); sub(f, C, '        ("gpt2", "GPT2Config"),\n', '        ("gpt2", "GPT2Config"),\n        ("\u00e9t\u00e9", "Ete"),\n        ("\u00e0b", "A"),\n'); s["auto_unicode_keys"] = f
    f = {k: v for k, v in base_files().items() if not k.startswith(AUTO)}; s["auto_no_directory"] = f
    return s


def run(cmd, cwd):
    p = subprocess.run(cmd, cwd=cwd, capture_output=True)
    return p.returncode, p.stdout.decode("utf-8", "replace"), p.stderr.decode("utf-8", "replace")


CHECKS = {
    "doctest-list": ("check_doctest_list.py", [], ["--fix_and_overwrite"]),
    "auto-mappings": ("sort_auto_mappings.py", ["--check_only"], []),
}


def outcome(_context, root, command, program, recording):
    script, check_args, fix_args = CHECKS[command]
    result = {}
    for mode, args in (("check", check_args), ("fix", fix_args)):
        if recording:
            rc, out, err = run([sys.executable, str(Path(program) / script), *args], root)
            exc = script_exception(err)
            exc = list(exc) if exc else None
        else:
            rc, out, err = run([program, command] + (["--fix"] if mode == "fix" else []), root)
            exc = kensa_exception(command, script, err)
        result[mode + "_rc"], result[mode + "_stdout"], result[mode + "_exception"] = rc, out, exc
    result["fix_diff"] = run(["git", "diff"], root)[1]
    run(["git", "checkout", "-q", "--", "."], root)
    return result


LIST = re.compile(r"^(The following files have auto mappings that need sorting: )(.*)(\. Run .*)$", re.S)


def normalized(exc):
    """The exception with sort_auto_mappings' file list as a sorted list (listdir order)."""
    if exc and exc[0] == "ValueError":
        m = LIST.match(exc[1])
        if m:
            return [exc[0], m.group(1) + ", ".join(sorted(m.group(2).split(", "))) + m.group(3)]
    return exc


def compare(got, want):
    bad = [k for k in want if (normalized(got[k]) if k.endswith("exception") else got[k])
           != (normalized(want[k]) if k.endswith("exception") else want[k])]
    m = LIST.match(got["check_exception"][1]) if got["check_exception"] else None
    if m and m.group(2).split(", ") != sorted(m.group(2).split(", ")):
        bad.append("check_exception")  # kensa lists the files sorted by name
    return bad


if __name__ == "__main__":
    sys.exit(recorded_main(__doc__, EXPECTED, "e2e-transformers-checkers", scenarios(), outcome,
                           subcases=list(CHECKS), compare=compare, what="checker runs"))
