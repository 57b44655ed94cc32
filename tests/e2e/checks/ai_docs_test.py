#!/usr/bin/env python3
"""`kensa ai-docs` against diffusers' own utils/check_ai.py.

The script imports `_skill_description` from `diffusers.commands.skills`, and importing
diffusers needs its dependencies (packaging, httpx, huggingface_hub, ...), which this machine
does not have. So the reference runs with a shim on PYTHONPATH instead of src/: a `diffusers`
package whose `commands.skills` module holds `_skill_description` compiled from the tree's own
src/diffusers/commands/skills.py (the function's source taken out with ast; it uses builtins
only), so the function is the real one, unchanged.

Mutations of the corpus' diffusers made here, each run through the real script and kensa on two
copies of one tree: same stdout, stderr and exit status, byte for byte (for a traceback, the
exception type). One per message the script prints (a link escaping its directory, a missing
link target (one over two lines), a cited guide that is not there, a cited guide's uncited
sibling, a frontmatter name that differs or is missing, a missing description), then what its
regexes and pathlib do: links in fenced code, an unclosed fence, `./references/` (not a
citation), part by part path order, a trailing slash, absolute targets, a name over two lines,
Unicode line breaks and spaces (str.splitlines, `\\s`), a skill directory that is a symbolic
link, a folded description with nothing folded, a `.ai/` that is missing, and the files it dies
on (a directory named *.md, a file that is not UTF-8). Then --json and --format github.

Exit 77 when the corpus is not there.
Usage: ai_docs_test.py --kensa BUILD/kensa --corpus DIR (the ../shared/corpus folder)
"""
import json
import os
import re
import shutil
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from parity import copy_tree, edit, kensa, last_exception, run_suite  # noqa: E402

SCRIPT = "utils/check_ai.py"
SKILLS = ".ai/skills"
CUSTOM = ".ai/skills/custom-blocks/SKILL.md"
INTEGRATION = ".ai/skills/model-integration/SKILL.md"

SHIM = '''import ast, os
_source = os.path.join(os.getcwd(), "src", "diffusers", "commands", "skills.py")
_tree = ast.parse(open(_source, encoding="utf-8").read())
_tree.body = [n for n in _tree.body if isinstance(n, ast.FunctionDef) and n.name == "_skill_description"]
exec(compile(_tree, _source, "exec"))
'''


def make_shim(work):
    shim = os.path.join(work, "shim")
    os.makedirs(os.path.join(shim, "diffusers", "commands"), exist_ok=True)
    for init in ("diffusers/__init__.py", "diffusers/commands/__init__.py"):
        open(os.path.join(shim, init), "w").close()
    with open(os.path.join(shim, "diffusers", "commands", "skills.py"), "w") as f:
        f.write(SHIM)
    return shim


def script(repo, shim):
    return subprocess.run(["/usr/bin/python3", SCRIPT], cwd=repo, capture_output=True, text=True,
                          timeout=120,
                          env=dict(os.environ, PYTHONPATH=shim, PYTHONDONTWRITEBYTECODE="1"))


def write(repo, path, text, mode="a"):
    full = os.path.join(repo, path)
    os.makedirs(os.path.dirname(full), exist_ok=True)
    with open(full, mode, encoding="utf-8", newline="\n") as f:
        f.write(text)


def escaping_link(repo):
    write(repo, CUSTOM, "\nSee [the agents](../../AGENTS.md#top) and [up](sub/../x.md).\n")


def missing_link(repo):
    write(repo, ".ai/AGENTS.md", "\nSee [nothing](nothere.md#frag), [self](#anchor), [two](a\nb.md), "
          "[web](https://example.com/x.md) and []() and [e]().\n")


def missing_guide(repo):
    write(repo, INTEGRATION, "\nAlso `references/nope.md`, [zz](references/zz-top.md), "
          "./references/dotted.md and xreferences/word.md.\n")


def uncited_sibling(repo):
    write(repo, ".ai/references/models.md", "\nSee [review](review-rules.md), [gone](gone.md) "
          "and [pit](pitfalls.md).\n")


def name_mismatch(repo):
    edit(os.path.join(repo, CUSTOM), "name: custom-blocks\n", "name: other-blocks  \n")


def missing_name(repo):
    edit(os.path.join(repo, CUSTOM), "name: custom-blocks\n", "title: custom-blocks\n")
    edit(os.path.join(repo, INTEGRATION), "name: model-integration\n", "name: two words\n")


def name_over_two_lines(repo):
    edit(os.path.join(repo, CUSTOM), "name: custom-blocks\n", "name:\n  custom-blocks\n")


def missing_description(repo):
    edit(os.path.join(repo, CUSTOM), "description: >\n", "summary: >\n")
    edit(os.path.join(repo, INTEGRATION), "description: >\n", "description: >\nnot indented\n")


def new_skill(repo):
    write(repo, SKILLS + "/zz-new/SKILL.md", "---\nname: zz-new\ndescription: |-\n"
          "  \u00a0\n---\nBody [run](run.md) [dir](.) [slash](../zz-new/) [abs](/nonexistent/x.md)"
          " [root](/) [trail](SKILL.md/)\n")
    write(repo, SKILLS + "/aa-no-frontmatter/SKILL.md", "name: aa-no-frontmatter\n")
    os.makedirs(os.path.join(repo, SKILLS, "empty-dir"))


def unicode_line_breaks(repo):
    """str.splitlines() breaks at U+2028 and form feeds, `^` of re.M only after a newline."""
    write(repo, SKILLS + "/uni/SKILL.md", "---\u2028name: uni\ndescription: ok\n---\n")
    write(repo, SKILLS + "/ff/SKILL.md", "---\nname: ff\ndescription: >\x0c  folded\n---\n")
    write(repo, SKILLS + "/nbsp/SKILL.md", "---\u00a0\nname:\u00a0nbsp\u3000\ndescription:"
          "\u2029\tfolded\n---\n[x](references/x.md)\nreferences/\u00e9t\u00e9.md\n")


def linked_skill(repo):
    """A skill directory that is a symbolic link: the skills glob follows it, rglob does not."""
    os.symlink("custom-blocks", os.path.join(repo, SKILLS, "linked"))


def code_fences(repo):
    write(repo, ".ai/AGENTS.md", "\n```python\nx = y[0](missing-in-fence.md)\n```\n"
          "[after](after-fence.md)\n ```\n[indented](indented-fence.md)\n````\n[four](four.md)\n"
          "```\nunclosed [hidden](unclosed.md)\n")


def path_order(repo):
    write(repo, ".ai/a-b.md", "[x](missing-1.md)\n")
    write(repo, ".ai/a/b.md", "[x](missing-2.md)\n")
    write(repo, ".ai/A.md", "[x](missing-3.md)\n")
    write(repo, ".ai/.hidden.md", "[x](missing-4.md)\n")
    write(repo, ".ai/.md", "[x](missing-5.md)\n")
    write(repo, ".ai/x.MD", "[x](not-checked.md)\n")


def crlf_skill(repo):
    path = os.path.join(repo, CUSTOM)
    data = open(path, "rb").read().replace(b"\n", b"\r\n")
    open(path, "wb").write(data + b"[cr](cr-missing.md)\r\n")


def no_ai_dir(repo):
    shutil.rmtree(os.path.join(repo, ".ai"))


def no_skills_dir(repo):
    shutil.rmtree(os.path.join(repo, SKILLS))


def md_directory(repo):
    os.makedirs(os.path.join(repo, ".ai", "notes.md"))


def not_utf8(repo):
    with open(os.path.join(repo, ".ai/AGENTS.md"), "ab") as f:
        f.write(b"\ncaf\xe9\n")


MUTATIONS = [escaping_link, missing_link, missing_guide, uncited_sibling, name_mismatch,
             missing_name, name_over_two_lines, missing_description, new_skill,
             unicode_line_breaks, linked_skill, code_fences, path_order, crlf_skill, no_ai_dir,
             no_skills_dir, md_directory, not_utf8]


def several(repo):
    escaping_link(repo)
    missing_guide(repo)
    missing_name(repo)
    missing_link(repo)
    edit(os.path.join(repo, SKILLS, "diffusers-cli/SKILL.md"), "name: diffusers-cli\n",
         "name: diffusers_cli\n")


def same(s, r):
    """kensa did as the script: byte for byte, or the same exception for a traceback."""
    if "Traceback" in s.stderr:
        exc = last_exception(s.stderr)
        return (r.returncode == 1 and s.returncode == 1 and r.stdout == s.stdout
                and ("would stop here with %s:" % exc[0]) in r.stderr)
    return (r.returncode, r.stdout, r.stderr) == (s.returncode, s.stdout, s.stderr)


def live_cases(k, repo, work, out):
    shim = make_shim(work)
    s, r = script(repo, shim), kensa(k, repo, "ai-docs")
    out.expect(s.returncode == 0 and same(s, r), "diffusers HEAD: clean, as the script says",
               "script rc %d: %r\nkensa rc %d: %r" % (s.returncode, s.stderr, r.returncode,
                                                      r.stderr))
    for mutate in MUTATIONS:
        tree = copy_tree(repo, work, "tree", mutate)
        s, r = script(tree, shim), kensa(k, tree, "ai-docs")
        # A mutation meant to be reported must be: the script itself must see a problem.
        shown = s.returncode != 0 or mutate in (name_over_two_lines, no_ai_dir)
        out.expect(shown and same(s, r), "%s: as the script" % mutate.__name__,
                   "script rc %d: %r\nkensa rc %d: %r" % (s.returncode, s.stderr, r.returncode,
                                                          r.stderr))

    tree = copy_tree(repo, work, "tree", several)
    s = script(tree, shim)
    r = kensa(k, tree, "ai-docs", "--json")
    findings = json.loads(r.stdout)["findings"] if r.returncode == 1 else []
    messages = [f["message"] for f in findings]
    out.expect(len(messages) > 3 and "\n".join(messages) + "\n" == s.stderr,
               "--json: every problem, in the script's order", r.stdout + r.stderr)
    out.expect(all(f["file"] == f["message"].split(": ")[0] for f in findings)
               and {"escapes", "missing-link", "missing-guide", "no-name", "name-mismatch"}
               <= {f["kind"] for f in findings}, "--json: kinds and files", r.stdout)
    r = kensa(k, tree, "ai-docs", "--format", "github")
    annotations = re.findall(r"^::error file=([^:]+)::(.*)$", r.stdout, re.M)
    unescaped = [m.replace("%0A", "\n").replace("%0D", "\r").replace("%25", "%")
                 for _, m in annotations]
    out.expect(r.returncode == 1 and r.stderr == s.stderr
               and len(r.stdout.splitlines()) == len(messages) and unescaped == messages
               and all(m.startswith(f + ": ") for f, m in zip([f for f, _ in annotations],
                                                                 unescaped)),
               "--format github: one annotation per problem (line breaks escaped), the "
               "script's lines on stderr", r.stdout + r.stderr)


if __name__ == "__main__":
    sys.exit(run_suite("ai-docs", SCRIPT, live_cases, "kensa-ai-docs-"))
