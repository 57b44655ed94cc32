// The transformers flavour of the copies check: utils/check_copies.py of huggingface/transformers
// (as of f576078df320) replayed over a SourceTree — copies in the library and in tests/models,
// compared block by block (a class's methods, a function's inner definitions) so that a block
// marked `# Ignore copy` may differ, the first differing line reported, then the whole-file
// copies (FULL_COPIES). The object cache of the script (`buffer`) is reproduced too: an object
// is read once per run, even if a fix rewrites its file afterwards.
#include <deque>
#include <optional>

#include "checks/copies_pass.h"
#include "checks/copy_code.h"
#include "checks/copy_comment.h"
#include "checks/py_re.h"
#include "checks/py_text.h"

namespace kensa::checks::copies_internal {

namespace {

struct Split {
  std::string name;
  int64_t start = 0;
  int64_t end = 0;
};

// A Python dict of str -> str: insertion order, overwriting keeps the position.
class OrderedDict {
 public:
  void Set(const std::string& key, std::string value) {
    for (auto& [k, v] : items_) {
      if (k == key) {
        v = std::move(value);
        return;
      }
    }
    items_.emplace_back(key, std::move(value));
  }
  const std::string* Get(const std::string& key) const {
    for (const auto& [k, v] : items_) {
      if (k == key) return &v;
    }
    return nullptr;
  }
  void Erase(const std::string& key) {
    for (size_t i = 0; i < items_.size(); ++i) {
      if (items_[i].first == key) {
        items_.erase(items_.begin() + static_cast<ptrdiff_t>(i));
        return;
      }
    }
  }
  const std::vector<std::pair<std::string, std::string>>& items() const { return items_; }

 private:
  std::vector<std::pair<std::string, std::string>> items_;
};

bool StartsWith(std::string_view s, std::string_view prefix) {
  return s.substr(0, prefix.size()) == prefix;
}

bool IsIgnoredBlockName(std::string_view name) {
  return StartsWith(name, "_ignored_existing_block_") || StartsWith(name, "_ignored_new_block_");
}

// _should_continue of this script: the indentation, a blank line, or the end of a signature.
bool ShouldContinue(std::string_view line, std::string_view indent) {
  return StartsWith(line, indent) || PyStrip(line).empty() || ClosesSignature(line);
}

// re.search(rf"^{indent}((class|def)\s+\S+)(\(|\:)", line).groups()[0], or nullopt.
std::optional<std::string> BlockHeaderName(std::string_view line, std::string_view indent) {
  if (!StartsWith(line, indent)) return std::nullopt;
  size_t i = indent.size();
  if (line.compare(i, 5, "class") == 0) {
    i += 5;
  } else if (line.compare(i, 3, "def") == 0) {
    i += 3;
  } else {
    return std::nullopt;
  }
  size_t run = SkipPySpace(line, i);
  if (run == i) return std::nullopt;
  size_t run_end = SkipNonPySpace(line, run);
  // \S+ backtracks from the end of the run to the last "(" or ":" after its first character.
  for (size_t p = run_end; p > run + 1; --p) {
    char c = line[p - 1];
    if (c == '(' || c == ':') return std::string(line.substr(indent.size(), p - 1 - indent.size()));
  }
  return std::nullopt;
}

bool AllWhitespace(const PyLines& lines, int64_t begin, int64_t end) {
  for (std::string_view line : PySlice(lines, begin, end)) {
    if (!PyStrip(line).empty()) return false;
  }
  return true;
}

std::string Spaces(int64_t n) {
  return std::string(static_cast<size_t>(std::max<int64_t>(n, 0)), ' ');
}

// find_block_end(lines, start_index, indent).
bool FindBlockEnd(const PyLines& lines, int64_t start_index, int64_t indent, int64_t* end,
                  PyError* error) {
  std::string indent_str = Spaces(indent);
  int64_t line_index = start_index + 1;
  const int64_t n = static_cast<int64_t>(lines.size());
  while (line_index < n && ShouldContinue(lines[static_cast<size_t>(line_index)], indent_str)) {
    ++line_index;
  }
  if (!DropTrailingEmptyLines(lines, &line_index, error)) return false;
  *end = line_index;
  return true;
}

// split_code_into_blocks(lines, start_index, end_index, indent, backtrace).
bool SplitCodeIntoBlocks(const PyLines& lines, int64_t start_index, int64_t end_index,
                         int64_t indent, bool backtrace, std::vector<Split>* splits,
                         PyError* error) {
  splits->clear();
  const int64_t n = static_cast<int64_t>(lines.size());
  std::string_view header;
  std::optional<std::string> target_name;
  if (PyAt(lines, start_index, &header)) target_name = BlockHeaderName(header, Spaces(indent - 4));
  if (!target_name) {
    int64_t start_context = std::min<int64_t>(start_index - 10, 0);
    int64_t end_context = std::min<int64_t>(end_index + 10, n);
    *error = {"ValueError",
              "Tried to split a class or function. It did not work. Error comes "
              "from line " +
                  std::to_string(start_index) + ": \n```\n" +
                  PyJoinSlice(lines, start_context, end_context) + "```\n"};
    return false;
  }
  std::string indent_str = Spaces(indent);
  int block_without_name_idx = 0;
  int empty_block_idx = 0;

  // The definition's header may span lines up to its closing "):".
  int64_t index = start_index;
  if (header.find('(') != std::string_view::npos && header.find("):") == std::string_view::npos) {
    while (index < end_index) {
      std::string_view line;
      if (!PyAt(lines, index, &line)) {
        *error = {"IndexError", "list index out of range"};
        return false;
      }
      if (ClosesSignature(line)) break;
      ++index;
    }
  }
  ++index;
  splits->push_back({*target_name, start_index, index});

  int64_t prev_block_end_index = index;
  auto gap_name = [&](int64_t from, int64_t to) {
    return AllWhitespace(lines, from, to)
               ? "_empty_block_" + std::to_string(empty_block_idx++)
               : "_block_without_name_" + std::to_string(block_without_name_idx++);
  };
  while (index < end_index) {
    std::string_view line;
    if (!PyAt(lines, index, &line)) {
      *error = {"IndexError", "list index out of range"};
      return false;
    }
    std::optional<std::string> name = BlockHeaderName(line, indent_str);
    if (name) {
      int64_t block_end_index = 0;
      if (!FindBlockEnd(lines, index, indent + 4, &block_end_index, error)) return false;
      // Comments and decorators right above the definition belong to it.
      int64_t block_start_index = index;
      if (index > prev_block_end_index && backtrace) {
        int64_t idx = index - 1;
        for (idx = index - 1; idx > prev_block_end_index - 2; --idx) {
          std::string_view above;
          if (!PyAt(lines, idx, &above)) {
            *error = {"IndexError", "list index out of range"};
            return false;
          }
          if (!(!PyStrip(above).empty() && StartsWith(above, indent_str))) break;
        }
        if (idx == prev_block_end_index - 2) idx = prev_block_end_index - 1;  // loop ran out
        ++idx;
        if (idx < index) block_start_index = idx;
      }
      if (block_start_index > prev_block_end_index) {
        splits->push_back({gap_name(prev_block_end_index, block_start_index), prev_block_end_index,
                           block_start_index});
      }
      splits->push_back({*name, block_start_index, block_end_index});
      prev_block_end_index = block_end_index;
      index = block_end_index - 1;
    }
    ++index;
  }
  if (index > prev_block_end_index) {
    splits->push_back({gap_name(prev_block_end_index, index), prev_block_end_index, index});
  }
  return true;
}

// _sanity_check_splits(splits_1, splits_2, is_class, filename).
bool SanityCheckSplits(const std::vector<Split>& splits_1, const std::vector<Split>& splits_2,
                       bool is_class, const std::string& filename, PyError* error) {
  auto structure = [&](const std::vector<Split>& splits) {
    std::vector<std::string> names;
    for (size_t i = 1; i < splits.size(); ++i) {
      const std::string& name = splits[i].name;
      if (StartsWith(name, "_block_without_name_")) {
        names.push_back("block_without_name");
      } else if (!StartsWith(name, "_empty_block_") &&
                 (!is_class || names.empty() || StartsWith(names.back(), "block_without_name"))) {
        names.push_back("block_with_name");
      }
    }
    return names;
  };
  std::vector<std::string> names_1 = structure(splits_1);
  std::vector<std::string> names_2 = structure(splits_2);
  using V = std::vector<std::string>;
  if (is_class && names_1 != V{"block_without_name"} && names_1 != V{"block_with_name"} &&
      names_1 != V{"block_without_name", "block_with_name"}) {
    *error = {"ValueError",
              "Class defined in " + filename +
                  " doesn't have the expected stucture.\n                See the docstring of "
                  "`_sanity_check_splits` in the file `utils/check_copies.py`"};
    return false;
  }
  if (names_1 != names_2) {
    *error = {"ValueError", "In " + filename +
                                ", two code blocks expected to be copies have different "
                                "structures."};
    return false;
  }
  return true;
}

// check_codes_match(observed_code, theoretical_code): the first differing line, or nullopt.
bool CheckCodesMatch(const std::string& observed_code, const std::string& theoretical_code,
                     std::optional<int64_t>* diff_index, PyError* error) {
  std::vector<std::string_view> observed = PySplit(observed_code, '\n');
  std::vector<std::string_view> theoretical = PySplit(theoretical_code, '\n');
  std::string observed_header(observed[0]);
  std::string theoretical_header(theoretical[0]);
  // The class or function name may differ; everything else must not.
  // Compiled once; a compiled PyRe is immutable and safe to share.
  static const std::vector<PyRe> kPatterns = [] {
    std::vector<PyRe> out;
    std::string unused;
    out.push_back(*PyRe::Compile("class\\s+([^\\(:]+)(?:\\(|:)", &unused));
    out.push_back(*PyRe::Compile("def\\s+([^\\(]+)\\(", &unused));
    return out;
  }();
  for (const PyRe& pattern : kPatterns) {
    std::vector<std::optional<std::string>> groups;
    if (!pattern.Find(observed_header, true, &groups)) continue;
    std::string observed_name = *groups[0];
    if (!pattern.Find(theoretical_header, false, &groups)) {
      *error = {"ValueError",
                "Tried to split a class or function. It did not work. Error comes from: \n```\n" +
                    theoretical_header + "\n```\n"};
      return false;
    }
    theoretical_header = PyReplace(theoretical_header, *groups[0], observed_name);
  }
  if (theoretical_header != observed_header) {
    *diff_index = 0;
    return true;
  }
  for (size_t i = 1; i < observed.size() && i < theoretical.size(); ++i) {
    if (observed[i] != theoretical[i]) {
      *diff_index = static_cast<int64_t>(i);
      return true;
    }
  }
  *diff_index = std::nullopt;
  return true;
}

// What find_code_and_splits returns, kept for the whole run as the script's `buffer` keeps it.
struct FoundCode {
  std::shared_ptr<const std::string> text;  // the file as read then
  PyLines lines;
  std::string code;
  std::vector<Split> splits;
};

class TransformersPass : public Pass {
 public:
  using Pass::Pass;

  void Execute(CopiesReport* report) override {
    if (CheckFiles(report)) CheckFullCopies(report);
  }

 private:
  // find_code_and_splits(object_name, base_path, buffer).
  bool FindCodeAndSplits(const std::string& object_name, const std::string& base_path,
                         const FoundCode** found, PyError* error) {
    std::string key = object_name + '\0' + base_path;
    auto it = buffer_.find(key);
    if (it != buffer_.end()) {
      *found = &it->second;
      return true;
    }
    FoundCode f;
    int64_t start_index = 0, end_index = 0;
    if (!FindCode(object_name, base_path, &f, &start_index, &end_index, error)) return false;
    std::string_view indent;
    if (!GetIndent(f.code, &indent)) {
      *error = {"AttributeError", "'NoneType' object has no attribute 'groups'"};
      return false;
    }
    int64_t body_indent = static_cast<int64_t>(PyLen(indent)) + 4;
    if (!SplitCodeIntoBlocks(f.lines, start_index, end_index, body_indent, true, &f.splits,
                             error)) {
      return false;
    }
    *found = &buffer_.emplace(key, std::move(f)).first->second;
    return true;
  }

  // find_code_in_transformers(object_name, base_path, return_indices=True).
  bool FindCode(const std::string& object_name, const std::string& base_path, FoundCode* f,
                int64_t* start_index, int64_t* end_index, PyError* error) {
    // The script names test objects "tests.models.…" but searches under tests/models: it maps
    // that base back to "tests".
    std::string base =
        base_path == options_.preset.tests_path ? options_.preset.tests_package : base_path;
    std::vector<std::string_view> parts = PySplit(object_name, '.');
    size_t first_name = 0;
    std::string module;
    if (!FindModule(base, object_name, parts, &first_name, &module, error)) return false;
    std::string path = PyPathJoin(base, module + ".py");
    std::string_view text;
    bool has_marker = false;
    if (!Read(path, &text, &has_marker, error)) return false;
    f->text = std::make_shared<const std::string>(text);
    f->lines = PyReadLines(*f->text);
    const PyLines& lines = f->lines;

    std::string indent;
    int64_t line_index = 0;
    if (!FindDefinition(lines, parts, first_name, object_name, module, &line_index, &indent,
                        error)) {
      return false;
    }
    *start_index = line_index - 1;
    if (!FindBlockEnd(lines, *start_index, static_cast<int64_t>(indent.size()), end_index, error)) {
      return false;
    }
    f->code = PyJoinSlice(lines, *start_index, *end_index);
    return true;
  }

  bool IsCopyConsistent(const std::string& filename, std::vector<CopyMismatch>* diffs,
                        std::string* rewritten, CopiesStats* stats, PyError* error) override {
    const bool is_test = StartsWith(filename, "tests");
    const std::string& base_path =
        is_test ? options_.preset.tests_path : options_.preset.library_path;
    const std::string& package = is_test ? options_.preset.tests_package : options_.preset.package;
    std::string_view text;
    bool has_marker = false;
    if (!Read(filename, &text, &has_marker, error)) return false;
    if (!has_marker) return true;
    PyLines lines = PyReadLines(text);
    std::deque<std::string> owned;

    int64_t line_index = 0;
    while (std::optional<CopyComment> search = NextCopyComment(lines, package, &line_index)) {
      ++stats->copies;
      std::string object_name(search->object_name);
      std::string replace_pattern(search->replace_pattern);
      std::string_view comment = lines[static_cast<size_t>(line_index)];
      const FoundCode* found = nullptr;
      if (!FindCodeAndSplits(object_name, base_path, &found, error)) {
        LocateRegexError(filename, text, comment, error);
        return false;
      }

      OrderedDict theoretical_blocks;
      std::vector<Replacement> replacements = ParseReplacePattern(replace_pattern);
      for (const Split& split : found->splits) {
        std::string name = split.name;
        std::string code = PyJoinSlice(found->lines, split.start, split.end);
        std::string regex_error;
        if (!ApplyReplacements(replacements, &name, &regex_error) ||
            !ApplyReplacements(replacements, &code, &regex_error)) {
          *error = {"re.error", regex_error};
          LocateRegexError(filename, text, comment, error);
          return false;
        }
        theoretical_blocks.Set(name, std::move(code));
      }
      std::string_view theoretical_indent;
      if (!GetIndent(found->code, &theoretical_indent)) {
        *error = {"AttributeError", "'NoneType' object has no attribute 'groups'"};
        return false;
      }
      int64_t start_index = search->indent == theoretical_indent ? line_index + 1 : line_index;
      line_index = start_index + 1;

      // The body's indentation: that of the original without its first line.
      std::vector<std::string_view> code_lines = PySplit(found->code, '\n');
      std::string subcode;
      for (size_t i = 1; i < code_lines.size(); ++i) {
        if (i > 1) subcode.push_back('\n');
        subcode.append(code_lines[i]);
      }
      std::string_view body_indent;
      if (!GetIndent(subcode, &body_indent)) {
        *error = {"AttributeError", "'NoneType' object has no attribute 'groups'"};
        return false;
      }
      std::string indent(body_indent);
      line_index = FollowCopy(lines, line_index, indent, ShouldContinue);
      if (!DropTrailingEmptyLines(lines, &line_index, error)) return false;

      std::vector<Split> observed_splits;
      const int64_t indent_len = static_cast<int64_t>(PyLen(indent));
      if (!SplitCodeIntoBlocks(lines, start_index, line_index, indent_len, true, &observed_splits,
                               error)) {
        return false;
      }
      std::string_view start_line;
      if (!PyAt(lines, start_index, &start_line)) {
        *error = {"IndexError", "list index out of range"};
        return false;
      }
      bool is_class = StartsWith(start_line, Spaces(indent_len - 4) + "class ");
      if (!SanityCheckSplits(found->splits, observed_splits, is_class, filename, error)) {
        return false;
      }
      OrderedDict observed_blocks;
      for (const Split& split : observed_splits) {
        observed_blocks.Set(split.name, PyJoinSlice(lines, split.start, split.end));
      }

      // Blocks marked "# Ignore copy" keep the copy's own text, under names that say so.
      OrderedDict mappings_1, mappings_2;  // original name -> current name
      for (const auto& [k, v] : theoretical_blocks.items()) mappings_1.Set(k, k);
      for (const auto& [k, v] : observed_blocks.items()) mappings_2.Set(k, k);
      int ignored_existing = 0, ignored_new = 0;
      std::vector<std::string> observed_names;
      for (const auto& [k, v] : observed_blocks.items()) observed_names.push_back(k);
      for (const std::string& name : observed_names) {
        std::string code = *observed_blocks.Get(name);
        if (code.find("# Ignore copy") == std::string::npos) continue;
        if (theoretical_blocks.Get(name) != nullptr) {
          std::string renamed = "_ignored_existing_block_" + std::to_string(ignored_existing++);
          theoretical_blocks.Erase(name);
          theoretical_blocks.Set(renamed, code);
          mappings_1.Set(name, renamed);
          observed_blocks.Erase(name);
          observed_blocks.Set(renamed, code);
          mappings_2.Set(name, renamed);
        } else {
          std::string renamed = "_ignored_new_block_" + std::to_string(ignored_new++);
          theoretical_blocks.Set(renamed, code);
          mappings_1.Set(renamed, renamed);
          observed_blocks.Erase(name);
          observed_blocks.Set(renamed, code);
          mappings_2.Set(name, renamed);
        }
      }
      // Back to the original order.
      auto reorder = [&](const OrderedDict& blocks, const OrderedDict& mappings, OrderedDict* out) {
        for (const auto& [orig, current] : mappings.items()) {
          const std::string* code = blocks.Get(current);
          if (code == nullptr) {
            *error = {"KeyError", "'" + current + "'"};
            return false;
          }
          out->Set(current, *code);
        }
        return true;
      };
      OrderedDict theoretical_ordered, observed_ordered;
      if (!reorder(theoretical_blocks, mappings_1, &theoretical_ordered) ||
          !reorder(observed_blocks, mappings_2, &observed_ordered)) {
        return false;
      }

      std::string theoretical_code;
      for (const auto& [k, v] : theoretical_ordered.items()) {
        if (!IsIgnoredBlockName(k)) theoretical_code += v;
      }
      bool known = true;
      if (!replace_pattern.empty()) {
        std::string styled;
        if (!Stylify(theoretical_code, &styled, &known, error)) return false;
        if (known) theoretical_code = std::move(styled);
      }
      if (!known) continue;  // compared once the formatter has answered
      while (theoretical_code.find("\n\n") != std::string::npos) {
        theoretical_code = PyReplace(theoretical_code, "\n\n", "\n");
      }

      // The observed code without blank lines, remembering where each line came from.
      std::vector<int64_t> original_index;
      std::string observed_code;
      int64_t orig_idx = -1;
      for (const auto& [name, block] : observed_ordered.items()) {
        std::string_view code = block;
        if (!code.empty() && code.back() == '\n') code.remove_suffix(1);
        for (std::string_view code_line : PySplit(code, '\n')) {
          ++orig_idx;
          if (!PyStrip(code_line).empty() && !IsIgnoredBlockName(name)) {
            observed_code.append(code_line).push_back('\n');
            original_index.push_back(orig_idx);
          }
        }
      }

      std::optional<int64_t> diff_index;
      if (!CheckCodesMatch(observed_code, theoretical_code, &diff_index, error)) return false;
      if (!diff_index) continue;
      if (*diff_index >= static_cast<int64_t>(original_index.size())) {
        *error = {"KeyError", std::to_string(*diff_index)};
        return false;
      }
      int64_t line = original_index[static_cast<size_t>(*diff_index)] + start_index + 1;
      diffs->push_back({filename, object_name, static_cast<size_t>(line)});
      if (options_.fix) {
        std::string all;
        for (const auto& [k, v] : theoretical_ordered.items()) all += v;
        std::string to_write;
        bool written_known = true;
        if (!Stylify(all, &to_write, &written_known, error)) return false;
        if (!written_known) continue;  // replaced once the formatter has answered
        ReplaceLines(&lines, &owned, start_index, line_index, std::move(to_write));
        line_index = start_index + 1;
      }
    }
    if (options_.fix && !diffs->empty()) {
      *rewritten = PyJoinSlice(lines, 0, static_cast<int64_t>(lines.size()));
    }
    return true;
  }

  // open(path, encoding="utf-8").read(): universal newlines.
  bool ReadText(const std::string& path, std::string* out, PyError* error) {
    std::string_view text;
    bool has_marker = false;
    if (!Read(path, &text, &has_marker, error)) return false;
    out->clear();
    for (size_t i = 0; i < text.size(); ++i) {
      if (text[i] == '\r') {
        out->push_back('\n');
        if (i + 1 < text.size() && text[i + 1] == '\n') ++i;
      } else {
        out->push_back(text[i]);
      }
    }
    return true;
  }

  // check_full_copies(overwrite).
  void CheckFullCopies(CopiesReport* report) {
    std::vector<std::string> diffs;
    for (const auto& [target, source] : options_.preset.full_copies) {
      std::string source_code, target_code;
      PyError error;
      if (!ReadText(source, &source_code, &error) || !ReadText(target, &target_code, &error)) {
        report->exception_type = error.type;
        report->exception = error.message;
        return;
      }
      if (source_code == target_code) continue;
      if (options_.fix) {
        report->printed.push_back("Replacing the content of " + target + " by the one of " +
                                  source + ".");
        report->rewritten.push_back(target);
        Rewrite(target, source_code);
      } else {
        diffs.push_back("- " + target + ": copy does not match " + source + ".");
      }
    }
    if (!options_.fix && !diffs.empty()) {
      report->exception_type = "Exception";
      report->exception = CopyInconsistenciesMessage(diffs);
    }
  }

  std::unordered_map<std::string, FoundCode> buffer_;
};

}  // namespace

std::unique_ptr<Pass> NewTransformersPass(const project::SourceTree& tree,
                                          const CopiesOptions& options, Shared* shared) {
  return std::make_unique<TransformersPass>(tree, options, shared);
}

}  // namespace kensa::checks::copies_internal
