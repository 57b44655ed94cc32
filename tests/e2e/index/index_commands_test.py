"""End-to-end tests of kensa deps, rdeps, chain, graph and cycles on the fixture repository
tests/fixtures/index_lazy (a miniature diffusers: lazy __init__ files with _import_structure,
TYPE_CHECKING blocks, dummy objects, a real import cycle, a syntax error, a script importing
its sibling), copied to a temporary git repository. Also checks the bad-input paths: a symbolic
link loop, a file name that is not UTF-8, an unreadable file, a directory outside git, an
unknown module, --rev, and the summary cache (cold, warm, corrupt).

Usage: /usr/bin/python3 index_commands_test.py --kensa BUILD/kensa
"""

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import unittest

FIXTURE = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "fixtures", "index_lazy")
KENSA = None


def git(repo, *args):
    subprocess.run(["git", "-C", repo, *args], check=True, capture_output=True)


class IndexCommandsTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.mkdtemp(prefix="kensa_index_e2e_")
        cls.repo = os.path.join(cls.tmp, "repo")
        shutil.copytree(FIXTURE, cls.repo)
        git(cls.repo, "init", "-q", "-b", "main")
        git(cls.repo, "-c", "user.email=t@t", "-c", "user.name=t", "add", "-A")
        git(cls.repo, "-c", "user.email=t@t", "-c", "user.name=t", "commit", "-q", "-m", "fixture")
        cls.cache = os.path.join(cls.tmp, "cache")

    @classmethod
    def tearDownClass(cls):
        shutil.rmtree(cls.tmp, ignore_errors=True)

    def kensa(self, *args, cwd=None, expect=0, cache=True):
        cmd = [KENSA, *args]
        if cache:
            cmd += ["--cache-dir", self.cache]
        proc = subprocess.run(cmd, cwd=cwd or self.repo, capture_output=True, text=True)
        self.assertEqual(proc.returncode, expect, f"{cmd}\nstdout:\n{proc.stdout}\nstderr:\n{proc.stderr}")
        return proc

    def lines(self, *args, **kw):
        return self.kensa(*args, **kw).stdout.splitlines()

    # --- deps / rdeps -------------------------------------------------------------------

    def test_deps_follows_lazy_inits_to_the_defining_module(self):
        self.assertEqual(
            self.lines("deps", "tests/models/test_unet.py"),
            [
                "tests/models/test_unet.py:3: tests.models.test_unet -> minidiff.models.unets.unet_2d "
                "(src/minidiff/models/unets/unet_2d.py) for UNet2DModel via minidiff, minidiff.models",
                "tests/models/test_unet.py:4: tests.models.test_unet -> minidiff.utils.import_utils "
                "(src/minidiff/utils/import_utils.py) for is_torch_available",
                "tests/models/test_unet.py:7: tests.models.test_unet -> tests.testing_utils "
                "(tests/testing_utils.py) for slow",
                "tests/models/test_unet.py:1: external unittest (standard library)",
                "tests/models/test_unet.py:5: unresolved: no module named 'minidiff.not_a_module'",
            ],
        )

    def test_deps_by_module_name_from_a_subfolder_with_kinds(self):
        out = self.lines("deps", "minidiff.models.unets.unet_2d", cwd=os.path.join(self.repo, "src", "minidiff"))
        self.assertEqual(
            out,
            [
                "src/minidiff/models/unets/unet_2d.py:3: minidiff.models.unets.unet_2d -> "
                "minidiff.models.modeling_utils (src/minidiff/models/modeling_utils.py) for ModelMixin",
                "src/minidiff/models/unets/unet_2d.py:6: minidiff.models.unets.unet_2d -> "
                "minidiff.pipelines.pipeline_utils (src/minidiff/pipelines/pipeline_utils.py) "
                "for DiffusionPipeline [type-checking]",
                "src/minidiff/models/unets/unet_2d.py:1: external typing (standard library)",
            ],
        )
        runtime = self.lines("deps", "minidiff.models.unets.unet_2d", "--runtime")
        self.assertEqual(len(runtime), 2)

    def test_deps_json(self):
        data = json.loads(self.kensa("deps", "--json", "minidiff.configuration_utils").stdout)
        self.assertEqual(data["target"], {"module": "minidiff.configuration_utils", "path": "src/minidiff/configuration_utils.py"})
        self.assertEqual(data["package"], "minidiff")
        self.assertEqual(data["preset"], "generic")
        imports = [(e["to"], e["line"], e["how"], e.get("names"), e["kind"]) for e in data["imports"]]
        self.assertEqual(
            imports,
            [
                ("src/minidiff/utils/logging.py", 4, "module", ["logging"], ["from"]),
                ("src/minidiff/models/modeling_utils.py", 11, "module", ["modeling_utils"], ["from", "function", "class"]),
            ],
        )
        self.assertEqual([(x["module"], x["stdlib"]) for x in data["external"]], [("json", True), ("os", True)])

    def test_rdeps_direct_and_transitive(self):
        self.assertEqual(
            self.lines("rdeps", "src/minidiff/models/modeling_utils.py"),
            [
                "src/minidiff/configuration_utils.py:11: minidiff.configuration_utils -> "
                "minidiff.models.modeling_utils (src/minidiff/models/modeling_utils.py) [function] [class]",
                "src/minidiff/models/__init__.py:12: minidiff.models -> minidiff.models.modeling_utils "
                "(src/minidiff/models/modeling_utils.py) for ModelMixin [type-checking]",
                "src/minidiff/models/autoencoder_kl.py:1: minidiff.models.autoencoder_kl -> "
                "minidiff.models.modeling_utils (src/minidiff/models/modeling_utils.py) for ModelMixin",
                "src/minidiff/models/unets/unet_2d.py:3: minidiff.models.unets.unet_2d -> "
                "minidiff.models.modeling_utils (src/minidiff/models/modeling_utils.py) for ModelMixin",
            ],
        )
        transitive = self.lines("rdeps", "minidiff.models.unets.unet_2d", "--transitive")
        self.assertIn("tests.models.test_unet (tests/models/test_unet.py)", transitive)
        self.assertIn("minidiff.models.unets (src/minidiff/models/unets/__init__.py)", transitive)
        self.assertIn("examples.train.train (examples/train/train.py)", transitive)

    # --- chain, graph, cycles -------------------------------------------------------------

    def test_chain(self):
        self.assertEqual(
            self.lines("chain", "examples/train/train.py", "minidiff.configuration_utils"),
            [
                "examples/train/train.py:3: examples.train.train -> minidiff.pipelines.pipeline_utils "
                "(src/minidiff/pipelines/pipeline_utils.py) for DiffusionPipeline via minidiff, minidiff.pipelines",
                "src/minidiff/pipelines/pipeline_utils.py:1: minidiff.pipelines.pipeline_utils -> "
                "minidiff.models.autoencoder_kl (src/minidiff/models/autoencoder_kl.py) for AutoencoderKL "
                "via minidiff.models",
                "src/minidiff/models/autoencoder_kl.py:1: minidiff.models.autoencoder_kl -> "
                "minidiff.models.modeling_utils (src/minidiff/models/modeling_utils.py) for ModelMixin",
                "src/minidiff/models/modeling_utils.py:3: minidiff.models.modeling_utils -> "
                "minidiff.configuration_utils (src/minidiff/configuration_utils.py) for ConfigMixin",
            ],
        )
        proc = self.kensa("chain", "minidiff.utils.logging", "minidiff", expect=1)
        self.assertEqual(proc.stdout, "minidiff.utils.logging does not import minidiff\n")
        proc = self.kensa("chain", "minidiff", "no.such.module", expect=2)
        self.assertIn("no module or Python file 'no.such.module'", proc.stderr)

    def test_graph_json_text_dot_packages(self):
        data = json.loads(self.kensa("graph", "--format", "json").stdout)
        paths = [m["path"] for m in data["modules"]]
        self.assertEqual(paths, sorted(paths))
        self.assertIn("src/minidiff/broken.py", paths)  # listed, with its syntax error
        self.assertEqual(
            [(d["path"], d.get("line"), d["message"]) for d in data["diagnostics"]],
            [("src/minidiff/broken.py", 1, "SyntaxError: invalid syntax")],
        )
        script = paths.index("examples/train/train.py")
        local = [e for e in data["edges"] if e["from"] == script and e["how"] == "script-local"]
        self.assertEqual([paths[e["to"]] for e in local], ["examples/train/train_utils.py"])
        text = self.lines("graph")
        self.assertIn("minidiff.pipelines.scheduler_glue -> minidiff.pipelines.pipeline_utils", text)
        dot = self.kensa("graph", "--format", "dot").stdout
        self.assertTrue(dot.startswith("digraph imports {\n") and dot.endswith("}\n"))
        packages = self.lines("graph", "--packages")
        self.assertIn("minidiff.models.unets -> minidiff.models (1)", packages)

    def test_cycles(self):
        proc = self.kensa("cycles", expect=1)
        self.assertEqual(
            proc.stdout.splitlines(),
            [
                "cycle 1 (2 modules): minidiff.pipelines.pipeline_utils minidiff.pipelines.scheduler_glue",
                "  src/minidiff/pipelines/pipeline_utils.py:3: minidiff.pipelines.pipeline_utils -> "
                "minidiff.pipelines.scheduler_glue (src/minidiff/pipelines/scheduler_glue.py)",
                "  src/minidiff/pipelines/scheduler_glue.py:1: minidiff.pipelines.scheduler_glue -> "
                "minidiff.pipelines.pipeline_utils (src/minidiff/pipelines/pipeline_utils.py) for DiffusionPipeline",
            ],
        )
        data = json.loads(self.kensa("cycles", "--json", expect=1).stdout)
        self.assertEqual(len(data["cycles"]), 1)

    # --- presets, revisions, bad input, cache ------------------------------------------------

    def test_preset_override(self):
        data = json.loads(self.kensa("graph", "--json", "--preset", "diffusers").stdout)
        self.assertEqual(data["preset"], "diffusers")
        proc = self.kensa("graph", "--preset", "nope", expect=2)
        self.assertIn("unknown preset 'nope'", proc.stderr)

    def test_rev_reads_the_commit_not_the_work_tree(self):
        extra = os.path.join(self.repo, "src", "minidiff", "extra.py")
        with open(extra, "w") as f:
            f.write("from .utils import logging\n")
        try:
            work = self.lines("rdeps", "minidiff.utils.logging")
            self.assertTrue(any(line.startswith("src/minidiff/extra.py:1:") for line in work))
            head = self.lines("rdeps", "minidiff.utils.logging", "--rev", "HEAD")
            self.assertFalse(any("extra.py" in line for line in head))
            proc = self.kensa("graph", "--rev", "no-such-rev", expect=2)
            self.assertIn("unknown revision 'no-such-rev'", proc.stderr)
        finally:
            os.unlink(extra)

    def test_bad_input_is_reported_and_the_run_goes_on(self):
        bad = os.path.join(self.tmp, "bad")
        shutil.copytree(FIXTURE, bad)
        os.symlink("..", os.path.join(bad, "src", "minidiff", "loop"))
        with open(os.path.join(bad.encode(), b"src", b"minidiff", b"caf\xe9.py"), "w") as f:
            f.write("x = 1\n")
        unreadable = os.path.join(bad, "src", "minidiff", "secret.py")
        with open(unreadable, "w") as f:
            f.write("x = 1\n")
        os.chmod(unreadable, 0)
        proc = self.kensa("graph", "--json", "--verbose", cwd=bad)
        self.assertIn("not a git repository", proc.stderr)
        self.assertIn("src/minidiff/loop: warning: symbolic link loop", proc.stderr)
        self.assertIn("src/minidiff/caf\\xe9.py: warning: path is not valid UTF-8; skipped", proc.stderr)
        self.assertIn("src/minidiff/broken.py:1:", proc.stderr)
        if os.geteuid() != 0:  # root reads anything
            self.assertIn("src/minidiff/secret.py: cannot read: Permission denied", proc.stderr)
        data = json.loads(proc.stdout)
        self.assertIn("src/minidiff/models/unets/unet_2d.py", [m["path"] for m in data["modules"]])

    def test_not_a_directory(self):
        proc = self.kensa("graph", "-C", os.path.join(self.tmp, "missing"), expect=2)
        self.assertIn("No such file or directory", proc.stderr)

    def test_cache_cold_warm_and_corrupt(self):
        cache = os.path.join(self.tmp, "cache-test")
        args = ["graph", "--json", "--stats", "--cache-dir", cache]
        cold = self.kensa(*args, cache=False)
        self.assertIn("parsed: 22, from cache: 0", cold.stderr)
        warm = self.kensa(*args, cache=False)
        self.assertIn("parsed: 0, from cache: 22", warm.stderr)
        self.assertEqual(json.loads(cold.stdout), json.loads(warm.stdout))
        [name] = os.listdir(cache)
        with open(os.path.join(cache, name), "r+b") as f:
            f.seek(40)
            f.write(b"garbage")
        corrupt = self.kensa(*args, cache=False)
        self.assertIn("ignored and rebuilt", corrupt.stderr)
        self.assertIn("parsed: 22, from cache: 0", corrupt.stderr)
        self.assertEqual(json.loads(corrupt.stdout), json.loads(cold.stdout))
        again = self.kensa(*args, cache=False)
        self.assertIn("parsed: 0, from cache: 22", again.stderr)


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--kensa", required=True)
    args, rest = parser.parse_known_args()
    KENSA = os.path.abspath(args.kensa)
    unittest.main(argv=[sys.argv[0], *rest], verbosity=2)
