#pragma once
// The forms the project ships under instruments/ (wording lives in data; scoring rules in
// domain/instruments): every answerable item with its text in English and Persian and
// the answers it takes, read by store/questionnaire_form.
#include <string>
#include <string_view>

#include "domain/instruments/form.hpp"
#include "domain/instruments/registry.hpp"

namespace rp::service {

// The form of a Questionnaire file under instruments/. A Persian text is missing where the
// file has none (licensed wording is loaded by the clinic). Read once per file and kept.
// Throws NotFoundError("instrument") when the file cannot be read.
const instruments::InstrumentForm& instrument_form(std::string_view questionnaire_file);

// Why the instrument cannot be sent to a patient (a clinician form, or a score derived
// from another instrument's answers), or empty when it can.
std::string not_for_patients(const instruments::InstrumentDef& d);
// The instrument a patient may be sent, or InputError("instrument") saying why not.
const instruments::InstrumentDef& patient_instrument(const std::string& key);

}  // namespace rp::service
