#!/usr/bin/python3
"""A real fix killed with SIGKILL at random moments: no file is ever half written, and the next
kensa run leaves no temporary file behind (issue 18; base/atomic_file).

On a clone of the corpus' diffusers, `retrieve_timesteps` of pipeline_stable_diffusion.py gets
one more line, so `kensa copies --fix` rewrites its 138 copies. One uninterrupted fix gives the
expected text of every file it changes, and when it starts writing temporaries. Then, for each
of KILLS moments (seeded random: half between 0.02 s and the uninterrupted run's duration, half
shortly after the killed run's first temporary appears), the mutated tree is restored, the fix
started and killed with SIGKILL at that moment, and:
  1. every file differs from the mutated tree only by being entirely the fixed text;
  2. after one `kensa copies` (a check, no fix) no kensa temporary is left anywhere in the tree;
  3. a `kensa copies --fix` then completes the fix: each file is what the uninterrupted fix
     wrote, or what a second fix writes (a copy of a copy the first one fixed).
Kills that land while temporaries exist must happen at least once, or the test proves nothing.

Usage: kill_fix_test.py --kensa BUILD/kensa --work DIR [--kills N] [--seed S]
"""
import argparse
import os
import random
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
import copies_corpus  # noqa: E402  (the diffusers clone and the ruff-wasm formatter)

TARGET = "src/diffusers/pipelines/stable_diffusion/pipeline_stable_diffusion.py"
ANCHOR = "    if timesteps is not None and sigmas is not None:\n"
ADDED = "    # kensa kill test: one more line in every copy\n"
COPY_MARK = ("# Copied from diffusers.pipelines.stable_diffusion.pipeline_stable_diffusion."
             "retrieve_timesteps")
TEMPORARY = re.compile(r"^\..+\.kensa-(\d+-)?[A-Za-z0-9]{6}$")


def git(tree, *args):
    return subprocess.run(["git", *args], cwd=tree, check=True, stdout=subprocess.PIPE,
                          stderr=subprocess.PIPE).stdout.decode()


def git_show(tree, path):
    return subprocess.run(["git", "show", "HEAD:" + path], cwd=tree, check=True,
                          stdout=subprocess.PIPE).stdout


def temporaries(tree: Path):
    found = []
    for dirpath, dirnames, filenames in os.walk(tree):
        if ".git" in dirnames:
            dirnames.remove(".git")
        found += [os.path.join(dirpath, f) for f in filenames if TEMPORARY.match(f)]
    return found


def changed_files(tree: Path):
    """Paths (relative) that differ from the mutated commit, untracked ones included."""
    out = git(tree, "status", "--porcelain", "-z", "--untracked-files=all")
    return sorted(entry[3:] for entry in out.split("\0") if entry)


def restore(tree: Path):
    git(tree, "checkout", "-q", "-f", "--", ".")
    git(tree, "clean", "-q", "-f", "-d", "-x")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--kensa", required=True)
    ap.add_argument("--work", required=True)
    ap.add_argument("--kills", type=int, default=15)
    ap.add_argument("--seed", type=int, default=18)
    args = ap.parse_args()
    kensa = os.path.abspath(args.kensa)
    work = Path(args.work).resolve()
    work.mkdir(parents=True, exist_ok=True)
    shared = copies_corpus.shared_dir()
    if not (shared / "corpus" / "diffusers-shallow.git.tar").exists():
        print("SKIP: ../shared/corpus/diffusers-shallow.git.tar is not here")
        return copies_corpus.SKIP
    ruff = copies_corpus.ensure_ruff(work, shared)
    tree = copies_corpus.ensure_clone(work, shared)
    copies_corpus.reset(tree)
    env = copies_corpus.env_with(ruff)
    env["KENSA_CACHE_DIR"] = str(work / "cache")

    source = (tree / TARGET).read_text(encoding="utf-8")
    assert source.count(ANCHOR) == 1, "retrieve_timesteps changed shape; pick another anchor"
    (tree / TARGET).write_text(source.replace(ANCHOR, ADDED + ANCHOR), encoding="utf-8")
    git(tree, "-c", "user.name=kensa", "-c", "user.email=kensa@test", "commit", "-q", "-a",
        "-m", "mutation")

    # The uninterrupted fix, watching the folders of the copies for its first temporary: the
    # kills are spread over the whole run and over its writing part, so that some land while
    # temporaries exist however fast or slow (ASan) the machine is.
    folders = sorted({os.path.dirname(os.path.join(d, f))
                      for d, _, files in os.walk(tree / "src") for f in files
                      if f.endswith(".py") and COPY_MARK in (Path(d) / f).read_text("utf-8")})
    start = time.monotonic()
    proc = subprocess.Popen([kensa, "copies", "--fix"], cwd=tree, env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    first_temporary = None
    while proc.poll() is None:
        if first_temporary is None and any(TEMPORARY.match(n) for d in folders
                                           for n in os.listdir(d)):
            first_temporary = time.monotonic() - start
        time.sleep(0.005)
    duration = time.monotonic() - start
    stderr = proc.stderr.read().decode()
    changed = changed_files(tree)
    if proc.returncode not in (0, 1) or len(changed) < 100:
        sys.exit(f"the uninterrupted fix did not rewrite the copies (exit {proc.returncode}, "
                 f"{len(changed)} files):\n{stderr}")
    if first_temporary is None:
        first_temporary = 0.8 * duration
    fixed = {path: (tree / path).read_bytes() for path in changed}
    # A second fix goes further where a copy's original is itself a copy the first one fixed
    # (the reference script works the same way); after a kill either result is right.
    subprocess.run([kensa, "copies", "--fix"], cwd=tree, env=env, stdout=subprocess.DEVNULL,
                   stderr=subprocess.DEVNULL)
    changed_again = changed_files(tree)
    settled = {}
    for path in changed_again:
        first = fixed[path] if path in fixed else git_show(tree, path)
        settled[path] = {first, (tree / path).read_bytes()}
    print(f"uninterrupted fix: {len(changed)} files in {duration:.2f} s, "
          f"writing from {first_temporary:.2f} s")

    rng = random.Random(args.seed)
    # Half the kills at a moment of the run, half a moment after the killed run's own first
    # temporary appears (timings vary from run to run; this lands in the writing part always).
    half = args.kills // 2
    window = max(0.01, 0.6 * (duration - first_temporary))  # later runs may write faster
    plans = sorted([("run", rng.uniform(0.02, max(0.05, duration))) for _ in range(args.kills - half)]
                   + [("writing", rng.uniform(0, window)) for _ in range(half)])
    failures, kills_with_temporaries = [], 0
    for when, delay in plans:
        restore(tree)
        started = time.monotonic()
        proc = subprocess.Popen([kensa, "copies", "--fix"], cwd=tree, env=env,
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        if when == "writing":
            while proc.poll() is None and not any(TEMPORARY.match(n) for d in folders
                                                  for n in os.listdir(d)):
                time.sleep(0.002)
        time.sleep(delay)
        moment = time.monotonic() - started
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        left = temporaries(tree)
        kills_with_temporaries += bool(left)
        torn = [path for path in changed_files(tree)
                if not TEMPORARY.match(os.path.basename(path))
                and (tree / path).read_bytes() != fixed.get(path)]
        rewritten = sum(1 for path in changed if (tree / path).read_bytes() == fixed[path])
        print(f"killed at {moment:.3f} s: {rewritten} files fixed, {len(left)} temporaries, "
              f"{len(torn)} torn")
        if torn:
            failures.append(f"killed at {moment:.3f} s: neither old nor new: {torn[:5]}")
        subprocess.run([kensa, "copies"], cwd=tree, env=env, stdout=subprocess.DEVNULL,
                       stderr=subprocess.DEVNULL)
        if still := temporaries(tree):
            failures.append(f"killed at {moment:.3f} s: the next run left {len(still)} "
                            f"temporaries, e.g. {still[0]}")
        subprocess.run([kensa, "copies", "--fix"], cwd=tree, env=env, stdout=subprocess.DEVNULL,
                       stderr=subprocess.DEVNULL)
        now = changed_files(tree)
        wrong = sorted((set(changed) - set(now)) | (set(now) - set(settled))) + [
            path for path in settled if (tree / path).read_bytes() not in settled[path]]
        if wrong:
            failures.append(f"killed at {moment:.3f} s: the fix run after it did not complete "
                            f"it: {wrong[:5]}")
    if kills_with_temporaries == 0:
        failures.append("no kill landed while temporaries existed; the test proved nothing "
                        "(raise --kills)")
    print(f"{len(plans)} kills, {kills_with_temporaries} left temporaries for the next run")
    for f in failures:
        print("FAIL:", f)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
