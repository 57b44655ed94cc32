#!/usr/bin/env python3
"""`kensa support-list` against diffusers' own utils/check_support_list.py.

Mutations of the corpus' diffusers made here, each run through the real script and kensa on
two copies of one tree: same stdout, exit status and exception message (the whole multi-line
ValueError), byte for byte. They cover each category, the script's exclusions (LoRA
processors, `Attention`, `LayerNorm`), several categories failing at once (the message's order
and sorting), what its regular expressions do not see (a class statement over two lines), a
doc page with CRLF line ends and an `[[autodoc]]` followed by a no-break space (Python's `\\s`),
and the files the script dies on (a missing doc page, a source that is not UTF-8). Then the
--json and --format github forms name each class at its class statement.

Exit 77 when the corpus is not there.
Usage: support_list_test.py --kensa BUILD/kensa --corpus DIR (the ../shared/corpus folder)
"""
import json
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from parity import copy_tree, edit, kensa, run_suite, script, script_exception  # noqa: E402

SCRIPT = "utils/check_support_list.py"
ATTENTION = "src/diffusers/models/attention_processor.py"
NORMALIZATION = "src/diffusers/models/normalization.py"
ACTIVATIONS_DOC = "docs/source/en/api/activations.md"
ATTENTION_DOC = "docs/source/en/api/attnprocessor.md"


def append(repo, path, text):
    with open(os.path.join(repo, path), "a", encoding="utf-8", newline="\n") as f:
        f.write(text)


def new_processor(repo):
    append(repo, ATTENTION, "\n\nclass KensaTestProcessor2_0:\n    pass\n")


def excluded_processors(repo):
    append(repo, ATTENTION, "\n\nclass KensaLoRAProcessor:\n    pass\n\n\nclass Attention(nn.Module):\n"
           "    pass\n")


def undocumented_activation(repo):
    edit(os.path.join(repo, ACTIVATIONS_DOC), "[[autodoc]] models.activations.GEGLU\n", "")


def several_categories(repo):
    append(repo, NORMALIZATION, "\n\nclass ZetaNorm(nn.Module):\n    pass\n\n\n"
           "class AlphaNorm(torch.nn.Module):\n    pass\n\n\nclass LayerNorm(nn.Module):\n    pass\n")
    append(repo, "src/diffusers/image_processor.py", "\n\nclass KensaImageProcessor(VaeImageProcessor):\n"
           "    pass\n")
    new_processor(repo)
    append(repo, "src/diffusers/loaders/lora_pipeline.py",
           "\n\nclass KensaLoraLoaderMixin(LoraBaseMixin):\n    pass\n")


def two_line_class(repo):
    append(repo, NORMALIZATION, "\n\nclass SplitNorm(\n    nn.Module\n):\n    pass\n")


def crlf_doc_page(repo):
    undocumented_activation(repo)
    path = os.path.join(repo, ACTIVATIONS_DOC)
    data = open(path, "rb").read().replace(b"\n", b"\r\n")
    open(path, "wb").write(data)


def no_break_space_autodoc(repo):
    new_processor(repo)
    append(repo, ATTENTION_DOC, "\n[[autodoc]]\u00a0models.attention_processor.KensaTestProcessor2_0\n")


def missing_doc_page(repo):
    os.remove(os.path.join(repo, ATTENTION_DOC))


def not_utf8_source(repo):
    with open(os.path.join(repo, NORMALIZATION), "ab") as f:
        f.write(b"\n# caf\xe9\n")


MUTATIONS = [new_processor, excluded_processors, undocumented_activation, several_categories,
             two_line_class, crlf_doc_page, no_break_space_autodoc, missing_doc_page,
             not_utf8_source]


def live_cases(k, repo, work, out):
    r = kensa(k, repo, "support-list")
    s = script(repo, SCRIPT)
    out.expect(r.returncode == 0 and s.returncode == 0 and r.stderr == "",
               "diffusers HEAD: every class is documented, as the script says",
               "script rc %d, kensa rc %d: %s" % (s.returncode, r.returncode, r.stderr))
    for mutate in MUTATIONS:
        tree = copy_tree(repo, work, "tree", mutate)
        s, r = script(tree, SCRIPT), kensa(k, tree, "support-list")
        exc = script_exception(s.stderr)
        if exc is None:
            ok = s.returncode == 0 and r.returncode == 0 and r.stderr == ""
        elif exc[0] == "ValueError":
            ok = r.returncode == 1 and r.stderr == exc[1] + "\n"
        else:
            ok = (r.returncode == 1 and "would stop here with %s: %s" % exc in r.stderr)
        ok = ok and r.stdout == s.stdout
        out.expect(ok, "%s: as the script" % mutate.__name__,
                   "script rc %d: %r\nkensa rc %d: %r" % (s.returncode, exc, r.returncode,
                                                          r.stderr))

    tree = copy_tree(repo, work, "tree", several_categories)
    r = kensa(k, tree, "support-list", "--json")
    findings = json.loads(r.stdout)["findings"] if r.returncode == 1 else []
    names = [(f["category"], f["class"]) for f in findings]
    out.expect(names == [("Attention Processors", "KensaTestProcessor2_0"),
                         ("Image Processors", "KensaImageProcessor"),
                         ("Normalizations", "AlphaNorm"), ("Normalizations", "ZetaNorm"),
                         ("LoRA Mixins", "KensaLoraLoaderMixin")],
               "--json: every class, in the message's order", r.stdout + r.stderr)
    located = True
    for f in findings:
        with open(os.path.join(tree, f["file"]), encoding="utf-8") as src:
            line = src.read().split("\n")[f["line"] - 1]
        located = located and line.startswith("class " + f["class"])
    out.expect(bool(findings) and located, "--json: each line is the class statement")
    r = kensa(k, tree, "support-list", "--format", "github")
    out.expect(r.returncode == 1 and r.stdout.count("::error file=") == 5
               and "::error file=%s,line=" % NORMALIZATION in r.stdout,
               "--format github: one annotation per class", r.stdout)


if __name__ == "__main__":
    sys.exit(run_suite("support-list", SCRIPT, live_cases, "kensa-support-list-"))
