#!/usr/bin/env python3
"""The MCP check tools are the CLI's checks: for every repository check, `check_NAME` over
`kensa mcp` (stdio) answers with the very document `kensa NAME --json` prints on the same tree,
and `fix: true` leaves the files `kensa NAME --fix` leaves.

- Trees: a copy of diffusers (--repo, or the corpus's shallow clone with --corpus) as it is, and with one finding per
  diffusers check (the mutations of each check's own e2e test); a transformers-shaped repository
  (tests/e2e/checks/transformers_checkers_test.py's files) as it is and with an unsorted doctest
  list and auto mapping.
- Each check tool on each tree: its structuredContent equals `kensa NAME --json` (keys in order);
  the finding tree's answer differs from the clean tree's.
- Fix: two copies of the finding tree, each fixing check in turn, through the tool on one and
  `kensa NAME --fix --json` on the other: same documents, same files after every step, and each
  step changed the tree.
- check_repo_consistency equals `kensa repo-consistency --json` (also with only), and its fix
  leaves what `kensa repo-consistency --fix` leaves.
- The old arguments still work (check_copies' limit); a fix never writes through a link out of
  the root (the file outside stays as it was).
copies needs ruff: the wasm build from ../shared/tools/ruff-wasm, installed into --work by npm
(exit 77 without npm, or without the diffusers clone).
"""
import argparse
import json
import os
import shutil
import subprocess
import sys
from collections import OrderedDict
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "checks"))
sys.path.insert(0, str(HERE.parent))
import ai_docs_test  # noqa: E402
import copies_corpus  # noqa: E402
import deps_table_test  # noqa: E402
import doc_toc_test  # noqa: E402
import dummies_test  # noqa: E402
import forward_docstrings_test  # noqa: E402
import init_isort_test  # noqa: E402
import inits_test  # noqa: E402
import kill_fix_test  # noqa: E402
import support_list_test  # noqa: E402
import transformers_checkers_test as tc  # noqa: E402
from parity import Failures, clone_corpus, differing_files, write_repo  # noqa: E402

DIFFUSERS_CHECKS = ["copies", "dummies", "support-list", "forward-docstrings", "deps-table",
                    "doc-toc", "init-isort", "ai-docs", "inits"]
TRANSFORMERS_CHECKS = ["doctest-list", "auto-mappings"]
FIXING = {"copies", "dummies", "forward-docstrings", "deps-table", "doc-toc", "init-isort",
          "doctest-list", "auto-mappings"}
COMPARED = ["src", "docs", "utils", ".ai"]


def tool_name(check):
    return "check_" + check.replace("-", "_")


def ordered(text):
    return json.loads(text, object_pairs_hook=OrderedDict)


class Server:
    """`kensa mcp -C tree` over stdio, one request at a time."""

    def __init__(self, kensa, tree, env):
        self.p = subprocess.Popen([kensa, "mcp", "-C", str(tree)], stdin=subprocess.PIPE,
                                  stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True,
                                  env=env)
        self.next_id = 0
        self.request("initialize", {"protocolVersion": "2025-06-18", "capabilities": {},
                                    "clientInfo": {"name": "check_tools_test", "version": "1"}})
        self.send({"jsonrpc": "2.0", "method": "notifications/initialized"})

    def send(self, message):
        self.p.stdin.write(json.dumps(message) + "\n")
        self.p.stdin.flush()

    def request(self, method, params):
        self.next_id += 1
        self.send({"jsonrpc": "2.0", "id": self.next_id, "method": method, "params": params})
        while True:
            line = self.p.stdout.readline()
            if not line:
                raise RuntimeError("kensa mcp closed stdout")
            answer = ordered(line)
            if answer.get("id") == self.next_id:
                return answer

    def call(self, tool, arguments=None):
        return self.request("tools/call", {"name": tool, "arguments": arguments or {}})["result"]

    def close(self):
        self.p.stdin.close()
        self.p.wait(timeout=60)


def cli(kensa, tree, env, *args):
    return subprocess.run([kensa, "-C", str(tree), *args], capture_output=True, text=True,
                          env=env, timeout=600)


def cli_json(kensa, tree, env, *args):
    r = cli(kensa, tree, env, *args, "--json")
    return ordered(r.stdout) if r.stdout.startswith("{") else ("no document", r.returncode, r.stderr)


def diffusers_findings(tree):
    """One finding for each diffusers check."""
    source = (tree / kill_fix_test.TARGET).read_text(encoding="utf-8")
    (tree / kill_fix_test.TARGET).write_text(
        source.replace(kill_fix_test.ANCHOR, kill_fix_test.ADDED + kill_fix_test.ANCHOR),
        encoding="utf-8")
    dummies_test.new_torch_class(str(tree))
    support_list_test.new_processor(str(tree))
    forward_docstrings_test.stale_entry(str(tree))
    deps_table_test.changed_version(str(tree))
    doc_toc_test.swapped(str(tree))
    init_isort_test.main_keys_swapped(str(tree))
    ai_docs_test.missing_link(str(tree))
    inits_test.missing_type_hint(str(tree))


def transformers_files(findings):
    files = tc.base_files()
    if findings:
        files[tc.ND] = "docs/source/en/model_doc/gpt2.md\ndocs/source/en/index.md\n"
        tc.sub(files, tc.M, '        ("albert", "AlbertModel"),\n', '')
        tc.sub(files, tc.M, '        ("gpt2", ("GPT2Model", "GPT2LMHeadModel")),\n',
               '        ("gpt2", ("GPT2Model", "GPT2LMHeadModel")),\n        ("albert", "AlbertModel"),\n')
    return files


def copy(src, dst):
    shutil.rmtree(dst, ignore_errors=True)
    shutil.copytree(src, dst, symlinks=True, ignore=shutil.ignore_patterns(".git"))
    # A repository of its own: under ctest the work folder sits inside kensa's checkout, whose
    # root the project search would otherwise find first.
    subprocess.run(["git", "init", "-q", str(dst)], check=True)
    return dst


def differ(a, b):
    out = [d for sub in COMPARED for d in differing_files(str(a), str(b), sub)]
    return out + [n for n in ("setup.py",) if (a / n).is_file() and
                  (a / n).read_bytes() != (b / n).read_bytes()]


def same_documents(k, trees, checks, env, out):
    """Each check tool against the CLI on every tree; the finding tree's answer differs."""
    answers = {}
    for label, tree in trees.items():
        server = Server(k, tree, env)
        for check in checks:
            r = server.call(tool_name(check))
            want = cli_json(k, tree, env, check)
            got = r.get("structuredContent")
            out.expect(got == want and not r.get("isError"), "%s on %s: the CLI's document" % (check, label),
                       "tool %s\ncli  %s" % (json.dumps(r)[:1500], json.dumps(want)[:1500]))
            answers[(check, label)] = got
        server.close()
    for check in checks:
        out.expect(answers[(check, "clean")] != answers[(check, "findings")],
                   "%s: the finding tree's answer differs from the clean tree's" % check,
                   json.dumps(answers[(check, "clean")])[:800])


def same_fixes(k, findings, work, checks, env, out):
    """Each fixing check, in turn, through the tool on one copy and the CLI on another."""
    mine, ref = copy(findings, work / "fix-tool"), copy(findings, work / "fix-cli")
    server = Server(k, mine, env)
    for check in [c for c in checks if c in FIXING]:
        before = differ(findings, mine)
        r = server.call(tool_name(check), {"fix": True})
        want = cli_json(k, ref, env, check, "--fix")
        out.expect(r.get("structuredContent") == want, "%s fix: the CLI's document" % check,
                   "tool %s\ncli  %s" % (json.dumps(r)[:1500], json.dumps(want)[:1500]))
        files = differ(ref, mine)
        out.expect(not files, "%s fix: the files `kensa %s --fix` leaves" % (check, check), str(files[:20]))
        out.expect(differ(findings, mine) != before, "%s fix: the tool changed the tree" % check)
    server.close()


def suite(k, findings, work, env, out):
    server = Server(k, findings, env)
    r = server.call("check_repo_consistency")
    out.expect(r.get("structuredContent") == cli_json(k, findings, env, "repo-consistency"),
               "check_repo_consistency: `kensa repo-consistency --json`", json.dumps(r)[:1500])
    r = server.call("check_repo_consistency", {"only": ["inits", "doc-toc"]})
    want = cli_json(k, findings, env, "repo-consistency", "--only", "inits,doc-toc")
    names = [c["name"] for c in r.get("structuredContent", {}).get("checks", [])]
    out.expect(r.get("structuredContent") == want and names == ["doc-toc", "inits"],
               "check_repo_consistency only: `--only`", json.dumps(r)[:1500])
    r = server.call("check_repo_consistency", {"only": ["dumies"]})
    out.expect(r.get("isError") is True, "check_repo_consistency: an unknown check is refused")
    r = server.call("check_copies", {"limit": 1})
    doc = r.get("structuredContent", {})
    out.expect(len(doc.get("mismatches", [])) == 1 and doc["omitted"] == doc["total"] - 1 > 0,
               "check_copies limit: the first mismatches, the rest counted", json.dumps(doc)[:800])
    server.close()

    mine, ref = copy(findings, work / "suite-tool"), copy(findings, work / "suite-cli")
    server = Server(k, mine, env)
    r = server.call("check_repo_consistency", {"fix": True})
    want = cli_json(k, ref, env, "repo-consistency", "--fix")
    out.expect(r.get("structuredContent") == want, "check_repo_consistency fix: the CLI's document",
               json.dumps(r)[:1500])
    files = differ(ref, mine)
    out.expect(not files and differ(findings, mine),
               "check_repo_consistency fix: the files `repo-consistency --fix` leaves", str(files[:20]))
    server.close()


def confined(k, findings, work, env, out):
    """A dummy file linked to a file outside the root: the fix must not write there."""
    tree = copy(findings, work / "confined")
    outside = work / "outside"
    outside.mkdir(exist_ok=True)
    dummy = tree / "src/diffusers/utils/dummy_pt_objects.py"
    target = outside / "dummy_pt_objects.py"
    shutil.copy(dummy, target)
    before = target.read_bytes()
    dummy.unlink()
    dummy.symlink_to(target)
    server = Server(k, tree, env)
    r = server.call("check_dummies", {"fix": True})
    server.close()
    out.expect(target.read_bytes() == before and dummy.is_symlink(),
               "dummies fix through a link out of the root: nothing written outside",
               json.dumps(r)[:800])
    out.expect(r.get("isError") is True and "outside the project root" in r["content"][0]["text"],
               "dummies fix through a link out of the root: a tool error says why",
               json.dumps(r)[:800])


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--kensa", required=True)
    p.add_argument("--repo", help="a diffusers clone at 58eb52c (default: the corpus's)")
    p.add_argument("--corpus", help="../shared/corpus, whose shallow diffusers is cloned")
    p.add_argument("--work", required=True, help="a folder kept between runs (ruff-wasm)")
    a = p.parse_args()
    if not a.repo and a.corpus:
        fresh = Path(a.work).resolve() / "corpus"
        shutil.rmtree(fresh, ignore_errors=True)
        fresh.mkdir(parents=True)
        a.repo = clone_corpus(a.corpus, str(fresh)) or ""
    if not os.path.isfile(os.path.join(a.repo or "", "src/diffusers/__init__.py")):
        print("no diffusers clone at %s; skipping" % a.repo)
        return copies_corpus.SKIP
    k = os.path.abspath(a.kensa)
    work = Path(a.work).resolve()
    work.mkdir(parents=True, exist_ok=True)
    env = copies_corpus.env_with(copies_corpus.ensure_ruff(work, copies_corpus.shared_dir()))
    env["KENSA_CACHE_DIR"] = str(work / "cache")
    out = Failures()

    clean = copy(Path(a.repo), work / "diffusers-clean")
    findings = copy(clean, work / "diffusers-findings")
    diffusers_findings(findings)
    same_documents(k, {"clean": clean, "findings": findings}, DIFFUSERS_CHECKS, env, out)
    same_fixes(k, findings, work, DIFFUSERS_CHECKS, env, out)
    suite(k, findings, work, env, out)
    confined(k, findings, work, env, out)

    t_clean, t_findings = work / "transformers-clean", work / "transformers-findings"
    write_repo(t_clean, transformers_files(False))
    write_repo(t_findings, transformers_files(True))
    same_documents(k, {"clean": t_clean, "findings": t_findings}, TRANSFORMERS_CHECKS, env, out)
    same_fixes(k, t_findings, work, TRANSFORMERS_CHECKS, env, out)

    print("%d/%d checks: the MCP check tools are the CLI's checks" % (out.checked - out.count,
                                                                        out.checked))
    return 1 if out.count or not out.checked else 0


if __name__ == "__main__":
    sys.exit(main())
