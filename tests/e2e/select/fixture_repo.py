"""Small git repositories for the tests_fetcher fixture tests (transformers_rules.py,
transformers_current_rules.py): a base commit on the main branch, then the scenario's commits,
with fixed dates and names so that every commit sha, and so every expected stdout, is the same on
every run."""

import os
import shutil
import subprocess
import tempfile

GIT_ENV = dict(os.environ, GIT_AUTHOR_DATE="2023-06-01T12:00:00+00:00",
               GIT_COMMITTER_DATE="2023-06-01T12:00:00+00:00", GIT_AUTHOR_NAME="rules",
               GIT_AUTHOR_EMAIL="rules@example.com", GIT_COMMITTER_NAME="rules",
               GIT_COMMITTER_EMAIL="rules@example.com")


def git(repo, *args):
    subprocess.run(["git", "-C", repo, "-c", "commit.gpgsign=false"] + list(args), check=True,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=GIT_ENV)


def write(repo, files):
    """path -> content (None deletes it); a "\\xe9" makes the file latin-1."""
    for path, content in files.items():
        full = os.path.join(repo, path)
        if content is None:
            os.remove(full)
            continue
        os.makedirs(os.path.dirname(full), exist_ok=True)
        data = content.encode("latin-1") if "\xe9" in content else content.encode()
        with open(full, "wb") as f:
            f.write(data)


def build(work, name, scenario, base):
    """The repository of one scenario: `base` committed on `main` (or scenario["main"]), then
    scenario["commits"] ([(files, message)]), on a feature branch when scenario["branch"];
    HEAD is then detached, as on CI after a merge, unless on a branch or scenario["on_main"]."""
    repo = os.path.join(work, name)
    os.makedirs(repo)
    git(repo, "init", "-q", "-b", scenario.get("main", "main"))
    write(repo, base)
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "Base")
    if scenario.get("branch"):
        git(repo, "checkout", "-q", "-b", "feature")
    for files, message in scenario["commits"]:
        write(repo, files)
        git(repo, "add", "-A")
        git(repo, "commit", "-q", "-m", message)
    if not scenario.get("branch") and not scenario.get("on_main"):
        git(repo, "checkout", "-q", "--detach", "HEAD")
    return repo


def substitute(data, repo):
    """The checkout's absolute path as `<repo>/`."""
    return data.replace((os.path.realpath(repo) + "/").encode(), b"<repo>/")


def write_expected(directory, rc, stdout, files):
    """What the reference did in one scenario: stdout.txt, exit_code and its output files."""
    shutil.rmtree(directory, ignore_errors=True)
    os.makedirs(directory)
    with open(os.path.join(directory, "stdout.txt"), "wb") as f:
        f.write(stdout)
    with open(os.path.join(directory, "exit_code"), "w") as f:
        f.write("%d\n" % rc)
    for name, content in files.items():
        path = os.path.join(directory, name)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "wb") as f:
            f.write(content)


def read_expected(directory, collect):
    with open(os.path.join(directory, "stdout.txt"), "rb") as f:
        stdout = f.read()
    with open(os.path.join(directory, "exit_code")) as f:
        rc = int(f.read())
    return rc, stdout, collect(directory)


def run_scenarios(args, scenarios, build, expected_root, collect, run_reference, run_kensa,
                  normalize=lambda scenario, stdout: stdout):
    """--regenerate: records what run_reference does in each scenario; otherwise compares
    run_kensa with the records. Both return (exit status, stdout, {file: content}, stderr).
    `normalize` makes a scenario's stdout comparable (for what the reference prints in an
    order the file system decides). Returns the exit status of the test."""
    work = tempfile.mkdtemp(prefix="kensa_fixture_")
    names = [args.only] if getattr(args, "only", None) else list(scenarios)
    failures = 0
    try:
        for name in names:
            scenario = scenarios[name]
            repo = build(work, name, scenario)
            mode = scenario.get("args", ["--diff_with_last_commit"])
            expected_dir = os.path.join(expected_root, name)
            if args.regenerate:
                rc, stdout, files, stderr = run_reference(args.reference, repo, mode)
                write_expected(expected_dir, rc, stdout, files)
                last = stderr.decode(errors="replace").strip().split("\n")[-1]
                print("wrote %s (exit %d)%s" % (name, rc, ": " + last if rc else ""))
                continue
            want_rc, want_stdout, want_files = read_expected(expected_dir, collect)
            rc, stdout, files, stderr = run_kensa(args.kensa, repo, os.path.join(work, "out"),
                                                  mode)
            problems = []
            if rc != want_rc:
                problems.append("exit %d, expected %d (%s)" % (rc, want_rc,
                                                               stderr.decode().strip()))
            if normalize(scenario, stdout) != normalize(scenario, want_stdout):
                problems.append("stdout differs")
            for k in sorted(set(files) | set(want_files)):
                if files.get(k) != want_files.get(k):
                    problems.append("%s differs" % k)
            if problems:
                failures += 1
                print("FAIL %s: %s" % (name, "; ".join(problems)))
            else:
                print("ok   %s" % name)
        if not args.regenerate:
            print("%d/%d scenarios match" % (len(names) - failures, len(names)))
        return 1 if failures else 0
    finally:
        shutil.rmtree(work, ignore_errors=True)
