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
  // The reference reads `repo.remotes.origin.refs.main`; a clone without that remote still
  // has its local main, which kensa accepts instead.
  p.main_refs = {"refs/remotes/origin/main", "refs/heads/main"};
  return p;
}

FetcherPreset TransformersPreset() {
  FetcherPreset p;
  p.flavor = FetcherFlavor::kTransformers;
  p.name = "transformers";
  p.package = "transformers";
  p.source_dir = "src/transformers";
  p.tests_dir = "tests";
  p.examples_dir = "examples";
  p.example_frameworks = {"flax", "pytorch", "tensorflow"};
  p.important_models = {
      "auto",  "bert",     "clip",       "t5",       "xlm-roberta", "gpt2",       "bart", "mpnet",
      "gpt-j", "wav2vec2", "deberta-v2", "layoutlm", "opt",         "longformer", "vit",  "tapas",
      "vilt",  "clap",     "detr",       "owlvit",   "dpt",         "videomae",
  };
  // `repo.refs.main`: the local branch.
  p.main_refs = {"refs/heads/main"};
  return p;
}

std::optional<FetcherPreset> PresetNamed(std::string_view name) {
  if (name == "diffusers") return DiffusersPreset();
  if (name == "transformers") return TransformersPreset();
  return std::nullopt;
}

}  // namespace kensa::select
