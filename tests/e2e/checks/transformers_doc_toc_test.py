#!/usr/bin/python3
"""End-to-end test of `kensa doc-toc` on transformers-shaped repositories (its preset: the
Models section of docs/source/en/_toctree.yml, one list per modality) against transformers'
utils/check_doc_toc.py: check and fix runs, their exit status, stdout, final exception, the
file the fix writes (byte for byte: PyYAML's yaml.dump) and whatever else it leaves.

The expectations in tests/fixtures/transformers_doc_toc/expected.json were recorded with
`--record --reference PATH` (PATH the script, never committed) from transformers'
utils/check_doc_toc.py at 013bb6f3f8b7a325daec97e7d955dff28ee695eb, run by CPython 3.11
(/usr/bin/python3) with Debian's PyYAML from each repository's root, as the Makefile runs it.

Without --record, kensa also runs `doc-toc --fix --strict` on each repository and must write
what the script's fix writes: transformers' script already keeps a duplicated page once, so
--strict (which corrects diffusers' script) changes nothing here.

Usage: transformers_doc_toc_test.py --kensa BUILD/kensa [--work DIR] [--only NAME]
       transformers_doc_toc_test.py --record --reference PATH/check_doc_toc.py [--work DIR]
"""

import functools
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from parity import kensa_exception, recorded_main, script_exception  # noqa: E402

REPO_ROOT = Path(__file__).resolve().parents[3]
EXPECTED = REPO_ROOT / "tests" / "fixtures" / "transformers_doc_toc" / "expected.json"
TOC = "docs/source/en/_toctree.yml"
SCRIPT = "check_doc_toc.py"
print = functools.partial(print, flush=True)


def entry(local, title, indent=6):
    pad = " " * indent
    return f"{pad}- local: {local}\n{pad}  title: {title}\n"


def modality(title, entries):
    return ("    - isExpanded: false\n      sections:\n" + "".join(entries)
            + f"      title: {title}\n")


TEXT = [entry("model_doc/albert", "ALBERT"), entry("model_doc/bart", "BART"),
        entry("model_doc/bert", "BERT"), entry("model_doc/gpt2", "OpenAI GPT2")]
VISION = [entry("model_doc/beit", "BEiT"), entry("model_doc/vit", "ViT")]
AUDIO = [entry("model_doc/wav2vec2", "Wav2Vec2"), entry("model_doc/whisper", "Whisper")]


def toctree(text=TEXT, vision=VISION, audio=AUDIO, models_extra="", api_extra=""):
    """A toctree as transformers' is laid out (and as yaml.dump writes it, so that a fix
    changes only what it sorts)."""
    return ("- sections:\n  - local: index\n    title: Transformers\n"
            "  - local: quicktour\n    title: Quick tour\n  title: Get started\n"
            "- isExpanded: false\n  sections:\n"
            "  - sections:\n    - local: main_classes/configuration\n"
            "      title: Configuration\n    title: Main Classes\n" + api_extra
            + "  - sections:\n" + models_extra + modality("Text models", text)
            + modality("Vision models", vision) + modality("Audio models", audio)
            + "    title: Models\n  title: API\n")


def repo(toc):
    files = {"pyproject.toml": '[project]\nname = "transformers"\n',
             "src/transformers/__init__.py": ""}
    if toc is not None:
        files[TOC] = toc
    return files


def swap(entries, i, j):
    entries = list(entries)
    entries[i], entries[j] = entries[j], entries[i]
    return entries


def scenarios():
    s = {}
    s["clean"] = toctree()
    s["text_unsorted"] = toctree(text=swap(TEXT, 0, 2))
    s["two_modalities_unsorted"] = toctree(text=swap(TEXT, 1, 3), audio=swap(AUDIO, 0, 1))
    # Lower-cased titles: "bart" < "BERT"; equal ones keep their order (a stable sort).
    s["case_insensitive"] = toctree(text=[entry("a", "bert"), entry("b", "BART"), entry("c", "Bert")])
    s["case_equal_kept"] = toctree(text=[entry("a", "bert"), entry("b", "Bert"), entry("c", "BART")])
    # No place of honour for an overview here, unlike diffusers' script.
    s["overview_first"] = toctree(text=[entry("model_doc/overview", "Overview")] + TEXT)
    s["duplicate_same_title"] = toctree(text=TEXT[:2] + [TEXT[1]] + TEXT[2:])
    s["duplicate_sorted_apart"] = toctree(text=TEXT + [TEXT[0]])
    s["duplicate_different_title"] = toctree(text=TEXT + [entry("model_doc/bert", "BERT base")])
    s["duplicate_extra_key"] = toctree(
        text=TEXT + ["      - isExpanded: true\n        local: model_doc/gpt2\n        title: OpenAI GPT2\n"])
    # The duplicates go first, then a stable sort: an equal title ends up before the others.
    s["duplicate_equal_titles"] = toctree(
        text=[entry("x", "Same"), entry("y", "Same"), entry("y", "Same")])
    s["duplicate_int_local"] = toctree(text=TEXT + [entry("1", "One"), entry("1", "Uno")])
    # The same page in two modalities is not a duplicate: each list is cleaned alone.
    s["cross_modality"] = toctree(vision=VISION + [entry("model_doc/bert", "BERT")])
    s["entry_beside_modalities"] = toctree(
        text=swap(TEXT, 0, 1), models_extra="    - local: model_doc/auto\n      title: Auto Classes\n")
    s["comments_clean"] = toctree().replace("  - sections:\n    - isExpanded", "  # models\n  - sections:\n    - isExpanded")
    s["comments_unsorted"] = toctree(text=swap(TEXT, 0, 1)).replace("  title: API\n", "  title: API  # the API\n")
    s["quoted_titles_unsorted"] = toctree(text=swap(TEXT, 0, 1) + [
        entry("q1", "'yes'"), entry("q2", "'1.0'"), entry("q3", "'a: b'"), entry("q4", "Ünïcode Modèl"),
        entry("q5", " ".join(["A very long model title"] * 5))])
    s["empty_modality"] = toctree(audio=[]).replace("      sections:\n      title: Audio", "      sections: []\n      title: Audio")
    s["not_formatted_clean"] = "- title: Get started\n  sections: [{local: index, title: Transformers}]\n" \
        "- title: API\n  sections:\n  - title: Models\n    sections:\n    - title: Text models\n" \
        "      sections:\n        - {local: a, title: A}\n        - {title: B, local: b}\n"
    # Odd input: where and how the script stops.
    s["no_api"] = toctree().replace("  title: API\n", "  title: Reference\n")
    s["no_models"] = toctree().replace("    title: Models\n", "    title: Model classes\n")
    s["models_without_sections"] = toctree(api_extra="  - local: model_doc/auto\n    title: Models\n")
    s["entry_without_title"] = "- local: index\n" + toctree()
    s["modality_entry_without_local"] = toctree(text=TEXT + ["      - title: No local\n"])
    s["null_title"] = toctree(text=TEXT + [entry("model_doc/none", "null")])
    s["int_title"] = toctree(text=TEXT + [entry("model_doc/int", "12")])
    s["null_title_duplicated"] = toctree(text=TEXT + [entry("n", "null"), entry("n", "null")])
    s["duplicate_without_title"] = toctree(text=TEXT + ["      - local: model_doc/bert\n"])
    s["list_local"] = toctree(text=TEXT + [entry("[a, b]", "List")])
    s["null_modality_sections"] = toctree(audio=[]).replace("      sections:\n      title: Audio", "      sections: null\n      title: Audio")
    s["null_in_models"] = toctree(models_extra="    - null\n")
    s["string_in_models"] = toctree(models_extra="    - subsections here\n")
    s["string_modality_sections"] = toctree(audio=[]).replace("      sections:\n      title: Audio", "      sections: abc\n      title: Audio")
    s["models_sections_dict"] = ("- title: API\n  sections:\n  - title: Models\n    sections:\n"
                                 "      subsections: 1\n      other: 2\n")
    s["models_sections_string"] = "- title: API\n  sections:\n  - title: Models\n    sections: text models\n"
    # The comprehension finds every modality first; then the first one's mistake is reported
    # before a later one's, and a later one's crash before the first one's "not sorted".
    s["unsorted_then_crash"] = toctree(text=swap(TEXT, 0, 1), audio=AUDIO + [entry("n", "null")])
    s["toc_is_a_dict"] = "title: API\nsections: []\n"
    s["toc_is_a_string"] = "just text\n"
    s["empty_file"] = ""
    s["missing_file"] = None
    s["not_utf8"] = toctree().encode("utf-8") + b"# caf\xe9\n"
    return s


def run(cmd, cwd):
    p = subprocess.run(cmd, cwd=cwd, capture_output=True, timeout=120)
    return p.returncode, p.stdout.decode("utf-8", "replace"), p.stderr.decode("utf-8", "replace")


def written(root):
    """The toctree after a run (None if absent) and git's view of everything else."""
    path = root / TOC
    toc = path.read_bytes().decode("utf-8", "replace") if path.exists() else None
    status = run(["git", "status", "--porcelain", "--untracked-files=all"], root)[1]
    others = "".join(l + "\n" for l in status.splitlines() if not l.endswith(TOC))
    return toc, others


def reset(root):
    run(["git", "checkout", "-q", "--", "."], root)
    run(["git", "clean", "-qfdx"], root)


def outcome(root, command):
    """check_* and fix_* results of `command(fix, strict)`, run from root."""
    result = {}
    for mode in ("check", "fix"):
        rc, out, exc = command(mode == "fix")
        result[mode + "_rc"], result[mode + "_stdout"], result[mode + "_exception"] = rc, out, exc
        result[mode + "_toc"], result[mode + "_others"] = written(root)
        reset(root)
    return result


def script_runner(root, reference):
    def command(fix):
        rc, out, err = run([sys.executable, reference] + (["--fix_and_overwrite"] if fix else []), root)
        exc = script_exception(err)
        return rc, out, list(exc) if exc else None
    return command


def kensa_runner(root, kensa, *extra):
    def command(fix):
        rc, out, err = run([kensa, "doc-toc"] + (["--fix"] if fix else []) + list(extra), root)
        return rc, out, kensa_exception("doc-toc", SCRIPT, err)
    return command


def case(_context, root, _sub, program, recording):
    """The script's check and fix runs; for kensa also its fix with --strict (strict_fix_*)."""
    if recording:
        return outcome(root, script_runner(root, program))
    got = outcome(root, kensa_runner(root, program))
    strict = outcome(root, kensa_runner(root, program, "--strict"))
    got.update({"strict_" + k: v for k, v in strict.items() if k.startswith("fix_")})
    return got


def compare(got, want):
    """kensa's runs against the script's; --strict must fix exactly as the script does."""
    bad = [k for k in want if got[k] != want[k]]
    return bad + ["strict_" + k for k in want if k.startswith("fix_") and got["strict_" + k] != want[k]]


if __name__ == "__main__":
    sys.exit(recorded_main(__doc__, EXPECTED, "e2e-transformers-doc-toc",
                           {name: repo(toc) for name, toc in scenarios().items()}, case,
                           compare=compare, what="doc-toc runs (transformers)"))
