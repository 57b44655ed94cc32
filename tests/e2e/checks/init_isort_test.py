#!/usr/bin/env python3
"""`kensa init-isort` against diffusers' own utils/custom_init_isort.py.

1. The public corpus cases (../shared/corpus/diffusers-consistency, "kensa": "init-isort"): check
   status and message, fix output, status and diff, as the script gave them.
2. Mutations made here, run through the real script (`--check_only`, then without it) and kensa
   (check, then --fix) on two copies of one tree: same stdout, exit status (kensa prints the
   script's message) and files under src/, byte for byte. Then --strict's true count.

Exit 77 when the corpus is not there.
Usage: init_isort_test.py --kensa BUILD/kensa --corpus DIR (the ../shared/corpus folder)
"""
import json
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from parity import copy_tree, edit, kensa, run_suite, side_by_side  # noqa: E402

SCRIPT = "utils/custom_init_isort.py"
MAIN = "src/diffusers/__init__.py"
# A sub-init the script really sorts (in pipelines/__init__.py itself the `else:` block follows
# an `import dummy` line in the script's block splitting, so it is never looked at).
WAN = "src/diffusers/modular_pipelines/wan/__init__.py"


def main_keys_swapped(repo):
    edit(os.path.join(repo, MAIN), '    "guiders": [],\n    "hooks": [],\n',
         '    "hooks": [],\n    "guiders": [],\n')


def sub_init_keys_swapped(repo):
    edit(os.path.join(repo, WAN),
         '    _import_structure["modular_blocks_wan"] = ["WanBlocks"]\n'
         '    _import_structure["modular_blocks_wan22"] = ["Wan22Blocks"]\n',
         '    _import_structure["modular_blocks_wan22"] = ["Wan22Blocks"]\n'
         '    _import_structure["modular_blocks_wan"] = ["WanBlocks"]\n')


def multi_line_list_unsorted(repo):
    edit(os.path.join(repo, WAN),
         '        "Wan22Image2VideoModularPipeline",\n        "Wan22ModularPipeline",\n',
         '        "Wan22ModularPipeline",\n        "Wan22Image2VideoModularPipeline",\n')


def constants_classes_functions(repo):
    edit(os.path.join(repo, WAN), '["WanBlocks"]',
         '["wan_helper", "WanBlocks", "WAN_DEFAULT", "_WAN_PRIVATE"]')


def crlf_init(repo):
    # Read in universal-newline mode and written with "\n": the fix turns the file to LF.
    sub_init_keys_swapped(repo)
    path = os.path.join(repo, WAN)
    with open(path, "rb") as f:
        data = f.read()
    with open(path, "wb") as f:
        f.write(data.replace(b"\n", b"\r\n"))


def two_files(repo):
    main_keys_swapped(repo)
    sub_init_keys_swapped(repo)


def no_dictionary_opening(repo):
    # Mentions _import_structure but never `_import_structure = {`: the script's IndexError.
    folder = os.path.join(repo, "src/diffusers/pipelines/kensa_odd")
    os.makedirs(folder)
    with open(os.path.join(folder, "__init__.py"), "w") as f:
        f.write("_import_structure: dict = {}\n")


def not_utf8_past_8k(repo):
    # f.read() decodes the whole file: the error's position counts from its start.
    with open(os.path.join(repo, "src/diffusers/pipelines/__init__.py"), "ab") as f:
        f.write(b"\n# caf\xe9\n")


MUTATIONS = [main_keys_swapped, sub_init_keys_swapped, multi_line_list_unsorted,
             constants_classes_functions, crlf_init, two_files, no_dictionary_opening,
             not_utf8_past_8k]



def live_cases(k, repo, work, out):
    r = kensa(k, repo, "init-isort")
    out.expect(r.returncode == 0, "diffusers HEAD is sorted", r.stderr)
    for mutate in MUTATIONS:
        side_by_side(k, repo, work, "init-isort", SCRIPT, ["--check_only"], [], mutate, out)
    # --strict: the true count, each file named.
    strict = copy_tree(repo, work, "strict", two_files)
    r = kensa(k, strict, "init-isort", "--strict")
    out.expect(r.returncode == 1 and "Would overwrite 2 files" in r.stderr
               and MAIN in r.stderr and WAN in r.stderr, "strict: both files counted", r.stderr)
    r = kensa(k, strict, "init-isort", "--json")
    out.expect(sorted(json.loads(r.stdout)["unsorted"]) == sorted([MAIN, WAN]),
               "json: both files listed", r.stdout)


if __name__ == "__main__":
    sys.exit(run_suite("init-isort", SCRIPT, live_cases, "kensa-init-isort-"))
