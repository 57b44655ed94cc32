from .pipeline_utils import DiffusionPipeline
from .text2image import Text2ImagePipeline
