#include "cli/cached_formatter.h"

#include <sys/stat.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <string_view>
#include <unordered_map>

#include "base/file_io.h"
#include "index/content_hash.h"

namespace kensa::cli {
namespace {

// Entries kept at most in one cache file: beyond it, the entries of older runs are dropped.
constexpr size_t kMaxEntries = 50000;

std::string Hex(const index::ContentHash& h) {
  static const char kDigits[] = "0123456789abcdef";
  std::string out;
  for (uint64_t v : {h.hi, h.lo}) {
    for (int shift = 60; shift >= 0; shift -= 4) out += kDigits[(v >> shift) & 0xf];
  }
  return out;
}

// The program `name` runs, as execvp finds it: "" when it is not there.
std::string FindProgram(const std::string& name) {
  if (name.find('/') != std::string::npos) return name;
  const char* path = std::getenv("PATH");
  std::string_view dirs = path != nullptr ? path : "/usr/local/bin:/usr/bin:/bin";
  while (true) {
    size_t colon = dirs.find(':');
    std::string dir(dirs.substr(0, colon));
    std::string candidate = (dir.empty() ? "." : dir) + "/" + name;
    if (access(candidate.c_str(), X_OK) == 0) return candidate;
    if (colon == std::string_view::npos) return "";
    dirs.remove_prefix(colon + 1);
  }
}

// What identifies the formatter's behaviour, as one string to hash.
std::string FormatterIdentity(const std::vector<std::string>& command,
                              const std::string& working_directory) {
  std::string id = "kensa-formatted-snippets-v1";
  for (const std::string& part : command) id += '\0' + part;
  std::string program = command.empty() ? "" : FindProgram(command[0]);
  std::error_code ec;
  std::string real = std::filesystem::weakly_canonical(program, ec).string();
  struct stat st {};
  if (!real.empty() && stat(real.c_str(), &st) == 0) {
    id += '\0' + real + '\0' + std::to_string(st.st_size) + '\0' +
          std::to_string(st.st_mtim.tv_sec) + '.' + std::to_string(st.st_mtim.tv_nsec);
  } else {
    id += '\0' + program;
  }
  for (const char* config : {"pyproject.toml", "ruff.toml", ".ruff.toml"}) {
    std::string text, ignored;
    bool present = ReadFile(working_directory + "/" + config, &text, &ignored);
    id += '\0' + std::string(config) + (present ? "=" + text : " absent");
  }
  return id;
}

bool Disabled() {
  const char* v = std::getenv("KENSA_NO_FORMATTER_CACHE");
  return v != nullptr && *v != '\0' && std::string_view(v) != "0";
}

}  // namespace

CachedFormatter::CachedFormatter(checks::SnippetFormatter* inner,
                                 const std::vector<std::string>& command,
                                 const std::string& working_directory, const std::string& cache_dir)
    : inner_(inner) {
  if (cache_dir.empty() || Disabled()) return;
  cache_path_ = cache_dir + "/formatted-snippets/" +
                Hex(index::HashContent(FormatterIdentity(command, working_directory))) + ".json";
}

bool CachedFormatter::FormatBatch(const std::vector<std::string>& snippets,
                                  std::vector<std::string>* formatted, std::string* error) {
  if (cache_path_.empty()) {
    ++inner_runs_;
    return inner_->FormatBatch(snippets, formatted, error);
  }

  // A cache file that is missing, unreadable or not ours is an empty cache.
  nlohmann::json cache = nlohmann::json::object();
  std::string text, ignored;
  if (ReadFile(cache_path_, &text, &ignored)) {
    nlohmann::json parsed = nlohmann::json::parse(text, nullptr, false);
    if (parsed.is_object()) cache = std::move(parsed);
  }
  formatted->assign(snippets.size(), std::string());
  std::vector<std::string> keys(snippets.size());
  std::vector<std::string> misses;
  std::vector<size_t> miss_index;
  std::unordered_map<std::string, size_t> first_miss;  // a snippet asked twice is formatted once
  for (size_t i = 0; i < snippets.size(); ++i) {
    keys[i] = Hex(index::HashContent(snippets[i]));
    auto it = cache.find(keys[i]);
    if (it != cache.end() && it->is_string()) {
      (*formatted)[i] = it->get<std::string>();
      ++hits_;
    } else if (first_miss.emplace(keys[i], misses.size()).second) {
      misses.push_back(snippets[i]);
      miss_index.push_back(i);
    }
  }
  if (misses.empty()) return true;

  std::vector<std::string> fresh;
  ++inner_runs_;
  if (!inner_->FormatBatch(misses, &fresh, error)) return false;
  if (cache.size() + fresh.size() > kMaxEntries) cache = nlohmann::json::object();
  for (size_t m = 0; m < misses.size(); ++m) cache[keys[miss_index[m]]] = fresh[m];
  for (size_t i = 0; i < snippets.size(); ++i) {
    auto it = first_miss.find(keys[i]);
    if (it != first_miss.end()) (*formatted)[i] = fresh[it->second];
  }
  // Best effort: a cache that cannot be written costs the next run a formatter start, no more.
  // Bytes that are not UTF-8 leave it unwritten rather than stored altered (a replacement
  // character would be a wrong answer on the next run).
  std::string dumped;
  try {
    dumped = cache.dump(-1, ' ', false, nlohmann::json::error_handler_t::strict);
  } catch (const nlohmann::json::type_error&) {
    return true;
  }
  std::string write_error;
  WriteFileAtomically(cache_path_, dumped, &write_error);
  return true;
}

}  // namespace kensa::cli
