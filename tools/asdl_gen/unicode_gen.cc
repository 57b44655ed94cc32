// unicode_gen: writes the Unicode tables kensa's literal and repr code need, in CPython 3.11's
// terms (Unicode 14.0), from the Unicode Character Database files Debian ships in
// /usr/share/unicode (package unicode-data, possibly a newer Unicode version: characters
// assigned after the target version are dropped using DerivedAge.txt).
//
// Output (one .cc file):
//   - the character names and name aliases for "\N{...}" escapes, sorted for binary search;
//   - the CJK unified ideograph ranges (names derived algorithmically, as CPython does).
// A build-time tool: single-threaded, exits non-zero on any error.
#include <algorithm>
#include <cstdint>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

namespace {

[[noreturn]] void Fail(const std::string& message) {
  std::cerr << "unicode_gen: " << message << "\n";
  std::exit(1);
}

std::vector<std::string> ReadLines(const std::string& path) {
  std::ifstream in(path);
  if (!in) Fail("cannot read " + path);
  std::vector<std::string> lines;
  std::string line;
  while (std::getline(in, line)) lines.push_back(line);
  return lines;
}

std::vector<std::string> Split(const std::string& s, char sep) {
  std::vector<std::string> parts;
  size_t start = 0;
  while (true) {
    size_t p = s.find(sep, start);
    parts.push_back(s.substr(start, p == std::string::npos ? std::string::npos : p - start));
    if (p == std::string::npos) break;
    start = p + 1;
  }
  return parts;
}

std::string Trim(const std::string& s) {
  size_t b = s.find_first_not_of(" \t");
  if (b == std::string::npos) return "";
  size_t e = s.find_last_not_of(" \t");
  return s.substr(b, e - b + 1);
}

uint32_t Hex(const std::string& s) {
  return static_cast<uint32_t>(std::stoul(s, nullptr, 16));
}

// Version "14.0" -> 1400.
int VersionNumber(const std::string& v) {
  size_t dot = v.find('.');
  if (dot == std::string::npos) Fail("bad version " + v);
  return std::stoi(v.substr(0, dot)) * 100 + std::stoi(v.substr(dot + 1));
}

constexpr uint32_t kCodePoints = 0x110000;

// NameAliases.txt has no version column: the aliases Unicode added to characters that already
// existed, with the version that added them, so that an older target leaves them out.
struct LaterAlias {
  const char* name;
  uint32_t code_point;
  int version;
};
constexpr LaterAlias kLaterAliases[] = {
    {"EM", 0x0019, 1500},
    {"ARABIC SMALL HIGH LIGATURE ALEF WITH YEH BARREE", 0x0616, 1500},
    {"SUNDANESE LETTER ARCHAIC I", 0x1BBD, 1500},
};

bool AliasIsNewer(const std::string& name, uint32_t cp, int max_version) {
  for (const LaterAlias& alias : kLaterAliases) {
    if (name == alias.name && cp == alias.code_point) return alias.version > max_version;
  }
  return false;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 4) Fail("usage: unicode_gen UCD_DIR MAX_VERSION OUTPUT.cc");
  std::string dir = argv[1];
  int max_version = VersionNumber(argv[2]);

  // Which code points exist in the target version.
  std::vector<bool> assigned(kCodePoints, false);
  for (const std::string& raw : ReadLines(dir + "/DerivedAge.txt")) {
    std::string line = Trim(raw.substr(0, raw.find('#')));
    if (line.empty()) continue;
    auto parts = Split(line, ';');
    if (parts.size() != 2) Fail("bad DerivedAge line: " + raw);
    if (VersionNumber(Trim(parts[1])) > max_version) continue;
    std::string range = Trim(parts[0]);
    size_t dots = range.find("..");
    uint32_t first = Hex(range.substr(0, dots));
    uint32_t last = dots == std::string::npos ? first : Hex(range.substr(dots + 2));
    for (uint32_t cp = first; cp <= last; ++cp) assigned[cp] = true;
  }

  // Names.
  std::vector<std::pair<std::string, uint32_t>> names;
  std::vector<std::pair<uint32_t, uint32_t>> cjk_ranges;
  uint32_t range_first = 0;
  for (const std::string& line : ReadLines(dir + "/UnicodeData.txt")) {
    if (line.empty()) continue;
    auto f = Split(line, ';');
    if (f.size() < 3) Fail("bad UnicodeData line: " + line);
    uint32_t cp = Hex(f[0]);
    const std::string& name = f[1];
    if (name.size() > 8 && name.compare(name.size() - 8, 8, ", First>") == 0) {
      range_first = cp;
      continue;
    }
    uint32_t first = cp;
    if (name.size() > 7 && name.compare(name.size() - 7, 7, ", Last>") == 0) {
      first = range_first;
      if (name.rfind("<CJK Ideograph", 0) == 0) {
        // Keep the part that exists in the target version.
        uint32_t last = first;
        while (last <= cp && assigned[last]) ++last;
        if (last > first) cjk_ranges.emplace_back(first, last - 1);
      }
    } else if (name[0] != '<' && assigned[cp]) {
      names.emplace_back(name, cp);
    }
  }
  for (const std::string& raw : ReadLines(dir + "/NameAliases.txt")) {
    std::string line = Trim(raw.substr(0, raw.find('#')));
    if (line.empty()) continue;
    auto f = Split(line, ';');
    if (f.size() != 3) Fail("bad NameAliases line: " + raw);
    uint32_t cp = Hex(f[0]);
    if (assigned[cp] && !AliasIsNewer(f[1], cp, max_version)) names.emplace_back(f[1], cp);
  }
  std::sort(names.begin(), names.end());
  for (size_t i = 1; i < names.size(); ++i) {
    if (names[i].first == names[i - 1].first) Fail("duplicate name " + names[i].first);
  }

  std::ostringstream o;
  o << "// Generated by tools/asdl_gen/unicode_gen from the Unicode Character Database, limited\n"
       "// to Unicode "
    << argv[2] << ". Do not edit.\n";
  o << "#include <cstdint>\n\n#include \"python/literal_unicode.h\"\n\n";
  o << "#pragma GCC diagnostic ignored \"-Woverlength-strings\"\n\n";
  o << "namespace kensa::python::unicode_name_tables {\n\n";
  o << "// Names, NUL-separated, sorted; kNameEntries[i] = {offset in kNames, code point}.\n";
  o << "extern const char kNames[] =\n";
  std::vector<uint32_t> offsets;
  uint32_t offset = 0;
  std::string chunk;
  for (const auto& [name, cp] : names) {
    offsets.push_back(offset);
    offset += static_cast<uint32_t>(name.size()) + 1;
    chunk += name + "\\000";  // three digits: a following digit is not part of it
    if (chunk.size() > 90) {
      o << "    \"" << chunk << "\"\n";
      chunk.clear();
    }
  }
  o << "    \"" << chunk << "\";\n";
  o << "extern const NameEntry kNameEntries[] = {\n";
  for (size_t i = 0; i < names.size(); ++i) {
    o << "    {" << offsets[i] << "u, 0x" << std::hex << names[i].second << std::dec << "u},\n";
  }
  o << "};\nextern const uint32_t kNameEntryCount = " << names.size() << ";\n\n";
  o << "extern const NameRange kCjkIdeographRanges[] = {\n";
  for (auto [a, b] : cjk_ranges) o << std::hex << "    {0x" << a << "u, 0x" << b << "u},\n";
  o << std::dec << "};\nextern const uint32_t kCjkIdeographRangeCount = " << cjk_ranges.size()
    << ";\n\n";
  o << "}  // namespace kensa::python::unicode_name_tables\n";

  std::ofstream out(argv[3], std::ios::binary);
  out << o.str();
  if (!out) Fail(std::string("cannot write ") + argv[3]);
  return 0;
}
