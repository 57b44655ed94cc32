"""Runs `kensa parse --dump-many` and CPython's own parser on the same inputs.

Shared by parse_diff.py and syntax_errors.py. The oracle is the interpreter running this
module (/usr/bin/python3, CPython 3.11; or a CPython 3.12 for kensa's `--python 3.12`). kensa's batch mode prints, per file,
"<status> <payload bytes> <path>\n<payload>\n" with status ok (payload: the dump), error
(payload: "Type\tline\toffset\tend_line\tend_offset\tmessage") or io (payload: the reason).
"""

import ast
import subprocess
import sys
import warnings
from dataclasses import dataclass
from typing import Optional


@dataclass
class Outcome:
    """What one parser made of one file."""

    status: str  # "ok", "error", "io", "crash"
    dump: str = ""
    type: str = ""
    message: str = ""
    line: int = 0
    offset: int = 0

    def where(self) -> str:
        return f"{self.line}:{self.offset}: {self.type}: {self.message}"


def require_oracle(version: str = "3.11") -> None:
    """Exits unless the interpreter running the script is the CPython `version` (3.11: the
    default oracle /usr/bin/python3; 3.12: any CPython 3.12, for kensa's `--python 3.12`)."""
    if "%d.%d" % sys.version_info[:2] != version:
        hint = "/usr/bin/python3 (CPython 3.11)" if version == "3.11" else f"a CPython {version}"
        sys.exit(f"{sys.argv[0]}: run with {hint}, not {sys.version.split()[0]}")


def cpython_outcome(source: bytes, include_attributes: bool = True) -> Outcome:
    """What ast.parse(source) does, as an Outcome."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # SyntaxWarning/DeprecationWarning are not errors
        try:
            tree = compile(source, "<unknown>", "exec", ast.PyCF_ONLY_AST)
        except SyntaxError as e:  # IndentationError and TabError included
            # Errors without a position (an unknown or contradictory encoding declaration)
            # have offset -1 in CPython, and kensa reports -1 for them too.
            return Outcome("error", type=type(e).__name__, message=e.msg or "",
                           line=e.lineno or 0, offset=e.offset or 0)
        except (ValueError, MemoryError, RecursionError) as e:
            return Outcome("error", type=type(e).__name__, message=str(e))
    try:
        return Outcome("ok", dump=ast.dump(tree, include_attributes=include_attributes))
    except RecursionError as e:
        return Outcome("error", type="RecursionError", message=str(e))


def _signed32(value: int) -> int:
    return value - (1 << 32) if value >= (1 << 31) else value


def _parse_records(data: bytes) -> dict:
    """Records of one --dump-many run, by path; stops at a truncated record."""
    out = {}
    pos = 0
    while pos < len(data):
        nl = data.find(b"\n", pos)
        if nl < 0:
            break
        header = data[pos:nl].decode("utf-8", "surrogateescape")
        status, size, path = header.split(" ", 2)
        size = int(size)
        start = nl + 1
        if start + size + 1 > len(data):
            break
        payload = data[start:start + size].decode("utf-8", "surrogateescape")
        pos = start + size + 1
        if status == "ok":
            out[path] = Outcome("ok", dump=payload)
        elif status == "error":
            typ, line, offset, _end_line, _end_offset, message = payload.split("\t", 5)
            out[path] = Outcome("error", type=typ, message=message, line=int(line),
                                offset=_signed32(int(offset)))
        else:
            out[path] = Outcome("io", message=payload)
    return out


def _run(kensa: str, paths: list, extra: list, timeout: float) -> tuple:
    """(records, failure text or None) for one kensa process over `paths`."""
    cmd = [kensa, "parse", "--dump-many", "-j1", *extra, "--", *paths]
    try:
        proc = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                              timeout=timeout)
    except subprocess.TimeoutExpired as e:
        return _parse_records(e.stdout or b""), f"timed out after {timeout:.0f} s"
    records = _parse_records(proc.stdout)
    if proc.returncode != 0:
        tail = proc.stderr.decode("utf-8", "replace").strip().splitlines()[-3:]
        return records, f"exit status {proc.returncode}: {' | '.join(tail)}"
    return records, None


def kensa_outcomes(kensa: str, paths: list, extra: Optional[list] = None,
                   timeout: float = 600, file_timeout: float = 60) -> dict:
    """kensa's Outcome for each path. A crash or hang is pinned on its file(s): after a
    failed batch, the files without a record are run one process each."""
    extra = extra or []
    records, failure = _run(kensa, paths, extra, timeout)
    if failure is not None:
        for path in paths:
            if path in records:
                continue
            one, why = _run(kensa, [path], extra, file_timeout)
            records[path] = one.get(path) or Outcome("crash", message=why or "no record")
    for path in paths:
        records.setdefault(path, Outcome("crash", message="no record printed"))
    return records
