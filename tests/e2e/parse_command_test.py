#!/usr/bin/python3
"""End-to-end tests of `kensa parse`: runs the built executable on the fixtures and checks
output and exit codes, with the expected dumps and errors computed live by the oracle
(/usr/bin/python3, CPython 3.11).

  /usr/bin/python3 tests/e2e/parse_command_test.py --kensa build/kensa
"""

import ast
import json
import os
import shutil
import subprocess
import sys
import tempfile
import unittest
import warnings

HERE = os.path.dirname(os.path.abspath(__file__))
FIXTURES = os.path.join(HERE, "fixtures")
KENSA = None  # set from --kensa


def kensa(*args, stdin=None):
    proc = subprocess.run([KENSA, "parse", *args], input=stdin, stdout=subprocess.PIPE,
                          stderr=subprocess.PIPE, timeout=120)
    return proc.returncode, proc.stdout.decode("utf-8"), proc.stderr.decode("utf-8")


def fixture(*parts):
    return os.path.join(FIXTURES, *parts)


def cpython_dump(path, include_attributes=True):
    with open(path, "rb") as f:
        return ast.dump(ast.parse(f.read()), include_attributes=include_attributes) + "\n"


def cpython_error_line(path, shown=None):
    """`path:line:col: Type: message` from CPython's own exception."""
    with open(path, "rb") as f, warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            compile(f.read(), path, "exec", ast.PyCF_ONLY_AST)
        except SyntaxError as e:
            return f"{shown or path}:{e.lineno}:{e.offset}: {type(e).__name__}: {e.msg}"
    raise AssertionError(f"CPython accepts {path}")


class DumpTest(unittest.TestCase):
    def test_dump_matches_cpython(self):
        for name in ("valid.py", "unicode.py"):
            with self.subTest(name):
                rc, out, err = kensa("--dump", fixture(name))
                self.assertEqual((rc, err), (0, ""))
                self.assertEqual(out, cpython_dump(fixture(name)))

    def test_no_attributes(self):
        rc, out, _ = kensa("--dump", "--no-attributes", fixture("valid.py"))
        self.assertEqual(rc, 0)
        self.assertEqual(out, cpython_dump(fixture("valid.py"), include_attributes=False))
        self.assertNotIn("lineno", out)

    def test_stdin(self):
        with open(fixture("valid.py"), "rb") as f:
            rc, out, _ = kensa("--dump", "-", stdin=f.read())
        self.assertEqual((rc, out), (0, cpython_dump(fixture("valid.py"))))

    def test_syntax_error_is_reported_like_cpython(self):
        rc, out, err = kensa("--dump", fixture("unclosed.py"))
        self.assertEqual((rc, out), (1, ""))
        self.assertEqual(err.rstrip("\n"), cpython_error_line(fixture("unclosed.py")))

    def test_python_312_only_with_the_flag(self):
        path = fixture("type_alias_312.py")
        rc, _, err = kensa("--dump", path)
        self.assertEqual(rc, 1)
        self.assertEqual(err.rstrip("\n"), cpython_error_line(path))
        rc, out, _ = kensa("--dump", "--python", "3.12", path)
        self.assertEqual(rc, 0)
        self.assertTrue(out.startswith("Module(body=[TypeAlias(name=Name(id='Point'"), out)
        self.assertIn("type_params=[TypeVar(name='T'", out)

    def test_missing_file(self):
        rc, out, err = kensa("--dump", fixture("no_such_file.py"))
        self.assertEqual((rc, out), (2, ""))
        self.assertEqual(err, fixture("no_such_file.py") + ": error: No such file or directory\n")

    def test_json_error(self):
        rc, out, _ = kensa("--dump", "--json", fixture("unclosed.py"))
        self.assertEqual(rc, 1)
        doc = json.loads(out)
        self.assertEqual(doc["syntax_error"]["message"], "'(' was never closed")
        self.assertEqual((doc["syntax_error"]["line"], doc["syntax_error"]["offset"]), (1, 5))


class CheckTest(unittest.TestCase):
    TREE = fixture("tree")
    BAD = ["pkg/broken.py", "pkg/sub/indent.py", "pkg/sub/missing_colon.py"]

    def expected_lines(self, root, rel_paths):
        return [cpython_error_line(os.path.join(root, p), root + "/" + p) for p in rel_paths]

    def test_reports_every_bad_file_in_path_order(self):
        rc, out, err = kensa("--check", self.TREE)
        self.assertEqual((rc, err), (1, ""))
        self.assertEqual(out.splitlines(), self.expected_lines(self.TREE, self.BAD))

    def test_one_thread_gives_the_same_output(self):
        self.assertEqual(kensa("--check", "-j1", self.TREE), kensa("--check", "-j", "0", self.TREE))

    def test_clean_files_exit_zero(self):
        rc, out, err = kensa("--check", fixture("tree", "a.py"), fixture("valid.py"))
        self.assertEqual((rc, out, err), (0, "", ""))

    def test_explicit_file_without_py_suffix_is_checked(self):
        rc, out, _ = kensa("--check", fixture("tree", "docs", "notes.txt"))
        self.assertEqual(rc, 1)
        self.assertIn("notes.txt:1:", out)

    def test_stats(self):
        rc, _, err = kensa("--check", "--stats", self.TREE)
        self.assertEqual(rc, 1)
        self.assertIn("kensa parse: 5 files", err)
        for word in ("MB/s", "AST memory", "decode+parse"):
            self.assertIn(word, err)

    def test_json(self):
        rc, out, _ = kensa("--check", "--json", "--stats", self.TREE)
        self.assertEqual(rc, 1)
        doc = json.loads(out)
        self.assertEqual(doc["files"], 5)
        self.assertEqual([e["path"] for e in doc["syntax_errors"]],
                         [self.TREE + "/" + p for p in self.BAD])
        self.assertEqual(doc["io_errors"], [])
        self.assertGreater(doc["stats"]["bytes"], 0)
        self.assertGreater(doc["stats"]["ast_bytes"], 0)

    def test_unreadable_files_are_reported_and_exit_two(self):
        with tempfile.TemporaryDirectory() as tmp:
            shutil.copy(fixture("valid.py"), tmp)
            os.symlink(os.path.join(tmp, "gone.py"), os.path.join(tmp, "dangling.py"))
            rc, out, err = kensa("--check", tmp, os.path.join(tmp, "missing"))
            self.assertEqual((rc, out), (2, ""))
            self.assertEqual(err.splitlines(), [
                f"{tmp}/dangling.py: error: No such file or directory",
                f"{tmp}/missing: error: No such file or directory",
            ])

    def test_syntax_errors_win_over_unreadable_files(self):
        rc, out, err = kensa("--check", fixture("unclosed.py"), fixture("nothing_here"))
        self.assertEqual(rc, 1)
        self.assertIn("was never closed", out)
        self.assertIn("nothing_here: error:", err)

    def test_symlink_loops_terminate(self):
        with tempfile.TemporaryDirectory() as tmp:
            os.mkdir(os.path.join(tmp, "pkg"))
            shutil.copy(fixture("unclosed.py"), os.path.join(tmp, "pkg"))
            os.symlink(tmp, os.path.join(tmp, "pkg", "loop"))
            rc, out, _ = kensa("--check", tmp)
            self.assertEqual(rc, 1)
            self.assertEqual(len(out.splitlines()), 1, out)


class UsageTest(unittest.TestCase):
    def test_help_teaches(self):
        rc, out, _ = kensa("--help")
        self.assertEqual(rc, 0)
        for word in ("--dump", "--check", "--stats", "--json", "Examples", "Exit codes"):
            self.assertIn(word, out)
        self.assertNotIn("--dump-many", out)

    def test_a_mode_is_required(self):
        self.assertEqual(kensa(fixture("valid.py"))[0], 2)

    def test_modes_exclude_each_other(self):
        self.assertEqual(kensa("--dump", "--check", fixture("valid.py"))[0], 2)

    def test_dump_takes_one_file(self):
        self.assertEqual(kensa("--dump", fixture("valid.py"), fixture("unicode.py"))[0], 2)

    def test_unknown_python_version(self):
        self.assertEqual(kensa("--dump", "--python", "2.7", fixture("valid.py"))[0], 2)


def main():
    global KENSA
    args = sys.argv[1:]
    if len(args) < 2 or args[0] != "--kensa":
        sys.exit("usage: parse_command_test.py --kensa PATH [unittest args]")
    KENSA = os.path.abspath(args[1])
    unittest.main(argv=[sys.argv[0], *args[2:]])


if __name__ == "__main__":
    main()
