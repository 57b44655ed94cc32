#!/usr/bin/python3
"""End-to-end test of `kensa copies` / `kensa copies --fix` against diffusers' utils/check_copies.py.

1. The public corpus (../shared/corpus/diffusers-copies/<case>/): for each case, apply
   mutation.patch to a clean checkout of diffusers at 58eb52c0803e, run `kensa copies` and compare
   the message (per file, as the corpus README says) and the exit status with check.out/check.rc,
   then run `kensa copies --fix` and compare the resulting `git diff` with fixed.patch and the
   status and messages with fix.out/fix.rc.
2. Our own mutations of the same checkout, compared live with the reference script run by
   /usr/bin/python3 in both modes (message per file, exit status, resulting tree). By default a
   fixed sample: two batches that each apply several mutations to one tree (one reference run
   checks them all, and how they interact) and two mutations that make the script raise. With
   --full or KENSA_E2E_FULL=1: every mutation on its own as well, every raising one, and
   --random seeded random ones (default 4).

The reference runs in-process (REFERENCE_DRIVER): utils/check_copies.py is imported and its
check_copies(False) then check_copies(True) called as its __main__ block would, with one change:
its run_ruff (`ruff format -` on a snippet) is memoized on disk, keyed by the snippet and
pyproject.toml, and a miss is answered by one persistent ruff-wasm process
(ruff_format_server.js) instead of a node start per snippet; the first answer of each run is
checked against the script's own `ruff format -` call. run_ruff is a pure function of snippet
and config, so this changes nothing but the speed.
ruff: this machine has only the wasm build from ../shared/tools/ruff-wasm, which the test
installs into its work directory (npm) when missing.

Usage: copies_corpus.py --kensa BUILD/kensa [--work DIR] [--only NAME] [--no-live] [--full]
"""

import argparse
import functools
import json
import os
import re
import shutil
import subprocess
import sys
import tarfile
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[2]
HEAD = "58eb52c0803ea9af3abec60841c2a093bdf1f951"
PYTHON = "/usr/bin/python3"
print = functools.partial(print, flush=True)  # progress shows up live in ctest logs
SKIP = 77  # ctest SKIP_RETURN_CODE: the environment cannot run this test

# Runs the reference in both modes in one interpreter (see the docstring). argv: the memo
# directory, the JSON file to write {"check": [rc, output], "fix": [rc, output]} to, and the
# command of the persistent formatter (ruff_format_server.js) that answers memo misses.
REFERENCE_DRIVER = r"""
import contextlib, hashlib, io, json, os, subprocess, sys, traceback
sys.path.insert(0, "utils")
import check_copies

memo_dir, result_path, server_command = sys.argv[1], sys.argv[2], sys.argv[3:]
real_run_ruff = check_copies.run_ruff
with open("pyproject.toml", "rb") as f:
    config = hashlib.sha256(f.read()).hexdigest()
server = None

def run_ruff(code):
    try:
        return memoized_ruff(code)
    except Exception as e:  # the driver's own failure, not the script's: stop the test
        raise SystemExit("reference driver: %r" % e)

def memoized_ruff(code):
    global server
    path = os.path.join(memo_dir, hashlib.sha256((config + "\0" + code).encode()).hexdigest())
    try:
        with open(path, encoding="utf-8", newline="") as f:
            return f.read()
    except FileNotFoundError:
        pass
    first = server is None
    if first:
        server = subprocess.Popen(server_command, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                  encoding="utf-8")
    server.stdin.write(json.dumps(code) + "\n")
    server.stdin.flush()
    out = json.loads(server.stdout.readline())
    # The server must answer what the script's own `ruff format -` call answers: checked once
    # per run, on its first snippet.
    if first and out != real_run_ruff(code):
        raise SystemExit("ruff_format_server.js disagrees with `ruff format -` on:\n" + code)
    with open(path + ".tmp", "w", encoding="utf-8", newline="") as f:
        f.write(out)
    os.replace(path + ".tmp", path)
    return out

check_copies.run_ruff = run_ruff
results = {}
for mode in ("check", "fix"):
    buffer = io.StringIO()
    rc = 0
    with contextlib.redirect_stdout(buffer), contextlib.redirect_stderr(buffer):
        try:
            check_copies.check_copies(mode == "fix")
        except Exception:
            traceback.print_exc()
            rc = 1
    results[mode] = [rc, buffer.getvalue()]
with open(result_path, "w", encoding="utf-8") as f:
    json.dump(results, f)
"""


def run(cmd, cwd=None, env=None, check=True):
    p = subprocess.run(cmd, cwd=cwd, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    if check and p.returncode != 0:
        sys.exit(f"command failed ({p.returncode}): {' '.join(map(str, cmd))}\n{p.stderr.decode()}")
    return p


def shared_dir():
    return Path(os.environ.get("KENSA_SHARED", REPO_ROOT.parent / "shared")).resolve()


def ensure_ruff(work: Path, shared: Path) -> Path:
    """Installs the ruff wasm wrapper into work/ruff-wasm (once); returns its directory."""
    dst = work / "ruff-wasm"
    if not (dst / "node_modules").is_dir():
        if shutil.which("npm") is None or shutil.which("node") is None:
            print("SKIP: node/npm not available to install ../shared/tools/ruff-wasm")
            sys.exit(SKIP)
        dst.mkdir(parents=True, exist_ok=True)
        for name in ("ruff", "install.sh", "package.json"):
            shutil.copy(shared / "tools" / "ruff-wasm" / name, dst / name)
            os.chmod(dst / name, 0o755)
        p = run(["bash", str(dst / "install.sh")], check=False)
        if p.returncode != 0:
            sys.exit("installing ruff-wasm failed:\n" + p.stderr.decode())
    p = run([str(dst / "ruff"), "--version"], check=False)
    if p.returncode != 0:
        sys.exit("ruff-wasm does not run:\n" + p.stderr.decode())
    return dst


def run_reference(clone: Path, env, work: Path):
    """The reference's check then fix on the tree in `clone`: {mode: (rc, output)}. The fix mode
    leaves its rewritten files in the tree."""
    memo = work / "ruff-memo"
    memo.mkdir(parents=True, exist_ok=True)
    result = work / "reference-result.json"
    server = ["node", str(Path(__file__).resolve().parent / "ruff_format_server.js"),
              str(work / "ruff-wasm")]
    run([PYTHON, "-c", REFERENCE_DRIVER, str(memo), str(result)] + server, cwd=clone, env=env)
    return {mode: tuple(v) for mode, v in json.loads(result.read_text(encoding="utf-8")).items()}


def ensure_clone(work: Path, shared: Path) -> Path:
    bare = work / "diffusers.git"
    if not bare.is_dir():
        with tarfile.open(shared / "corpus" / "diffusers-shallow.git.tar") as tar:
            tar.extractall(work)
    clone = work / "diffusers"
    if not (clone / ".git").is_dir():
        run(["git", "clone", "-q", str(bare), str(clone)])
    return clone


def reset(clone: Path):
    run(["git", "checkout", "-q", "-f", HEAD], cwd=clone)
    run(["git", "clean", "-q", "-f", "-d", "-x"], cwd=clone)


def restore_index(clone: Path):
    """Back to the mutated state (staged with `git add -A`) after a fix."""
    run(["git", "checkout", "-q", "-f", "--", "."], cwd=clone)
    run(["git", "clean", "-q", "-f", "-d"], cwd=clone)


def env_with(path_dir: Path):
    env = dict(os.environ)
    env["PATH"] = f"{path_dir}:{env.get('PATH', '')}"
    return env


# --- Comparing messages -------------------------------------------------------------------------

_EXCEPTION_LINE = re.compile(r"^([A-Za-z_][\w.]*): ?(.*)$", re.S)


def python_exception(output: str):
    """(type, message) of the exception a traceback in `output` ends with, or None."""
    lines = output.split("\n")
    if "Traceback (most recent call last):" not in lines:
        return None
    i = lines.index("Traceback (most recent call last):") + 1
    while i < len(lines) and (lines[i].startswith(" ") or lines[i] == ""):
        i += 1
    m = _EXCEPTION_LINE.match("\n".join(lines[i:]).rstrip("\n"))
    return (m.group(1), m.group(2)) if m else None


def outside_traceback(output: str):
    """The lines printed before a traceback (the script's own prints)."""
    lines = output.split("\n")
    if "Traceback (most recent call last):" in lines:
        lines = lines[: lines.index("Traceback (most recent call last):")]
    return [l for l in lines if l]


def per_file(message: str):
    """A copy-mismatch message with its "- file: ..." lines grouped by file (order kept within a
    file), since across files the order is directory-listing order."""
    lines = message.split("\n")
    if not lines or lines[0] != "Found the following copy inconsistencies:":
        return message
    groups = {}
    for line in lines[1:-1]:
        m = re.match(r"^- (\S+): ", line)
        groups.setdefault(m.group(1) if m else "", []).append(line)
    return (lines[0], lines[-1], groups)


def normalize_patch(patch: str):
    # Abbreviated blob names depend on the repository's size; compare 7 characters.
    return re.sub(r"^index ([0-9a-f]{7})[0-9a-f]*\.\.([0-9a-f]{7})[0-9a-f]*", r"index \1..\2", patch, flags=re.M)


class Failures:
    def __init__(self):
        self.items = []
        self.passed = 0

    def expect(self, name, what, got, want):
        if got != want:
            self.items.append(f"{name}: {what} differs\n  kensa:     {got!r}\n  reference: {want!r}")
            return False
        return True


def kensa_run(kensa, clone, env, fix):
    cmd = [kensa, "copies"] + (["--fix"] if fix else [])
    p = run(cmd, cwd=clone, env=env, check=False)
    return p.returncode, p.stdout.decode(), p.stderr.decode()


def located_regex_error(kensa_message, exc):
    """Where the reference dies of re.error, kensa says where instead (a documented difference):
    "<file>:<line>: invalid regular expression in `# Copied from`: <call> fails: <message>".
    Returns the reference's message when kensa's has that form and ends with it."""
    if exc and exc[0] == "re.error" and re.fullmatch(
            r"\S+:\d+: invalid regular expression in `# Copied from`: .* fails: " + re.escape(exc[1]),
            kensa_message, re.S):
        return exc[1]
    return kensa_message


def compare_check(f, name, kensa_rc, kensa_err, kensa_out, ref_rc, ref_output):
    ok = f.expect(name, "check exit status", kensa_rc, ref_rc)
    exc = python_exception(ref_output)
    want = per_file(exc[1]) if exc else None
    got = per_file(located_regex_error(kensa_err.rstrip("\n"), exc)) if kensa_err else None
    ok &= f.expect(name, "check message", got, want)
    ok &= f.expect(name, "check stdout", kensa_out, "")
    return ok


def compare_fix(f, name, kensa_rc, kensa_out, kensa_err, kensa_patch, ref_rc, ref_output, ref_patch):
    ok = f.expect(name, "fix exit status", kensa_rc, ref_rc)
    ok &= f.expect(name, "fix rewritten files", sorted(outside_traceback(kensa_out)),
                   sorted(outside_traceback(ref_output)))
    exc = python_exception(ref_output)
    ok &= f.expect(name, "fix message", located_regex_error(kensa_err.rstrip("\n"), exc) or None,
                   exc[1] if exc else None)
    ok &= f.expect(name, "fixed tree (git diff)", normalize_patch(kensa_patch), normalize_patch(ref_patch))
    return ok


# --- The public corpus --------------------------------------------------------------------------


def run_corpus(args, f, clone, kensa_env, only):
    corpus = shared_dir() / "corpus" / "diffusers-copies"
    cases = sorted(p for p in corpus.iterdir() if (p / "mutation.patch").is_file())
    if not cases:
        sys.exit(f"no cases in {corpus}")
    matched = 0
    for case in cases:
        name = "corpus/" + case.name
        if only and only not in name:
            continue
        reset(clone)
        run(["git", "apply", "--whitespace=nowarn", str(case / "mutation.patch")], cwd=clone)
        run(["git", "add", "-A"], cwd=clone)
        rc, out, err = kensa_run(args.kensa, clone, kensa_env, fix=False)
        ok = compare_check(f, name, rc, err, out, int((case / "check.rc").read_text()),
                           (case / "check.out").read_text())
        rc, out, err = kensa_run(args.kensa, clone, kensa_env, fix=True)
        patch = run(["git", "diff"], cwd=clone).stdout.decode()
        ok &= compare_fix(f, name, rc, out, err, patch, int((case / "fix.rc").read_text()),
                          (case / "fix.out").read_text(), (case / "fixed.patch").read_text())
        matched += ok
        print(f"{'ok  ' if ok else 'FAIL'} {name}")
    return matched, len(cases)


# --- Our mutations, compared live with the reference -------------------------------------------


def edit(clone, path, old, new, count=1):
    p = clone / path
    text = p.read_text(encoding="utf-8")
    if old not in text:
        sys.exit(f"mutation setup: {old!r} not found in {path}")
    p.write_text(text.replace(old, new, count), encoding="utf-8")


def m_source_change_many(c):
    # rescale_noise_cfg is copied ~30 times, some copies of copies: every copy must follow.
    edit(c, "src/diffusers/pipelines/stable_diffusion/pipeline_stable_diffusion.py",
         "    std_text = noise_pred_text.std(", "    # kensa: changed in the original\n    std_text = noise_pred_text.std(")


def m_chain_fix(c):
    # flux's calculate_shift is copied into krea2, whose copy is copied again: order matters.
    edit(c, "src/diffusers/pipelines/flux/pipeline_flux.py", "    mu = image_seq_len * m + b\n",
         "    mu = image_seq_len * m + b  # shifted\n")


def m_with_copies_source_change(c):
    # DDPMSchedulerOutput is copied with `with DDPM->X` into ~14 schedulers: all need ruff.
    edit(c, "src/diffusers/schedulers/scheduling_ddpm.py", "    prev_sample: torch.Tensor\n",
         "    prev_sample: torch.Tensor\n    extra: int = 0\n")


def m_regex_replacement(c):
    # `with self.scheduler->scheduler`: "." is a regex wildcard there.
    edit(c, "src/diffusers/modular_pipelines/flux/before_denoise.py",
         "with self.scheduler->scheduler", "with self.scheduler->sched, t_start->t_begin")


def m_all_casing(c):
    edit(c, "src/diffusers/schedulers/scheduling_scm.py", "with DDPM->SCM", "with DDPM->SCM all-casing")


def m_syntax_error_after_replacement(c):
    # The replacement breaks the code: ruff rejects it, the reference sees "" and fixes to that.
    edit(c, "src/diffusers/schedulers/scheduling_scm.py", "with DDPM->SCM", "with DDPM->SCM, class->(")


def m_missing_module(c):
    edit(c, "src/diffusers/quantizers/gguf/utils.py",
         "# Copied from diffusers.quantizers.bitsandbytes.utils._create_accelerate_new_hook",
         "# Copied from diffusers.quantizers.no_such_module._create_accelerate_new_hook")


def m_end_copy(c):
    # "# End copy" at the body's indentation stops the copy early.
    edit(c, "src/diffusers/guiders/adaptive_projected_guidance_mix.py",
         "        self.running_average = update_value + new_average\n",
         "        self.running_average = update_value + new_average\n        # End copy\n")


def m_two_copies_one_file(c):
    p = "src/diffusers/quantizers/gguf/utils.py"
    edit(c, p, '    r"""\n    Creates a new hook', '    x = 1\n    r"""\n    Creates a new hook')
    edit(c, "src/diffusers/guiders/adaptive_projected_guidance_mix.py",
         "        new_average = self.momentum * self.running_average\n",
         "        new_average = self.momentum * self.running_average  # !\n")


def m_comment_at_body_indent(c):
    # A top-level copy whose comment is indented like the body: the def line becomes the first
    # compared line.
    edit(c, "src/diffusers/quantizers/gguf/utils.py",
         "# Copied from diffusers.quantizers.bitsandbytes.utils._create_accelerate_new_hook",
         "    # Copied from diffusers.quantizers.bitsandbytes.utils._create_accelerate_new_hook")


def m_comment_at_end_of_file(c):
    p = c / "src/diffusers/guiders/adaptive_projected_guidance_mix.py"
    p.write_text(p.read_text() + "# Copied from diffusers.guiders.adaptive_projected_guidance.MomentumBuffer\n")


def m_invalid_utf8(c):
    (c / "src/diffusers/utils/kensa_latin1.py").write_bytes(b"# caf\xe9\nx = 1\n")


def m_whole_module_copy(c):
    text = (c / "src/diffusers/utils/constants.py").read_text()
    (c / "src/diffusers/utils/kensa_constants_copy.py").write_text(
        "# Copied from diffusers.utils.constants\n" + text.replace("HF_MODULES_CACHE", "HF_MODULES_CACHE_X", 1))


def m_multiline_signature(c):
    # Copies of methods with multi-line signatures: the signature's tail is part of the body.
    edit(c, "src/diffusers/pipelines/stable_diffusion/pipeline_stable_diffusion.py",
         "        self, w: torch.Tensor, embedding_dim: int = 512, dtype: torch.dtype = torch.float32\n    ) -> torch.Tensor:",
         "        self, w: torch.Tensor, embedding_dim: int = 256, dtype: torch.dtype = torch.float32\n    ) -> torch.Tensor:")


def m_not_a_module(c):
    edit(c, "src/diffusers/quantizers/gguf/utils.py",
         "# Copied from diffusers.quantizers.bitsandbytes.utils._create_accelerate_new_hook",
         "# Copied from diffusers.nothing.here")


def m_crlf_copy(c):
    # A copy in a file with CRLF line endings: compared and fixed byte for byte.
    p = c / "src/diffusers/guiders/adaptive_projected_guidance_mix.py"
    p.write_bytes(p.read_bytes().replace(b"\n", b"\r\n"))


def m_crlf_source(c):
    p = c / "src/diffusers/guiders/adaptive_projected_guidance.py"
    p.write_bytes(p.read_bytes().replace(b"\n", b"\r\n"))


def m_tab_indented_copy(c):
    edit(c, "src/diffusers/guiders/adaptive_projected_guidance_mix.py",
         "        self.running_average = update_value + new_average\n",
         "\tself.running_average = update_value + new_average\n")


def m_one_liner_source(c):
    # An object whose body is on its def line: the reference finds an empty body.
    p = c / "src/diffusers/utils/constants.py"
    p.write_text(p.read_text() + "\n\ndef kensa_tiny(x): return x\n\nKENSA = 1\n")
    q = c / "src/diffusers/utils/kensa_tiny_copy.py"
    q.write_text("import os\n\n\n# Copied from diffusers.utils.constants.kensa_tiny\ndef kensa_tiny(x): return x + 1\n")


def m_copy_of_nested_method_missing(c):
    edit(c, "src/diffusers/guiders/adaptive_projected_guidance_mix.py",
         "# Copied from diffusers.guiders.adaptive_projected_guidance.MomentumBuffer",
         "# Copied from diffusers.guiders.adaptive_projected_guidance.MomentumBuffer.nothing")


def m_bad_regex(c):
    # A replacement Python's re rejects ("nothing to repeat"): the reference dies of re.error.
    edit(c, "src/diffusers/schedulers/scheduling_scm.py", "with DDPM->SCM", "with DDPM->SCM, *SCM->X")


MUTATIONS = [
    m_source_change_many,
    m_chain_fix,
    m_with_copies_source_change,
    m_regex_replacement,
    m_all_casing,
    m_syntax_error_after_replacement,
    m_missing_module,
    m_end_copy,
    m_two_copies_one_file,
    m_comment_at_body_indent,
    m_comment_at_end_of_file,
    m_invalid_utf8,
    m_whole_module_copy,
    m_multiline_signature,
    m_not_a_module,
    m_crlf_copy,
    m_crlf_source,
    m_tab_indented_copy,
    m_one_liner_source,
    m_copy_of_nested_method_missing,
    m_bad_regex,
]

# The default sample. Each batch applies its mutations to one tree (they touch different places,
# or the same file in ways that compose); the singles make the script raise, which would hide
# whatever else a batch holds.
BATCHES = [
    [m_source_change_many, m_multiline_signature, m_chain_fix, m_with_copies_source_change,
     m_regex_replacement, m_all_casing, m_end_copy, m_comment_at_body_indent, m_whole_module_copy,
     m_crlf_source],
    [m_syntax_error_after_replacement, m_two_copies_one_file, m_tab_indented_copy, m_crlf_copy,
     m_one_liner_source],
]
RAISING_SAMPLE = [m_missing_module, m_bad_regex]


# --- Random mutations (seeded): small edits around randomly chosen copies --------------------------

_COPY_COMMENT = re.compile(r"^(\s*)#\s*Copied from\s+diffusers\.(\S+\.\S+)\s*($|\S.*$)")
_IDENTIFIER = re.compile(r"[A-Za-z_][A-Za-z0-9_]{2,}")


def list_copies(clone):
    out = []
    for path in sorted((clone / "src" / "diffusers").rglob("*.py")):
        for i, line in enumerate(path.read_text(encoding="utf-8").split("\n")):
            m = _COPY_COMMENT.search(line)
            if m:
                out.append((path.relative_to(clone), i, m.group(2)))
    return out


def source_file(clone, object_name):
    parts = object_name.split(".")
    for k in range(len(parts), 0, -1):
        p = clone / "src" / "diffusers" / ("/".join(parts[:k]) + ".py")
        if p.is_file():
            return p.relative_to(clone), parts[k:]
    return None, None


def random_mutation(rng, clone, copies):
    """Applies one random edit near a random copy; returns its description."""
    path, i, object_name = rng.choice(copies)
    target = clone / path
    lines = target.read_text(encoding="utf-8").split("\n")
    j = min(len(lines) - 1, i + rng.randint(2, 12))
    kind = rng.choice(["edit_body", "delete_body", "blank_body", "whitespace_line", "dedent",
                       "add_pattern", "all_casing", "retarget", "end_copy", "edit_source"])
    if kind == "edit_body":
        lines[j] += "  # kensa"
    elif kind == "delete_body":
        del lines[j]
    elif kind == "blank_body":
        lines.insert(j, "")
    elif kind == "whitespace_line":
        lines.insert(j, " " * rng.choice([1, 4, 8]))
    elif kind == "dedent":
        lines[j] = lines[j][1:] if lines[j].startswith(" ") else " " + lines[j]
    elif kind == "add_pattern":
        words = [w for l in lines[i + 1 : i + 30] for w in _IDENTIFIER.findall(l)]
        if words:
            a = rng.choice(words)
            sep = ", " if " with " in lines[i] else " with "
            lines[i] += f"{sep}{a}->{a}X" + rng.choice(["", " all-casing"])
    elif kind == "all_casing":
        lines[i] += " all-casing" if " with " in lines[i] else " with self->self all-casing"
    elif kind == "retarget":
        other = rng.choice(copies)[2]
        lines[i] = lines[i].replace(object_name, other, 1)
    elif kind == "end_copy":
        indent = re.match(r"\s*", lines[i + 1] if i + 1 < len(lines) else "").group(0)
        lines.insert(j, indent + "    # End copy")
    elif kind == "edit_source":
        src, names = source_file(clone, object_name)
        if src is not None and names:
            text = (clone / src).read_text(encoding="utf-8").split("\n")
            for k, l in enumerate(text):
                if re.match(rf"\s*(class|def)\s+{re.escape(names[-1])}\b", l):
                    text.insert(min(len(text), k + 2), re.match(r"\s*", text[min(len(text) - 1, k + 1)]).group(0) + "pass  # kensa")
                    break
            (clone / src).write_text("\n".join(text), encoding="utf-8")
            return f"{kind} {src} ({object_name})"
    target.write_text("\n".join(lines), encoding="utf-8")
    return f"{kind} {path}:{i + 1}"


def live_cases(args, clone):
    """(name, [mutations]) to compare with the reference, in order."""
    cases = [(f"batch_{i}", batch) for i, batch in enumerate(BATCHES)]
    if not args.full:
        return cases + [(m.__name__[2:], [m]) for m in RAISING_SAMPLE]
    cases = [(m.__name__[2:], [m]) for m in MUTATIONS] + cases
    if args.random:
        import random

        reset(clone)
        copies = list_copies(clone)
        def random_case(n):
            def mutate(c):
                mutate.description = random_mutation(random.Random(f"{args.seed}-{n}"), c, copies)

            return mutate

        for n in range(args.random):
            cases.append((f"random_{args.seed}_{n}", [random_case(n)]))
    return cases


def run_live(args, f, clone, kensa_env, ref_env, only):
    matched = total = 0
    work = Path(args.work)
    for case_name, mutations in live_cases(args, clone):
        name = "live/" + case_name
        if only and only not in name:
            continue
        total += 1
        reset(clone)
        for mutate in mutations:
            mutate(clone)
        run(["git", "add", "-A"], cwd=clone)
        ref = run_reference(clone, ref_env, work)
        ref_patch = run(["git", "diff"], cwd=clone).stdout.decode()
        restore_index(clone)
        rc, out, err = kensa_run(args.kensa, clone, kensa_env, fix=False)
        ok = compare_check(f, name, rc, err, out, *ref["check"])
        rc, out, err = kensa_run(args.kensa, clone, kensa_env, fix=True)
        patch = run(["git", "diff"], cwd=clone).stdout.decode()
        ok &= compare_fix(f, name, rc, out, err, patch, *ref["fix"], ref_patch)
        matched += ok
        detail = " ".join(getattr(m, "description", "") for m in mutations).strip()
        print(f"{'ok  ' if ok else 'FAIL'} {name} (reference rc {ref['fix'][0]}, "
              f"{len(outside_traceback(out))} file(s) fixed) {detail}")
    return matched, total


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--kensa", required=True)
    ap.add_argument("--work", default=None, help="work directory (default: a folder in the build dir)")
    ap.add_argument("--only", default=None, help="run only cases whose name contains this")
    ap.add_argument("--no-live", action="store_true", help="skip the live comparisons with the reference")
    ap.add_argument("--full", action="store_true", default=os.environ.get("KENSA_E2E_FULL") == "1",
                    help="every live mutation, not the default sample (also KENSA_E2E_FULL=1)")
    ap.add_argument("--random", type=int, default=4, help="with --full: random mutations to add")
    ap.add_argument("--seed", type=int, default=1, help="seed of the random mutations")
    args = ap.parse_args()
    args.kensa = str(Path(args.kensa).resolve())
    shared = shared_dir()
    if not (shared / "corpus" / "diffusers-copies").is_dir():
        print(f"SKIP: no corpus at {shared}/corpus/diffusers-copies")
        return SKIP
    work = Path(args.work or Path(args.kensa).parent / "e2e-copies").resolve()
    work.mkdir(parents=True, exist_ok=True)
    args.work = str(work)
    ruff_dir = ensure_ruff(work, shared)
    clone = ensure_clone(work, shared)
    kensa_env = env_with(ruff_dir)
    ref_env = env_with(ruff_dir)

    f = Failures()
    corpus_ok, corpus_total = run_corpus(args, f, clone, kensa_env, args.only)
    live_ok = live_total = 0
    if not args.no_live:
        live_ok, live_total = run_live(args, f, clone, kensa_env, ref_env, args.only)
    reset(clone)
    for item in f.items:
        print(item)
    print(f"corpus: {corpus_ok}/{corpus_total} cases match; live mutations: {live_ok}/{live_total} match")
    return 0 if not f.items else 1


if __name__ == "__main__":
    sys.exit(main())
