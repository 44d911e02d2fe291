#include "service/instrument_wording.hpp"

#include <stdexcept>

#include "base/error.hpp"
#include "domain/instruments/registry.hpp"
#include "service/instrument_forms.hpp"

namespace rp::service {
namespace {
using nlohmann::json;

constexpr int kMaxDepth = 40;  // HOOS nests about 12 deep; anything deeper is not a questionnaire

json parse(std::string_view text) {
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

// The form of a parsed Questionnaire; a shape that is not FHIR's (a text that is a number,
// items that are not a list) is refused rather than guessed at.
json form_of(const json& q) {
  try {
    return form_of_questionnaire(q);
  } catch (const InputError&) {
    throw;
  } catch (const std::exception&) {
    throw InputError("questionnaire", "not_questionnaire_shape"_err);
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
  throw InputError("instrument", "wording_matches_no_instrument"_err);
}

void check_structure(const json& ours, const json& theirs, const std::string& key) {
  const auto& want = ours["questions"];
  const auto& got = theirs["questions"];
  for (std::size_t i = 0; i < want.size(); ++i) {
    const std::string id = want[i]["id"];
    if (i >= got.size())
      throw InputError("item", "wording_item_missing"_err,
                       {{"item", id},
                        {"instrument", key},
                        {"expected", std::to_string(want.size())},
                        {"found", std::to_string(got.size())}});
    const json& g = got[i];
    if (g["id"] != id)
      throw InputError("item", "wording_item_order"_err,
                       {{"position", std::to_string(i + 1)},
                        {"item", g["id"].get<std::string>()},
                        {"instrument", key},
                        {"expected", id}});
    if (g["type"] != want[i]["type"])
      throw InputError(
          "item", "wording_item_type"_err,
          {{"item", id}, {"type", g["type"].dump()}, {"instrument", key}, {"expected", want[i]["type"].dump()}});
    for (const char* bound : {"min", "max"})
      if (g.value(bound, json()) != want[i].value(bound, json()))
        throw InputError("item", "wording_answer_range"_err, {{"item", id}, {"instrument", key}});
    if (codes_of(g) != codes_of(want[i]))
      throw InputError("item", "wording_answer_codes"_err,
                       {{"item", id}, {"codes", codes_of(g)}, {"instrument", key}, {"expected", codes_of(want[i])}});
    if (!g["text"]["en"].is_string() && !g["text"]["fa"].is_string())
      throw InputError("item", "wording_item_no_text"_err, {{"item", id}});
  }
  if (got.size() > want.size())
    throw InputError("item", "wording_item_unknown"_err,
                     {{"item", got[want.size()]["id"].get<std::string>()},
                      {"instrument", key},
                      {"expected", std::to_string(want.size())},
                      {"found", std::to_string(got.size())}});
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
  if (out.languages.empty()) throw InputError("item", "wording_incomplete"_err);
  return out;
}

}  // namespace rp::service
