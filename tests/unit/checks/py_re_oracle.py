#!/usr/bin/python3
"""The oracle of py_re_test.cc: Python's own `re` on the cases kensa's PyRe is tested with.

Reads one case a line, fields separated by tabs, each field hex-encoded UTF-8:
  sub PATTERN REPL TEXT     -> "ok <result>" or "error <str(exception)>"
  match PATTERN TEXT        -> "none", "groups <g1>,<g2>..." (a group: hex, or "-" when unset)
  search PATTERN TEXT       -> the same, for re.search
  findall PATTERN TEXT      -> "found <item>,<item>..." (re.findall; a pattern of <= 1 group)
Prints one answer a line, fields hex-encoded as well. Warnings (FutureWarning for a possible
nested set, DeprecationWarning) are Python's business and ignored.
"""
import re
import sys
import warnings

warnings.simplefilter("ignore")


def h(s):
    return s.encode("utf-8", "surrogatepass").hex()


def u(x):
    return bytes.fromhex(x).decode("utf-8")


def answer(fields):
    op = fields[0]
    args = [u(f) for f in fields[1:]]
    try:
        if op == "sub":
            return "ok " + h(re.sub(args[0], args[1], args[2]))
        if op == "findall":
            return "found " + ",".join(h(g) for g in re.findall(args[0], args[1]))
        m = (re.match if op == "match" else re.search)(args[0], args[1])
        if m is None:
            return "none"
        return "groups " + ",".join("-" if g is None else h(g) for g in m.groups())
    except Exception as e:  # re.error, OverflowError, ValueError, IndexError
        return "error " + h(str(e))


for line in sys.stdin.read().split("\n"):
    if line:
        print(answer(line.split("\t")))
