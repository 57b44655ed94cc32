from .autoencoder_kl import AutoencoderKL
from .unet_2d import UNet2DModel
