#!/usr/bin/env python3
"""Load test of `kensa mcp --http` (loopback only, bounded in count and time): N requests
(default 10,000) from 8 concurrent clients, a mix of valid tool calls, malformed JSON, unknown
methods, wrong params, huge strings and oversized bodies, on a repository (default a diffusers
clone). Checks that the server never crashes and answers every request (a JSON-RPC answer, or
an HTTP error status for a body it refuses), and that its memory stays flat: RSS at the end
<= 1.2x RSS after the first 100 requests. Prints the p50/p99 latency of warm `definition` calls
(a full name, a bare name) and the RSS figures.

  bench/mcp_load.py --kensa build/kensa --repo /work/corpus/diffusers [--requests 10000]
"""
import argparse
import http.client
import json
import os
import random
import re
import subprocess
import sys
import tempfile
import threading
import time


def rss_kb(pid):
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    return 0


class Client:
    def __init__(self, host, port):
        self.conn = http.client.HTTPConnection(host, port, timeout=120)
        self.session = None

    def post(self, body, session=True):
        headers = {"Content-Type": "application/json", "Accept": "application/json, text/event-stream"}
        if isinstance(body, str):
            body = body.encode("utf-8", "surrogateescape")  # one send with the headers
        if session and self.session:
            headers["Mcp-Session-Id"] = self.session
        try:
            self.conn.request("POST", "/mcp", body=body, headers=headers)
            r = self.conn.getresponse()
            data = r.read()
        except (http.client.HTTPException, ConnectionError, OSError):
            # The server may close a connection after refusing a body: reconnect and count the
            # request as unanswered only if the server is gone (checked by the caller).
            self.conn.close()
            self.conn = http.client.HTTPConnection(self.conn.host, self.conn.port, timeout=120)
            return None, None, None
        return r.status, r.getheader("Mcp-Session-Id"), data

    def initialize(self):
        body = json.dumps({"jsonrpc": "2.0", "id": 0, "method": "initialize",
                           "params": {"protocolVersion": "2025-11-25", "capabilities": {},
                                      "clientInfo": {"name": "load", "version": "1"}}})
        status, session, _ = self.post(body, session=False)
        assert status == 200 and session, status
        self.session = session
        self.post(json.dumps({"jsonrpc": "2.0", "method": "notifications/initialized"}))


def requests_mix(n, seed):
    """(kind, body) pairs: what is sent, and what answer it must get."""
    rnd = random.Random(seed)
    names = ["UNet2DModel", "DiffusionPipeline.from_pretrained", "get_logger", "ModelMixin",
             "diffusers.models.unets.unet_2d.UNet2DModel", "SchedulerMixin", "randn_tensor"]
    modules = ["diffusers.models.unets.unet_2d", "diffusers.utils.logging", "diffusers.pipelines.pipeline_utils"]
    out = []
    for i in range(1, n + 1):
        x = rnd.random()
        if x < 0.35:
            tool = rnd.choice(["definition", "definition", "imports", "importers", "import_chain", "references"])
            args = {"definition": {"name": rnd.choice(names), "limit": 5},
                    "imports": {"module": rnd.choice(modules), "limit": 20},
                    "importers": {"module": rnd.choice(modules), "limit": 20},
                    "import_chain": {"from": "diffusers", "to": rnd.choice(modules)},
                    "references": {"name": "diffusers.utils.torch_utils.randn_tensor", "limit": 10}}[tool]
            out.append(("tool:" + tool, json.dumps({"jsonrpc": "2.0", "id": i, "method": "tools/call",
                                                     "params": {"name": tool, "arguments": args}})))
        elif x < 0.45:
            out.append(("ok", json.dumps({"jsonrpc": "2.0", "id": i, "method": rnd.choice(["ping", "tools/list"])})))
        elif x < 0.60:
            good = json.dumps({"jsonrpc": "2.0", "id": i, "method": "ping"})
            cut = rnd.randrange(1, len(good) - 1)
            out.append(("error:-32700", rnd.choice([good[:cut], good[:cut] + "}}", "{" * 3, "nul\x00l", "\xff\xfe"])))
        elif x < 0.72:
            out.append(("error:-32601", json.dumps({"jsonrpc": "2.0", "id": i, "method": "no/such/" + str(i)})))
        elif x < 0.84:
            bad = rnd.choice([
                {"name": "definition", "arguments": {"name": 12}},
                {"name": "definition", "arguments": {}},
                {"name": "imports", "arguments": {"module": "x", "limit": -3}},
                {"name": "callers", "arguments": {"name": "x", "depth": 99}},
                {"name": "definition", "arguments": {"name": "x", "surprise": True}}])
            out.append(("tool-error", json.dumps({"jsonrpc": "2.0", "id": i, "method": "tools/call", "params": bad})))
        elif x < 0.90:
            out.append(("error:-32602", json.dumps({"jsonrpc": "2.0", "id": i, "method": "tools/call",
                                                     "params": rnd.choice([{"name": "nope"}, {}, {"name": 3}])})))
        elif x < 0.97:
            size = rnd.choice([5000, 70000, 1 << 20])
            out.append(("tool-error", json.dumps({"jsonrpc": "2.0", "id": i, "method": "tools/call",
                                                   "params": {"name": "definition", "arguments": {"name": "A" * size}}})))
        elif x < 0.99:
            out.append(("error:-32600", "[" * 5000 + "]" * 5000))
        else:
            out.append(("refused", json.dumps({"jsonrpc": "2.0", "id": i, "method": "ping",
                                                "params": {"junk": "z" * (5 << 20)}})))
    return out


def answered_right(kind, status, data):
    if kind == "refused":
        return status is not None and status >= 400 or status == 200
    if status != 200 or not data:
        return False
    try:
        r = json.loads(data)
    except ValueError:
        return False
    if kind.startswith("error:"):
        return r.get("error", {}).get("code") == int(kind.split(":")[1])
    if kind == "tool-error":
        return r.get("result", {}).get("isError") is True
    if kind.startswith("tool:"):
        res = r.get("result", {})
        return "structuredContent" in res or res.get("isError") is True
    return "result" in r


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--kensa", required=True)
    p.add_argument("--repo", default="/work/corpus/diffusers")
    p.add_argument("--requests", type=int, default=10000)
    p.add_argument("--clients", type=int, default=8)
    p.add_argument("--seconds", type=float, default=1200, help="stop after this long")
    a = p.parse_args()
    cache = tempfile.mkdtemp(prefix="kensa-mcp-load-")
    server = subprocess.Popen([a.kensa, "mcp", "-C", a.repo, "--http", "127.0.0.1:0"], stderr=subprocess.PIPE,
                              text=True, env=dict(os.environ, KENSA_CACHE_DIR=cache))
    m = re.search(r"http://([\d.]+):(\d+)/mcp", server.stderr.readline())
    host, port = m.group(1), int(m.group(2))
    server_log = []
    threading.Thread(target=lambda: server_log.extend(server.stderr), daemon=True).start()

    mix = requests_mix(a.requests, 15)
    lock = threading.Lock()
    next_index = [0]
    results = [None] * len(mix)
    rss_after_100 = [None]
    deadline = time.monotonic() + a.seconds

    def worker():
        c = Client(host, port)
        c.initialize()
        while time.monotonic() < deadline:
            with lock:
                i = next_index[0]
                next_index[0] += 1
            if i >= len(mix):
                return
            kind, body = mix[i]
            t0 = time.perf_counter()
            status, _, data = c.post(body.encode("utf-8", "surrogateescape") if isinstance(body, str) else body)
            results[i] = (kind, answered_right(kind, status, data), time.perf_counter() - t0, status)
            if i == 99:
                rss_after_100[0] = rss_kb(server.pid)

    started = time.monotonic()
    threads = [threading.Thread(target=worker) for _ in range(a.clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    elapsed = time.monotonic() - started
    alive = server.poll() is None
    rss_end = rss_kb(server.pid) if alive else 0

    # Warm latency of one query, alone (no concurrent load): 200 `definition` calls of a full
    # name (resolved through the index) and 200 of a bare one (a scan of every summary).
    c = Client(host, port)
    c.initialize()
    warm = {}
    for name in ["diffusers.models.unets.unet_2d.UNet2DModel", "UNet2DModel"]:
        times = []
        for i in range(200):
            body = json.dumps({"jsonrpc": "2.0", "id": 100000 + i, "method": "tools/call",
                               "params": {"name": "definition", "arguments": {"name": name, "limit": 5}}})
            t0 = time.perf_counter()
            status, _, data = c.post(body)
            times.append(time.perf_counter() - t0)
            assert answered_right("tool:definition", status, data)
        warm[name] = sorted(times)
    server.terminate()
    server.wait(timeout=30)

    done = [r for r in results if r is not None]
    wrong = [(i, r) for i, r in enumerate(results) if r is not None and not r[1]]
    by_kind = {}
    for kind, ok, _, _ in done:
        by_kind.setdefault(kind, [0, 0])
        by_kind[kind][0] += 1
        by_kind[kind][1] += ok
    lat = sorted(r[2] for r in done if r[0].startswith("tool:definition"))
    pct = lambda xs, q: xs[min(len(xs) - 1, int(q * len(xs)))] * 1e3 if xs else float("nan")
    print(f"repository: {a.repo}")
    print(f"requests: {len(done)} of {len(mix)} sent in {elapsed:.1f} s by {a.clients} clients; "
          f"answered as specified: {len(done) - len(wrong)}; server alive: {alive}")
    for kind, (n, ok) in sorted(by_kind.items()):
        print(f"  {kind:22s} {n:6d} sent, {ok:6d} right")
    for i, r in wrong[:10]:
        print(f"  wrong answer to request {i}: {r}")
    print(f"index rebuilds while serving: {sum('re-reading' in l for l in server_log)}")
    print(f"RSS after the first 100: {rss_after_100[0]} kB; at the end: {rss_end} kB; "
          f"ratio {rss_end / rss_after_100[0]:.3f} (limit 1.2)")
    print(f"definition under load: p50 {pct(lat, 0.5):.1f} ms, p99 {pct(lat, 0.99):.1f} ms")
    for name, times in warm.items():
        print(f"warm definition {name} alone (200 calls): p50 {pct(times, 0.5):.1f} ms, "
              f"p99 {pct(times, 0.99):.1f} ms")
    ok = alive and not wrong and len(done) == len(mix) and rss_end <= 1.2 * rss_after_100[0]
    print("PASS" if ok else "FAIL")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
