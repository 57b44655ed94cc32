// The transformers flavour of the table-of-contents check: utils/check_doc_toc.py of
// huggingface/transformers (as of 013bb6f3f8b7). Under "API" > "Models", every entry holding
// `sections` is a modality (Text models, Vision models, ...); each one's list is cleaned by
// clean_model_doc_toc: a `local` listed several times is kept once, as {local, title} (an error
// if its titles differ), the rest follow, all sorted by lower-cased title, stably.
#include <algorithm>
#include <map>

#include "checks/doc_toc_script.h"
#include "checks/py_text.h"

namespace kensa::checks::doc_toc_internal {
namespace {

// The documents listed more than once, as one {local, title} each, in the order their `local`
// first appears (a defaultdict's order); raises the script's ValueError on differing titles.
std::vector<Value> Deduplicated(const std::vector<Value>& docs,
                                const std::vector<const Value*>& duplicates) {
  std::vector<Value> out;
  for (const Value* key : duplicates) {
    std::vector<Value> titles;  // a set in the script: only its size and sole member are used
    for (const Value& doc : docs) {
      if (!(Get(doc, "local") == *key)) continue;
      const Value& title = Get(doc, "title");
      HashKey(title);  // raises as adding it to the set does
      if (std::find(titles.begin(), titles.end(), title) == titles.end()) titles.push_back(title);
    }
    if (titles.size() > 1) {
      throw ScriptError{"ValueError",
                        PyStr(*key) +
                            " is present several times in the documentation table of content at "
                            "`docs/source/en/_toctree.yml` with different *Title* values. Choose "
                            "one of those and remove the others."};
    }
    out.push_back(Entry(*key, titles.front()));
  }
  return out;
}

// sorted(docs, key=lambda s: s["title"].lower()): every key is computed first, in order, so
// the first bad title is the one that raises.
std::vector<Value> SortedByTitle(std::vector<Value> docs) {
  std::vector<std::pair<std::string, size_t>> keys;
  for (size_t i = 0; i < docs.size(); ++i) {
    keys.emplace_back(PyLower(Str(Get(docs[i], "title"), "lower")), i);
  }
  std::stable_sort(keys.begin(), keys.end(),
                   [](const auto& a, const auto& b) { return a.first < b.first; });
  std::vector<Value> out;
  for (const auto& key : keys) out.push_back(std::move(docs[key.second]));
  return out;
}

// clean_model_doc_toc.
Value CleanModelDocToc(const Value& model_doc) {
  std::vector<Value> docs = Iterate(model_doc);
  std::map<std::string, int> counts;
  std::vector<const Value*> duplicates;  // counts' keys in insertion order, kept if above 1
  for (const Value& doc : docs) {
    const Value& local = Get(doc, "local");
    if (counts[HashKey(local)]++ == 0) duplicates.push_back(&local);
  }
  std::erase_if(duplicates, [&](const Value* key) { return counts[HashKey(*key)] < 2; });
  std::vector<Value> new_doc = Deduplicated(docs, duplicates);
  for (const Value& doc : docs) {
    if (counts[HashKey(Get(doc, "local"))] == 1) new_doc.push_back(doc);
  }
  Value out;
  out.kind = Kind::kList;
  out.items = SortedByTitle(std::move(new_doc));
  return out;
}

// The indices of model_doc's modalities, as the script's list comprehension finds them: all of
// them before any is cleaned, so its TypeError comes first.
std::vector<size_t> Modalities(const std::vector<Value>& sections) {
  std::vector<size_t> out;
  for (size_t i = 0; i < sections.size(); ++i) {
    if (Contains(sections[i], "sections")) out.push_back(i);
  }
  return out;
}

}  // namespace

std::optional<Value> CleanTransformersToc(const Value& content) {
  size_t api = FindTitled(content, "API");
  const Value& api_doc = Get(content.items[api], "sections");
  size_t models = FindTitled(api_doc, "Models");
  const Value& model_doc = Get(api_doc.items[models], "sections");
  std::vector<Value> sections = Iterate(model_doc);
  std::optional<Value> fixed;
  for (size_t idx : Modalities(sections)) {
    // Only a dict gets past ["sections"], so model_doc is a list from here on.
    const Value& old_doc = Get(sections[idx], "sections");
    Value cleaned = CleanModelDocToc(old_doc);
    if (cleaned == old_doc) continue;
    if (!fixed) fixed = content;
    Value& target = *fixed->items[api].Find("sections")->items[models].Find("sections");
    *target.items[idx].Find("sections") = std::move(cleaned);
  }
  return fixed;
}

}  // namespace kensa::checks::doc_toc_internal
