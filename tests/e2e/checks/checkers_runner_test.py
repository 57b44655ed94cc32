#!/usr/bin/python3
"""End-to-end test of `kensa check` against transformers' runner, utils/checkers.py, on the
small transformers-shaped repositories of transformers_checkers_test.py, and of those laid
side by side with dummies_transformers_test.py's and transformers_doc_toc_test.py's, and on
four of init_isort_transformers_test.py's: which checkers run,
in what order, the report around each one (label, command line, OK or FAILED, the summary),
where a run without --keep-going stops, the exit status, and the files a --fix run leaves.

The expectations in tests/fixtures/checkers_runner/expected.json were recorded with
`--record --reference DIR`, DIR holding transformers' checkers.py (033e79efdf54),
check_doctest_list.py (15ea02a2add1), sort_auto_mappings.py (0a8c149f1e2f), check_dummies.py
(01080c629600), check_doc_toc.py (013bb6f3f8b7) and custom_init_isort.py (15ea02a2add1), never
committed: the test copies them into each repository's utils/ and runs
`python3 utils/checkers.py ARGS` from its root, with stdout not a terminal and no CI variable,
as a CI job does.

Two differences are by design and normalised here, nowhere else:
- the line under each label names the command that ran: `$ kensa doctest-list` where the
  runner prints `$ python utils/check_doctest_list.py`;
- --list adds a column saying what runs each checker in kensa;
- a script that raised leaves a traceback in the runner's ten-line tail; kensa prints the
  exception alone (a ValueError as its message, anything else as "kensa CMD: ... would stop
  here with TYPE: MESSAGE"). Both are reduced to the exception's lines.

Usage: checkers_runner_test.py --kensa BUILD/kensa [--work DIR] [--only NAME]
       checkers_runner_test.py --record --reference DIR [--work DIR]
"""

import functools
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from parity import recorded_main  # noqa: E402
import dummies_transformers_test as dummies  # noqa: E402
import init_isort_transformers_test as isort  # noqa: E402
import transformers_doc_toc_test as doc_toc  # noqa: E402
from transformers_checkers_test import scenarios  # noqa: E402

REPO_ROOT = Path(__file__).resolve().parents[3]
EXPECTED = REPO_ROOT / "tests" / "fixtures" / "checkers_runner" / "expected.json"
SCRIPTS = ["checkers.py", "check_doctest_list.py", "sort_auto_mappings.py", "check_dummies.py",
           "check_doc_toc.py", "custom_init_isort.py"]
print = functools.partial(print, flush=True)

def four_checker_scenarios():
    """Repositories where dummies, doc_toc, doctest_list and auto_mappings all have work: the
    files of the three checkers' own tests laid side by side, then one of them broken."""
    def merged(dummies_files, toc):
        files = scenarios()["clean"]
        files.update(dummies_files)
        files[doc_toc.TOC] = toc
        return files
    stale = dummies.scenarios()["torch_new_class"]
    unsorted = doc_toc.toctree(text=doc_toc.swap(doc_toc.TEXT, 0, 2))
    return {"four_clean": merged(dummies.base_files(), doc_toc.toctree()),
            "four_stale_dummy": merged(stale, doc_toc.toctree()),
            "four_unsorted_toc": merged(dummies.base_files(), unsorted),
            "four_both_broken": merged(stale, unsorted)}


# Which scenarios, and the runner's arguments on each.
SCENARIOS = ["clean", "doctest_unsorted", "doctest_missing", "auto_unsorted_single",
             "auto_two_files", "auto_one_letter_name", "auto_not_utf8"]
RUNS = {
    "both": ["doctest_list,auto_mappings"],
    "both_reversed": ["auto_mappings, doctest_list"],
    "keep_going": ["doctest_list,auto_mappings", "--keep-going"],
    "fix": ["doctest_list,auto_mappings", "--fix"],
    "fix_check_only": ["inits,doctest_list", "--fix"],
    "unknown": ["doctest_list,nope,auto_mapping"],
    "split_words": ["doctest_list", "auto_mappings"],
    "empty_names": [",doctest_list,,"],
    # The runner's argparse wants a name even with --list (kensa does not).
    "list": ["all", "--list"],
    "four": ["doctest_list,auto_mappings,dummies,doc_toc"],
    "four_keep_going": ["doc_toc,dummies,doctest_list,auto_mappings", "--keep-going"],
    "four_fix": ["dummies,doc_toc,doctest_list", "--fix"],
    "isort": ["init_isort,auto_mappings", "--keep-going"],
    "isort_fix": ["init_isort", "--fix"],
}

KENSA_COMMAND = re.compile(
    r"^\$ kensa (doctest-list|auto-mappings|dummies|doc-toc|init-isort)( --fix)?$")
RUNNER_COMMAND = re.compile(r"^\$ python utils/(check_doctest_list|sort_auto_mappings|check_dummies"
                            r"|check_doc_toc|custom_init_isort)\.py.*$")
KENSA_EXCEPTION = re.compile(r"^kensa [\w-]+: (?:.*?: )?\S+\.py would stop here with (\w+: .*)$")
LIST_LINE = re.compile(r"^(  \w+ +.+ \(\S+, (?:fixable|check-only)\))  (?:kensa|ruff|not in kensa).*$")
FILE_LIST = re.compile(r"^(The following files have auto mappings that need sorting: )(.*)(\. Run .*)$")


def normalized(stdout, reference):
    """The report with both sides' command lines as `$ COMMAND`, the reference's traceback
    frames dropped (the tail may start inside one) and "ValueError: " taken off (kensa prints
    a ValueError bare), kensa's "would stop here with TYPE: MESSAGE" as "TYPE: MESSAGE", and
    sort_auto_mappings' file list sorted (the script lists them in os.listdir order), and
    kensa's --list column dropped."""
    out = []
    for line in stdout.split("\n"):
        if reference and (line == "Traceback (most recent call last):"
                          or line.startswith('  File "') or line.startswith("    ")):
            continue
        if KENSA_COMMAND.match(line) or RUNNER_COMMAND.match(line):
            line = "$ COMMAND"
        m = KENSA_EXCEPTION.match(line) or LIST_LINE.match(line)
        if m and not reference:
            line = m.group(1)
        if line.startswith("ValueError: "):
            line = line[len("ValueError: "):]
        m = FILE_LIST.match(line)
        if m:
            line = m.group(1) + ", ".join(sorted(m.group(2).split(", "))) + m.group(3)
        out.append(line)
    return "\n".join(out)


def run(cmd, cwd):
    env = {k: v for k, v in os.environ.items() if k not in ("GITHUB_ACTIONS", "CIRCLECI")}
    p = subprocess.run(cmd, cwd=cwd, capture_output=True, env=env)
    return p.returncode, p.stdout.decode("utf-8", "replace")


def outcome(_context, root, run_name, program, recording):
    args = RUNS[run_name]
    if recording:
        (root / "utils").mkdir(exist_ok=True)
        for script in SCRIPTS:
            shutil.copy(Path(program) / script, root / "utils" / script)
        rc, out = run([sys.executable, "utils/checkers.py", *args], root)
        for leftover in SCRIPTS + [".checkers_cache.json", "__pycache__"]:
            path = root / "utils" / leftover
            shutil.rmtree(path) if path.is_dir() else path.unlink(missing_ok=True)
    else:
        rc, out = run([program, "check", *args], root)
    diff = run(["git", "diff"], root)[1]
    run(["git", "checkout", "-q", "--", "."], root)
    return {"rc": rc, "stdout": out, "diff": diff}


def compare(got, want):
    bad = [k for k in ("rc", "diff") if got[k] != want[k]]
    if normalized(got["stdout"], False) != normalized(want["stdout"], True):
        bad.append("stdout")
    return bad


def kensa_only(kensa, root):
    """What kensa adds to the runner: --json, --list without a name, and a clear error for a
    checker it has no version of. Returns the number of failed expectations."""
    bad = []
    rc, out = run([kensa, "check", "doctest_list,auto_mappings", "--keep-going", "--json"], root)
    doc = json.loads(out)
    statuses = [(c["name"], c["status"], c["exit"]) for c in doc["checkers"]]
    if rc != 1 or statuses != [("doctest_list", "failed", 1), ("auto_mappings", "ok", 0)] \
            or doc["failed"] != ["doctest_list"] or "not sorted" in json.dumps(doc["checkers"][1]):
        bad.append(f"--json: rc {rc}, {statuses}, failed {doc['failed']}")
    rc, out = run([kensa, "check", "--list"], root)
    if rc != 0 or len(out.splitlines()) != 22 or "  not in kensa yet" not in out:
        bad.append(f"--list alone: rc {rc}, {len(out.splitlines())} lines")
    p = subprocess.run([kensa, "check", "doctest_list,config_attributes"], cwd=root,
                       capture_output=True, text=True)
    if p.returncode != 2 or p.stdout or "config_attributes (utils/check_config_attributes.py) has no kensa version yet" not in p.stderr:
        bad.append(f"a checker kensa lacks: rc {p.returncode}, {p.stderr!r}")
    for b in bad:
        print(f"FAIL kensa only: {b}")
    print(f"{3 - len(bad)}/3 kensa-only expectations hold")
    return len(bad)


def kensa_only_checks(kensa, work):
    return kensa_only(kensa, work / "doctest_unsorted")


if __name__ == "__main__":
    chosen = {name: files for name, files in scenarios().items() if name in SCENARIOS}
    chosen.update(four_checker_scenarios())
    chosen.update({"isort_" + name: files for name, files in isort.scenarios().items()
                   if name in ("sorted", "unsorted_keys", "unsorted_guarded_lines", "not_utf8")})
    sys.exit(recorded_main(__doc__, EXPECTED, "e2e-checkers-runner", chosen, outcome,
                           subcases=list(RUNS), compare=compare, extra=kensa_only_checks,
                           what="runs of utils/checkers.py"))
