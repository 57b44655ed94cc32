// Replays inputs through the fuzz target without libFuzzer, so that every build's tests
// (the ASan/UBSan one included) run the seeds and the inputs that once crashed kensa
// (tests/fuzz/regressions/). Usage: fuzz_parser_replay FILE_OR_DIR...
#include <cstdint>
#include <cstdio>
#include <string>
#include <vector>

#include "base/file_io.h"
#include "base/file_walk.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size);

int main(int argc, char** argv) {
  std::vector<std::string> roots(argv + 1, argv + argc);
  size_t replayed = 0;
  for (const kensa::FoundFile& file : kensa::FindFiles(roots, "")) {
    std::string bytes;
    std::string error;
    if (!file.error.empty() || !kensa::ReadFile(file.path, &bytes, &error)) {
      std::fprintf(stderr, "%s: error: %s\n", file.path.c_str(),
                   file.error.empty() ? error.c_str() : file.error.c_str());
      return 2;
    }
    std::fprintf(stderr, "replaying %s\n", file.path.c_str());
    LLVMFuzzerTestOneInput(reinterpret_cast<const uint8_t*>(bytes.data()), bytes.size());
    ++replayed;
  }
  std::printf("%zu inputs replayed without a crash\n", replayed);
  return replayed > 0 ? 0 : 1;
}
