#include "server/check_tools.h"

#include "checks/copies.h"
#include "checks/doc_toc.h"
#include "checks/dummies.h"
#include "checks/init_isort.h"
#include "render/check_json.h"
#include "server/schema.h"

namespace kensa::server {

using render::Json;

namespace {

// What every check answer says about the script's exception, if it would raise one.
void AppendException(const Json& j, std::string* text) {
  if (!j.contains("exception")) return;
  text->append("the reference script stops with ").append(j["exception"].value("type", ""));
  text->append(": ").append(j["exception"].value("message", "")).append("\n");
}

Json ExceptionSchema() {
  return schema::Object({{"type", schema::Of("string")},
                         {"message", schema::Of("string")},
                         {"file", schema::Of("string")}},
                        {"type", "message"});
}

}  // namespace

void AddCheckTools(ToolTable* tools, Workspace* ws, FormatterFactory formatter) {
  namespace s = schema;
  const Json strict =
      s::Boolean("Report what the reference script gets wrong instead of reproducing it", false);
  const Json no_package = Json("the project has no Python package (the check needs one)");

  tools->Add(Tool{
      "check_copies", "Check # Copied from",
      "The `# Copied from` consistency check of utils/check_copies.py on the work tree: every "
      "copy that no longer matches its original (file:line of the copy, the object it copies). "
      "Read-only; `kensa copies --fix` rewrites them.",
      s::Input({{"limit",
                 s::Integer("At most this many mismatches; the rest are counted", 1, 1000, 100)}},
               {}),
      s::Object({{"mismatches", s::ArrayOf(s::Object({{"file", s::Of("string")},
                                                      {"line", s::Of("integer")},
                                                      {"object", s::Of("string")},
                                                      {"message", s::Of("string")}},
                                                     {"file", "line", "object"}))},
                 {"total", s::Of("integer")},
                 {"omitted", s::Of("integer")},
                 {"exception", ExceptionSchema()}},
                {"mismatches", "total", "omitted"}),
      true, [ws, formatter, no_package](const Json& a, const CallContext&) {
        auto lock = ws->Fresh();
        const project::Layout& layout = ws->files().layout;
        if (layout.package.empty()) return ToolResult::Error(no_package.get<std::string>());
        checks::CopiesOptions options;
        if (layout.preset.name == "transformers") {
          options.preset = checks::TransformersCopiesPreset();
        } else {
          options.preset.library_path = layout.package_dir;
          options.preset.package = layout.package;
        }
        std::unique_ptr<checks::SnippetFormatter> f = formatter(ws->root());
        checks::CopiesReport report = checks::CheckCopies(*ws->files().tree, options, f.get());
        if (!report.tool_error.empty()) return ToolResult::Error(report.tool_error);
        ToolResult r;
        r.structured = render::CopiesJson(report, a["limit"].get<size_t>());
        for (const Json& m : r.structured["mismatches"]) {
          r.text += m.value("file", "") + ":" + std::to_string(m.value("line", 0)) +
                    ": copy does not match " + m.value("object", "") + "\n";
        }
        if (report.mismatches.empty() && report.exception.empty()) {
          r.text = "every copy matches its original (" + std::to_string(report.stats.copies) +
                   " copies)\n";
        } else if (report.mismatches.empty()) {
          AppendException(r.structured, &r.text);
        }
        return r;
      }});

  tools->Add(Tool{
      "check_dummies", "Check the dummy objects",
      "The dummy-objects check of utils/check_dummies.py: stale dummy files (and, with strict, the "
      "script's own mistakes), each with file:line. Read-only.",
      s::Input({{"strict", strict}}, {}),
      s::Object({{"findings", s::ArrayOf(s::Object({{"kind", s::Of("string")},
                                                    {"file", s::Of("string")},
                                                    {"line", s::Of("integer")},
                                                    {"message", s::Of("string")}},
                                                   {"kind", "file", "line", "message"}))},
                 {"exception", ExceptionSchema()}},
                {"findings"}),
      true, [ws, no_package](const Json& a, const CallContext&) {
        auto lock = ws->Fresh();
        const project::Layout& layout = ws->files().layout;
        if (layout.package.empty()) return ToolResult::Error(no_package.get<std::string>());
        checks::DummiesOptions options = checks::DummiesOptionsFor(layout);
        options.strict = a["strict"].get<bool>();
        checks::DummiesReport report = checks::CheckDummies(*ws->files().tree, options);
        ToolResult r;
        r.structured = render::DummiesJson(report, {});
        for (const Json& f : r.structured["findings"]) {
          r.text += f.value("file", "") + ":" + std::to_string(f.value("line", 0)) + ": " +
                    f.value("kind", "") + ": " + f.value("message", "") + "\n";
        }
        AppendException(r.structured, &r.text);
        if (r.text.empty()) r.text = "every dummy file is up to date\n";
        return r;
      }});

  tools->Add(Tool{
      "check_init_isort", "Check the init import order",
      "The _import_structure order check of utils/custom_init_isort.py (--check_only): the "
      "__init__ files whose lazy import structure is not sorted as isort sorts it. Read-only.",
      s::Input(
          {{"strict", s::Boolean("Name every unsorted init (the script stops at one)", false)}},
          {}),
      s::Object({{"unsorted", s::ArrayOf(s::Of("string"))}, {"exception", ExceptionSchema()}},
                {"unsorted"}),
      true, [ws, no_package](const Json& a, const CallContext&) {
        auto lock = ws->Fresh();
        const project::Layout& layout = ws->files().layout;
        if (layout.package.empty()) return ToolResult::Error(no_package.get<std::string>());
        checks::InitIsortOptions options;
        options.library_path = layout.package_dir;
        options.strict = a["strict"].get<bool>();
        checks::InitIsortReport report = checks::CheckInitIsort(*ws->files().tree, options);
        ToolResult r;
        r.structured = render::InitIsortJson(report, {});
        for (const std::string& p : report.unsorted) {
          r.text += p + ":1: the _import_structure of this init is not sorted as isort sorts it\n";
        }
        AppendException(r.structured, &r.text);
        if (r.text.empty()) r.text = "every init is sorted\n";
        return r;
      }});

  tools->Add(Tool{
      "check_doc_toc", "Check the docs table of contents",
      "The table-of-contents check of utils/check_doc_toc.py: diffusers' (the Schedulers "
      "section of docs/source/en/_toctree.yml) or, under the transformers preset, "
      "transformers' (the Models section, one list per modality). Read-only.",
      s::Input({{"strict", strict}}, {}),
      s::Object({{"unsorted", s::Of("boolean")}, {"exception", ExceptionSchema()}}, {"unsorted"}),
      true, [ws](const Json& a, const CallContext&) {
        auto lock = ws->Fresh();
        checks::DocTocOptions options;
        options.flavour = checks::DocTocFlavourForPreset(ws->files().layout.preset.name);
        options.strict = a["strict"].get<bool>();
        checks::DocTocReport report = checks::CheckDocToc(*ws->files().tree, options);
        if (!report.tool_error.empty()) return ToolResult::Error(report.tool_error);
        ToolResult r;
        r.structured = render::DocTocJson(report, {});
        AppendException(r.structured, &r.text);
        if (r.text.empty()) {
          r.text = report.unsorted ? options.toc_path + ": the table of contents is not sorted\n"
                                   : "the table of contents is sorted\n";
        }
        return r;
      }});
}

}  // namespace kensa::server
