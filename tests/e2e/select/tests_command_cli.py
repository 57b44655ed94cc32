#!/usr/bin/python3
"""`kensa tests` as a command: exit codes and messages for bad input, --json, --explain,
--worktree, --code-changes tokens, output locations and stale files — on the small
transformers-like fixture of transformers_rules.py with its mid-2023 rules (which write
test_list.txt), then the current transformers rules on transformers_current_rules.py's fixture
(test_preparation/ lists, --fetch-all, --filter-tests). No corpus is needed."""

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import fixture_repo  # noqa: E402
import transformers_current_rules as now  # noqa: E402
import transformers_rules as rules  # noqa: E402

FAILURES = []


def check(label, condition, detail=""):
    if condition:
        print("ok   %s" % label)
    else:
        print("FAIL %s %s" % (label, detail))
        FAILURES.append(label)


def kensa(binary, *args, cwd=None, preset="transformers-2023"):
    extra = ["--preset", preset] if preset else []
    p = subprocess.run([binary, "tests"] + extra + list(args), cwd=cwd, stdout=subprocess.PIPE,
                       stderr=subprocess.PIPE)
    return p.returncode, p.stdout.decode(), p.stderr.decode()


def current_rules(k, work):
    """The current transformers script's outputs, found by detection (no --preset)."""
    repo = now.build(work, "now", dict(commits=[(
        {"src/transformers/models/llama/modeling_llama.py":
         now.modeling_file("llama", "\nA = 1\n")}, "Llama")]))
    out = os.path.join(work, "out-now")
    prep = os.path.join(out, "test_preparation")
    os.makedirs(prep)
    for stale in ["tests_peft_integration_test_list.txt", "unrelated.txt"]:
        with open(os.path.join(prep, stale), "w") as f:
            f.write("stale")
    rc, stdout, err = kensa(k, "-C", repo, "--diff-with-last-commit", "--output-dir", out,
                            preset=None)
    with open(os.path.join(prep, "tests_torch_test_list.txt")) as f:
        check("job lists", rc == 0 and f.read() == "tests/models/llama/test_modeling_llama.py"
              and stdout.endswith("No test file found.\n"), stdout + err)
    check("no test_list.txt", not os.path.exists(os.path.join(out, "test_list.txt")))
    check("stale job list removed, other files kept",
          not os.path.exists(os.path.join(prep, "tests_peft_integration_test_list.txt")) and
          os.path.exists(os.path.join(prep, "unrelated.txt")))
    rc, stdout, _ = kensa(k, "-C", repo, "--diff-with-last-commit", "--output-dir", out,
                          "--fetch-all", preset=None)
    check("--fetch-all", rc == 0 and "Force-launching all tests" in stdout and
          "More than" not in stdout and "### test_all is TRUE" in stdout, stdout)
    with open(os.path.join(out, "test_list.txt"), "w") as f:
        f.write("tests/models/bert/test_modeling_bert.py tests/pipelines/test_x.py "
                "tests/repo_utils/test_y.py")
    rc, stdout, _ = kensa(k, "-C", repo, "--output-dir", out, "--filter-tests", preset=None)
    with open(os.path.join(out, "test_list.txt")) as f:
        check("--filter-tests", rc == 0 and f.read() == "tests/models/bert/test_modeling_bert.py")
    os.remove(os.path.join(out, "test_list.txt"))
    rc, stdout, _ = kensa(k, "-C", repo, "--output-dir", out, "--filter-tests", preset=None)
    check("--filter-tests without a list", rc == 0 and stdout == "No test file found.\n", stdout)

    core = now.build(work, "core", dict(commits=[(
        {"src/transformers/modeling_utils.py": "class PreTrainedModel:\n    x = 1\n"}, "Core")]))
    rc, stdout, _ = kensa(k, "-C", core, "--diff-with-last-commit", "--explain",
                          "tests/models/bert/test_modeling_bert.py", preset=None)
    check("--explain a core file", rc == 0 and stdout.startswith(
        "tests/models/bert/test_modeling_bert.py is selected: every test runs: a file of "
        "CORE_FILES changed."), stdout)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--kensa", required=True)
    args = parser.parse_args()
    k = os.path.abspath(args.kensa)
    work = tempfile.mkdtemp(prefix="kensa_tests_cli_")
    try:
        repo = rules.build(work, "repo", dict(commits=[(
            {"src/transformers/models/llama/modeling_llama.py":
             rules.modeling_file("llama", "\nA = 1\n")}, "Llama")]))
        out = os.path.join(work, "out")

        # Bad input: exit 2 and a message naming the problem.
        rc, _, err = kensa(k, "-C", repo, "--base", "no-such-branch")
        check("unknown revision", rc == 2 and "unknown revision 'no-such-branch'" in err, err)
        rc, _, err = kensa(k, "-C", work)
        check("not a repository", rc == 2 and "not a git repository" in err, err)
        rc, _, err = kensa(k, "-C", repo, "--preset", "nope", preset=None)
        check("unknown preset", rc == 2 and "unknown preset" in err, err)
        rc, _, err = kensa(k, "-C", repo, "--worktree", "--head", "HEAD")
        check("--worktree with --head", rc == 2, err)

        # A clean run: the reference's text and files, in --output-dir.
        rc, stdout, err = kensa(k, "-C", repo, "--diff-with-last-commit", "--output-dir", out)
        check("clean run", rc == 0 and "### TEST TO RUN ###\n- tests/models/llama/" in stdout,
              err)
        with open(os.path.join(out, "test_list.txt")) as f:
            check("test list", f.read() == "tests/models/llama/test_modeling_llama.py")

        # Stale outputs of an earlier run are removed when this run does not write them.
        with open(os.path.join(out, "doctest_list.txt"), "w") as f:
            f.write("stale")
        kensa(k, "-C", repo, "--diff-with-last-commit", "--output-dir", out)
        check("stale output removed", not os.path.exists(os.path.join(out, "doctest_list.txt")))

        # --output_file / --json_output_file, relative to --output-dir.
        rc, _, _ = kensa(k, "-C", repo, "--diff_with_last_commit", "--output-dir", out,
                         "--output_file", "sub/list.txt", "--json_output_file", "map.json")
        check("renamed outputs", rc == 0 and os.path.exists(os.path.join(out, "sub", "list.txt"))
              and os.path.exists(os.path.join(out, "map.json")))

        # --json: each test with the changed file and the import chain.
        rc, stdout, _ = kensa(k, "-C", repo, "--diff-with-last-commit", "--output-dir", out,
                              "--json")
        report = json.loads(stdout)
        test = report["tests"][0]
        check("--json", rc == 0 and report["modified_files"] ==
              ["src/transformers/models/llama/modeling_llama.py"] and
              test["test"] == "tests/models/llama/test_modeling_llama.py" and
              test["changed_file"] == "src/transformers/models/llama/modeling_llama.py" and
              test["chain"] == ["tests/models/llama/test_modeling_llama.py",
                                "src/transformers/models/llama/modeling_llama.py"], stdout)

        # --explain, from a subfolder, for a selected and an unselected test.
        rc, stdout, _ = kensa(k, "--diff-with-last-commit", "--explain",
                              "../tests/models/llama/test_modeling_llama.py",
                              cwd=os.path.join(repo, "src"))
        check("--explain selected", rc == 0 and "is selected" in stdout and
              "imports src/transformers/models/llama/modeling_llama.py" in stdout, stdout)
        rc, stdout, _ = kensa(k, "-C", repo, "--diff-with-last-commit", "--explain",
                              "tests/models/bert/test_modeling_bert.py")
        check("--explain not selected", rc == 0 and "is not selected" in stdout, stdout)

        # Uncommitted changes: refused in the commit modes, used with --worktree.
        path = os.path.join(repo, "src/transformers/models/phi/modeling_phi.py")
        with open(path, "a") as f:
            f.write("B = 2\n")
        rc, _, err = kensa(k, "-C", repo, "--diff-with-last-commit", "--output-dir", out)
        check("dirty tree refused", rc == 2 and "uncommitted changes" in err and
              "--worktree" in err, err)
        rc, stdout, err = kensa(k, "-C", repo, "--worktree", "--output-dir", out)
        check("--worktree", rc == 0 and "- src/transformers/models/phi/modeling_phi.py" in stdout
              and "- tests/models/phi/test_modeling_phi.py" in stdout, stdout + err)
        rc, stdout, _ = kensa(k, "-C", repo, "--diff-with-last-commit", "--allow-dirty",
                              "--output-dir", out)
        check("--allow-dirty reads the commit", rc == 0 and "modeling_phi" not in stdout)
        subprocess.run(["git", "-C", repo, "checkout", "-q", "--", "."], check=True)

        # --code-changes tokens: a '#' inside a string is code (the reference cuts the line).
        with open(path, "a") as f:
            f.write("URL = 'http://example.com/#a'\n")
        fixture_repo.git(repo, "commit", "-q", "-am", "url")
        with open(path, "a") as f:
            f.write("URL = 'http://example.com/#b'\n")
        fixture_repo.git(repo, "commit", "-q", "-am", "url 2")
        rc, stdout, _ = kensa(k, "-C", repo, "--diff-with-last-commit", "--output-dir", out)
        check("reference rule ignores it", "Ignoring diff in src/transformers/models/phi/"
              "modeling_phi.py" in stdout, stdout)
        rc, stdout, _ = kensa(k, "-C", repo, "--diff-with-last-commit", "--output-dir", out,
                              "--code-changes", "tokens")
        check("token rule sees it", "- tests/models/phi/test_modeling_phi.py" in stdout, stdout)

        current_rules(k, work)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print("%d failure(s)" % len(FAILURES))
    return 1 if FAILURES else 0


if __name__ == "__main__":
    sys.exit(main())
