"""End-to-end tests of the stat-validated summary cache (issue 16): a warm run trusts a file's
stat data (size, mtime, inode, ctime) and does not read it; any change to that data makes it
read and hashed again; a stamp not older than the run that took it (the racy-git rule) is never
trusted. Each case checks what `--stats` says was read and parsed and that the answer follows
the file's real content.

Usage: /usr/bin/python3 stamp_cache_test.py --kensa BUILD/kensa
"""

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
import unittest

KENSA = None

FILES = {
    "setup.py": "from setuptools import setup\nsetup(name='pkg')\n",
    "src/pkg/__init__.py": "from .core import Core\n",
    "src/pkg/core.py": "import os\n\n\nclass Core:\n    pass\n",
    "src/pkg/util.py": "import sys\n",
    "tests/test_core.py": "from pkg.core import Core\n",
}


class StampCacheTest(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.mkdtemp(prefix="kensa_stamp_e2e_")
        self.repo = os.path.join(self.tmp, "repo")
        self.cache = os.path.join(self.tmp, "cache")
        for path, text in FILES.items():
            full = os.path.join(self.repo, path)
            os.makedirs(os.path.dirname(full), exist_ok=True)
            with open(full, "w") as f:
                f.write(text)
        # Every file older than the first run's start, so that run's stamps are trusted.
        old = time.time_ns() - 10 * 10**9
        for path in FILES:
            os.utime(self.path(path), ns=(old, old))

    def tearDown(self):
        shutil.rmtree(self.tmp, ignore_errors=True)

    def path(self, rel):
        return os.path.join(self.repo, rel)

    def deps(self, target="pkg.core"):
        """(the external modules `target` imports, the --stats counters)."""
        proc = subprocess.run(
            [KENSA, "deps", target, "--stats", "--cache-dir", self.cache], cwd=self.repo,
            capture_output=True, text=True, timeout=120)
        self.assertEqual(proc.returncode, 0, proc.stderr)
        m = re.search(r"files: (\d+), bytes read: (\d+), parsed: (\d+), from cache: (\d+) "
                      r"\(unread: (\d+)\)", proc.stderr)
        self.assertIsNotNone(m, proc.stderr)
        keys = ("files", "bytes_read", "parsed", "cache_hits", "unread")
        stats = dict(zip(keys, map(int, m.groups())))
        externals = re.findall(r": external (\S+)", proc.stdout)
        return externals, stats

    def test_a_warm_run_reads_no_unchanged_file(self):
        _, cold = self.deps()
        self.assertEqual(cold["parsed"], len(FILES))
        externals, warm = self.deps()
        self.assertEqual(externals, ["os"])
        self.assertEqual(warm["bytes_read"], 0)
        self.assertEqual(warm["unread"], len(FILES))

    def test_a_same_size_edit_with_the_same_mtime_is_seen(self):
        self.deps()
        path = self.path("src/pkg/core.py")
        st = os.stat(path)
        text = FILES["src/pkg/core.py"].replace("import os", "import re")
        self.assertEqual(len(text), st.st_size)
        with open(path, "r+") as f:  # in place: same inode
            f.write(text)
        os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns))  # same size, same mtime
        self.assertEqual(os.stat(path).st_ino, st.st_ino)
        externals, stats = self.deps()
        self.assertEqual(externals, ["re"])  # the change in ctime gave it away
        self.assertEqual(stats["parsed"], 1)
        self.assertEqual(stats["unread"], len(FILES) - 1)

    def test_a_stamp_not_older_than_its_run_is_never_trusted(self):
        # A file whose mtime is after the moment the run took its stamps (here: in the
        # future) is racy: a write in the same tick would leave the same stamp.
        future = time.time_ns() + 3600 * 10**9
        path = self.path("src/pkg/util.py")
        os.utime(path, ns=(future, future))
        self.deps()
        _, warm = self.deps()
        self.assertEqual(warm["unread"], len(FILES) - 1)
        self.assertEqual(warm["bytes_read"], os.stat(path).st_size)
        self.assertEqual(warm["parsed"], 0)  # read and hashed: the content is known

    def test_a_touched_unchanged_file_is_rehashed_and_accepted(self):
        self.deps()
        path = self.path("src/pkg/core.py")
        os.utime(path, ns=(time.time_ns() - 5 * 10**9,) * 2)
        externals, touched = self.deps()
        self.assertEqual(externals, ["os"])
        self.assertEqual(touched["parsed"], 0)
        self.assertEqual(touched["cache_hits"], len(FILES))
        self.assertEqual(touched["unread"], len(FILES) - 1)
        self.assertEqual(touched["bytes_read"], os.stat(path).st_size)
        _, again = self.deps()  # the new stamp was recorded
        self.assertEqual(again["unread"], len(FILES))

    def test_a_changed_file_is_reparsed(self):
        self.deps()
        path = self.path("src/pkg/core.py")
        with open(path, "a") as f:
            f.write("import json\n")
        externals, stats = self.deps()
        self.assertEqual(externals, ["os", "json"])
        self.assertEqual(stats["parsed"], 1)
        self.assertEqual(stats["cache_hits"], len(FILES) - 1)

    def test_a_file_replaced_by_rename_is_reparsed(self):
        self.deps()
        path = self.path("src/pkg/core.py")
        st = os.stat(path)
        text = FILES["src/pkg/core.py"].replace("import os", "import io")
        with open(path + ".tmp", "w") as f:
            f.write(text)
        os.utime(path + ".tmp", ns=(st.st_atime_ns, st.st_mtime_ns))
        os.rename(path + ".tmp", path)  # an editor's atomic save: a new inode
        externals, stats = self.deps()
        self.assertEqual(externals, ["io"])
        self.assertEqual(stats["parsed"], 1)


if __name__ == "__main__":
    ap = argparse.ArgumentParser()
    ap.add_argument("--kensa", required=True)
    args, rest = ap.parse_known_args()
    KENSA = os.path.abspath(args.kensa)
    unittest.main(argv=[sys.argv[0]] + rest)
