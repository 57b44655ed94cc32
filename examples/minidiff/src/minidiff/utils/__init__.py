from .import_utils import _LazyModule, is_torch_available
from .logging import get_logger
