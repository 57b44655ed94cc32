#include "render/query_json.h"

#include <cmath>

namespace kensa::render {

Json MatchJson(const index::ProjectIndex& idx, const query::NameMatch& m) {
  Json j = Json::object();
  j["name"] = m.name;
  j["kind"] = query::SymbolKindName(m.symbol.kind);
  j["file"] = idx.file(m.symbol.file).path;
  j["line"] = m.symbol.line;
  j["column"] = m.symbol.column + 1;
  j["first_line"] = m.symbol.first_line;
  j["end_line"] = m.symbol.end_line;
  j["match"] = m.by == query::NameMatch::By::kExact    ? "exact"
               : m.by == query::NameMatch::By::kSuffix ? "suffix"
                                                       : "line";
  Json via = Json::array();
  for (const query::LookupHop& hop : m.via) {
    Json h = Json::object();
    h["how"] = query::HopHowName(hop.how);
    h["file"] = idx.file(hop.file).path;
    h["line"] = hop.line;
    h["name"] = hop.name;
    via.push_back(std::move(h));
  }
  j["via"] = std::move(via);
  return j;
}

Json DefinitionsJson(const std::string& root, const std::string& query,
                     const index::ProjectIndex* idx, const std::vector<query::NameMatch>& matches,
                     size_t limit) {
  const size_t shown = std::min(matches.size(), limit);
  Json j = Json::object();
  j["root"] = root;
  j["query"] = query;
  Json list = Json::array();
  for (size_t i = 0; i < shown; ++i) list.push_back(MatchJson(*idx, matches[i]));
  j["definitions"] = std::move(list);
  j["total"] = matches.size();
  j["omitted"] = matches.size() - shown;
  return j;
}

Json ReferencesJson(const std::string& root, const std::string& query,
                    const index::ProjectIndex& idx, const query::NameMatch& target,
                    const query::RefsResult& r) {
  Json j = Json::object();
  j["root"] = root;
  j["query"] = query;
  j["definition"] = MatchJson(idx, target);
  Json refs = Json::array();
  for (const query::Reference& ref : r.refs) {
    Json e = Json::object();
    e["file"] = idx.file(ref.file).path;
    e["line"] = ref.line;
    e["column"] = ref.column + 1;
    e["function"] = ref.function;
    e["kind"] = query::ReferenceKindName(ref.kind);
    e["how"] = ref.how;
    e["text"] = ref.text;
    refs.push_back(std::move(e));
  }
  j["references"] = std::move(refs);
  j["total"] = r.total;
  j["omitted"] = r.total - r.refs.size();
  j["files_searched"] = r.files_searched;
  return j;
}

Json HopJson(const query::CallHop& hop) {
  Json j = Json::object();
  j["file"] = hop.file;
  j["line"] = hop.line;
  j["column"] = hop.column + 1;
  j["function"] = hop.caller;
  j["callee"] = hop.callee;
  j["how"] = hop.how;
  if (!hop.note.empty()) j["note"] = hop.note;  // class-hierarchy: the classes it went through
  j["depth"] = hop.depth;
  return j;
}

namespace {

void AddCallNotes(Json& j, const query::CallQueryResult& r) {
  j["unresolved"] = r.unresolved;
  j["unresolved_examples"] = r.unresolved_examples;
  j["files"] = r.files;
  j["complete"] = !r.incomplete;
}

}  // namespace

Json CallsJson(const std::string& root, const std::string& query, const index::ProjectIndex& idx,
               const query::NameMatch& target, const query::CallQueryResult& r) {
  Json j = Json::object();
  j["root"] = root;
  j["query"] = query;
  j["definition"] = MatchJson(idx, target);
  Json calls = Json::array();
  for (const query::CallHop& h : r.hops) calls.push_back(HopJson(h));
  j["calls"] = std::move(calls);
  j["total"] = r.total;
  j["omitted"] = r.total - r.hops.size();
  AddCallNotes(j, r);
  return j;
}

Json CallPathsJson(const std::string& root, const index::ProjectIndex& idx,
                   const query::NameMatch& from, const std::vector<query::NameMatch>& to,
                   const query::CallQueryResult& r) {
  Json j = Json::object();
  j["root"] = root;
  j["from"] = MatchJson(idx, from);
  Json targets = Json::array();
  for (const query::NameMatch& m : to) targets.push_back(MatchJson(idx, m));
  j["to"] = std::move(targets);
  Json paths = Json::array();
  for (const auto& path : r.paths) {
    Json hops = Json::array();
    for (const query::CallHop& h : path) hops.push_back(HopJson(h));
    paths.push_back(std::move(hops));
  }
  j["paths"] = std::move(paths);
  j["total"] = r.total;
  j["omitted"] = r.total - r.paths.size();
  AddCallNotes(j, r);
  return j;
}

int CoveragePercent(const query::MessageOrigin& o) {
  return static_cast<int>(std::floor(o.coverage * 100 + 1e-9));
}

Json OriginJson(const query::MessageOrigin& o) {
  Json j = Json::object();
  j["file"] = o.path;
  j["line"] = o.site.line;
  j["column"] = o.site.column + 1;
  j["function"] = o.function;
  j["kind"] = query::EmitKindName(o.site.kind);
  j["emitter"] = o.site.emitter;
  j["template"] = query::RenderTemplate(o.site.text);
  Json pieces = Json::array();
  for (const query::TemplatePiece& p : o.site.text) {
    Json piece = Json::object();
    piece[p.hole ? "hole" : "text"] = p.text;
    pieces.push_back(std::move(piece));
  }
  j["pieces"] = std::move(pieces);
  j["explained"] = o.explained;
  j["coverage_percent"] = CoveragePercent(o);
  j["truncated"] = o.truncated;
  return j;
}

Json EmitsJson(const std::string& root, const query::EmitsResult& r) {
  Json j = Json::object();
  j["root"] = root;
  Json message = Json::object();
  message["text"] = r.message.text;
  message["prefix"] = r.message.prefix;
  message["level"] = r.message.level;
  message["exception"] = r.message.exception;
  j["message"] = std::move(message);
  Json origins = Json::array();
  for (const query::MessageOrigin& o : r.origins) origins.push_back(OriginJson(o));
  j["origins"] = std::move(origins);
  j["total"] = r.total;
  j["omitted"] = r.total - r.origins.size();
  j["files"] = r.stats.files;
  j["parsed"] = r.stats.candidates;
  return j;
}

}  // namespace kensa::render
