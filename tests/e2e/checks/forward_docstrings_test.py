#!/usr/bin/env python3
"""`kensa forward-docstrings` against diffusers' utils/check_forward_call_docstrings.py.

Each mutation of the corpus' diffusers runs through the real script and kensa on two copies of
one tree, in check mode and with --fix: same stdout, stderr, exit status and fixed files, byte
for byte. One mutation per message (missing entries, stale entries with the --fix hint, no
Returns: section with and without a docstring), a file the script skips (a SyntaxError), a CRLF
file fixed (the script rewrites it with LF) and the fix's crash on a file that is not UTF-8.
Then kensa's own forms: --json and --format github name each finding at its `def` line, and
--strict --fix keeps a CRLF file's line ends and skips a file that is not UTF-8.

Exit 77 when the corpus is not there.
Usage: forward_docstrings_test.py --kensa BUILD/kensa --corpus DIR (the ../shared/corpus folder)
"""
import json
import os
import shutil
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from parity import differing_files, edit, kensa, run_suite, script  # noqa: E402

SCRIPT = "utils/check_forward_call_docstrings.py"
FLUX = "src/diffusers/models/transformers/transformer_flux.py"
SIG_END = "        controlnet_blocks_repeat: bool = False,\n    ) -> torch.Tensor | Transformer2DModelOutput:"
ARGS = "        Args:\n            hidden_states (`torch.Tensor` of shape `(batch_size, image_sequence_length, in_channels)`):"


def missing_entry(repo):
    edit(os.path.join(repo, FLUX), SIG_END, SIG_END.replace("False,\n", "False,\n        new_arg: int = 0,\n"))


def stale_entry(repo):
    edit(os.path.join(repo, FLUX), ARGS, ARGS.replace("Args:\n", "Args:\n            old_arg (`int`):\n                Gone.\n"))


def no_returns_section(repo):
    path = os.path.join(repo, FLUX)
    text = open(path, encoding="utf-8").read()
    start = text.index("    ) -> torch.Tensor | Transformer2DModelOutput:")
    ret = text.index("        Returns:", start)
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.write(text[:ret] + "        Result:" + text[ret + len("        Returns:"):])


def no_docstring(repo):
    path = os.path.join(repo, FLUX)
    text = open(path, encoding="utf-8").read()
    start = text.index(SIG_END) + len(SIG_END) + 1
    begin = text.index('"""', start)
    end = text.index('"""', begin + 3) + 4
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.write(text[:begin] + "pass\n" + text[end:])


def syntax_error_skipped(repo):
    stale_entry(repo)
    with open(os.path.join(repo, FLUX), "a", encoding="utf-8") as f:
        f.write("\ndef broken(:\n")


def crlf_fixed(repo):
    stale_entry(repo)
    path = os.path.join(repo, FLUX)
    data = open(path, "rb").read().replace(b"\n", b"\r\n")
    open(path, "wb").write(data)


def not_utf8(repo):
    stale_entry(repo)
    with open(os.path.join(repo, FLUX), "ab") as f:
        f.write(b"\n# caf\xe9\n")


MUTATIONS = [missing_entry, stale_entry, no_returns_section, no_docstring, syntax_error_skipped,
             crlf_fixed, not_utf8]


def live_cases(k, repo, work, out):
    for mutate in [lambda r: None] + MUTATIONS:
        name = getattr(mutate, "__name__", "head")
        base = os.path.join(work, "base")
        shutil.rmtree(base, ignore_errors=True)
        shutil.copytree(repo, base, ignore=shutil.ignore_patterns(".git"))
        mutate(base)
        for args in ([], ["--fix"]):
            ref, mine = os.path.join(work, "ref"), os.path.join(work, "mine")
            for d in (ref, mine):
                shutil.rmtree(d, ignore_errors=True)
                shutil.copytree(base, d)
            s = script(ref, SCRIPT, *args)
            r = kensa(k, mine, "forward-docstrings", *args)
            if "Traceback" in s.stderr:  # the script died: same exception, nothing on stdout
                last = s.stderr.strip().splitlines()[-1]
                ok = r.returncode == 1 and s.stdout == r.stdout and last.split(": ", 1)[1] in r.stderr
            else:
                ok = (r.returncode == s.returncode and r.stdout == s.stdout
                      and r.stderr == s.stderr)
            differ = differing_files(ref, mine, "src")
            out.expect(ok and not differ, "%s %s: as the script" % (name, " ".join(args)),
                       "script rc %d %r %r\nkensa rc %d %r %r\ndiffer %s" % (
                           s.returncode, s.stdout[-800:], s.stderr[-800:], r.returncode,
                           r.stdout[-800:], r.stderr[-800:], differ))

    own_forms(k, repo, work, out)


def fresh(repo, work, name, *mutations):
    tree = os.path.join(work, name)
    shutil.rmtree(tree, ignore_errors=True)
    shutil.copytree(repo, tree, ignore=shutil.ignore_patterns(".git"))
    for mutate in mutations:
        mutate(tree)
    return tree


def def_lines(path, method):
    with open(path, "rb") as f:
        lines = f.read().split(b"\n")
    return {i + 1 for i, line in enumerate(lines) if line.lstrip().startswith(b"def %s(" % method)}


def own_forms(k, repo, work, out):
    tree = fresh(repo, work, "forms", missing_entry, stale_entry)
    r = kensa(k, tree, "forward-docstrings", "--json")
    findings = json.loads(r.stdout)["findings"] if r.stdout.startswith("{") else []
    kinds = sorted(f["kind"] for f in findings)
    names = sorted(n for f in findings for n in f["names"])
    located = all(f["file"] == FLUX and f["line"] in def_lines(os.path.join(tree, FLUX), b"forward")
                  for f in findings)
    out.expect(r.returncode == 1 and kinds == ["missing", "stale"] and names == ["new_arg", "old_arg"]
               and located, "--json: one finding per kind, at the def line", r.stdout + r.stderr)
    text = kensa(k, tree, "forward-docstrings")
    gh = kensa(k, tree, "forward-docstrings", "--format", "github")
    annotations = [line for line in gh.stdout.splitlines() if line.startswith("::error file=")]
    expected = ["::error file=%s,line=%d::%s" % (f["file"], f["line"], f["message"]) for f in findings]
    out.expect(gh.returncode == 1 and annotations == expected and gh.stderr == text.stderr,
               "--format github: one annotation per finding", gh.stdout)

    tree = fresh(repo, work, "strict-crlf", crlf_fixed)
    r = kensa(k, tree, "forward-docstrings", "--strict", "--fix")
    data = open(os.path.join(tree, FLUX), "rb").read()
    out.expect(b"old_arg" not in data and data.count(b"\n") == data.count(b"\r\n"),
               "--strict --fix: the stale entry goes, CRLF stays", r.stdout + r.stderr)
    # Not UTF-8 (and no coding line): not Python, so skipped as the check skips it, not a crash.
    tree = fresh(repo, work, "strict-latin1", not_utf8)
    before = open(os.path.join(tree, FLUX), "rb").read()
    r = kensa(k, tree, "forward-docstrings", "--strict", "--fix")
    out.expect(r.returncode == 0 and open(os.path.join(tree, FLUX), "rb").read() == before,
               "--strict --fix: a file that is not UTF-8 is skipped, not rewritten",
               "rc %d %s %s" % (r.returncode, r.stdout[-500:], r.stderr[-500:]))


if __name__ == "__main__":
    sys.exit(run_suite("forward-docstrings", SCRIPT, live_cases, "kensa-fwddoc-"))
