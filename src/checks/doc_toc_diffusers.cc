// The diffusers flavour of the table-of-contents check: utils/check_doc_toc.py of diffusers as
// its main runs it (check_scheduler_doc; the pipeline and model functions are never called).
#include <algorithm>
#include <map>
#include <set>

#include "checks/doc_toc_script.h"
#include "checks/py_text.h"

namespace kensa::checks::doc_toc_internal {
namespace {

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
      fixed.push_back(Entry(StrValue(Str(Get(doc, "local"), "lower")), title));
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
    result_docs.push_back(Entry(StrValue(key), titles[0]));
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

std::optional<Value> CleanDiffusersToc(const Value& content, bool strict) {
  size_t api = FindTitled(content, "API");
  const Value& api_doc = Get(content.items[api], "sections");
  size_t schedulers = FindTitled(api_doc, "Schedulers");
  const Value& scheduler_doc = Get(api_doc.items[schedulers], "sections");
  Value cleaned = CleanDocToc(scheduler_doc, strict);
  if (cleaned == scheduler_doc) return std::nullopt;
  Value fixed = content;
  *fixed.items[api].Find("sections")->items[schedulers].Find("sections") = std::move(cleaned);
  return fixed;
}

}  // namespace kensa::checks::doc_toc_internal
