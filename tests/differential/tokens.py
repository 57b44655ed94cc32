#!/usr/bin/python3
"""Differential token test: kensa's tokenizer (through token_dump) against CPython's.

For every .py file under the given folders that the oracle (/usr/bin/python3, CPython 3.11.2)
can compile, compare kensa's token stream (kind, start and end line:col) with the one from
Python's tokenize module. Usage:
    /usr/bin/python3 tokens.py --token-dump BUILD/tests/differential/token_dump DIR_OR_FILE...
With --version 3.12 --oracle-python python3.12, kensa's PEP 701 tokens are compared with
CPython 3.12's tokenize (which is its C tokenizer there) on the files 3.12 compiles.

tokenize is the pure-Python tokenizer, which differs from the C tokenizer the parser uses in
a few places; both streams are normalized as follows before comparing:
  - COMMENT, NL and ENCODING tokens are dropped (the C tokenizer never hands them over);
  - OP tokens take their exact type (LPAR, PLUSEQUAL, ...), NAME tokens that are hard keywords
    take the keyword ('if'), as kensa's TokenKind does;
  - tokenize counts columns in characters, kensa in UTF-8 bytes of the decoded text:
    tokenize's columns are converted;
  - a NEWLINE token spans one column on its own line in tokenize; kensa's covers the "\\n", so
    its end is (line, col + 1) here too; at the end of a file without a final newline tokenize
    gives it (line, len) - (line, len + 1) and kensa an empty range at the end: normalized;
  - DEDENT and ENDMARKER tokens at the end of the file: tokenize puts them at
    (last line + 1, 0); kensa at the end of the text, which is the same place when the text ends
    with a newline, else the end of the last line: normalized to tokenize's;
  - tokenize's identifier regex (\w) misses a few XID_Continue characters (U+E0100, a
    variation selector, in test_unicode_identifiers.py) and splits the name into NAME +
    ERRORTOKEN; such an adjacent pair is merged back into one NAME.
Exit status 0 when every compiled file matches.
"""
import argparse
import ast
import io
import json
import keyword
import os
import subprocess
import sys
import token
import tokenize


def python_files(paths):
    for path in paths:
        if os.path.isfile(path):
            yield path
            continue
        for root, dirs, files in os.walk(path):
            dirs.sort()
            for name in sorted(files):
                if name.endswith(".py"):
                    yield os.path.join(root, name)


def oracle_tokens(data):
    encoding, _ = tokenize.detect_encoding(io.BytesIO(data).readline)
    if encoding == "utf-8-sig":
        encoding = "utf-8"
        data = data[3:] if data.startswith(b"\xef\xbb\xbf") else data
    raw_lines = [line + b"\n" for line in data.split(b"\n")]
    ascii_lines = [line.isascii() for line in raw_lines]

    def byte_col(pos):
        # tokenize counts columns in characters; kensa (like CPython's AST) in UTF-8 bytes.
        line, col = pos
        if line - 1 >= len(raw_lines) or col == 0 or ascii_lines[line - 1]:
            return pos  # on an ASCII line a character is a byte
        text = raw_lines[line - 1].decode(encoding, "replace")
        return (line, len(text[:col].encode("utf-8")))

    out = []
    for tok in tokenize.tokenize(io.BytesIO(data).readline):
        if tok.type in (tokenize.COMMENT, tokenize.NL, tokenize.ENCODING):
            continue
        if tok.type == tokenize.OP:
            kind = token.tok_name[tok.exact_type]
        elif tok.type == tokenize.NAME and keyword.iskeyword(tok.string):
            kind = "'" + tok.string + "'"
        else:
            kind = token.tok_name[tok.type]
        if (kind == "ERRORTOKEN" and out and out[-1][0] == "NAME" and
                out[-1][2] == byte_col(tok.start) and not tok.string.isspace()):
            out[-1][2] = byte_col(tok.end)  # see the docstring: tokenize's \w is too narrow
            continue
        out.append([kind, byte_col(tok.start), byte_col(tok.end)])
    return out


def kensa_streams(tool, files, extra=()):
    """{path: [[kind, (l, c), (l, c)] ...] or an error string}"""
    streams = {}
    for i in range(0, len(files), 200):
        batch = files[i:i + 200]
        out = subprocess.run([tool] + list(extra) + batch, capture_output=True,
                             check=True).stdout
        current = None
        for line in out.decode("utf-8", "replace").splitlines():
            if line.startswith("== "):
                current = line[3:]
                streams[current] = []
                continue
            if line.startswith("ERROR "):
                streams[current] = line
                continue
            kind, span = line.split(" ")
            a, b = span.split("-")
            start = tuple(int(x) for x in a.split(":"))
            end = tuple(int(x) for x in b.split(":"))
            streams[current].append([kind, start, end])
    return streams


def normalize_kensa(stream, oracle):
    """Apply the documented normalizations to kensa's stream (in place)."""
    eof_line = oracle[-1][1][0] if oracle else 1
    at_eof = False
    for i, tok in enumerate(stream):
        kind, start, end = tok
        if kind == "NEWLINE":
            tok[2] = (start[0], start[1] + 1)
        # The run of DEDENTs followed by ENDMARKER at the very end.
        if kind in ("DEDENT", "ENDMARKER") and all(
                t[0] in ("DEDENT", "ENDMARKER") for t in stream[i:]):
            at_eof = True
        if at_eof:
            tok[1] = tok[2] = (eof_line, 0)


def tokenize_312_string_bug(mine, theirs, data):
    """CPython 3.12.1's tokenize miscounts the end column of a multi-line STRING that holds
    non-ASCII characters (3.11's tokenize and kensa agree there): tolerate exactly that."""
    if data is None or mine[0] != "STRING" or mine[0] != theirs[0] or mine[1] != theirs[1]:
        return False
    if mine[2][0] != theirs[2][0] or mine[1][0] == mine[2][0]:
        return False
    lines = data.split(b"\n")[mine[1][0] - 1:mine[2][0]]
    return any(b >= 0x80 for line in lines for b in line)


def emit_oracle(paths):
    """Run by the oracle interpreter: one JSON line per file, its tokens or null when the
    interpreter cannot compile it (or tokenize fails)."""
    for path in paths:
        with open(path, "rb") as f:
            data = f.read()
        try:
            compile(data, path, "exec", ast.PyCF_ONLY_AST)
            tokens = oracle_tokens(data)
        except Exception:
            tokens = None
        print(json.dumps([path, tokens]))


def oracle_streams(python, files):
    streams = {}
    for i in range(0, len(files), 200):
        out = subprocess.run([python, os.path.abspath(__file__), "--emit-oracle"] +
                             files[i:i + 200], capture_output=True, check=True).stdout
        for line in out.decode("utf-8").splitlines():
            path, tokens = json.loads(line)
            if tokens is not None:
                tokens = [[k, tuple(a), tuple(b)] for k, a, b in tokens]
            streams[path] = tokens
    return streams


def main():
    if len(sys.argv) > 1 and sys.argv[1] == "--emit-oracle":
        emit_oracle(sys.argv[2:])
        return 0
    ap = argparse.ArgumentParser()
    ap.add_argument("--token-dump", required=True)
    ap.add_argument("--oracle-python", default=sys.executable,
                    help="interpreter whose tokenize is the reference (default: this one)")
    ap.add_argument("--version", choices=["3.11", "3.12"], default="3.11",
                    help="kensa's PythonVersion (3.12: PEP 701 f-string tokens)")
    ap.add_argument("--show", type=int, default=10, help="mismatches to print")
    ap.add_argument("paths", nargs="+")
    args = ap.parse_args()

    files = list(python_files(args.paths))
    oracle = oracle_streams(args.oracle_python, files)
    skipped = sum(1 for f in files if oracle.get(f) is None)
    files = [f for f in files if oracle.get(f) is not None]
    datas = {}
    if args.version == "3.12":
        for f in files:
            with open(f, "rb") as fh:
                datas[f] = fh.read()
    extra = ["--3.12"] if args.version == "3.12" else []
    streams = kensa_streams(args.token_dump, files, extra)
    matched, mismatched = 0, []
    for path in files:
        expected = oracle[path]
        mine = streams.get(path)
        if isinstance(mine, str) or mine is None:
            mismatched.append((path, "kensa: %s" % mine))
            continue
        normalize_kensa(mine, expected)
        for i, (a, b) in enumerate(zip(mine, expected)):
            if a != b and not tokenize_312_string_bug(a, b, datas.get(path)):
                mismatched.append((path, "token %d: kensa %s, tokenize %s" % (i, a, b)))
                break
        else:
            if len(mine) != len(expected):
                mismatched.append((path, "kensa %d tokens, tokenize %d (next: %s / %s)" % (
                    len(mine), len(expected), mine[len(expected):][:1],
                    expected[len(mine):][:1])))
            else:
                matched += 1
    total = matched + len(mismatched)
    for path, why in mismatched[:args.show]:
        print("MISMATCH %s: %s" % (path, why))
    print("tokens (%s): %d/%d files match (%.2f%%), %d skipped (rejected by the oracle)" % (
        args.version, matched, total, 100.0 * matched / max(total, 1), skipped))
    return 0 if not mismatched else 1


if __name__ == "__main__":
    sys.exit(main())
