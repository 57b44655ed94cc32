"""Every command tried as a new user would: odd arguments (empty strings, missing files,
directories instead of files, a folder outside git, a broken cache) give a clear message on
stderr and exit 2 (or the command's documented result), never a crash, and every warning is a
line of its own.

Usage: /usr/bin/python3 odd_input_test.py --kensa BUILD/kensa
"""

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import unittest

FIXTURE = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "fixtures", "index_lazy")
KENSA = None


def git(repo, *args):
    subprocess.run(["git", "-C", repo, "-c", "user.email=t@t", "-c", "user.name=t", *args],
                   check=True, capture_output=True)


class OddInputTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.mkdtemp(prefix="kensa_odd_e2e_")
        cls.repo = os.path.join(cls.tmp, "repo")
        shutil.copytree(FIXTURE, cls.repo)
        git(cls.repo, "init", "-q", "-b", "main")
        git(cls.repo, "add", "-A")
        git(cls.repo, "commit", "-q", "-m", "fixture")
        cls.env = dict(os.environ, KENSA_CACHE_DIR=os.path.join(cls.tmp, "cache"))

    @classmethod
    def tearDownClass(cls):
        shutil.rmtree(cls.tmp, ignore_errors=True)

    def kensa(self, *args, expect=0, cwd=None, env=None):
        proc = subprocess.run([KENSA, *args], cwd=cwd or self.repo, capture_output=True, text=True,
                              stdin=subprocess.DEVNULL, env=env or self.env, timeout=120)
        self.assertEqual(proc.returncode, expect,
                         f"kensa {args}\nstdout:\n{proc.stdout}\nstderr:\n{proc.stderr}")
        self.assertNotIn("internal error", proc.stderr)
        return proc

    def test_cache_that_can_be_neither_read_nor_replaced_gives_two_warning_lines(self):
        cache_dir = os.path.join(self.tmp, "blocked-cache")
        self.kensa("graph", "--cache-dir", cache_dir)
        (name,) = os.listdir(cache_dir)
        os.remove(os.path.join(cache_dir, name))
        os.mkdir(os.path.join(cache_dir, name))  # where the cache file should be: a directory
        proc = self.kensa("graph", "-q", "--cache-dir", cache_dir)
        lines = proc.stderr.splitlines()
        self.assertEqual(len(lines), 2, proc.stderr)
        self.assertTrue(all(line.startswith("kensa: warning: ") for line in lines), proc.stderr)
        self.assertIn("rebuilding", lines[0])
        self.assertIn("cannot write the cache", lines[1])
        self.assertTrue(proc.stderr.endswith("\n"))

    def test_unknown_revision_is_named_once(self):
        proc = self.kensa("deps", "--rev", "no-such-rev", "minidiff", expect=2)
        self.assertEqual(proc.stderr.count("no-such-rev"), 1, proc.stderr)

    def test_a_package_folder_names_its_init(self):
        by_folder = self.kensa("deps", "src/minidiff").stdout
        self.assertEqual(by_folder, self.kensa("deps", "src/minidiff/__init__.py").stdout)
        self.assertIn("src/minidiff/__init__.py:", by_folder)
        proc = self.kensa("deps", "src", expect=2)  # a folder that is no package
        self.assertIn("no module or Python file 'src'", proc.stderr)

    def test_empty_strings_are_usage_errors(self):
        for args in (["deps", ""], ["rdeps", ""], ["chain", "", "minidiff"], ["parse", "--dump", ""],
                     ["parse", "--check", ""], ["graph", "--format", ""]):
            with self.subTest(args=args):
                proc = self.kensa(*args, expect=2)
                self.assertTrue(proc.stderr.strip(), "no message")
                self.assertFalse(proc.stderr.startswith(":"), proc.stderr)

    def test_parse_check_of_a_folder_without_python_files_says_so(self):
        empty = os.path.join(self.tmp, "empty")
        os.makedirs(empty, exist_ok=True)
        proc = self.kensa("parse", "--check", empty)
        self.assertIn("no .py file", proc.stderr)
        self.assertEqual(proc.stdout, "")

    def test_directories_and_missing_files_instead_of_files(self):
        proc = self.kensa("parse", "--dump", "src", expect=2)
        self.assertIn("src: error: Is a directory", proc.stderr)
        proc = self.kensa("parse", "--dump", "missing.py", expect=2)
        self.assertIn("missing.py: error: No such file or directory", proc.stderr)
        proc = self.kensa("deps", "missing.py", expect=2)
        self.assertIn("no module or Python file 'missing.py'", proc.stderr)
        proc = self.kensa("deps", "-C", "setup.py", "minidiff", expect=2)
        self.assertIn("Not a directory", proc.stderr)


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--kensa", required=True)
    args, rest = parser.parse_known_args()
    KENSA = os.path.abspath(args.kensa)
    unittest.main(argv=[sys.argv[0], *rest], verbosity=2)
