# kensa trace: this file is written to a private temporary folder that `kensa trace` puts first
# on PYTHONPATH, so every Python the traced command starts imports it at startup (site.py
# imports `sitecustomize`). It must parse on any Python (a traced shell script may start a
# Python 2), so it only loads the real hook on 3.8+ and then hands over to the sitecustomize
# the program would have imported without kensa, if there is one.
import sys


def _kensa_chain():
    here = __file__.rsplit("/", 1)[0] if "/" in __file__ else "."
    if here in sys.path:
        sys.path.remove(here)  # the program sees its own sys.path
    rest = list(sys.path)
    if sys.version_info >= (3, 4):
        import importlib.machinery
        from importlib._bootstrap import module_from_spec  # importlib.util costs ms to import

        spec = importlib.machinery.PathFinder.find_spec("sitecustomize", rest)
        if spec is None or spec.loader is None:
            return
        module = module_from_spec(spec)
        sys.modules["sitecustomize"] = module
        spec.loader.exec_module(module)
    else:
        import imp

        try:
            found = imp.find_module("sitecustomize", rest)
        except ImportError:
            return
        try:
            sys.modules.pop("sitecustomize", None)
            imp.load_module("sitecustomize", *found)
        finally:
            if found[0] is not None:
                found[0].close()


if sys.version_info >= (3, 8):
    try:
        import _kensa_trace_hook

        _kensa_trace_hook.install()
    except Exception:  # never break the program; kensa reports that nothing was traced
        pass
_kensa_chain()
