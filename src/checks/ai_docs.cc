#include "checks/ai_docs.h"

#include <algorithm>
#include <optional>
#include <set>

#include "checks/py_re.h"
#include "checks/py_text.h"

namespace kensa::checks {

namespace {

using project::DirEntry;

constexpr char kAi[] = ".ai";
constexpr char kReferences[] = ".ai/references";
// The script's patterns, run through PyRe where `\w`, `\s` and `\S` must be Unicode-exact.
constexpr char kCitation[] = R"((?<![./\w])references/([\w-]+\.md))";
constexpr char kSibling[] = R"(\]\(([\w-]+\.md)\))";
constexpr char kFrontmatterName[] = R"((?m)^name:\s*(\S+)\s*$)";

// A path as pathlib holds it, for sorting: Paths compare part by part, so ".ai/a/b.md" sorts
// before ".ai/a-b.md" although "/" > "-".
std::vector<std::string> Parts(const std::string& path) {
  std::vector<std::string> parts;
  for (std::string_view p : PySplit(path, '/')) parts.emplace_back(p);
  return parts;
}

bool SortedAsPaths(const std::string& a, const std::string& b) {
  return Parts(a) < Parts(b);
}

// AI_DIR.rglob("*.md") in Python 3.11: every entry (of any type) whose name ends in ".md", in
// `.ai/` and every directory below it reached without following a symbolic link.
void RglobMd(const project::SourceTree& tree, const std::string& dir,
             std::vector<std::string>* found) {
  std::vector<DirEntry> entries;
  std::string error;
  if (!tree.ListDirectory(dir, &entries, &error)) return;  // rglob ignores what it cannot list
  for (const DirEntry& e : entries) {
    if (e.name.size() >= 3 && e.name.compare(e.name.size() - 3, 3, ".md") == 0)
      found->push_back(dir + "/" + e.name);
  }
  for (const DirEntry& e : entries) {
    if (e.type == DirEntry::Type::kDirectory && !e.is_symlink)
      RglobMd(tree, dir + "/" + e.name, found);
  }
}

// path.read_text(): the text with universal newlines, or the error the script dies of.
bool ReadText(const project::SourceTree& tree, const std::string& path, std::string* text,
              AiDocsReport* report) {
  auto fail = [&](const char* type, std::string message) {
    report->exception_type = type;
    report->exception = std::move(message);
    report->exception_path = path;
    return false;
  };
  if (tree.IsDirectory(path)) return fail("IsADirectoryError", "[Errno 21] Is a directory");
  std::string bytes, error;
  if (!tree.IsFile(path) || !tree.ReadFile(path, &bytes, &error))
    return fail("FileNotFoundError", "[Errno 2] No such file or directory");
  std::string decode_error;
  if (!ValidatePyUtf8(bytes, &decode_error, PyTextRead::kWhole))
    return fail("UnicodeDecodeError", decode_error);
  *text = PyUniversalNewlines(bytes);
  return true;
}

// CODE_FENCE.sub("", text) for CODE_FENCE = re.compile(r"^```.*?^```", re.M | re.S): from a
// line starting with ``` to the next line starting with ``` (only those three backticks go).
// Without a closing fence after an opening one, no later opening has one either.
std::string StripCodeFences(const std::string& text) {
  std::string out;
  size_t pos = 0, copied = 0;
  while (pos < text.size()) {
    size_t open = text.find("```", pos);
    if (open == std::string::npos) break;
    if (open != 0 && text[open - 1] != '\n') {
      pos = open + 1;
      continue;
    }
    size_t close = text.find("\n```", open + 3);
    if (close == std::string::npos) break;
    out.append(text, copied, open - copied);
    pos = copied = close + 4;
  }
  out.append(text, copied, std::string::npos);
  return out;
}

// LINK.findall(prose) for LINK = re.compile(r"\]\(([^)]+)\)"): the text between "](" and the
// next ")", when not empty.
std::vector<std::string> Links(const std::string& prose) {
  std::vector<std::string> links;
  size_t pos = 0;
  while ((pos = prose.find("](", pos)) != std::string::npos) {
    size_t close = prose.find(')', pos + 2);
    if (close == std::string::npos) break;  // no later "](" has a ")" either
    if (close == pos + 2) {
      pos += 1;
      continue;
    }
    links.push_back(prose.substr(pos + 2, close - pos - 2));
    pos = close + 1;
  }
  return links;
}

// Path(target).parts contains "..".
bool Escapes(const std::string& target) {
  for (std::string_view p : PySplit(target, '/'))
    if (p == "..") return true;
  return false;
}

// str(Path(dir) / target) as pathlib builds it: empty and "." parts dropped, an absolute target
// replacing `dir`. A target without parts is `dir` itself.
std::string JoinAsPathlib(const std::string& dir, const std::string& target) {
  std::string joined = !target.empty() && target[0] == '/' ? "" : dir;
  for (std::string_view p : PySplit(target, '/')) {
    if (p.empty() || p == ".") continue;
    joined += "/";
    joined += p;
  }
  if (joined.empty()) joined = "/";
  return joined;
}

// Path.exists(): a path with a NUL byte is a ValueError, which exists() turns into False.
bool PathExists(const std::function<bool(const std::string&)>& exists, const std::string& path) {
  if (path.find('\0') != std::string::npos) return false;
  return exists(path);
}

std::optional<std::vector<std::string>> FindAll(const char* pattern, const std::string& text) {
  std::string error;
  static thread_local std::vector<PyRe::Found> found;
  std::optional<PyRe> re = PyRe::Compile(pattern, &error);
  found.clear();
  if (!re || !re->FindAll(text, &found, &error)) return std::nullopt;
  std::vector<std::string> out;
  for (PyRe::Found& f : found) out.push_back(std::move(f.text));
  return out;
}

std::string Dirname(const std::string& path) {
  return path.substr(0, path.rfind('/'));
}
std::string Basename(const std::string& path) {
  return path.substr(path.rfind('/') + 1);
}

bool Fail(AiDocsReport* report, const std::string& path, const char* what) {
  report->exception_type = "kensa";
  report->exception = std::string(what) + " failed on " + path;
  return false;
}

// The first loop of main(), for one rglob match.
bool CheckDoc(const project::SourceTree& tree,
              const std::function<bool(const std::string&)>& exists, const std::string& path,
              AiDocsReport* report) {
  using Kind = AiDocsProblem::Kind;
  auto add = [&](Kind kind, std::string message) {
    report->problems.push_back({kind, path, path + ": " + message});
  };
  std::string text;
  if (!ReadText(tree, path, &text, report)) return false;
  std::string prose = StripCodeFences(text);
  bool skill = Basename(path) == "SKILL.md";
  for (const std::string& link : Links(prose)) {
    std::string target = link.substr(0, link.find('#'));
    if (target.empty() || target.starts_with("http://") || target.starts_with("https://")) continue;
    if (Escapes(target)) {
      add(Kind::kEscapes, "'" + link + "' escapes its directory — link to a stable URL instead");
    } else if (skill && target.starts_with("references/")) {
      continue;  // the citations below cover these
    } else if (!PathExists(exists, JoinAsPathlib(Dirname(path), target))) {
      add(Kind::kMissingLink, "'" + link + "' does not exist");
    }
  }
  if (!skill) return true;

  std::optional<std::vector<std::string>> found = FindAll(kCitation, prose);
  if (!found) return Fail(report, path, "CITATION");
  std::set<std::string> cited(found->begin(), found->end());  // sorted(set(...)): by code point
  for (const std::string& guide : cited) {
    if (!PathExists(exists, std::string(kReferences) + "/" + guide))
      add(Kind::kMissingGuide, "cites 'references/" + guide + "', which is not in references/");
  }
  for (const std::string& guide : cited) {
    std::string source = std::string(kReferences) + "/" + guide;
    if (!PathExists(exists, source)) continue;
    std::string guide_text;
    if (!ReadText(tree, source, &guide_text, report)) return false;
    std::optional<std::vector<std::string>> siblings = FindAll(kSibling, guide_text);
    if (!siblings) return Fail(report, source, "sibling links");
    for (const std::string& sibling : std::set<std::string>(siblings->begin(), siblings->end())) {
      if (!cited.count(sibling) && PathExists(exists, std::string(kReferences) + "/" + sibling))
        add(Kind::kUncitedSibling, "'references/" + guide + "' links to '" + sibling +
                                       "', which the skill does not cite — add 'references/" +
                                       sibling + "' so it is installed alongside");
    }
  }
  return true;
}

// The second loop of main(), over AI_DIR.glob("skills/*/SKILL.md"): directories (symbolic links
// followed) under `.ai/skills`, each with a SKILL.md of any kind.
bool CheckSkills(const project::SourceTree& tree,
                 const std::function<bool(const std::string&)>& exists, AiDocsReport* report) {
  using Kind = AiDocsProblem::Kind;
  std::string skills = std::string(kAi) + "/skills";
  if (!tree.IsDirectory(skills)) return true;
  std::vector<DirEntry> entries;
  std::string error;
  if (!tree.ListDirectory(skills, &entries, &error)) return true;
  std::vector<std::string> names;
  for (const DirEntry& e : entries)
    if (e.type == DirEntry::Type::kDirectory && exists(skills + "/" + e.name + "/SKILL.md"))
      names.push_back(e.name);
  std::sort(names.begin(), names.end());
  std::optional<PyRe> name_re = PyRe::Compile(kFrontmatterName, &error);
  if (!name_re) return Fail(report, skills, "FRONTMATTER_NAME");
  for (const std::string& name : names) {
    std::string path = skills + "/" + name + "/SKILL.md";
    std::string text;
    if (!ReadText(tree, path, &text, report)) return false;
    std::vector<std::optional<std::string>> groups;
    if (!name_re->Find(text, false, &groups)) {
      report->problems.push_back({Kind::kNoName, path, path + ": no 'name' in frontmatter"});
    } else if (groups.at(0).value_or("") != name) {
      report->problems.push_back({Kind::kNameMismatch, path,
                                  path + ": frontmatter name '" + groups.at(0).value_or("") +
                                      "' does not match directory '" + name + "'"});
    }
    if (SkillDescription(text).empty())
      report->problems.push_back(
          {Kind::kNoDescription, path, path + ": no 'description' in frontmatter"});
  }
  return true;
}

// str.splitlines(): breaks at \n, \r\n, \r, \v, \f, \x1c, \x1d, \x1e, \x85, U+2028 and U+2029;
// no empty piece after a final break.
std::vector<std::u32string> SplitLines(const std::u32string& s) {
  std::vector<std::u32string> lines;
  size_t start = 0;
  for (size_t i = 0; i < s.size(); ++i) {
    char32_t c = s[i];
    bool is_break = c == '\n' || c == '\r' || c == '\v' || c == '\f' || c == 0x1c || c == 0x1d ||
                    c == 0x1e || c == 0x85 || c == 0x2028 || c == 0x2029;
    if (!is_break) continue;
    lines.push_back(s.substr(start, i - start));
    if (c == '\r' && i + 1 < s.size() && s[i + 1] == '\n') ++i;
    start = i + 1;
  }
  if (start < s.size()) lines.push_back(s.substr(start));
  return lines;
}

std::string Strip(const std::u32string& s) {
  return std::string(PyStrip(EncodeUtf8(s)));
}

}  // namespace

// What `_skill_description` in diffusers' src/diffusers/commands/skills.py (at 58eb52c) does:
// split the text with str.splitlines(); without a first line that strips to "---", "". Then,
// line by line, stop with "" at a line stripping to "---"; at the first line starting with
// "description:", the rest stripped is the answer unless it is empty or one of the YAML block
// markers ">", "|", ">-", "|-": then the following lines that start with a space or a tab (up
// to a line stripping to "---") are stripped and joined with " ". No description line: "".
std::string SkillDescription(const std::string& skill_md) {
  std::vector<std::u32string> lines = SplitLines(DecodeUtf8(skill_md));
  if (lines.empty() || Strip(lines[0]) != "---") return "";
  static const std::u32string kKey = U"description:";
  for (size_t index = 1; index < lines.size(); ++index) {
    const std::u32string& line = lines[index];
    if (Strip(line) == "---") return "";
    if (!line.starts_with(kKey)) continue;
    std::string value = Strip(line.substr(kKey.size()));
    if (!value.empty() && value != ">" && value != "|" && value != ">-" && value != "|-")
      return value;
    std::string folded;
    bool first = true;
    for (size_t k = index + 1; k < lines.size(); ++k) {
      const std::u32string& continuation = lines[k];
      if (Strip(continuation) == "---" ||
          !(continuation.starts_with(U" ") || continuation.starts_with(U"\t")))
        break;
      if (!first) folded += " ";
      first = false;
      folded += Strip(continuation);
    }
    return folded;
  }
  return "";
}

AiDocsReport CheckAiDocs(const project::SourceTree& tree,
                         const std::function<bool(const std::string&)>& exists) {
  AiDocsReport report;
  if (!tree.IsDirectory(kAi)) return report;  // rglob and glob of a missing directory: nothing
  std::vector<std::string> docs;
  RglobMd(tree, kAi, &docs);
  std::sort(docs.begin(), docs.end(), SortedAsPaths);
  for (const std::string& path : docs)
    if (!CheckDoc(tree, exists, path, &report)) return report;
  CheckSkills(tree, exists, &report);
  return report;
}

}  // namespace kensa::checks
