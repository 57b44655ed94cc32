#include "render/check_json.h"

namespace kensa::render {

void AddScriptExceptionJson(Json& j, const std::string& type, const std::string& message,
                            const std::string* file) {
  if (message.empty()) return;  // the scripts' exceptions all carry a message
  Json e = Json::object();
  e["type"] = type;
  e["message"] = message;
  if (file != nullptr) e["file"] = *file;
  j["exception"] = std::move(e);
}

const char* DummiesKindName(checks::DummiesFinding::Kind kind) {
  switch (kind) {
    case checks::DummiesFinding::Kind::kStale:
      return "stale";
    case checks::DummiesFinding::Kind::kCommentObject:
      return "comment-object";
    case checks::DummiesFinding::Kind::kOrphanFile:
      return "orphan-file";
  }
  return "stale";
}

Json DummiesJson(const checks::DummiesReport& report, const std::vector<std::string>& written) {
  Json j = Json::object();
  Json findings = Json::array();
  for (const checks::DummiesFinding& f : report.findings) {
    Json e = Json::object();
    e["kind"] = DummiesKindName(f.kind);
    e["file"] = f.path;
    e["line"] = f.line;
    e["message"] = f.message;
    findings.push_back(std::move(e));
  }
  j["findings"] = std::move(findings);
  j["written"] = written;
  j["created"] = report.created;
  AddScriptExceptionJson(j, report.exception_type, report.exception);
  return j;
}

Json InitIsortJson(const checks::InitIsortReport& report, const std::vector<std::string>& written) {
  Json j = Json::object();
  j["unsorted"] = report.unsorted;
  j["written"] = written;
  AddScriptExceptionJson(j, report.exception_type, report.exception, &report.exception_path);
  return j;
}

Json DepsTableJson(const checks::DepsTableReport& report, const std::string& table_path,
                   const std::vector<std::string>& written) {
  Json j = Json::object();
  j["file"] = table_path;
  j["outdated"] = report.outdated;
  j["missing"] = report.missing;
  j["setup_line"] = report.deps_line;
  j["written"] = written;
  AddScriptExceptionJson(j, report.exception_type, report.exception);
  return j;
}

Json SupportListJson(const checks::SupportListReport& report) {
  Json j = Json::object();
  Json findings = Json::array();
  for (const checks::UndocumentedClass& c : report.undocumented) {
    Json e = Json::object();
    e["kind"] = "undocumented";
    e["category"] = c.category;
    e["class"] = c.name;
    e["file"] = c.src_path;
    e["line"] = c.line;
    e["doc"] = c.doc_path;
    findings.push_back(std::move(e));
  }
  j["findings"] = std::move(findings);
  AddScriptExceptionJson(j, report.exception_type, report.exception,
                         report.exception_path.empty() ? nullptr : &report.exception_path);
  return j;
}

Json InitsJson(const checks::InitsReport& report) {
  Json j = Json::object();
  Json findings = Json::array();
  for (const checks::InitProblem& p : report.problems) {
    Json e = Json::object();
    e["kind"] = "init";
    e["file"] = p.path;
    Json errors = Json::array();
    for (const std::string& line : p.errors) errors.push_back(line);
    e["errors"] = std::move(errors);
    findings.push_back(std::move(e));
  }
  for (const std::string& m : report.unregistered) {
    Json e = Json::object();
    e["kind"] = "unregistered";
    e["submodule"] = m;
    findings.push_back(std::move(e));
  }
  j["findings"] = std::move(findings);
  AddScriptExceptionJson(j, report.exception_type, report.exception,
                         report.exception_path.empty() ? nullptr : &report.exception_path);
  return j;
}

Json AiDocsJson(const checks::AiDocsReport& report) {
  static const char* const kKinds[] = {"escapes",         "missing-link",  "missing-guide",
                                       "uncited-sibling", "name-mismatch", "no-name",
                                       "no-description"};
  Json j = Json::object();
  Json findings = Json::array();
  for (const checks::AiDocsProblem& p : report.problems) {
    Json e = Json::object();
    e["kind"] = kKinds[static_cast<int>(p.kind)];
    e["file"] = p.path;
    e["message"] = p.message;
    findings.push_back(std::move(e));
  }
  j["findings"] = std::move(findings);
  AddScriptExceptionJson(j, report.exception_type, report.exception,
                         report.exception_path.empty() ? nullptr : &report.exception_path);
  return j;
}

Json DoctestListJson(const checks::DoctestListReport& report,
                     const std::vector<std::string>& written) {
  Json j = Json::object();
  Json findings = Json::array();
  for (const checks::DoctestListProblem& p : report.problems) {
    Json e = Json::object();
    bool missing = p.kind == checks::DoctestListProblem::Kind::kMissingPath;
    e["kind"] = missing ? "missing-path" : "unsorted";
    e["file"] = p.file;
    e["line"] = p.line;
    if (missing) e["entry"] = p.entry;
    findings.push_back(std::move(e));
  }
  j["findings"] = std::move(findings);
  j["written"] = written;
  AddScriptExceptionJson(j, report.exception_type, report.exception,
                         report.exception_path.empty() ? nullptr : &report.exception_path);
  return j;
}

Json AutoMappingsJson(const checks::AutoMappingsReport& report,
                      const std::vector<std::string>& written) {
  Json j = Json::object();
  Json unsorted = Json::array();
  for (const checks::AutoMappingsFinding& f : report.unsorted) {
    Json e = Json::object();
    e["file"] = f.file;
    e["line"] = f.line;
    unsorted.push_back(std::move(e));
  }
  j["unsorted"] = std::move(unsorted);
  j["written"] = written;
  AddScriptExceptionJson(j, report.exception_type, report.exception,
                         report.exception_path.empty() ? nullptr : &report.exception_path);
  return j;
}

Json ForwardDocstringsJson(const checks::ForwardDocstringsReport& report,
                           const std::vector<std::string>& written) {
  static const char* const kKinds[] = {"missing", "stale", "no-returns"};
  Json j = Json::object();
  Json findings = Json::array();
  for (const checks::ForwardDocstringsFinding& f : report.findings) {
    Json e = Json::object();
    e["kind"] = kKinds[static_cast<int>(f.kind)];
    e["file"] = f.path;
    e["line"] = f.line;
    e["class"] = f.class_name;
    e["method"] = f.method;
    e["names"] = f.names;
    e["message"] = f.message;
    findings.push_back(std::move(e));
  }
  j["findings"] = std::move(findings);
  j["removed"] = report.removed;
  j["written"] = written;
  AddScriptExceptionJson(j, report.exception_type, report.exception,
                         report.exception_path.empty() ? nullptr : &report.exception_path);
  return j;
}

Json DocTocJson(const checks::DocTocReport& report, const std::vector<std::string>& written) {
  Json j = Json::object();
  j["unsorted"] = report.unsorted;
  j["written"] = written;
  AddScriptExceptionJson(j, report.exception_type, report.exception);
  return j;
}

Json CopiesJson(const checks::CopiesReport& report, size_t limit) {
  Json j = Json::object();
  Json mismatches = Json::array();
  for (const checks::CopyMismatch& m : report.mismatches) {
    if (mismatches.size() >= limit) break;
    Json e = Json::object();
    e["file"] = m.path;
    // The script's "at line N" is the line above the copy's body: the class/def line.
    e["line"] = m.line;
    e["object"] = m.object_name;
    e["message"] =
        m.path + ": copy does not match " + m.object_name + " at line " + std::to_string(m.line);
    mismatches.push_back(std::move(e));
  }
  j["mismatches"] = std::move(mismatches);
  j["total"] = report.mismatches.size();
  j["omitted"] = report.mismatches.size() - j["mismatches"].size();
  j["rewritten"] = report.rewritten;
  AddScriptExceptionJson(j, report.exception_type, report.exception);
  Json stats = Json::object();
  stats["files_scanned"] = report.stats.files_scanned;
  stats["copies"] = report.stats.copies;
  stats["snippets_formatted"] = report.stats.snippets_formatted;
  j["stats"] = std::move(stats);
  return j;
}

Json ConfigDocstringsJson(const checks::ConfigDocstringsReport& report) {
  Json j = Json::object();
  Json findings = Json::array();
  for (const checks::ConfigDocstringsFinding& f : report.findings) {
    Json e = Json::object();
    e["kind"] = f.kind == checks::ConfigDocstringsFinding::Kind::kNoCheckpoint ? "no-checkpoint"
                                                                               : "unresolved";
    e["class"] = f.config_class;
    e["model_type"] = f.model_type;
    e["file"] = f.file;
    e["line"] = f.line;
    e["message"] = f.message;
    findings.push_back(std::move(e));
  }
  j["findings"] = std::move(findings);
  j["checked"] = report.checked;
  AddScriptExceptionJson(j, report.exception_type, report.exception,
                         report.exception_path.empty() ? nullptr : &report.exception_path);
  return j;
}

Json PipelineTypingJson(const checks::PipelineTypingReport& report,
                        const std::vector<std::string>& written) {
  Json j = Json::object();
  j["stale"] = report.stale;
  j["line"] = report.line;
  j["written"] = written;
  AddScriptExceptionJson(j, report.exception_type, report.exception);
  return j;
}

}  // namespace kensa::render
