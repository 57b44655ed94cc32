// Message templates: what a Python emitting call (a logger call, warnings.warn, print,
// sys.stderr.write, raise, an exception's __str__) can print, as literal pieces and holes.
// `f"The module name {name} is not valid"` becomes ["The module name ", {name}, " is not
// valid"]; %-formatting, str.format, `+`, implicit concatenation, "sep".join([...]), a message
// built in a local variable (`msg = ...; msg += ...; raise X(msg)`) and a small helper's
// returned string are all followed, so that a message as printed at run time can be matched
// back to the places that can produce it (message_match.h).
//
// ExtractMessageSites is a pure function of one parsed module: it can run on any thread and its
// result can be cached by the file's content hash.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace kensa::python::ast {
struct Module;
}
namespace kensa::python {
class Source;
}

namespace kensa::query {

// One piece of a template: literal text, or a hole standing for a value filled in at run time
// (its text is then the expression's source, shortened, for display).
struct TemplatePiece {
  bool hole = false;
  std::string text;
  bool operator==(const TemplatePiece&) const = default;
};

// Adjacent literals are merged and adjacent holes collapse into one, so a template alternates.
using MessageTemplate = std::vector<TemplatePiece>;

// How a site emits its message; the order is the tie-break when two sites explain a text
// equally well (a logger call before a raise before a print...).
enum class EmitKind : uint8_t {
  kLog,    // logger.warning(...), logging.info(...), logger.warning_once(...), logger.log(lvl, ...)
  kWarn,   // warnings.warn(...)
  kRaise,  // raise X(...)
  kExceptionInit,  // super().__init__(msg) / Base.__init__(self, msg) in an exception class
  kExceptionStr,   // return ... in an exception class's __str__
  kPrint,          // print(...)
  kWrite,          // sys.stderr.write(...) / sys.stdout.write(...)
  kExit,           // sys.exit("message")
};

std::string_view EmitKindName(EmitKind kind);

struct MessageSite {
  uint32_t line = 0;    // 1-based, of the emitting call (or raise)
  uint32_t column = 0;  // 0-based UTF-8 bytes, as CPython's col_offset
  EmitKind kind = EmitKind::kLog;
  std::string emitter;  // as written: "logger.warning", "raise ValueError", "print"
  std::string
      function;  // the enclosing qualified name in the module ("A.f", "f.inner"; "" at top level)
  MessageTemplate text;  // one alternative; a site with several gets one MessageSite each
  bool operator==(const MessageSite&) const = default;
};

// Every emitting site of `module` with each template it can produce. `source` is the text the
// module was parsed from (for positions and hole names).
std::vector<MessageSite> ExtractMessageSites(const python::ast::Module& module,
                                             const python::Source& source);

// Parses `bytes` as a Python file and extracts its sites; a file that does not decode or parse
// has none (and sets *ok to false when ok is given).
std::vector<MessageSite> ExtractMessageSitesFromBytes(std::string_view bytes, bool* ok = nullptr);

// The template as text with each hole as {expression} ("{…}" when it has no name).
std::string RenderTemplate(const MessageTemplate& text);

// Template helpers, exposed for tests.
void AppendLiteral(MessageTemplate* t, std::string_view text);
void AppendHole(MessageTemplate* t, std::string_view name);
void AppendTemplate(MessageTemplate* t, const MessageTemplate& tail);
// The template after `template % args`: each conversion (%s, %(name)r, %5.2f) in a literal
// becomes a hole (named after names[i], the i-th value, when given) or, for a %s whose value
// is known (values[i] not null), that value's template; %% becomes %.
MessageTemplate ApplyPercentFormat(const MessageTemplate& t,
                                   const std::vector<std::string>* names = nullptr,
                                   const std::vector<const MessageTemplate*>* values = nullptr);
// The template after `template.format(...)`: each {field} becomes a hole, {{ and }} braces.
MessageTemplate ApplyBraceFormat(const MessageTemplate& t);

}  // namespace kensa::query
