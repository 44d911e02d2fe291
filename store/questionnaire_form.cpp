#include "store/questionnaire_form.hpp"

#include <fstream>
#include <limits>
#include <nlohmann/json.hpp>
#include <stdexcept>

#include "base/error.hpp"

namespace rp::store {
namespace {
using instruments::FormNumber;
using instruments::FormText;
using instruments::InstrumentForm;
using nlohmann::json;

constexpr std::string_view kFhirExt = "http://hl7.org/fhir/StructureDefinition/";
constexpr int kMaxDepth = 40;  // HOOS nests about 12 deep; anything deeper is not a questionnaire

// A shape that is not FHIR's; an upload says so with not_questionnaire_shape.
struct NotFhirShape : std::runtime_error {
  using std::runtime_error::runtime_error;
};

// The Persian translation in a FHIR "_text"/"_display"/"_title" element, if any.
std::optional<std::string> persian(const json& element) {
  if (!element.is_object() || !element.contains("extension")) return std::nullopt;
  for (const auto& ext : element["extension"]) {
    json lang, content;
    for (const auto& part : ext.value("extension", json::array())) {
      if (part.value("url", "") == "lang") lang = part.value("valueCode", "");
      if (part.value("url", "") == "content") content = part.value("valueString", "");
    }
    if (lang == "fa" && content.is_string()) return content.get<std::string>();
  }
  return std::nullopt;
}

// A text element and its translation: `key` ("text") beside `_key` ("_text").
FormText local(const json& node, const char* key) {
  return {node.value(key, ""), persian(node.value(std::string("_") + key, json::object()))};
}

// The answer to send for an option code: "3" is sent as 3, "none" as "none".
instruments::AnswerCode answer_value(const std::string& code) {
  if (!code.empty() && code.find_first_not_of("0123456789") == std::string::npos) return std::stoi(code);
  return code;
}

FormNumber bound(const json& v) {
  if (v.is_number_unsigned()) {
    const auto u = v.get<std::uint64_t>();
    if (u > static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max())) throw NotFhirShape("bound");
    return {static_cast<std::int64_t>(u)};
  }
  if (v.is_number_integer()) return {v.get<std::int64_t>()};
  if (v.is_number_float()) return {v.get<double>()};
  throw NotFhirShape("a bound that is not a number");
}

void add_extensions(const json& item, instruments::FormQuestion& q) {
  for (const auto& ext : item.value("extension", json::array())) {
    const std::string url = ext.value("url", "");
    if (!url.starts_with(kFhirExt)) continue;
    const std::string name = url.substr(kFhirExt.size());
    const json* value = nullptr;
    for (const char* k : {"valueInteger", "valueDecimal", "valueString", "valueCoding"})
      if (ext.contains(k)) value = &ext[k];
    if (!value) continue;
    if (name == "minValue") q.min = bound(*value);
    if (name == "maxValue") q.max = bound(*value);
    if (name == "questionnaire-unit") q.unit = value->value("code", "");
    if (name == "entryFormat") {
      if (!value->is_string()) throw NotFhirShape("an entry format that is not text");
      q.entry_format = value->get<std::string>();
    }
  }
}

// Questions in order, each naming its group; the groups (HOOS subscales, Harris
// sections) with their headings in `form.groups`.
void collect(const json& items, const std::string& group, InstrumentForm& form) {
  for (const auto& item : items) {
    const std::string type = item.value("type", "");
    if (type == "group") {
      form.groups.push_back({item.value("linkId", ""), local(item, "text")});
      collect(item.value("item", json::array()), item.value("linkId", ""), form);
      continue;
    }
    instruments::FormQuestion q;
    q.id = item.value("linkId", "");
    if (!group.empty()) q.group = group;
    q.type = type;
    q.text = local(item, "text");
    q.required = item.value("required", false);
    add_extensions(item, q);
    if (item.contains("answerOption")) {
      q.options.emplace();
      for (const auto& opt : item["answerOption"]) {
        const json coding = opt.value("valueCoding", json::object());
        q.options->push_back({answer_value(coding.value("code", "")), local(coding, "display")});
      }
    }
    form.questions.push_back(std::move(q));
  }
}

std::string text_of(const json& q, const char* key) {
  const json& v = q.value(key, json());
  return v.is_string() ? v.get<std::string>() : std::string();
}

// The form of a parsed Questionnaire. Any JSON that is not FHIR's shape throws (a
// json::type_error, NotFhirShape, std::out_of_range for a numeric code too long).
InstrumentForm form_of(const json& q) {
  InstrumentForm form;
  collect(q.value("item", json::array()), "", form);
  form.title = local(q, "title");
  if (q.contains("copyright") && !q["copyright"].is_null()) {
    if (!q["copyright"].is_string()) throw NotFhirShape("a copyright that is not text");
    form.copyright = q["copyright"].get<std::string>();
  }
  form.version = text_of(q, "url") + "|" + text_of(q, "version");
  form.languages = instruments::languages_of(form);
  return form;
}

json parse_upload(std::string_view text) {
  // The depth is checked as the parser goes, before a deep document is ever walked.
  const json::parser_callback_t shallow = [](int depth, json::parse_event_t, json&) {
    if (depth > kMaxDepth) throw InputError("questionnaire", "too_deep"_err);
    return true;
  };
  json q = json::parse(text, shallow, false);
  if (q.is_discarded()) throw InputError("questionnaire", "not_json"_err);
  if (!q.is_object() || q.value("resourceType", json()) != "Questionnaire")
    throw InputError("resourceType", "not_a_questionnaire"_err);
  const json& version = q.value("version", json());
  if (!version.is_string() || version.get_ref<const std::string&>().empty())
    throw InputError("version", "wording_version_required"_err);
  if (q.contains("url") && !q["url"].is_string()) throw InputError("url", "not_a_string"_err);
  return q;
}

}  // namespace

UploadedQuestionnaire read_uploaded_questionnaire(std::string_view text) {
  const json q = parse_upload(text);
  UploadedQuestionnaire out;
  try {
    out.form = form_of(q);
  } catch (const InputError&) {
    throw;
  } catch (const std::exception&) {
    // A text that is a number, items that are not a list: refused rather than guessed at.
    throw InputError("questionnaire", "not_questionnaire_shape"_err);
  }
  out.has_url = q.contains("url");
  out.version = q["version"].get<std::string>();
  out.json = q.dump();
  return out;
}

std::string questionnaire_with_url(const std::string& document, const std::string& url) {
  json q = json::parse(document);
  q["url"] = url;
  return q.dump();
}

InstrumentForm read_questionnaire_file(const std::string& path, std::string_view name) {
  std::ifstream in(path);
  if (!in) throw NotFoundError("instrument", "cannot_read_instrument_file"_err, {{"file", std::string(name)}});
  const json q = json::parse(in, nullptr, false);
  if (!q.is_object()) throw InputError("instrument", "instrument_file_not_json"_err, {{"file", std::string(name)}});
  return form_of(q);
}

InstrumentForm stored_questionnaire_form(const std::string& document) { return form_of(json::parse(document)); }

}  // namespace rp::store
