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

namespace {

// What both revisions of transformers' script share.
FetcherPreset TransformersLayout(FetcherFlavor flavor, std::string name) {
  FetcherPreset p;
  p.flavor = flavor;
  p.name = std::move(name);
  p.package = "transformers";
  p.source_dir = "src/transformers";
  p.tests_dir = "tests";
  p.examples_dir = "examples";
  // `repo.refs.main`: the local branch.
  p.main_refs = {"refs/heads/main"};
  return p;
}

}  // namespace

FetcherPreset TransformersPreset() {
  FetcherPreset p = TransformersLayout(FetcherFlavor::kTransformers, "transformers");
  p.example_frameworks = {"pytorch"};
  p.init_import_structure = true;
  p.core_files = {
      "setup.py",
      ".circleci/create_circleci_config.py",
      "src/transformers/modeling_utils.py",
      "src/transformers/core_model_loading.py",
      "src/transformers/cache_utils.py",
      "src/transformers/generation/utils.py",
      "src/transformers/utils/output_capturing.py",
  };
  p.models_for_full_ci = 15;
  return p;
}

FetcherPreset Transformers2023Preset() {
  FetcherPreset p = TransformersLayout(FetcherFlavor::kTransformers2023, "transformers-2023");
  p.example_frameworks = {"flax", "pytorch", "tensorflow"};
  p.important_models = {
      "auto",  "bert",     "clip",       "t5",       "xlm-roberta", "gpt2",       "bart", "mpnet",
      "gpt-j", "wav2vec2", "deberta-v2", "layoutlm", "opt",         "longformer", "vit",  "tapas",
      "vilt",  "clap",     "detr",       "owlvit",   "dpt",         "videomae",
  };
  return p;
}

std::optional<FetcherPreset> PresetNamed(std::string_view name) {
  if (name == "diffusers") return DiffusersPreset();
  if (name == "transformers") return TransformersPreset();
  if (name == "transformers-2023") return Transformers2023Preset();
  return std::nullopt;
}

}  // namespace kensa::select
