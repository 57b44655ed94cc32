// The Python side of `kensa trace`: the files of the hook (src/runtime/hook/), embedded in the
// binary at build time (embed_hook.cmake) so that a kensa built from a clean clone, or
// installed alone, carries them. Each run writes them to a private folder put first on
// PYTHONPATH (trace_session.h). Immutable; thread-safe.
#pragma once

#include <string_view>
#include <vector>

namespace kensa::runtime {

struct HookFile {
  std::string_view name;  // "sitecustomize.py", "_kensa_trace_hook.py"
  std::string_view text;
};

const std::vector<HookFile>& TraceHookFiles();

}  // namespace kensa::runtime
