#include "cli/name_render.h"

#include <limits.h>
#include <stdlib.h>

#include <cstdio>

#include "cli/command.h"

namespace kensa::cli {

std::string RootRelativeName(const LoadedIndex& loaded, const IndexCommandOptions& options,
                             const std::string& name) {
  size_t colon = name.rfind(':');
  if (colon == std::string::npos || colon < 3 || name.compare(colon - 3, 3, ".py") != 0) {
    return name;
  }
  std::string path = name.substr(0, colon);
  std::string candidate = path[0] == '/' ? path : options.directory + "/" + path;
  char resolved[PATH_MAX];
  const std::string& root = loaded.files->root.root;
  if (::realpath(candidate.c_str(), resolved) != nullptr) {
    std::string abs = resolved;
    if (abs.size() > root.size() && abs.compare(0, root.size(), root) == 0 &&
        abs[root.size()] == '/') {
      return abs.substr(root.size() + 1) + name.substr(colon);
    }
  }
  return name;  // perhaps already relative to the root
}

std::optional<int> LookupOrExplain(const LoadedIndex& loaded, const IndexCommandOptions& options,
                                   const char* command, const std::string& name,
                                   query::LookupResult* result) {
  *result = query::LookupName(*loaded.index, RootRelativeName(loaded, options, name));
  if (!result->error.empty()) {
    std::fprintf(stderr, "kensa %s: error: %s\n", command, result->error.c_str());
    return kExitUsage;
  }
  if (result->matches.empty()) {
    std::fprintf(stderr, "kensa %s: no definition named '%s' in the project at %s\n", command,
                 name.c_str(), loaded.files->root.root.c_str());
    return kExitFindings;
  }
  return std::nullopt;
}

std::optional<int> RequireOne(const LoadedIndex& loaded, const char* command,
                              const std::string& name, const query::LookupResult& result) {
  if (result.matches.size() == 1) return std::nullopt;
  std::fprintf(stderr, "kensa %s: '%s' is ambiguous: %zu definitions match; name one of them:\n",
               command, name.c_str(), result.matches.size());
  size_t shown = 0;
  for (const query::NameMatch& m : result.matches) {
    if (++shown > 20) {
      std::fprintf(stderr, "  ... %zu more\n", result.matches.size() - 20);
      break;
    }
    std::fprintf(stderr, "  %s\n", DescribeMatch(*loaded.index, m).c_str());
  }
  return kExitUsage;
}

std::string SymbolLocation(const index::ProjectIndex& idx, const query::Symbol& symbol) {
  return idx.file(symbol.file).path + ":" + std::to_string(symbol.line) + ":" +
         std::to_string(symbol.column + 1);
}

std::string DescribeMatch(const index::ProjectIndex& idx, const query::NameMatch& match) {
  return SymbolLocation(idx, match.symbol) + ": " +
         std::string(query::SymbolKindName(match.symbol.kind)) + " " + match.name;
}

}  // namespace kensa::cli
