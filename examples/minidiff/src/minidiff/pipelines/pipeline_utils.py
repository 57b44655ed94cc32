from ..configuration_utils import ConfigMixin


class DiffusionPipeline(ConfigMixin):
    def __call__(self, *args, **kwargs):
        raise NotImplementedError
