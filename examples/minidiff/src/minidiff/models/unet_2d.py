from .modeling_utils import ModelMixin


class UNetBlock:
    def __init__(self, channels):
        self.channels = channels

    def forward(self, x):
        # one residual step per channel group
        return [value + self.channels for value in x]


class UNet2DModel(ModelMixin):
    def __init__(self, channels=4):
        self.block = UNetBlock(channels)

    def forward(self, x):
        return self.block.forward(x)
