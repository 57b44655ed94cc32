#include "checks/py_re_template.h"

#include <optional>

#include "checks/py_re_tokenizer.h"
#include "checks/py_re_translate.h"
#include "checks/py_text.h"

namespace kensa::checks {

namespace {

constexpr size_t kMaxGroups = 1073741823u;  // re._constants.MAXGROUPS

class TemplateParser : private PyReTokenizer {
 public:
  TemplateParser(std::u32string repl, size_t groups,
                 const std::map<std::string, size_t>& group_index)
      : PyReTokenizer(std::move(repl)), groups_(groups), group_index_(group_index) {}

  std::vector<PyTemplatePiece> Run() {
    Advance();
    while (true) {
      PyReToken t = Get();
      if (t.none) break;
      if (!t.escape) {
        literal_ += t.c;
        continue;
      }
      char32_t c = t.c;
      if (c == 'g') {
        GroupByName();
      } else if (c == '0') {
        std::u32string digits(1, c);
        digits += GetWhile(2, PyReIsOctDigit);
        literal_ += Octal(digits) & 0xFF;
      } else if (PyReIsDigit(c)) {
        std::u32string digits(1, c);
        bool octal = false;
        if (NextIn(PyReIsDigit)) {
          digits += Get().c;
          if (PyReIsOctDigit(c) && PyReIsOctDigit(digits[1]) && NextIn(PyReIsOctDigit)) {
            digits += Get().c;
            octal = true;
            char32_t v = Octal(digits);
            if (v > 0377) {
              Fail("octal escape value \\" + EncodeUtf8(digits) + " outside of range 0-0o377",
                   digits.size() + 1);
            }
            literal_ += v;
          }
        }
        if (!octal) AddGroup(Decimal(digits), digits.size());
      } else if (std::optional<char32_t> e = PyReSimpleEscape(c)) {
        literal_ += *e;
      } else {
        if (PyReIsAsciiLetter(c)) Fail("bad escape " + EncodeUtf8(t.text()), 2);
        literal_ += t.text();
      }
    }
    Flush();
    return std::move(pieces_);
  }

 private:
  static char32_t Octal(const std::u32string& digits) {
    char32_t v = 0;
    for (char32_t d : digits) v = v * 8 + (d - '0');
    return v;
  }
  static size_t Decimal(const std::u32string& digits) {
    size_t v = 0;
    for (char32_t d : digits) v = v * 10 + (d - '0');
    return v;
  }

  void GroupByName() {
    if (!Match('<')) Fail("missing <");
    std::u32string name = GetUntil('>', "group name");
    size_t index = 0;
    if (PyIsIdentifier(name)) {
      auto it = group_index_.find(EncodeUtf8(name));
      if (it == group_index_.end()) {
        throw PyReError{"unknown group name " + PyStrRepr(name), std::nullopt};
      }
      index = it->second;
    } else {
      std::optional<uint64_t> number = PyGroupNumber(name);
      if (!number) Fail("bad character in group name " + PyStrRepr(name), name.size() + 1);
      if (*number >= kMaxGroups) {
        Fail("invalid group reference " + std::to_string(*number), name.size() + 1);
      }
      index = static_cast<size_t>(*number);
    }
    AddGroup(index, name.size() + 1);
  }

  void AddGroup(size_t index, size_t offset) {
    if (index > groups_) Fail("invalid group reference " + std::to_string(index), offset);
    Flush();
    pieces_.push_back({true, index, {}});
  }

  void Flush() {
    if (literal_.empty()) return;
    pieces_.push_back({false, 0, EncodeUtf8(literal_)});
    literal_.clear();
  }

  size_t groups_;
  const std::map<std::string, size_t>& group_index_;
  std::u32string literal_;
  std::vector<PyTemplatePiece> pieces_;
};

}  // namespace

bool ParsePyTemplate(std::string_view repl, size_t groups,
                     const std::map<std::string, size_t>& group_index,
                     std::vector<PyTemplatePiece>* pieces, std::string* error) {
  return RunPyReParser(repl, "replacement", error, [&](const std::u32string& text) {
    *pieces = TemplateParser(text, groups, group_index).Run();
  });
}

}  // namespace kensa::checks
