#!/usr/bin/env python3
"""The copies check's formatted-snippet cache (src/cli/cached_formatter.h) on the corpus's
diffusers HEAD with ruff's wasm build: a warm run starts no formatter and prints what a cold
one prints; a copy edited so it no longer matches is reported as without the cache; a changed
pyproject.toml, a corrupt cache file, --no-formatter-cache and KENSA_NO_FORMATTER_CACHE=1 each
start the formatter again and still give the same answer.

Exit 77 when the corpus or node/npm is not there.
Usage: formatter_cache_test.py --kensa BUILD/kensa --corpus DIR --work DIR
"""
import argparse
import glob
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
sys.path.insert(0, os.path.dirname(HERE))
from parity import Failures, clone_corpus, edit  # noqa: E402

# A copy with a `with` replacement (DDPM->DDIM), so its check needs the formatter; the edit
# makes it differ from its original.
COPY_FILE = "src/diffusers/schedulers/scheduling_ddim_inverse.py"
EDIT_OLD = "    prev_sample: torch.Tensor\n    pred_original_sample"
EDIT_NEW = "    prev_sample: torch.Tensor | None\n    pred_original_sample"


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--kensa", required=True)
    p.add_argument("--corpus", required=True)
    p.add_argument("--work", required=True)
    a = p.parse_args()
    if not os.path.exists(os.path.join(a.corpus, "diffusers-shallow.git.tar")):
        print("no corpus; skipping")
        return 77
    if shutil.which("npm") is None or shutil.which("node") is None:
        print("no node/npm for ruff-wasm; skipping")
        return 77
    import copies_corpus
    os.makedirs(a.work, exist_ok=True)
    ruff_dir = copies_corpus.ensure_ruff(Path(a.work), Path(a.corpus).resolve().parent)
    k = os.path.abspath(a.kensa)
    tmp = tempfile.mkdtemp(prefix="kensa-fmtcache-")
    out = Failures()
    try:
        repo = clone_corpus(a.corpus, tmp)
        cache = os.path.join(tmp, "cache")
        env = dict(os.environ, PATH=str(ruff_dir) + os.pathsep + os.environ["PATH"],
                   KENSA_CACHE_DIR=cache)
        env.pop("KENSA_NO_FORMATTER_CACHE", None)

        def copies(*args, extra=None):
            r = subprocess.run([k, "copies", "--stats", *args], cwd=repo, capture_output=True,
                               text=True, timeout=600, env=dict(env, **(extra or {})))
            m = re.search(r"\((\d+) from the cache\) in (\d+) formatter run", r.stderr)
            hits, runs = (int(m.group(1)), int(m.group(2))) if m else (-1, -1)
            return r, hits, runs

        cold, hits, runs = copies()
        out.expect(cold.returncode == 0 and runs == 1 and hits == 0,
                   "cold: one formatter run, nothing from the cache", cold.stderr[-500:])
        files = glob.glob(os.path.join(cache, "formatted-snippets", "*.json"))
        out.expect(len(files) == 1, "cold: one cache file written", str(files))

        warm, hits, runs = copies()
        out.expect(warm.returncode == 0 and runs == 0 and hits > 0 and warm.stdout == cold.stdout,
                   "warm: no formatter run, every snippet from the cache", warm.stderr[-500:])

        path = os.path.join(repo, COPY_FILE)
        original = open(path, encoding="utf-8").read()
        edit(path, EDIT_OLD, EDIT_NEW)
        fresh, _, fresh_runs = copies("--no-formatter-cache")
        cached, hits, runs = copies()
        out.expect(fresh.returncode == 1 and fresh_runs == 1, "an edited copy fails",
                   fresh.stdout[-500:] + fresh.stderr[-500:])
        out.expect(cached.returncode == fresh.returncode and cached.stdout == fresh.stdout
                   and cached.stderr.split("copies: ")[0] == fresh.stderr.split("copies: ")[0],
                   "the cache gives the edited copy's answer as without it",
                   "cached %r\nfresh %r" % (cached.stdout[-500:], fresh.stdout[-500:]))
        with open(path, "w", encoding="utf-8", newline="") as f:
            f.write(original)

        _, _, runs = copies(extra={"KENSA_NO_FORMATTER_CACHE": "1"})
        out.expect(runs == 1, "KENSA_NO_FORMATTER_CACHE=1 starts the formatter", str(runs))

        with open(files[0] if files else os.path.join(cache, "x.json"), "w") as f:
            f.write("{not json")
        corrupt, _, runs = copies()
        out.expect(corrupt.returncode == 0 and runs == 1 and corrupt.stdout == cold.stdout,
                   "a corrupt cache file is an empty cache", corrupt.stderr[-500:])
        _, _, runs = copies()
        out.expect(runs == 0, "and is rewritten whole", str(runs))

        with open(os.path.join(repo, "pyproject.toml"), "a", encoding="utf-8") as f:
            f.write("\n# a change to the formatter's configuration\n")
        _, _, runs = copies()
        out.expect(runs == 1, "a changed pyproject.toml misses the cache", str(runs))

        print("%d/%d checks of the formatted-snippet cache" % (out.checked - out.count, out.checked))
        return 1 if out.count or not out.checked else 0
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
