#pragma once
// What a questionnaire form needs, flattened from the FHIR Questionnaire files under
// instruments/ (wording lives in data; scoring rules in domain/instruments): every
// answerable item with its text in English and Persian and the answers it takes.
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "domain/instruments/registry.hpp"

namespace rp::service {

// {"title": {en, fa}, "copyright": text|null, "version": "url|version", "languages": ["en", "fa"],
//   "groups": [{id, text: {en, fa}}], "questions": [{id, group, type, text: {en, fa},
//   required, min?, max?, unit?, entry_format?, options?: [{value, label: {en, fa}}]}]}.
// `value` is what to send as the answer: a number for numeric codes ("0".."4"), else the
// code text. A Persian text is null where the file has none (licensed wording is loaded
// by the clinic). Read once per file and kept. Throws NotFoundError("instrument") when
// the file cannot be read.
// `languages` lists the languages in which every text of the form is worded.
const nlohmann::json& instrument_form(std::string_view questionnaire_file);

// The same form from a FHIR R4 Questionnaire already parsed (a clinic's loaded wording).
nlohmann::json form_of_questionnaire(const nlohmann::json& questionnaire);
// The wording's identity as a FHIR canonical reference: "url|version".
std::string wording_version_of(const nlohmann::json& questionnaire);
// Whether every text of the form is worded in `lang` ("en", "fa").
bool form_has_language(const nlohmann::json& form, std::string_view lang);

// Why the instrument cannot be sent to a patient (a clinician form, or a score derived
// from another instrument's answers), or empty when it can.
std::string not_for_patients(const instruments::InstrumentDef& d);
// The instrument a patient may be sent, or InputError("instrument") saying why not.
const instruments::InstrumentDef& patient_instrument(const std::string& key);

}  // namespace rp::service
