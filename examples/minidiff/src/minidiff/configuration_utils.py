from .utils import logging

logger = logging.get_logger(__name__)


class ConfigMixin:
    """Stores the arguments a model or pipeline was built with."""

    config_name = "config.json"

    def register_to_config(self, **kwargs):
        self._internal_dict = dict(kwargs)
        logger.debug("registered %d config values", len(kwargs))
