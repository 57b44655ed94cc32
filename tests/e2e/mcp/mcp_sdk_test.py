#!/usr/bin/env python3
"""`kensa mcp` driven by the official TypeScript MCP SDK (sdk_client.mjs), over stdio and
Streamable HTTP, on the blog fixture (a transformers-like tree, copied and made a git
repository, with a link to a file outside it) and on examples/minidiff with a contributor's
branch (as scripts/run-example makes it). Installs the SDK through scripts/install-mcp-test-deps
(cached); skips (77) when npm or the registry is unavailable."""
import argparse
import os
import shutil
import subprocess
import sys
import tempfile


def git(repo, *args):
    subprocess.run(["git", "-c", "user.name=kensa test", "-c", "user.email=test@kensa.invalid", *args],
                   cwd=repo, check=True, stdout=subprocess.DEVNULL)


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--kensa", required=True)
    p.add_argument("--source", required=True, help="the kensa source tree")
    p.add_argument("--transport", choices=["stdio", "http", "both"], default="both")
    a = p.parse_args()
    if shutil.which("node") is None:
        print("node is not installed; skipping")
        return 77
    install = subprocess.run([os.path.join(a.source, "scripts/install-mcp-test-deps")],
                             stdout=subprocess.PIPE, text=True)
    if install.returncode != 0:
        print("the MCP SDK could not be installed; skipping")
        return 77
    node_dir = install.stdout.strip().splitlines()[-1]

    work = tempfile.mkdtemp(prefix="kensa-mcp-sdk-")
    try:
        outside = os.path.join(work, "outside")
        os.makedirs(outside)
        with open(os.path.join(outside, "secret.py"), "w") as f:
            f.write("def secret_outside_the_root():\n    pass\n")
        blog = os.path.join(work, "blog")
        shutil.copytree(os.path.join(a.source, "tests/fixtures/blog_transformers"), blog)
        os.symlink(os.path.join(outside, "secret.py"), os.path.join(blog, "src/transformers/linked_secret.py"))
        git(blog, "init", "-q", "-b", "main")
        git(blog, "add", "-A")
        git(blog, "commit", "-q", "-m", "blog")

        minidiff = os.path.join(work, "minidiff")
        shutil.copytree(os.path.join(a.source, "examples/minidiff"), minidiff)
        git(minidiff, "init", "-q", "-b", "main")
        git(minidiff, "add", "-A")
        git(minidiff, "commit", "-q", "-m", "minidiff 0.1")
        git(minidiff, "checkout", "-q", "-b", "faster-unet")
        unet = os.path.join(minidiff, "src/minidiff/models/unet_2d.py")
        text = open(unet).read()
        assert "value + self.channels for value" in text
        open(unet, "w").write(text.replace("value + self.channels for value", "value + 2 * self.channels for value"))
        git(minidiff, "commit", "-q", "-am", "UNet: a stronger residual step")

        env = dict(os.environ, KENSA_CACHE_DIR=os.path.join(work, "cache"))
        client = os.path.join(os.path.dirname(os.path.abspath(__file__)), "sdk_client.mjs")
        failed = 0
        for transport in (["stdio", "http"] if a.transport == "both" else [a.transport]):
            # Each run edits the blog tree; start both from the committed state.
            git(blog, "checkout", "-q", "--", ".")
            git(blog, "clean", "-fdq")
            r = subprocess.run(["node", client, node_dir, os.path.abspath(a.kensa), blog, minidiff, transport],
                               env=env, timeout=600)
            failed += r.returncode != 0
        return 1 if failed else 0
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
