#include "service/instrument_forms.hpp"

#include <filesystem>
#include <fstream>
#include <map>
#include <mutex>
#include <optional>

#include "base/error.hpp"
#include "domain/instruments/instrument_id.hpp"
#include "service/protocols.hpp"

namespace rp::service {
namespace {
using nlohmann::json;

constexpr std::string_view kFhirExt = "http://hl7.org/fhir/StructureDefinition/";

// The Persian translation in a FHIR "_text"/"_display"/"_title" element, or null.
json persian(const json& element) {
  if (!element.is_object() || !element.contains("extension")) return nullptr;
  for (const auto& ext : element["extension"]) {
    json lang, content;
    for (const auto& part : ext.value("extension", json::array())) {
      if (part.value("url", "") == "lang") lang = part.value("valueCode", "");
      if (part.value("url", "") == "content") content = part.value("valueString", "");
    }
    if (lang == "fa" && content.is_string()) return content;
  }
  return nullptr;
}

json local(const json& node, const char* key) {
  return {{"en", node.value(key, "")}, {"fa", persian(node.value(std::string("_") + key, json::object()))}};
}

// The answer to send for an option code: "3" is sent as 3, "none" as "none".
json answer_value(const std::string& code) {
  if (!code.empty() && code.find_first_not_of("0123456789") == std::string::npos) return std::stoi(code);
  return code;
}

void add_extensions(const json& item, json& q) {
  for (const auto& ext : item.value("extension", json::array())) {
    const std::string url = ext.value("url", "");
    if (!url.starts_with(kFhirExt)) continue;
    const std::string name = url.substr(kFhirExt.size());
    const json* value = nullptr;
    for (const char* k : {"valueInteger", "valueDecimal", "valueString", "valueCoding"})
      if (ext.contains(k)) value = &ext[k];
    if (!value) continue;
    if (name == "minValue") q["min"] = *value;
    if (name == "maxValue") q["max"] = *value;
    if (name == "questionnaire-unit") q["unit"] = value->value("code", "");
    if (name == "entryFormat") q["entry_format"] = *value;
  }
}

// Questions in order, each naming its group; the groups (HOOS subscales, Harris
// sections) with their headings in `groups`.
void collect(const json& items, const std::string& group, json& out, json& groups) {
  for (const auto& item : items) {
    const std::string type = item.value("type", "");
    if (type == "group") {
      groups.push_back({{"id", item.value("linkId", "")}, {"text", local(item, "text")}});
      collect(item.value("item", json::array()), item.value("linkId", ""), out, groups);
      continue;
    }
    json q = {{"id", item.value("linkId", "")},
              {"group", group.empty() ? json(nullptr) : json(group)},
              {"type", type},
              {"text", local(item, "text")},
              {"required", item.value("required", false)}};
    add_extensions(item, q);
    if (item.contains("answerOption")) {
      json options = json::array();
      for (const auto& opt : item["answerOption"]) {
        const json& coding = opt.value("valueCoding", json::object());
        options.push_back({{"value", answer_value(coding.value("code", ""))}, {"label", local(coding, "display")}});
      }
      q["options"] = options;
    }
    out.push_back(q);
  }
}

bool worded_in(const json& text, const char* lang) {
  const json& t = text.value(lang, json());
  return t.is_string() && !t.get_ref<const std::string&>().empty();
}

// A language counts only when every text a patient reads is in it: the title, every
// section heading, every question and every answer label. One English question in a
// Persian form would be one too many.
json languages_of(const json& form) {
  json out = json::array();
  for (const char* lang : {"en", "fa"}) {
    bool all = worded_in(form["title"], lang);
    for (const auto& g : form["groups"]) all = all && worded_in(g["text"], lang);
    for (const auto& q : form["questions"]) {
      all = all && worded_in(q["text"], lang);
      for (const auto& o : q.value("options", json::array())) all = all && worded_in(o["label"], lang);
    }
    if (all) out.push_back(lang);
  }
  return out;
}

json load_form(std::string_view file) {
  std::ifstream in(std::filesystem::path(data_dir()) / "instruments" / std::string(file));
  if (!in) throw NotFoundError("instrument", "cannot_read_instrument_file"_err, {{"file", std::string(file)}});
  const json q = json::parse(in, nullptr, false);
  if (!q.is_object()) throw InputError("instrument", "instrument_file_not_json"_err, {{"file", std::string(file)}});
  return form_of_questionnaire(q);
}

}  // namespace

nlohmann::json form_of_questionnaire(const nlohmann::json& q) {
  json questions = json::array(), groups = json::array();
  collect(q.value("item", json::array()), "", questions, groups);
  json form = {{"title", local(q, "title")},
               {"copyright", q.contains("copyright") ? q["copyright"] : json(nullptr)},
               {"version", wording_version_of(q)},
               {"groups", groups},
               {"questions", questions}};
  form["languages"] = languages_of(form);
  return form;
}

std::string wording_version_of(const nlohmann::json& q) {
  const auto text = [&](const char* key) {
    const json& v = q.value(key, json());
    return v.is_string() ? v.get<std::string>() : std::string();
  };
  return text("url") + "|" + text("version");
}

bool form_has_language(const nlohmann::json& form, std::string_view lang) {
  for (const auto& l : form.value("languages", json::array()))
    if (l == lang) return true;
  return false;
}

namespace {

// Why an instrument cannot be sent to a patient, as the catalogue's error; none when it can.
std::optional<InputError> refusal_for_patients(const instruments::InstrumentDef& d) {
  const std::string key(d.key);
  if (d.clinician_completed)
    return InputError("instrument", "clinician_reported_instrument"_err, {{"instrument", key}});
  if (d.questionnaire_file.empty()) return InputError("instrument", "derived_instrument"_err, {{"instrument", key}});
  return std::nullopt;
}

}  // namespace

std::string not_for_patients(const instruments::InstrumentDef& d) {
  const auto refusal = refusal_for_patients(d);
  return refusal ? refusal->what() : "";
}

const instruments::InstrumentDef& patient_instrument(const std::string& key) {
  const auto id = instruments::parse_instrument_key(key);
  if (!id) throw InputError("instrument", "unknown_instrument"_err, {{"instrument", key}});
  const auto& d = instruments::instrument(*id);
  if (auto refusal = refusal_for_patients(d)) throw *refusal;
  return d;
}

const nlohmann::json& instrument_form(std::string_view questionnaire_file) {
  static std::mutex mutex;
  static std::map<std::string, json, std::less<>> cache;
  std::lock_guard lock(mutex);
  if (auto it = cache.find(questionnaire_file); it != cache.end()) return it->second;
  return cache.emplace(std::string(questionnaire_file), load_form(questionnaire_file)).first->second;
}

}  // namespace rp::service
