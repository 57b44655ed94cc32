#!/usr/bin/env python3
"""`kensa emits` on the blog post's case (tests/fixtures/blog_transformers, ../shared/seeds/000_*).

The fixture is run with /usr/bin/python3 as the blog ran transformers:
AutoModelForCausalLM.from_pretrained("HuggingFaceTB/SmolLM-135M"). A log record factory
captures the warning as it is printed and the file:line of the logger call that made it. Then
`kensa emits` on that text (as printed, with logging's default "WARNING:name:" prefix, and cut
after its first sentence) must
rank that call first, as logger.warning in transformers.dynamic_module_utils._sanitize_module_name.
"""
import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile

RUN = r'''
import json, logging, sys
records = []
factory = logging.getLogRecordFactory()
def capture(*args, **kwargs):
    record = factory(*args, **kwargs)
    records.append(record)
    return record
logging.setLogRecordFactory(capture)
from transformers import AutoModelForCausalLM
AutoModelForCausalLM.from_pretrained("HuggingFaceTB/SmolLM-135M")
r = [r for r in records if "valid Python identifier" in r.getMessage()][0]
print(json.dumps({"text": r.getMessage(), "file": r.pathname, "line": r.lineno, "logger": r.name,
                  "level": r.levelname}))
'''


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--kensa", required=True)
    p.add_argument("--fixture", required=True)
    a = p.parse_args()
    if not os.path.isdir(a.fixture):
        print(f"no fixture at {a.fixture}; skipping")
        return 77
    work = tempfile.mkdtemp(prefix="kensa-emits-blog-")
    try:
        root = os.path.join(work, "blog_transformers")
        shutil.copytree(a.fixture, root, ignore=shutil.ignore_patterns("__pycache__"))
        env = dict(os.environ, PYTHONPATH=os.path.join(root, "src"), PYTHONDONTWRITEBYTECODE="1",
                   KENSA_CACHE_DIR=os.path.join(work, "cache"))
        r = subprocess.run(["/usr/bin/python3", "-c", RUN], capture_output=True, text=True, env=env,
                           cwd=work, timeout=120)
        if r.returncode != 0:
            print(f"FAIL: the fixture did not run:\n{r.stderr}")
            return 1
        event = json.loads(r.stdout.strip().splitlines()[-1])
        want = f"{os.path.relpath(event['file'], root)}:{event['line']}"
        failures = 0
        for text in (event["text"], f"{event['level']}:{event['logger']}:{event['text']}",
                     event["text"].split(". ")[0] + "."):
            k = subprocess.run([a.kensa, "emits", "-C", root, text, "--json"], capture_output=True,
                               text=True, env=env, timeout=60)
            if k.returncode != 0:
                print(f"FAIL: kensa emits exited {k.returncode} on {text!r}\n{k.stderr}")
                failures += 1
                continue
            origins = json.loads(k.stdout)["origins"]
            first = origins[0]
            got = f"{first['file']}:{first['line']}"
            ok = (got == want and first["emitter"] == "logger.warning" and
                  first["function"] == "transformers.dynamic_module_utils._sanitize_module_name")
            print(f"{'ok  ' if ok else 'FAIL'} {text[:60]!r}...: first {got} {first['emitter']} in "
                  f"{first['function']} ({first['coverage_percent']}%); the interpreter logged at {want}")
            failures += not ok
        return 1 if failures else 0
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
