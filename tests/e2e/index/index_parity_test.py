"""Parity of kensa's import map with diffusers' own utils/tests_fetcher.py (issue 4).

On a clone of diffusers this runs the reference functions (extract_imports,
get_module_dependencies, init_test_examples_dependencies, as create_reverse_dependency_map
does) with /usr/bin/python3, and compares their direct dependency map with:

  1. kensa's precise, AST-based map (`kensa graph --format json`), projected to the same
     shape (file -> files it depends on). Every difference must fall into one of the
     documented categories below (docs/index-parity.md explains each); an unexplained
     difference fails the test.
  2. kensa's compatibility map (`kensa graph --compat tests-fetcher`), which must be equal,
     entry for entry.

Usage: /usr/bin/python3 index_parity_test.py --kensa BUILD/kensa
           [--corpus diffusers-shallow.git.tar | --repo CLONE] [--verbose]
Exit status 77 (skipped) when neither a corpus nor a clone is available.
"""

import argparse
import collections
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
PACKAGE = "diffusers"
DUMMY = re.compile(r"/utils/dummy_\w+_objects\.py$")


def reference_map(repo):
    out = subprocess.run(
        ["/usr/bin/python3", os.path.join(HERE, "fetcher_reference.py"), repo],
        check=True, capture_output=True, text=True,
    ).stdout
    data = json.loads(out)
    direct = {m: set(deps) for m, deps in data["direct"].items()}
    for m, deps in data["examples"].items():
        direct[m] = set(deps)
    return direct


def kensa_graph(kensa, repo, *extra):
    proc = subprocess.run(
        [kensa, "graph", "--format", "json", "--no-cache", "-q", "-C", repo, *extra],
        capture_output=True, text=True,
    )
    if proc.returncode != 0:
        sys.exit(f"kensa graph failed ({proc.returncode}):\n{proc.stderr}")
    return json.loads(proc.stdout)


class Source:
    """Lines of the repository's files, read on demand."""

    def __init__(self, repo):
        self.repo = repo
        self.cache = {}

    def lines(self, path):
        if path not in self.cache:
            with open(os.path.join(self.repo, path), encoding="utf-8", errors="replace") as f:
                self.cache[path] = f.read().split("\n")
        return self.cache[path]

    def statement(self, path, line):
        """The import statement starting at `line`, joined over its parenthesized lines."""
        lines = self.lines(path)
        text = lines[line - 1]
        i = line
        if "(" in text and ")" not in text:
            while i < len(lines) and ")" not in lines[i - 1]:
                text += "\n" + lines[i]
                i += 1
        return text


# --- Why kensa and the reference differ --------------------------------------------------
# Each category is (name, predicate). The first that holds explains a difference.


def kensa_only_reason(diff, ctx):
    """Why kensa has dependency `dep` of `module` that the reference lacks."""
    module, dep, edges = diff
    reasons = []
    if ctx.syntax_error(dep):
        return "syntax-error"
    for e in edges:
        stmt = ctx.source.statement(module, e["line"])
        first = stmt.lstrip()
        kind = e["kind"]
        via = ctx.paths_of(e.get("via", []))
        if "from" not in kind:
            reasons.append("plain-import")
        elif re.match(r"from\s+\.+\s+import\b", first):
            reasons.append("from-dot-import")
        elif "star" in kind:
            reasons.append("star-import")
        elif first.startswith("from ") and not re.match(r"from\s+(\.|%s\b)" % PACKAGE, first):
            reasons.append("absolute-import-outside-package")
        elif re.match(r"from\s+\S+\s+import\s+\(", first) is None and "\n" in stmt:
            reasons.append("regex-misses-statement")
        elif e.get("name") and re.search(r"\b%s\s+as\s+\w+" % re.escape(e["name"]), stmt):
            reasons.append("aliased-name")
        elif e["how"] == "module" and os.path.basename(dep) == "__init__.py":
            reasons.append("subpackage-import")
        elif any(DUMMY.search(d) for d in ctx.ref_only_deps(module)) or (
            e.get("name") in ctx.dummy_names and any(DUMMY.search(d) for d in ctx.ref.get(module, ()))
        ):
            reasons.append("real-definition-over-dummy")
        elif "#" in stmt:
            reasons.append("comment-in-names")
        elif any(not v.endswith("__init__.py") for v in via):
            reasons.append("re-export-chain")
        elif any(v in ctx.ref_only_deps(module) for v in via):
            reasons.append("resolved-past-init")
        elif '"""' in "\n".join(ctx.source.lines(module)[: e["line"]]) and ctx.inside_docstring(module, e["line"]):
            reasons.append("reference-docstring-split")
        else:
            reasons.append(None)
    known = [r for r in reasons if r]
    return known[0] if known else None


def ref_only_reason(diff, ctx):
    """Why the reference has dependency `dep` of `module` that kensa lacks."""
    module, dep, _ = diff
    kensa_edges = ctx.kensa_edges_from(module)
    if any(dep in ctx.paths_of(e.get("via", [])) for e in kensa_edges):
        return "init-kept-by-reference" if dep.endswith("__init__.py") else "re-export-chain"
    if DUMMY.search(dep):
        return "real-definition-over-dummy"
    if dep.endswith("__init__.py") and any(
        e["how"] == "module" and ctx.paths[e["to"]].startswith(os.path.dirname(dep) + "/") for e in kensa_edges
    ):
        return "subpackage-import"
    if not os.path.exists(os.path.join(ctx.repo, dep)):
        return "reference-nonexistent-path"
    if ctx.syntax_error(module):
        return "syntax-error"
    return None


class Context:
    def __init__(self, repo, graph, ref, kensa_map):
        self.repo = repo
        self.graph = graph
        self.ref = ref
        self.kensa_map = kensa_map
        self.source = Source(repo)
        self.paths = [m["path"] for m in graph["modules"]]
        self.by_from = collections.defaultdict(list)
        for e in graph["edges"]:
            self.by_from[self.paths[e["from"]]].append(e)
        self.errors = {d["path"] for d in graph["diagnostics"]}
        # Names that have a dummy placeholder (class or function in utils/dummy_*_objects.py).
        self.dummy_names = set()
        for path in self.paths:
            if DUMMY.search(path):
                for line in self.source.lines(path):
                    m = re.match(r"(?:class|def)\s+(\w+)", line)
                    if m:
                        self.dummy_names.add(m.group(1))

    def paths_of(self, ids):
        return [self.paths[i] for i in ids]

    def kensa_edges_from(self, module):
        return self.by_from.get(module, [])

    def ref_only_deps(self, module):
        return self.ref.get(module, set()) - self.kensa_map.get(module, set())

    def syntax_error(self, module):
        return module in self.errors

    def inside_docstring(self, module, line):
        text = "\n".join(self.source.lines(module)[: line - 1])
        return text.count('"""') % 2 == 1


def project(graph, modules):
    paths = [m["path"] for m in graph["modules"]]
    out = {m: set() for m in modules}
    for e in graph["edges"]:
        src = paths[e["from"]]
        if src in out:
            out[src].add(paths[e["to"]])
    return out


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--kensa", required=True)
    parser.add_argument("--corpus")
    parser.add_argument("--repo")
    parser.add_argument("--verbose", action="store_true")
    parser.add_argument("--no-compat", action="store_true", help="skip the compatibility-map check")
    args = parser.parse_args()
    kensa = os.path.abspath(args.kensa)

    tmp = tempfile.mkdtemp(prefix="kensa_parity_")
    try:
        repo = args.repo
        if repo is None:
            if not args.corpus or not os.path.exists(args.corpus):
                print(f"SKIP: no corpus at {args.corpus}")
                return 77
            subprocess.run(["tar", "-xf", args.corpus, "-C", tmp], check=True)
            repo = os.path.join(tmp, "diffusers")
            subprocess.run(["git", "clone", "-q", os.path.join(tmp, "diffusers.git"), repo], check=True)
        ref = reference_map(repo)
        graph = kensa_graph(kensa, repo)
        mine = project(graph, ref.keys())
        ctx = Context(repo, graph, ref, mine)

        counts = collections.Counter()
        unexplained = []
        examples = collections.defaultdict(list)
        same = 0
        for module in sorted(ref):
            r, k = ref[module], mine.get(module, set())
            same += len(r & k)
            for dep in sorted(k - r):
                edges = [e for e in ctx.kensa_edges_from(module) if graph["modules"][e["to"]]["path"] == dep]
                why = kensa_only_reason((module, dep, edges), ctx)
                key = ("kensa-only", why)
                counts[key] += 1
                examples[key].append(f"{module} -> {dep}")
                if why is None:
                    stmts = " | ".join(ctx.source.statement(module, e["line"]).strip() for e in edges[:2])
                    unexplained.append(f"kensa-only: {module} -> {dep}: {stmts}")
            for dep in sorted(r - k):
                why = ref_only_reason((module, dep, None), ctx)
                key = ("reference-only", why)
                counts[key] += 1
                examples[key].append(f"{module} -> {dep}")
                if why is None:
                    unexplained.append(f"reference-only: {module} -> {dep}")

        total_ref = sum(len(v) for v in ref.values())
        print(f"{len(ref)} files; reference: {total_ref} dependencies; kensa: "
              f"{sum(len(mine.get(m, ())) for m in ref)}; identical: {same}")
        for (side, why), n in sorted(counts.items(), key=lambda kv: (kv[0][0], str(kv[0][1]))):
            print(f"  {side:15} {str(why):35} {n:6}   e.g. {examples[(side, why)][0]}")
            if args.verbose:
                for ex in examples[(side, why)][1:20]:
                    print(f"  {'':51}        {ex}")
        failed = False
        if unexplained:
            failed = True
            print(f"FAIL: {len(unexplained)} unexplained differences:")
            for u in unexplained[:100]:
                print("  " + u)

        if not args.no_compat:
            proc = subprocess.run(
                [kensa, "graph", "--compat", "tests-fetcher", "--format", "json", "-q", "-C", repo],
                capture_output=True, text=True,
            )
            if proc.returncode != 0:
                print(f"FAIL: kensa graph --compat tests-fetcher exited {proc.returncode}: {proc.stderr[:500]}")
                failed = True
            else:
                compat = {m: set(d) for m, d in json.loads(proc.stdout)["direct"].items()}
                bad = [m for m in set(ref) | set(compat) if ref.get(m) != compat.get(m)]
                if bad:
                    failed = True
                    print(f"FAIL: compatibility map differs for {len(bad)} files, e.g. {sorted(bad)[:5]}")
                else:
                    print(f"compatibility map: identical for all {len(ref)} files")
        print("1 passed, 0 failed" if not failed else "0 passed, 1 failed")
        return 1 if failed else 0
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
