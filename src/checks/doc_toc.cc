#include "checks/doc_toc.h"

#include <algorithm>
#include <map>
#include <set>

#include "checks/py_text.h"
#include "checks/pyyaml.h"

namespace kensa::checks {
namespace {

using Value = PyYamlValue;
using Kind = PyYamlValue::Kind;

struct ScriptError {
  std::string type;
  std::string message;
};

const char* TypeName(const Value& v) {
  switch (v.kind) {
    case Kind::kNull:
      return "NoneType";
    case Kind::kBool:
      return "bool";
    case Kind::kInt:
      return "int";
    case Kind::kFloat:
      return "float";
    case Kind::kStr:
      return "str";
    case Kind::kList:
      return "list";
    case Kind::kMap:
      return "dict";
  }
  return "object";
}

// d[key], raising as Python does.
const Value& Get(const Value& d, const std::string& key) {
  if (d.kind != Kind::kMap) {
    throw ScriptError{"TypeError",
                      std::string(d.kind == Kind::kList ? "list indices must be "
                                                          "integers or slices, not str"
                                                        : "'") +
                          (d.kind == Kind::kList ? ""
                                                 : std::string(TypeName(d)) + "' object is not "
                                                                              "subscriptable")};
  }
  const Value* v = d.Find(key);
  if (v == nullptr) throw ScriptError{"KeyError", "'" + key + "'"};
  return *v;
}

const std::string& Str(const Value& v, const char* method) {
  if (v.kind != Kind::kStr) {
    throw ScriptError{"AttributeError", std::string("'") + TypeName(v) +
                                            "' object has no attribute '" + method + "'"};
  }
  return v.text;
}

// The index of the first item whose "title" is `title`, raising as the script's while loop does.
size_t FindTitled(const Value& list, const std::string& title) {
  if (list.kind != Kind::kList) {
    throw ScriptError{"TypeError",
                      std::string("'") + TypeName(list) + "' object is not subscriptable"};
  }
  for (size_t i = 0;; ++i) {
    if (i >= list.items.size()) throw ScriptError{"IndexError", "list index out of range"};
    const Value& t = Get(list.items[i], "title");
    if (t.kind == Kind::kStr && t.text == title) return i;
  }
}

Value Entry(const std::string& local, const Value& title) {
  Value doc;
  doc.kind = Kind::kMap;
  Value l;
  l.kind = Kind::kStr;
  l.text = local;
  doc.entries.emplace_back("local", std::move(l));
  doc.entries.emplace_back("title", title);
  return doc;
}

// clean_doc_toc.
Value CleanDocToc(const Value& doc_list, bool strict) {
  if (doc_list.kind != Kind::kList) {
    throw ScriptError{"TypeError",
                      std::string("'") + TypeName(doc_list) + "' object is not iterable"};
  }
  std::vector<std::string> count_order;
  std::map<std::string, int> counts;
  std::vector<Value> fixed, rest;
  for (const Value& doc : doc_list.items) {
    if (doc.kind == Kind::kMap && doc.Find("local") != nullptr) {
      const Value& local = *doc.Find("local");
      std::string key = local.kind == Kind::kStr ? local.text : "";
      if (counts[key]++ == 0) count_order.push_back(key);
    }
    const Value& title = Get(doc, "title");
    static const std::set<std::string> kFixed = {"overview", "autopipeline"};
    if (kFixed.count(PyLower(Str(title, "lower"))) != 0) {
      fixed.push_back(Entry(Str(Get(doc, "local"), "lower"), title));
    } else {
      rest.push_back(doc);
    }
  }
  std::vector<Value> result_docs;
  for (const std::string& key : count_order) {
    if (counts[key] <= 1) continue;
    std::vector<Value> titles;
    for (const Value& doc : rest) {
      const Value& local = Get(doc, "local");
      if (local.kind == Kind::kStr && local.text == key) {
        const Value& t = Get(doc, "title");
        if (std::find(titles.begin(), titles.end(), t) == titles.end()) titles.push_back(t);
      }
    }
    if (titles.size() > 1) {
      throw ScriptError{"ValueError",
                        key +
                            " is present several times in the documentation table of content at "
                            "`docs/source/en/_toctree.yml` with different *Title* values. Choose "
                            "one of those and remove the others."};
    }
    if (titles.empty()) throw ScriptError{"IndexError", "list index out of range"};
    result_docs.push_back(Entry(key, titles[0]));
  }
  for (const Value& doc : rest) {
    const Value* local = doc.Find("local");
    // The script tests `"local" not in counts` (always true unless an entry is named "local"),
    // so a duplicated entry stays as often as it was listed; strict keeps only the one above.
    bool keep_all = strict ? local == nullptr : counts.count("local") == 0;
    if (keep_all) {
      result_docs.push_back(doc);
    } else {
      std::string key = local != nullptr && local->kind == Kind::kStr ? local->text : "";
      if (counts[key] == 1) result_docs.push_back(doc);
    }
  }
  std::stable_sort(result_docs.begin(), result_docs.end(), [](const Value& a, const Value& b) {
    return PyLower(Str(Get(a, "title"), "lower")) < PyLower(Str(Get(b, "title"), "lower"));
  });
  Value out;
  out.kind = Kind::kList;
  out.items = std::move(fixed);
  out.items.insert(out.items.end(), result_docs.begin(), result_docs.end());
  return out;
}

}  // namespace

DocTocReport CheckDocToc(const project::SourceTree& tree, const DocTocOptions& options) {
  DocTocReport report;
  std::string text, error;
  if (!tree.ReadFile(options.toc_path, &text, &error)) {
    report.exception_type = "FileNotFoundError";
    report.exception = "[Errno 2] No such file or directory: '" + options.toc_path + "'";
    return report;
  }
  if (!ValidatePyUtf8(text, &error, PyTextRead::kWhole)) {
    report.exception_type = "UnicodeDecodeError";
    report.exception = error;
    return report;
  }
  std::optional<Value> content = LoadPyYaml(text, &error);
  if (!content) {
    report.tool_error = options.toc_path + ": " + error;
    return report;
  }
  try {
    size_t api = FindTitled(*content, "API");
    const Value& api_doc = Get(content->items[api], "sections");
    size_t schedulers = FindTitled(api_doc, "Schedulers");
    const Value& scheduler_doc = Get(api_doc.items[schedulers], "sections");
    Value cleaned = CleanDocToc(scheduler_doc, options.strict);
    if (cleaned == scheduler_doc) return report;
    report.unsorted = true;
    if (!options.fix) {
      report.exception_type = "ValueError";
      report.exception =
          "The model doc part of the table of content is not properly sorted, run `make style` "
          "to fix this.";
      return report;
    }
    Value fixed = *content;
    *fixed.items[api].Find("sections")->items[schedulers].Find("sections") = std::move(cleaned);
    std::optional<std::string> dumped = DumpPyYaml(fixed, &error);
    if (!dumped) {
      report.tool_error = options.toc_path + ": " + error;
      return report;
    }
    report.edits.push_back(Edit{options.toc_path, 0, text.size(), *dumped});
  } catch (const ScriptError& e) {
    report.exception_type = e.type;
    report.exception = e.message;
  }
  return report;
}

}  // namespace kensa::checks
