// Matching a message as printed at run time against message templates (message_template.h).
//
// PrepareMessage takes what the user pasted and keeps the message: it drops a logging prefix
// ("WARNING:transformers.dynamic_module_utils:"), a warnings.showwarning prefix
// ("path.py:12: UserWarning: "), an exception's "ValueError: " and a traceback's frames, and
// remembers what they said (level, category or class) to break ties between sites.
//
// MatchTemplate is a glob match where each hole matches any text (empty included): the first
// literal may follow unexplained text, the last must end the message unless a hole follows it,
// and the message may stop at a line break of its template (the first line of a multi-line
// message). Literals between holes are matched leftmost-first with string search, which is exact
// for this kind of pattern and takes O(len(text) x literals) at worst: no backtracking.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "query/message_template.h"

namespace kensa::query {

struct PreparedMessage {
  std::string text;       // the message proper, trimmed: what templates are matched against
  std::string prefix;     // what was dropped in front of it, as given
  std::string level;      // "warning", "error", ... from a logging prefix; "" if none
  std::string exception;  // "ValueError", "UserWarning", ... from its prefix; "" if none
};

PreparedMessage PrepareMessage(std::string_view raw);

struct TemplateMatch {
  bool matched = false;
  size_t explained = 0;    // characters of the message matched by literal pieces
  bool truncated = false;  // the message stops at a line break of the template
};

// With allow_cut, the text may also stop anywhere inside a literal (a sentence pasted short);
// the search falls back to it when no template matches otherwise.
TemplateMatch MatchTemplate(const MessageTemplate& t, std::string_view text,
                            bool allow_cut = false);

}  // namespace kensa::query
