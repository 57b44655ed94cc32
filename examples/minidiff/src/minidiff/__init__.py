from typing import TYPE_CHECKING

from .utils import _LazyModule

_import_structure = {
    "configuration_utils": ["ConfigMixin"],
    "models": ["AutoencoderKL", "UNet2DModel"],
    "pipelines": ["DiffusionPipeline", "Text2ImagePipeline"],
}

if TYPE_CHECKING:
    from .configuration_utils import ConfigMixin
    from .models import AutoencoderKL, UNet2DModel
    from .pipelines import DiffusionPipeline, Text2ImagePipeline
else:
    import sys

    sys.modules[__name__] = _LazyModule(__name__, globals()["__file__"], _import_structure)
