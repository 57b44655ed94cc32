"""The command line as a whole: global options before the command (-C, --preset, --verbose) for
every command of the table, `kensa` / `kensa help` / `kensa help CMD`, unknown commands and
options, and the one-line summary of files that could not be parsed. The commands are read
from `kensa help`, so a command added to the table is covered without editing this file.

Usage: /usr/bin/python3 global_options_test.py --kensa BUILD/kensa
"""

import argparse
import json
import os
import re
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


class GlobalOptionsTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.mkdtemp(prefix="kensa_cli_e2e_")
        cls.repo = os.path.join(cls.tmp, "repo")
        shutil.copytree(FIXTURE, cls.repo)
        git(cls.repo, "init", "-q", "-b", "main")
        git(cls.repo, "add", "-A")
        git(cls.repo, "commit", "-q", "-m", "fixture")
        cls.outside = os.path.join(cls.tmp, "elsewhere")
        os.mkdir(cls.outside)
        cls.env = dict(os.environ, KENSA_CACHE_DIR=os.path.join(cls.tmp, "cache"))

    @classmethod
    def tearDownClass(cls):
        shutil.rmtree(cls.tmp, ignore_errors=True)

    def run_kensa(self, *args, cwd=None):
        return subprocess.run([KENSA, *args], cwd=cwd or self.outside, capture_output=True,
                              text=True, stdin=subprocess.DEVNULL, env=self.env, timeout=120)

    def kensa(self, *args, cwd=None, expect=0):
        proc = self.run_kensa(*args, cwd=cwd)
        self.assertEqual(proc.returncode, expect,
                         f"kensa {args}\nstdout:\n{proc.stdout}\nstderr:\n{proc.stderr}")
        return proc

    def restore_repo(self):
        git(self.repo, "checkout", "-q", "--", ".")
        git(self.repo, "clean", "-qfd")

    def command_names(self):
        """The names listed under the headings of `kensa help`."""
        text = self.kensa("help").stdout
        names = []
        section = None
        for line in text.splitlines():
            if re.match(r"^[A-Z][\w -]*:$", line):
                section = line
            elif section and not section.startswith("Global") and not section.startswith("Examples"):
                m = re.match(r"^  ([a-z][\w-]*)  +\S", line)
                if m:
                    names.append(m.group(1))
        return names

    # --- help ---------------------------------------------------------------------------

    def test_bare_kensa_and_help_print_the_grouped_command_list(self):
        bare = self.kensa().stdout
        self.assertEqual(bare, self.kensa("help").stdout)
        self.assertEqual(bare, self.kensa("--help").stdout)
        for heading in ("Pull-request checks:", "Import graph:", "Parser:", "Global options",
                        "Examples:", "Exit codes:"):
            self.assertIn(heading, bare)
        names = self.command_names()
        for expected in ("tests", "copies", "deps", "rdeps", "graph", "parse"):
            self.assertIn(expected, names)
        # tests (a pull-request check) comes before deps (import graph): grouped, not sorted.
        self.assertLess(names.index("tests"), names.index("deps"))

    def test_help_command_is_the_command_help_with_kensa_in_usage(self):
        for name in self.command_names():
            with self.subTest(command=name):
                via_help = self.kensa("help", name).stdout
                self.assertEqual(via_help, self.kensa(name, "--help").stdout)
                self.assertIn(f"Usage: kensa {name} ", via_help)
                self.assertNotIn(KENSA, via_help)
                self.assertIn("Global options go before the command", via_help)

    def test_unknown_command_suggests_the_closest_name(self):
        proc = self.kensa("depz", expect=2)
        self.assertIn("'depz' is not a kensa command; did you mean 'deps'?", proc.stderr)
        proc = self.kensa("cycels", expect=2)
        self.assertIn("did you mean 'cycles'?", proc.stderr)
        proc = self.kensa("help", "grpah", expect=2)
        self.assertIn("did you mean 'graph'?", proc.stderr)
        proc = self.kensa("zzzzzzzz", expect=2)
        self.assertNotIn("did you mean", proc.stderr)
        proc = self.kensa("--no-such-option", "deps", expect=2)
        self.assertIn("unknown option '--no-such-option' before the command", proc.stderr)

    # --- -C -----------------------------------------------------------------------------

    def test_dash_c_before_every_command_is_the_same_as_running_there(self):
        for name in self.command_names():
            with self.subTest(command=name):
                # A fix command (fix-copies) changes the tree: each run starts from the commit.
                here = self.run_kensa(name, cwd=self.repo)
                self.restore_repo()
                there = self.run_kensa("-C", self.repo, name, cwd=self.outside)
                self.restore_repo()
                self.assertEqual((there.returncode, there.stdout, there.stderr),
                                 (here.returncode, here.stdout, here.stderr))
                self.assertNotIn("internal error", there.stderr)
                missing = self.kensa("-C", os.path.join(self.tmp, "missing"), name, expect=2)
                self.assertIn("cannot change to", missing.stderr)
                self.assertIn("No such file or directory", missing.stderr)

    def test_dash_c_before_and_after_the_command_agree(self):
        target = "tests/models/test_unet.py"
        before = self.kensa("-C", self.repo, "deps", target).stdout
        after = self.kensa("deps", "-C", self.repo, target).stdout
        inside = self.kensa("deps", target, cwd=self.repo).stdout
        self.assertEqual(before, inside)
        self.assertEqual(after, inside)
        self.assertIn("minidiff.models.unets.unet_2d", inside)

    def test_several_dash_c_apply_in_order_as_git(self):
        inside = self.kensa("graph", cwd=self.repo).stdout
        # Each -C relative to the previous one; "" stays put; an absolute one starts over.
        self.assertEqual(self.kensa("-C", self.tmp, "-C", "repo", "graph").stdout, inside)
        self.assertEqual(self.kensa("-C", "", "-C", self.repo, "graph").stdout, inside)
        self.assertEqual(self.kensa("-C", "/", "-C", self.repo, "-C", "src", "graph").stdout, inside)
        # The global -C changes directory first; the command's own -C is then relative to it.
        self.assertEqual(self.kensa("-C", self.tmp, "graph", "-C", "repo").stdout, inside)
        # Same as git: the second -C is relative to the first one.
        nested = subprocess.run(["git", "-C", self.repo, "-C", "src", "rev-parse", "--show-prefix"],
                                capture_output=True, text=True, check=True).stdout.strip()
        self.assertEqual(nested, "src/")

    def test_dash_c_to_a_file_or_nowhere_is_a_usage_error(self):
        proc = self.kensa("-C", os.path.join(self.repo, "setup.py"), "graph", expect=2)
        self.assertIn("Not a directory", proc.stderr)
        proc = self.kensa("-C", expect=2)
        self.assertNotIn("internal error", proc.stderr)

    def test_commands_without_a_project_take_dash_c_too(self):
        proc = self.kensa("-C", os.path.join(self.repo, "src", "minidiff"), "parse", "--check",
                          "broken.py", expect=1)
        self.assertIn("broken.py:1:", proc.stdout + proc.stderr)

    # --- --preset -----------------------------------------------------------------------

    def test_global_preset_reaches_the_command_and_the_command_own_wins(self):
        data = json.loads(self.kensa("--preset", "generic", "-C", self.repo, "graph",
                                     "--format", "json").stdout)
        self.assertEqual(data["preset"], "generic")
        proc = self.kensa("--preset", "nope", "-C", self.repo, "graph", expect=2)
        self.assertIn("unknown preset 'nope'", proc.stderr)
        data = json.loads(self.kensa("--preset", "nope", "-C", self.repo, "graph", "--preset",
                                     "generic", "--format", "json").stdout)
        self.assertEqual(data["preset"], "generic")
        proc = self.kensa("--preset", "generic", "parse", "--check", os.path.join(self.repo, "setup.py"))
        self.assertIn("--preset is ignored", proc.stderr)

    # --- problems of other files: one line ----------------------------------------------

    def test_files_that_do_not_parse_are_one_summary_line(self):
        bad = os.path.join(self.tmp, "bad")
        shutil.copytree(self.repo, bad)
        for name in ("broken2.py", "broken3.py"):
            with open(os.path.join(bad, "src", "minidiff", name), "w") as f:
                f.write("def g(:\n")
        target = "tests/models/test_unet.py"
        proc = self.kensa("-C", bad, "deps", target)
        self.assertIn("kensa: warning: 3 files could not be parsed; --verbose lists them\n",
                      proc.stderr)
        self.assertNotIn("broken.py:1:", proc.stderr)
        self.assertTrue(proc.stderr.endswith("\n"))
        for verbose in (["--verbose", "deps"], ["deps", "--verbose"]):
            proc = self.kensa("-C", bad, *verbose, target)
            for name in ("broken.py", "broken2.py", "broken3.py"):
                self.assertIn(f"src/minidiff/{name}:1:", proc.stderr)
            self.assertNotIn("could not be parsed", proc.stderr)
        data = json.loads(self.kensa("-C", bad, "deps", "--json", target).stdout)
        self.assertEqual(sorted(d["path"] for d in data["diagnostics"]),
                         ["src/minidiff/broken.py", "src/minidiff/broken2.py",
                          "src/minidiff/broken3.py"])
        # The file asked about is not "unrelated": its own problem is shown.
        proc = self.kensa("-C", bad, "deps", "src/minidiff/broken2.py")
        self.assertIn("src/minidiff/broken2.py:1:", proc.stderr)
        self.assertNotIn("src/minidiff/broken3.py:1:", proc.stderr)


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--kensa", required=True)
    args, rest = parser.parse_known_args()
    KENSA = os.path.abspath(args.kensa)
    unittest.main(argv=[sys.argv[0], *rest], verbosity=2)
