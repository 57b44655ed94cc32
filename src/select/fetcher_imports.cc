#include "select/fetcher_imports.h"

#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>

#include <array>
#include <cstdlib>
#include <cstring>
#include <stdexcept>

#include "select/python_text.h"

namespace kensa::select {

namespace {

// Python's `\s` for str patterns (str.isspace()), and its complement `\S`.
constexpr const char* kSpace =
    "[\\t-\\r\\x{1c}-\\x{20}\\x{85}\\x{a0}\\x{1680}\\x{2000}-\\x{200a}\\x{2028}\\x{2029}"
    "\\x{202f}\\x{205f}\\x{3000}]";
constexpr const char* kNonSpace =
    "[^\\t-\\r\\x{1c}-\\x{20}\\x{85}\\x{a0}\\x{1680}\\x{2000}-\\x{200a}\\x{2028}\\x{2029}"
    "\\x{202f}\\x{205f}\\x{3000}]";

// Rewrites a Python pattern's \s and \S into the classes above.
std::string ToPcre(std::string_view python_pattern) {
  std::string out;
  for (size_t i = 0; i < python_pattern.size(); ++i) {
    if (python_pattern[i] == '\\' && i + 1 < python_pattern.size()) {
      char next = python_pattern[i + 1];
      if (next == 's' || next == 'S') {
        out += next == 's' ? kSpace : kNonSpace;
        ++i;
        continue;
      }
      out += python_pattern[i];
      out += next;
      ++i;
      continue;
    }
    out += python_pattern[i];
  }
  return out;
}

std::string QuoteLiteral(std::string_view text) {
  std::string out;
  for (char c : text) {
    if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_')) {
      out += '\\';
    }
    out += c;
  }
  return out;
}

struct CodeDeleter {
  void operator()(pcre2_code* code) const { pcre2_code_free(code); }
};
struct MatchDataDeleter {
  void operator()(pcre2_match_data* data) const { pcre2_match_data_free(data); }
};
using CodePtr = std::unique_ptr<pcre2_code, CodeDeleter>;
using MatchDataPtr = std::unique_ptr<pcre2_match_data, MatchDataDeleter>;

CodePtr Compile(const std::string& pattern) {
  int error = 0;
  PCRE2_SIZE offset = 0;
  pcre2_code* code = pcre2_compile(reinterpret_cast<PCRE2_SPTR>(pattern.data()), pattern.size(),
                                   PCRE2_UTF | PCRE2_ANCHORED, &error, &offset, nullptr);
  if (code == nullptr) {
    // The patterns are constants of this file: failing to compile one is a bug.
    PCRE2_UCHAR message[256];
    pcre2_get_error_message(error, message, sizeof message);
    throw std::logic_error("bad fetcher pattern: " +
                           std::string(reinterpret_cast<const char*>(message)));
  }
  // Anchored at compile time (matches start only at candidates), so that the JIT can run it.
  pcre2_jit_compile(code, PCRE2_JIT_COMPLETE);  // best effort: the interpreter is fine too
  return CodePtr(code);
}

// A place where a match can start: a run of whitespace that begins at the start of the text
// or at a newline and ends right before "from". Every newline of the run is an equivalent
// starting point (each consumes its newline, then the rest of the run), so one is kept: the
// last, the one a search resumed after an earlier match can still reach.
struct Candidate {
  size_t start;  // where the anchored match begins: 0 (for `^`) or a '\n'
  // What follows "from" and its whitespace: a '.' (only the relative patterns can match) or
  // the package name (only the direct ones can).
  bool relative;
  bool direct;
};

std::vector<Candidate> FindCandidates(std::string_view text, std::string_view package) {
  std::vector<Candidate> out;
  const char* data = text.data();
  size_t search = 0;
  while (search + 4 <= text.size()) {
    const size_t from = FindLiteral(text, search, "from");
    if (from == std::string_view::npos) break;
    search = from + 4;  // "from" cannot overlap itself
    // Walk back over the whitespace before it, noting the newline closest to it.
    size_t p = from;
    size_t newline = std::string_view::npos;
    while (p > 0) {
      unsigned char c = static_cast<unsigned char>(data[p - 1]);
      if (c < 0x80) {
        if (PythonSpaceLength(text, p - 1) == 0) break;
        if (c == '\n' && newline == std::string_view::npos) newline = p - 1;
        --p;
        continue;
      }
      size_t lead = p - 1;
      while (lead > 0 && (static_cast<unsigned char>(data[lead]) & 0xC0) == 0x80) --lead;
      size_t n = PythonSpaceLength(text, lead);
      if (n == 0 || lead + n != p) break;
      p = lead;
    }
    if (newline == std::string_view::npos && p != 0) continue;
    // Both kinds need whitespace after "from", then a '.' or the package name.
    size_t q = from + 4;
    size_t n = PythonSpaceLength(text, q);
    if (n == 0) continue;
    while (n > 0) {
      q += n;
      n = PythonSpaceLength(text, q);
    }
    bool relative = q < text.size() && data[q] == '.';
    bool direct = text.compare(q, package.size(), package) == 0;
    if (!relative && !direct) continue;
    out.push_back({newline != std::string_view::npos ? newline : 0, relative, direct});
  }
  return out;
}

}  // namespace

struct FetcherImportScanner::Patterns {
  // In the reference's order: relative single-line, relative multi-line, direct single-line,
  // direct multi-line.
  std::array<CodePtr, 4> codes;
};

FetcherImportScanner::FetcherImportScanner(std::string_view package)
    : package_(package), patterns_(std::make_unique<Patterns>()) {
  const std::string pkg = QuoteLiteral(package);
  const std::string sources[4] = {
      R"((?:^|\n)\s*from\s+(\.+\S+)\s+import\s+([^\n]+)(?=\n))",
      R"((?:^|\n)\s*from\s+(\.+\S+)\s+import\s+\(([^\)]+)\))",
      R"((?:^|\n)\s*from\s+)" + pkg + R"((\S*)\s+import\s+([^\n]+)(?=\n))",
      R"((?:^|\n)\s*from\s+)" + pkg + R"((\S*)\s+import\s+\(([^\)]+)\))",
  };
  for (int i = 0; i < 4; ++i) patterns_->codes[i] = Compile(ToPcre(sources[i]));
}

FetcherImportScanner::~FetcherImportScanner() = default;

std::vector<RawFetcherImport> FetcherImportScanner::Scan(std::string_view text) const {
  std::vector<RawFetcherImport> out;
  std::vector<Candidate> candidates = FindCandidates(text, package_);
  if (candidates.empty()) return out;
  MatchDataPtr data(pcre2_match_data_create(4, nullptr));
  const auto* subject = reinterpret_cast<PCRE2_SPTR>(text.data());
  for (int p = 0; p < 4; ++p) {
    const bool relative = p < 2;
    const bool single_line = p % 2 == 0;
    size_t resume = 0;  // findall continues after the previous match
    for (const Candidate& c : candidates) {
      if (c.start < resume || !(relative ? c.relative : c.direct)) continue;
      int rc = pcre2_match(patterns_->codes[p].get(), subject, text.size(), c.start,
                           PCRE2_NO_UTF_CHECK, data.get(), nullptr);
      if (rc < 0) continue;
      const PCRE2_SIZE* ov = pcre2_get_ovector_pointer(data.get());
      RawFetcherImport found;
      found.module.assign(text.substr(ov[2], ov[3] - ov[2]));
      found.names.assign(text.substr(ov[4], ov[5] - ov[4]));
      found.relative = relative;
      resume = ov[1];
      if (found.names.find("# tests_ignore") != std::string::npos) continue;
      if (single_line && StripPython(found.names) == "(") continue;
      out.push_back(std::move(found));
    }
  }
  return out;
}

std::string RemoveTripleDoubleQuoted(std::string_view content) {
  return JoinEvenPieces(content, "\"\"\"");
}

namespace {

bool IsIdentifierLike(std::string_view name) {
  if (name.empty()) return false;
  for (char c : name) {
    if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_')) {
      return false;
    }
  }
  return true;
}

}  // namespace

std::vector<FetcherImport> FetcherImportScanner::Extract(std::string_view module_fname,
                                                         std::string_view content,
                                                         const FileQuery& files) const {
  return Resolve(module_fname, Scan(RemoveTripleDoubleQuoted(content)), files);
}

std::vector<FetcherImport> FetcherImportScanner::Resolve(std::string_view module_fname,
                                                         const std::vector<RawFetcherImport>& raw,
                                                         const FileQuery& files) const {
  const std::vector<std::string> module_parts = SplitOn(module_fname, '/');
  const long n_parts = static_cast<long>(module_parts.size());

  std::vector<FetcherImport> result;
  for (const RawFetcherImport& r : raw) {
    std::vector<std::string> dep_parts;
    if (r.relative) {
      size_t level = 0;
      while (level < r.module.size() && r.module[level] == '.') ++level;
      std::string_view module = std::string_view(r.module).substr(level);
      // module_parts[: len(module_parts) - level], with Python's negative-index slicing.
      long stop = n_parts - static_cast<long>(level);
      if (stop < 0) stop = std::max(0L, stop + n_parts);
      dep_parts.assign(module_parts.begin(), module_parts.begin() + stop);
      if (!module.empty()) {
        for (std::string& part : SplitOn(module, '.')) dep_parts.push_back(std::move(part));
      }
    } else {
      std::vector<std::string> import_parts = SplitOn(r.module, '.');
      dep_parts = {"src", package_};
      dep_parts.insert(dep_parts.end(), import_parts.begin() + 1, import_parts.end());
    }
    std::string module_file = JoinWith(dep_parts, "/");

    if (files.IsFile(module_file + ".py")) {
      module_file += ".py";
    } else if (files.IsDirectory(module_file) && files.IsFile(module_file + "/__init__.py")) {
      module_file += "/__init__.py";
    }
    FetcherImport entry;
    entry.module_file = std::move(module_file);
    for (const std::string& name : SplitOn(r.names, ',')) {
      std::string_view stripped = StripPython(name);
      if (IsIdentifierLike(stripped)) entry.names.emplace_back(stripped);
    }
    if (!entry.names.empty()) result.push_back(std::move(entry));
  }
  return result;
}

}  // namespace kensa::select
