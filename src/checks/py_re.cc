#include "checks/py_re.h"

#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>

#include "checks/py_re_template.h"
#include "checks/py_re_translate.h"

namespace kensa::checks {

namespace {

struct CodeDeleter {
  void operator()(pcre2_code* code) const { pcre2_code_free(code); }
};
struct MatchDataDeleter {
  void operator()(pcre2_match_data* data) const { pcre2_match_data_free(data); }
};
struct ContextDeleter {
  void operator()(pcre2_compile_context* context) const { pcre2_compile_context_free(context); }
};
using MatchData = std::unique_ptr<pcre2_match_data, MatchDataDeleter>;

std::string PcreMessage(int code) {
  PCRE2_UCHAR buffer[256];
  pcre2_get_error_message(code, buffer, sizeof buffer);
  return reinterpret_cast<const char*>(buffer);
}

PCRE2_SPTR Subject(std::string_view text) {
  return reinterpret_cast<PCRE2_SPTR>(text.data());
}

}  // namespace

struct PyRe::Compiled {
  std::unique_ptr<pcre2_code, CodeDeleter> code;
  size_t groups = 0;
  std::map<std::string, size_t> group_index;

  MatchData NewMatchData() const {
    return MatchData(pcre2_match_data_create_from_pattern(code.get(), nullptr));
  }
  // One pcre2_match; rc as pcre2_match returns it.
  int Match(std::string_view text, size_t start, uint32_t options, pcre2_match_data* data) const {
    return pcre2_match(code.get(), Subject(text), text.size(), start, options, data, nullptr);
  }
};

bool PyRe::IsLiteral(std::string_view pattern) {
  return pattern.find_first_of(".^$*+?{}[]\\|()") == std::string_view::npos;
}

std::optional<PyRe> PyRe::Compile(std::string_view pattern, std::string* error) {
  PcreTranslation translation;
  if (!TranslatePyPattern(pattern, &translation, error)) return std::nullopt;
  // Python's "." stops at "\n" only, and "^" under re.M also matches after a final "\n".
  std::unique_ptr<pcre2_compile_context, ContextDeleter> context(
      pcre2_compile_context_create(nullptr));
  pcre2_set_newline(context.get(), PCRE2_NEWLINE_LF);
  uint32_t options = PCRE2_UTF | PCRE2_UCP | PCRE2_ALT_CIRCUMFLEX;
  if (translation.ignore_case) options |= PCRE2_CASELESS;
  if (translation.multiline) options |= PCRE2_MULTILINE;
  if (translation.dot_all) options |= PCRE2_DOTALL;
  int code = 0;
  PCRE2_SIZE offset = 0;
  auto compiled = std::make_shared<Compiled>();
  compiled->code.reset(pcre2_compile(reinterpret_cast<PCRE2_SPTR>(translation.pattern.data()),
                                     translation.pattern.size(), options, &code, &offset,
                                     context.get()));
  if (!compiled->code) {
    // A construct Python accepts and PCRE2 does not, e.g. a backreference in a look-behind.
    *error = "kensa does not support this pattern (PCRE2: " + PcreMessage(code) + ")";
    return std::nullopt;
  }
  pcre2_jit_compile(compiled->code.get(), PCRE2_JIT_COMPLETE);  // best effort
  compiled->groups = translation.groups;
  compiled->group_index = std::move(translation.group_index);
  return PyRe(std::move(compiled));
}

bool PyRe::Search(std::string_view text) const {
  MatchData data = compiled_->NewMatchData();
  return compiled_->Match(text, 0, 0, data.get()) >= 0;
}

bool PyRe::Find(std::string_view text, bool anchored,
                std::vector<std::optional<std::string>>* groups) const {
  MatchData data = compiled_->NewMatchData();
  if (compiled_->Match(text, 0, anchored ? PCRE2_ANCHORED : 0, data.get()) < 0) return false;
  const PCRE2_SIZE* ov = pcre2_get_ovector_pointer(data.get());
  groups->assign(compiled_->groups, std::nullopt);
  for (size_t g = 1; g <= compiled_->groups; ++g) {
    if (ov[2 * g] != PCRE2_UNSET) {
      (*groups)[g - 1] = std::string(text.substr(ov[2 * g], ov[2 * g + 1] - ov[2 * g]));
    }
  }
  return true;
}

bool PyRe::FindAll(std::string_view text, std::vector<Found>* found, std::string* error) const {
  if (compiled_->groups > 1) {
    *error = "kensa's findall takes patterns with at most one group";
    return false;
  }
  found->clear();
  MatchData data = compiled_->NewMatchData();
  const PCRE2_SIZE* ov = pcre2_get_ovector_pointer(data.get());
  size_t start = 0;
  uint32_t options = 0;
  size_t group = compiled_->groups;  // 0: the whole match
  while (start <= text.size()) {
    int rc = compiled_->Match(text, start, options, data.get());
    if (rc == PCRE2_ERROR_NOMATCH) break;
    if (rc < 0) {
      *error = "kensa could not apply the pattern (PCRE2: " + PcreMessage(rc) + ")";
      return false;
    }
    if (ov[2 * group] == PCRE2_UNSET) {
      found->push_back({ov[0], ""});
    } else {
      found->push_back({ov[2 * group], std::string(text.substr(
                                           ov[2 * group], ov[2 * group + 1] - ov[2 * group]))});
    }
    start = ov[1];
    options = PCRE2_NO_UTF_CHECK | (ov[0] == ov[1] ? PCRE2_NOTEMPTY_ATSTART : 0);
  }
  return true;
}

bool PyRe::Sub(std::string_view repl, std::string_view text, std::string* result,
               std::string* error) const {
  // Python parses the template only when it has a backslash; otherwise it is literal.
  std::vector<PyTemplatePiece> pieces;
  if (repl.find('\\') == std::string_view::npos) {
    pieces.push_back({false, 0, std::string(repl)});
  } else if (!ParsePyTemplate(repl, compiled_->groups, compiled_->group_index, &pieces, error)) {
    return false;
  }
  MatchData data = compiled_->NewMatchData();
  const PCRE2_SIZE* ov = pcre2_get_ovector_pointer(data.get());
  std::string out;
  size_t copied = 0;  // text[:copied] is in `out` (replaced or not)
  size_t start = 0;
  uint32_t options = 0;  // the first call checks that `text` is UTF-8; later ones need not
  while (true) {
    int rc = compiled_->Match(text, start, options, data.get());
    if (rc == PCRE2_ERROR_NOMATCH) break;
    if (rc < 0) {
      *error = "kensa could not apply the pattern (PCRE2: " + PcreMessage(rc) + ")";
      return false;
    }
    size_t begin = ov[0];
    size_t end = ov[1];
    out.append(text.substr(copied, begin - copied));
    for (const PyTemplatePiece& piece : pieces) {
      if (!piece.is_group) {
        out += piece.literal;
      } else if (ov[2 * piece.group] != PCRE2_UNSET) {
        out.append(text.substr(ov[2 * piece.group], ov[2 * piece.group + 1] - ov[2 * piece.group]));
      }
    }
    copied = end;
    start = end;
    // As re.sub since Python 3.7: after an empty match, the next one may start at the same
    // place only if it is not empty; after any match, an empty one may follow right away.
    options = PCRE2_NO_UTF_CHECK | (begin == end ? PCRE2_NOTEMPTY_ATSTART : 0);
  }
  out.append(text.substr(copied));
  *result = std::move(out);
  return true;
}

}  // namespace kensa::checks
