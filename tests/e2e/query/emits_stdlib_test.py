#!/usr/bin/env python3
"""`kensa emits` on messages the CPython 3.11 standard library really produces.

Each case runs a small snippet with /usr/bin/python3 that raises, warns or logs, and captures
the text as printed and the frame that emitted it (the traceback's last frame, the caller of
warnings.warn seen through sys.setprofile, a logging record's pathname:lineno). Then
`kensa -C /usr/lib/python3.11 emits TEXT --json` must rank that file:line in its top 3.
Nothing here is copied from kensa's output: the expected sites come from the interpreter.
"""
import argparse
import json
import os
import subprocess
import shutil
import sys
import tempfile

STDLIB = "/usr/lib/python3.11"

# (snippet, what kind of event to capture)
CASES = [
    ("import fractions; fractions.Fraction('abc')", "raise"),
    ("import ipaddress; ipaddress.ip_address('1.2.3')", "raise"),
    ("import shlex; shlex.split('\"abc')", "raise"),
    ("import base64; base64.b32decode('A')", "raise"),
    ("import textwrap; textwrap.TextWrapper(width=0).wrap('x y')", "raise"),
    ("import string; string.Template('$').substitute()", "raise"),
    ("import calendar; calendar.monthrange(2020, 13)", "raise"),
    ("import locale; locale.getdefaultlocale()", "warn"),
    ("import imp", "warn"),
    # warnings._deprecated(name, remove=...): the message is its parameter's default.
    ("import cgi", "warn"),
    ("import argparse; argparse.ArgumentParser().add_argument('x', nargs=0)", "raise"),
    ("import urllib.parse; urllib.parse.urlsplit('http://[::1')", "raise"),
    # msg = _("..."); raise TypeError(msg): gettext around the literal.
    ("import argparse; argparse.ArgumentParser().add_argument('x', required=True)", "raise"),
    # The message is built by the exception class's __init__ from the raise's arguments.
    ("import json; json.loads('')", "raise"),
    # raise suffixed_err(src, pos, "..."): a helper returning the exception.
    ("import tomllib; tomllib.loads('x = ')", "raise"),
]

# Runs inside the child interpreter: prints one JSON line {text, file, line}.
HARNESS = r'''
import json, sys, traceback, warnings, logging
snippet, kind = sys.argv[1], sys.argv[2]
out = {}
if kind == "raise":
    try:
        exec(compile(snippet, "<case>", "exec"), {})
    except BaseException as e:
        frame = traceback.extract_tb(e.__traceback__)[-1]
        name = type(e).__module__ + "." + type(e).__qualname__
        if type(e).__module__ == "builtins":
            name = type(e).__qualname__
        out = {"text": (name + ": " + str(e)).splitlines()[0], "file": frame.filename, "line": frame.lineno}
elif kind == "warn":
    calls = []
    def profile(frame, event, arg):
        if event == "c_call" and arg is warnings.warn and not calls:
            calls.append((frame.f_code.co_filename, frame.f_lineno))
    caught = []
    warnings.simplefilter("always")
    warnings.showwarning = lambda message, category, filename, lineno, file=None, line=None: caught.append(
        warnings.formatwarning(message, category, filename, lineno).splitlines()[0])
    sys.setprofile(profile)
    exec(compile(snippet, "<case>", "exec"), {})
    sys.setprofile(None)
    out = {"text": caught[0], "file": calls[0][0], "line": calls[0][1]}
print(json.dumps(out))
'''


def capture(snippet, kind):
    r = subprocess.run(["/usr/bin/python3", "-c", HARNESS, snippet, kind],
                       capture_output=True, text=True, timeout=60)
    if r.returncode != 0 or not r.stdout.strip():
        raise RuntimeError(f"snippet failed: {snippet}\n{r.stderr}")
    return json.loads(r.stdout.strip().splitlines()[-1])


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--kensa", required=True)
    args = parser.parse_args()
    if not os.path.isdir(STDLIB) or not os.path.exists("/usr/bin/python3"):
        print("no CPython 3.11 standard library here; skipping")
        return 77
    cache = tempfile.mkdtemp(prefix="kensa-emits-stdlib-")
    env = dict(os.environ, KENSA_CACHE_DIR=cache)
    try:
        return run_cases(args.kensa, env)
    finally:
        shutil.rmtree(cache, ignore_errors=True)


def run_cases(kensa, env):
    failures = 0
    checked = 0
    for snippet, kind in CASES:
        event = capture(snippet, kind)
        rel = os.path.relpath(event["file"], STDLIB)
        want = f"{rel}:{event['line']}"
        r = subprocess.run([kensa, "emits", "-C", STDLIB, event["text"], "--json", "--limit", "10"],
                           capture_output=True, text=True, timeout=60, env=env)
        if r.returncode not in (0, 1):
            print(f"FAIL {snippet!r}: kensa exited {r.returncode}\n{r.stderr}")
            failures += 1
            continue
        result = json.loads(r.stdout)
        ranked = [f"{o['file']}:{o['line']}" for o in result["origins"]]
        checked += 1
        if want in ranked[:3]:
            print(f"ok   {event['text'][:70]!r} -> {want} (rank {ranked.index(want) + 1})")
        else:
            failures += 1
            print(f"FAIL {event['text']!r}: the interpreter emitted it at {want}; kensa ranked {ranked[:5]}")
    print(f"{checked - failures}/{checked} messages traced to their emitting line")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
