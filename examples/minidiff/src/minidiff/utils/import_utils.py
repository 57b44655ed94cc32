import importlib
import importlib.util
import os
import types


def is_torch_available():
    return importlib.util.find_spec("torch") is not None


class _LazyModule(types.ModuleType):
    """Imports the submodule that defines a name the first time the name is used."""

    def __init__(self, name, module_file, import_structure):
        super().__init__(name)
        self.__file__ = module_file
        self.__path__ = [os.path.dirname(module_file)]
        self._class_to_module = {v: k for k, values in import_structure.items() for v in values}

    def __getattr__(self, name):
        if name not in self._class_to_module:
            raise AttributeError(f"module {self.__name__} has no attribute {name}")
        module = importlib.import_module("." + self._class_to_module[name], self.__name__)
        return getattr(module, name)
