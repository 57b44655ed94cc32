"""Runs diffusers' own utils/tests_fetcher.py functions on a clone and prints, as JSON, the
direct dependency map create_reverse_dependency_map() starts from:
{file: get_module_dependencies(file)} for every module, test and example file, plus the
example test map (init_test_examples_dependencies), exactly as the reference computes them.

Usage: /usr/bin/python3 fetcher_reference.py CLONE > reference.json
"""

import importlib.util
import json
import os
import sys


def main():
    clone = os.path.abspath(sys.argv[1])
    os.chdir(clone)
    sys.path.insert(0, os.path.join(clone, "utils"))
    spec = importlib.util.spec_from_file_location("tests_fetcher", os.path.join(clone, "utils", "tests_fetcher.py"))
    fetcher = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(fetcher)

    cache = {}
    example_deps, examples = fetcher.init_test_examples_dependencies()
    all_modules = (
        list(fetcher.PATH_TO_DIFFUSERS.glob("**/*.py")) + list(fetcher.PATH_TO_TESTS.glob("**/*.py")) + examples
    )
    all_modules = [str(m.relative_to(fetcher.PATH_TO_REPO)) for m in all_modules]
    direct = {m: sorted(set(fetcher.get_module_dependencies(m, cache=cache))) for m in all_modules}
    json.dump(
        {
            "modules": sorted(all_modules),
            "direct": direct,
            "examples": {k: sorted(set(v)) for k, v in example_deps.items()},
        },
        sys.stdout,
        indent=0,
        sort_keys=True,
    )


if __name__ == "__main__":
    main()
