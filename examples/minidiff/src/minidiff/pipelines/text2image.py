from ..models import AutoencoderKL, UNet2DModel
from .pipeline_utils import DiffusionPipeline


class Text2ImagePipeline(DiffusionPipeline):
    def __init__(self):
        self.unet = UNet2DModel.from_pretrained("unet")
        self.vae = AutoencoderKL.from_pretrained("vae")

    def __call__(self, prompt):
        latents = self.unet.forward([len(prompt)])
        return self.vae.decode(latents)
