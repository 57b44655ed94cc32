#!/usr/bin/env python3
"""`kensa mcp` over stdio at the JSON-RPC level, without an SDK: every malformed or odd message
gets the error the specification names (with the request's id when it has one), notifications
get no answer, a batch gets an array, and the server keeps answering afterwards and exits 0 when
stdin closes."""
import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile

INIT = {"jsonrpc": "2.0", "id": 0, "method": "initialize",
        "params": {"protocolVersion": "2025-06-18", "capabilities": {}, "clientInfo": {"name": "t", "version": "1"}}}

# (line sent, what the answer must be: None for no answer, or a function of the parsed answer)
def cases():
    err = lambda code, id_=None: (lambda r: r.get("error", {}).get("code") == code and r.get("id") == id_)
    ok = lambda id_: (lambda r: "result" in r and r["id"] == id_)
    return [
        (json.dumps(INIT), lambda r: r["result"]["protocolVersion"] == "2025-06-18"),
        ('{"jsonrpc":"2.0","method":"notifications/initialized"}', None),
        ("this is not json", err(-32700)),
        ('{"jsonrpc":"2.0","id":1', err(-32700)),
        ('"just a string"', err(-32600)),
        ('{"jsonrpc":"2.0","id":2}', err(-32600, 2)),
        ('{"jsonrpc":"1.0","id":3,"method":"ping"}', err(-32600, 3)),
        ('{"jsonrpc":"2.0","id":{"x":1},"method":"ping"}', err(-32600)),
        ('{"jsonrpc":"2.0","id":4,"method":7}', err(-32600, 4)),
        ('{"jsonrpc":"2.0","id":5,"method":"no/such/method"}', err(-32601, 5)),
        ('{"jsonrpc":"2.0","id":6,"method":"tools/call","params":[1,2]}', err(-32602, 6)),
        ('{"jsonrpc":"2.0","id":7,"method":"tools/call","params":{}}', err(-32602, 7)),
        ('{"jsonrpc":"2.0","id":8,"method":"tools/call","params":{"name":"nope"}}', err(-32602, 8)),
        ('{"jsonrpc":"2.0","id":9,"method":"tools/call","params":{"name":"definition","arguments":{"name":"x","extra":1}}}',
         lambda r: r["result"]["isError"] is True and "extra" in r["result"]["content"][0]["text"]),
        ('{"jsonrpc":"2.0","id":10,"method":"tools/call","params":{"name":"definition","arguments":{"name":"x","limit":1e300}}}',
         lambda r: r["result"]["isError"] is True),
        ('{"jsonrpc":"2.0","id":11,"method":"tools/call","params":{"name":"definition","arguments":{"name":"' + "x" * 5000 + '"}}}',
         lambda r: r["result"]["isError"] is True),
        ("[" * 100000 + "]" * 100000, err(-32600)),
        ('{"jsonrpc":"2.0","id":12,"method":"ping","params":{"deep":' + "[" * 70 + "]" * 70 + '}}', err(-32600)),
        ('{"jsonrpc":"2.0","id":13,"method":"ping","params":{"text":"' + "y" * (5 << 20) + '"}}', err(-32600)),
        ("[]", err(-32600)),
        ('[{"jsonrpc":"2.0","id":14,"method":"ping"},{"jsonrpc":"2.0","method":"notifications/x"},{"jsonrpc":"2.0","id":15,"method":"ping"}]',
         lambda r: isinstance(r, list) and [x["id"] for x in r] == [14, 15]),
        ('{"jsonrpc":"2.0","id":16,"result":{}}', None),  # a response to nothing: ignored
        ('{"jsonrpc":"2.0","id":"s","method":"logging/setLevel","params":{"level":"info"}}', ok("s")),
        ('{"jsonrpc":"2.0","id":17,"method":"logging/setLevel","params":{"level":"loud"}}', err(-32602, 17)),
        ('{"jsonrpc":"2.0","id":18,"method":"tools/list"}', lambda r: len(r["result"]["tools"]) >= 13),
        ('{"jsonrpc":"2.0","id":19,"method":"ping"}', ok(19)),
    ]


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--kensa", required=True)
    p.add_argument("--fixture", required=True)
    a = p.parse_args()
    work = tempfile.mkdtemp(prefix="kensa-mcp-protocol-")
    try:
        repo = os.path.join(work, "repo")
        shutil.copytree(a.fixture, repo)
        env = dict(os.environ, KENSA_CACHE_DIR=os.path.join(work, "cache"))
        sent = cases()
        text = "".join(line + "\n" for line, _ in sent)
        r = subprocess.run([a.kensa, "mcp", "-C", repo], input=text.encode(), stdout=subprocess.PIPE,
                           stderr=subprocess.PIPE, env=env, timeout=300)
        answers = [json.loads(l) for l in r.stdout.decode().splitlines()]
        expected = [check for _, check in sent if check is not None]
        failures = []
        if r.returncode != 0:
            failures.append(f"exit status {r.returncode}: {r.stderr.decode()[-2000:]}")
        if len(answers) != len(expected):
            failures.append(f"{len(answers)} answers for {len(expected)} requests")
        for i, (check, answer) in enumerate(zip(expected, answers)):
            if not check(answer):
                failures.append(f"answer {i}: {json.dumps(answer)[:300]}")
        for f in failures:
            print("FAIL:", f)
        print(f"{len(expected)} requests, {len(answers)} answers, {len(failures)} failures")
        return 1 if failures else 0
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
