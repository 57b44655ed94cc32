from ..configuration_utils import ConfigMixin
from ..utils import logging

logger = logging.get_logger(__name__)


class ModelMixin(ConfigMixin):
    @classmethod
    def from_pretrained(cls, path, **kwargs):
        model = cls(**kwargs)
        unexpected = [key for key in kwargs if key.startswith("_")]
        if unexpected:
            logger.warning(f"Some weights of the model checkpoint at {path} were not used: {unexpected}")
        return model
