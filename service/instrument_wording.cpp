#include "service/instrument_wording.hpp"

#include <stdexcept>

#include "base/error.hpp"
#include "domain/instruments/registry.hpp"
#include "service/instrument_forms.hpp"

namespace rp::service {
namespace {
using nlohmann::json;

constexpr const char* kNoLanguage =
    "no language has text for every title, heading, item and answer (Persian: translation extension, lang fa)";

constexpr int kMaxDepth = 40;  // HOOS nests about 12 deep; anything deeper is not a questionnaire

json parse(std::string_view text) {
  // The depth is checked as the parser goes, before a deep document is ever walked.
  const json::parser_callback_t shallow = [](int depth, json::parse_event_t, json&) {
    if (depth > kMaxDepth) throw InputError("questionnaire", "nests deeper than 40 levels");
    return true;
  };
  json q = json::parse(text, shallow, false);
  if (q.is_discarded()) throw InputError("questionnaire", "is not JSON");
  if (!q.is_object() || q.value("resourceType", json()) != "Questionnaire")
    throw InputError("resourceType", "must be Questionnaire (a FHIR R4 Questionnaire resource)");
  const json& version = q.value("version", json());
  if (!version.is_string() || version.get_ref<const std::string&>().empty())
    throw InputError("version", "is required: each loaded wording is kept under its own version");
  if (q.contains("url") && !q["url"].is_string()) throw InputError("url", "must be a string");
  return q;
}

// The form of a parsed Questionnaire; a shape that is not FHIR's (a text that is a number,
// items that are not a list) is refused rather than guessed at.
json form_of(const json& q) {
  try {
    return form_of_questionnaire(q);
  } catch (const InputError&) {
    throw;
  } catch (const std::exception&) {
    throw InputError("questionnaire", "does not have the shape of a FHIR R4 Questionnaire (item, text, answerOption)");
  }
}

std::string ids_of(const json& form) {
  std::string out;
  for (const auto& q : form["questions"]) out += (out.empty() ? "" : ",") + q["id"].get<std::string>();
  return out;
}

std::string codes_of(const json& question) {
  std::string out;
  for (const auto& o : question.value("options", json::array()))
    out += (out.empty() ? "" : ", ") + (o["value"].is_string() ? o["value"].get<std::string>() : o["value"].dump());
  return out;
}

// The patient-fillable instrument whose answerable items are exactly the file's.
const instruments::InstrumentDef& instrument_for(const json& form, const std::string& key) {
  if (!key.empty()) return patient_instrument(key);
  const std::string ids = ids_of(form);
  for (const auto& d : instruments::all_instruments())
    if (not_for_patients(d).empty() && ids_of(instrument_form(d.questionnaire_file)) == ids) return d;
  throw InputError("instrument", "the file's items match no instrument's; name the instrument");
}

void check_structure(const json& ours, const json& theirs, const std::string& key) {
  const auto& want = ours["questions"];
  const auto& got = theirs["questions"];
  for (std::size_t i = 0; i < want.size(); ++i) {
    const std::string id = want[i]["id"];
    if (i >= got.size())
      throw InputError("item", "item " + id + " is missing: " + key + " has " + std::to_string(want.size()) +
                                   " answerable items, the file " + std::to_string(got.size()));
    const json& g = got[i];
    if (g["id"] != id)
      throw InputError("item", "item " + std::to_string(i + 1) + " is '" + g["id"].get<std::string>() + "' where " +
                                   key + " has " + id + " (the same linkIds, in the same order)");
    if (g["type"] != want[i]["type"])
      throw InputError(
          "item", "item " + id + " has type " + g["type"].dump() + " where " + key + " has " + want[i]["type"].dump());
    for (const char* bound : {"min", "max"})
      if (g.value(bound, json()) != want[i].value(bound, json()))
        throw InputError("item", "item " + id + " has another answer range than " + key + "'s");
    if (codes_of(g) != codes_of(want[i]))
      throw InputError("item", "item " + id + " has answer codes [" + codes_of(g) + "] where " + key + " scores [" +
                                   codes_of(want[i]) + "]");
    if (!g["text"]["en"].is_string() && !g["text"]["fa"].is_string())
      throw InputError("item", "item " + id + " has no text");
  }
  if (got.size() > want.size())
    throw InputError("item", "item " + got[want.size()]["id"].get<std::string>() + " is not one of " + key +
                                 "'s: it has " + std::to_string(want.size()) + " answerable items, the file " +
                                 std::to_string(got.size()));
}

}  // namespace

CheckedWording check_wording(std::string_view text, const std::string& instrument) {
  CheckedWording out;
  out.questionnaire = parse(text);
  out.form = form_of(out.questionnaire);
  const auto& def = instrument_for(out.form, instrument);
  out.instrument = std::string(def.key);
  check_structure(instrument_form(def.questionnaire_file), out.form, out.instrument);
  // A wording without a url is named after the instrument, so versions of one clinic's
  // wording never pass for the project's labels.
  if (!out.questionnaire.contains("url")) out.questionnaire["url"] = "urn:regenpath:clinic-wording:" + out.instrument;
  out.version = wording_version_of(out.questionnaire);
  out.form["version"] = out.version;
  for (const auto& l : out.form["languages"]) out.languages.push_back(l);
  if (out.languages.empty()) throw InputError("item", kNoLanguage);
  return out;
}

}  // namespace rp::service
