#include "select/fetcher_preset.h"

namespace kensa::select {

FetcherPreset DiffusersPreset() {
  FetcherPreset p;
  p.name = "diffusers";
  p.package = "diffusers";
  p.source_dir = "src/diffusers";
  p.tests_dir = "tests";
  p.examples_dir = "examples";
  p.example_frameworks = {"pytorch", "tensorflow"};
  p.modules_to_ignore = {"fixtures", "lora"};
  p.important_pipelines = {
      "controlnet",          "stable_diffusion",       "stable_diffusion_2",
      "stable_diffusion_xl", "stable_video_diffusion", "deepfloyd_if",
      "kandinsky",           "kandinsky2_2",           "text_to_video_synthesis",
      "wuerstchen",
  };
  return p;
}

}  // namespace kensa::select
