#include "service/instrument_wording.hpp"

#include "base/error.hpp"
#include "domain/instruments/registry.hpp"
#include "service/instrument_forms.hpp"
#include "store/questionnaire_form.hpp"

namespace rp::service {
namespace {
using instruments::FormQuestion;
using instruments::InstrumentForm;

std::string ids_of(const InstrumentForm& form) {
  std::string out;
  for (const auto& q : form.questions) out += (out.empty() ? "" : ",") + q.id;
  return out;
}

std::string codes_of(const FormQuestion& question) {
  std::string out;
  if (question.options)
    for (const auto& o : *question.options) out += (out.empty() ? "" : ", ") + instruments::code_text(o.value);
  return out;
}

// The patient-fillable instrument whose answerable items are exactly the file's.
const instruments::InstrumentDef& instrument_for(const InstrumentForm& form, const std::string& key) {
  if (!key.empty()) return patient_instrument(key);
  const std::string ids = ids_of(form);
  for (const auto& d : instruments::all_instruments())
    if (not_for_patients(d).empty() && ids_of(instrument_form(d.questionnaire_file)) == ids) return d;
  throw InputError("instrument", "wording_matches_no_instrument"_err);
}

// A FHIR item type as the refusal shows it (quoted, as JSON writes a text).
std::string quoted(const std::string& type) { return "\"" + type + "\""; }

void check_structure(const InstrumentForm& ours, const InstrumentForm& theirs, const std::string& key) {
  const auto& want = ours.questions;
  const auto& got = theirs.questions;
  for (std::size_t i = 0; i < want.size(); ++i) {
    const std::string& id = want[i].id;
    if (i >= got.size())
      throw InputError("item", "wording_item_missing"_err,
                       {{"item", id},
                        {"instrument", key},
                        {"expected", std::to_string(want.size())},
                        {"found", std::to_string(got.size())}});
    const FormQuestion& g = got[i];
    if (g.id != id)
      throw InputError("item", "wording_item_order"_err,
                       {{"position", std::to_string(i + 1)}, {"item", g.id}, {"instrument", key}, {"expected", id}});
    if (g.type != want[i].type)
      throw InputError(
          "item", "wording_item_type"_err,
          {{"item", id}, {"type", quoted(g.type)}, {"instrument", key}, {"expected", quoted(want[i].type)}});
    if (g.min != want[i].min || g.max != want[i].max)
      throw InputError("item", "wording_answer_range"_err, {{"item", id}, {"instrument", key}});
    if (codes_of(g) != codes_of(want[i]))
      throw InputError("item", "wording_answer_codes"_err,
                       {{"item", id}, {"codes", codes_of(g)}, {"instrument", key}, {"expected", codes_of(want[i])}});
    // The form's English is empty where the file has none.
    if (g.text.en.empty() && !g.text.fa) throw InputError("item", "wording_item_no_text"_err, {{"item", id}});
  }
  if (got.size() > want.size())
    throw InputError("item", "wording_item_unknown"_err,
                     {{"item", got[want.size()].id},
                      {"instrument", key},
                      {"expected", std::to_string(want.size())},
                      {"found", std::to_string(got.size())}});
}

}  // namespace

CheckedWording check_wording(std::string_view text, const std::string& instrument) {
  auto doc = store::read_uploaded_questionnaire(text);
  CheckedWording out;
  out.form = std::move(doc.form);
  const auto& def = instrument_for(out.form, instrument);
  out.instrument = std::string(def.key);
  check_structure(instrument_form(def.questionnaire_file), out.form, out.instrument);
  out.questionnaire = std::move(doc.json);
  out.version = out.form.version;
  // A wording without a url is named after the instrument, so versions of one clinic's
  // wording never pass for the project's labels.
  if (!doc.has_url) {
    const std::string url = "urn:regenpath:clinic-wording:" + out.instrument;
    out.questionnaire = store::questionnaire_with_url(out.questionnaire, url);
    out.version = url + "|" + doc.version;
  }
  out.form.version = out.version;
  out.languages = out.form.languages;
  if (out.languages.empty()) throw InputError("item", "wording_incomplete"_err);
  return out;
}

}  // namespace rp::service
