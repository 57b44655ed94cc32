"""What the tests of kensa's repository checks share: running a check's public corpus cases
(../shared/corpus/diffusers-consistency, chosen by meta.json's "kensa") and running the real
script and kensa side by side on copies of one mutated tree, then comparing stdout, exit status
and every file under src/, byte for byte. The expectations always come from the script."""
import filecmp
import json
import os
import re
import shutil
import subprocess


def git(repo, *args):
    return subprocess.run(["git", "-C", repo, *args], check=True, capture_output=True,
                          text=True).stdout


def kensa(k, repo, command, *args):
    return subprocess.run([k, "-C", repo, command, *args], capture_output=True, text=True,
                          timeout=120)


def script(repo, path, *args):
    """The reference as diffusers' Makefile runs it: repo root, PYTHONPATH=src."""
    return subprocess.run(["/usr/bin/python3", path, *args], cwd=repo, capture_output=True,
                          text=True, timeout=120,
                          env=dict(os.environ, PYTHONPATH="src", PYTHONDONTWRITEBYTECODE="1"))


def last_exception(stderr):
    """("ValueError", "message") of a traceback's last line, or None."""
    lines = [l for l in stderr.strip().splitlines() if l]
    if not lines or "Traceback" not in stderr:
        return None
    m = re.match(r"^(\w+): (.*)$", lines[-1])
    return (m.group(1), m.group(2)) if m else (lines[-1], "")


def script_exception(stderr):
    """(type, message) of the traceback's exception, the message possibly over several lines."""
    lines = stderr.split("\n")
    for i in range(len(lines) - 1, -1, -1):
        m = re.match(r"^([A-Za-z_]\w*(?:Error|Exception)): (.*)$", lines[i])
        if m:
            return m.group(1), "\n".join([m.group(2)] + lines[i + 1:]).rstrip("\n")
    return None


def kensa_exception(command, script, stderr):
    """What kensa prints as the script's exception, as (type, message): the ValueError's message
    alone, anything else as "kensa CMD: FILE: SCRIPT would stop here with TYPE: MESSAGE"."""
    text = stderr.rstrip("\n")
    if not text:
        return None
    m = re.match(r"^kensa %s: (?:.*?: )?%s would stop here with (\w+): (.*)$"
                 % (re.escape(command), re.escape(script)), text, re.S)
    return [m.group(1), m.group(2)] if m else ["ValueError", text]


def edit(path, old, new, count=1):
    with open(path, encoding="utf-8", newline="\n") as f:
        text = f.read()
    assert old in text, (path, old)
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.write(text.replace(old, new, count))


class Failures:
    def __init__(self):
        self.count = 0
        self.checked = 0

    def expect(self, ok, name, detail=""):
        self.checked += 1
        if ok:
            print("ok   " + name)
        else:
            self.count += 1
            print("FAIL " + name + ("\n" + detail if detail else ""))


def differing_files(a, b, sub="src"):
    """Files under `sub` whose bytes differ between two trees (or exist in one only)."""
    if not os.path.isdir(os.path.join(a, sub)) and not os.path.isdir(os.path.join(b, sub)):
        return []
    out = []

    def walk(cmp, prefix):
        out.extend(prefix + n for n in cmp.left_only + cmp.right_only + cmp.funny_files)
        _, mismatch, errors = filecmp.cmpfiles(cmp.left, cmp.right, cmp.common_files,
                                               shallow=False)
        out.extend(prefix + n for n in mismatch + errors)
        for name, child in cmp.subdirs.items():
            walk(child, prefix + name + "/")

    walk(filecmp.dircmp(os.path.join(a, sub), os.path.join(b, sub), ignore=["__pycache__"]),
         sub + "/")
    return sorted(out)


def corpus_cases(k, repo, cases_dir, command, out):
    """Each corpus case of `command`: check status and message, fix output, status and diff."""
    for name in sorted(os.listdir(cases_dir)):
        meta_path = os.path.join(cases_dir, name, "meta.json")
        if not os.path.isfile(meta_path):
            continue
        with open(meta_path) as f:
            meta = json.load(f)
        if meta.get("kensa") != command:
            continue
        case = os.path.join(cases_dir, name)

        def read(file):
            with open(os.path.join(case, file)) as f:
                return f.read()

        git(repo, "checkout", "-q", "-f", meta["head"])
        git(repo, "clean", "-qfdx")
        git(repo, "apply", os.path.join(case, "mutation.patch"))
        git(repo, "-c", "user.name=t", "-c", "user.email=t@t", "commit", "-qam", "mutation")
        r = kensa(k, repo, command)
        want = last_exception(read("check.out"))
        check_rc = int(read("check.rc"))
        out.expect(r.returncode == check_rc and (want is None or want[1] in r.stderr),
                   "%s: check" % name, "rc %d (want %d)\n%s" % (r.returncode, check_rc, r.stderr))
        r = kensa(k, repo, command, "--fix")
        fix_rc, fix_out = int(read("fix.rc")), read("fix.out")
        out.expect(r.returncode == fix_rc and r.stdout == fix_out, "%s: fix output" % name,
                   "rc %d (want %d)\nstdout %r\nwant   %r" % (r.returncode, fix_rc, r.stdout,
                                                          fix_out))

        # The blob ids in "index" lines are abbreviated to another length; the rest is the fix.
        def body(patch):
            return [l for l in patch.splitlines() if not l.startswith("index ")]

        got = git(repo, "diff")
        out.expect(body(got) == body(read("fixed.patch")), "%s: fixed files" % name, got[:3000])
        r = kensa(k, repo, command)
        out.expect(r.returncode == meta.get("check_after_fix_rc", 0), "%s: check after fix" % name,
                   r.stderr)


def side_by_side(k, repo, work, command, path, check_args, fix_args, mutate, out):
    """The script and kensa on two copies of `repo` mutated by `mutate`: check, then fix."""
    base = os.path.join(work, "base")
    shutil.rmtree(base, ignore_errors=True)
    shutil.copytree(repo, base, ignore=shutil.ignore_patterns(".git"))
    mutate(base)
    ref, mine = os.path.join(work, "ref"), os.path.join(work, "mine")
    for d in (ref, mine):
        shutil.rmtree(d, ignore_errors=True)
        shutil.copytree(base, d)
    name = mutate.__name__
    s, r = script(ref, path, *check_args), kensa(k, mine, command)
    exc = last_exception(s.stderr)
    ok = (r.returncode == (1 if s.returncode else 0) and r.stdout == s.stdout
          and (exc is None or exc[1] in r.stderr))
    out.expect(ok, "%s: check as the script" % name,
               "script rc %d: %s\nkensa rc %d: %s" % (s.returncode, s.stderr[-500:],
                                                     r.returncode, r.stderr))
    s, r = script(ref, path, *fix_args), kensa(k, mine, command, "--fix")
    differ = differing_files(ref, mine, "src") + differing_files(ref, mine, "docs")
    ok = r.returncode == (1 if s.returncode else 0) and r.stdout == s.stdout and not differ
    out.expect(ok, "%s: fix as the script" % name,
               "script rc %d stdout %r\nkensa rc %d stdout %r stderr %r\nfiles differ: %s"
               % (s.returncode, s.stdout, r.returncode, r.stdout, r.stderr, differ))
    leftovers = [os.path.join(d, n) for d, _, files in os.walk(os.path.join(mine, "src"))
                 for n in files if ".kensa-" in n]
    out.expect(not leftovers, "%s: no temporary files left" % name, str(leftovers))
    return ref, mine


def clone_corpus(corpus, work):
    """The corpus's shallow diffusers repository cloned into `work`, or None when absent."""
    tar = os.path.join(corpus, "diffusers-shallow.git.tar")
    if not os.path.exists(tar):
        return None
    subprocess.run(["tar", "-xf", tar, "-C", work], check=True)
    repo = os.path.join(work, "diffusers")
    subprocess.run(["git", "clone", "-q", os.path.join(work, "diffusers.git"), repo], check=True)
    return repo


def copy_tree(repo, work, name, mutate):
    """A fresh copy of `repo` (without .git) at work/name, mutated."""
    path = os.path.join(work, name)
    shutil.rmtree(path, ignore_errors=True)
    shutil.copytree(repo, path, ignore=shutil.ignore_patterns(".git"))
    mutate(path)
    return path


def run_suite(command, script_path, live, prefix, skip_reason=None):
    """A check's whole test: argv (--kensa, --corpus), the corpus clone, its public cases, then
    `live(k, repo, work, out)` on a clean checkout of the corpus head. Returns the exit status
    (77 when `skip_reason()` gives a reason or the corpus is absent)."""
    import argparse
    import tempfile

    p = argparse.ArgumentParser()
    p.add_argument("--kensa", required=True)
    p.add_argument("--corpus", required=True, help="the ../shared/corpus folder")
    a = p.parse_args()
    reason = skip_reason() if skip_reason else None
    if reason:
        print("%s; skipping" % reason)
        return 77
    k = os.path.abspath(a.kensa)
    cases = os.path.join(a.corpus, "diffusers-consistency")
    work = tempfile.mkdtemp(prefix=prefix)
    try:
        repo = clone_corpus(a.corpus, work) if os.path.isdir(cases) else None
        if repo is None:
            print("no corpus at %s; skipping" % a.corpus)
            return 77
        head = git(repo, "rev-parse", "HEAD").strip()
        out = Failures()
        corpus_cases(k, repo, cases, command, out)
        git(repo, "checkout", "-q", "-f", head)
        git(repo, "clean", "-qfdx")
        live(k, repo, work, out)
        print("%d/%d checks as %s" % (out.checked - out.count, out.checked, script_path))
        return 1 if out.count or not out.checked else 0
    finally:
        shutil.rmtree(work, ignore_errors=True)


def write_repo(root, files):
    """A fresh git repository at `root` (a Path) holding `files` ({path: str or bytes}, text
    written as UTF-8), committed once."""
    if root.exists():
        shutil.rmtree(root)
    for path, text in files.items():
        p = root / path
        p.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(text, bytes):
            p.write_bytes(text)
        else:
            p.write_bytes(text.encode("utf-8"))
    git = ["git", "-c", "user.email=kensa@example.com", "-c", "user.name=kensa"]
    subprocess.run(git + ["init", "-q"], cwd=root, check=True)
    subprocess.run(git + ["add", "-A"], cwd=root, check=True)
    subprocess.run(git + ["commit", "-qm", "fixture"], cwd=root, check=True)


def recorded_main(doc, expected_path, work_name, scenarios, run_case, subcases=(None,),
                  prepare=None, compare=None, extra=None, what="runs"):
    """The main of a test whose expectations were recorded from a real script that is not on
    this machine (transformers' scripts): `--record --reference PATH` runs it on each case and
    writes `expected_path`; `--kensa BUILD/kensa` runs kensa and compares. Each scenario
    ({name: files}) is written as a fresh repository under --work, then each of `subcases`
    (None: one case per scenario) is run by `run_case(context, root, subcase, program,
    recording)` -> {key: value}, where context is `prepare(work)` (or None) and program the
    reference (recording) or kensa. `compare(got, want)` lists the keys that differ (default:
    every key of want); `extra(kensa, work)` may add checks of kensa's own and returns their
    failures. Returns the exit code."""
    import argparse
    import sys
    from pathlib import Path

    ap = argparse.ArgumentParser(description=doc, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--kensa")
    ap.add_argument("--record", action="store_true")
    ap.add_argument("--reference", help="the real script (or the directory holding them)")
    ap.add_argument("--work", default=None)
    ap.add_argument("--only", default=None, help="only the scenarios whose name contains this")
    args = ap.parse_args()
    if args.record != bool(args.reference) or (not args.record and not args.kensa):
        ap.error("give --kensa, or --record with --reference")
    base = Path(args.kensa).resolve().parent if args.kensa else Path("/tmp")
    work = Path(args.work or base / work_name).resolve()
    work.mkdir(parents=True, exist_ok=True)
    context = prepare(work) if prepare else None
    program = str(Path(args.reference if args.record else args.kensa).resolve())
    expected = {} if args.record else json.loads(Path(expected_path).read_text())
    compare = compare or (lambda got, want: [k for k in want if got.get(k) != want[k]])
    failures = total = 0
    for name, files in scenarios.items():
        if args.only and args.only not in name:
            continue
        root = work / name
        write_repo(root, files)
        for sub in subcases:
            key = name if sub is None else f"{name}/{sub}"
            got = run_case(context, root, sub, program, args.record)
            if args.record:
                expected[key] = got
                continue
            want = expected[key]
            bad = compare(got, want)
            total += 1
            print(f"{'FAIL' if bad else 'ok  '} {key}", flush=True)
            for k in bad:
                print(f"  {k}:\n    kensa:     {got.get(k)!r}\n    reference: {want.get(k)!r}",
                      flush=True)
            failures += bool(bad)
        if args.record:
            print(f"recorded {name}", flush=True)
    if args.record:
        Path(expected_path).parent.mkdir(parents=True, exist_ok=True)
        Path(expected_path).write_text(
            json.dumps(expected, indent=1, ensure_ascii=False, sort_keys=True) + "\n")
        return 0
    print(f"{total - failures}/{total} {what} match the reference", flush=True)
    if extra:
        failures += extra(program, work)
    return 1 if failures else 0
