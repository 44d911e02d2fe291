#pragma once
// Questionnaire wording a clinic loads: its licensed, validated wording (and translation)
// as a FHIR R4 Questionnaire, checked against the instrument's structure before it is
// kept, each load a new version. Pure checking here (no store transaction; the
// Questionnaire is read by store/questionnaire_form): the whole path is fuzzed.
#include <string>
#include <string_view>
#include <vector>

#include "domain/instruments/form.hpp"

namespace rp::service {

struct CheckedWording {
  std::string instrument;              // the instrument key whose structure it matches
  std::string version;                 // the Questionnaire's canonical "url|version"
  std::string questionnaire;           // the document as the store keeps it (JSON)
  instruments::InstrumentForm form;    // as instrument_form() gives the shipped ones
  std::vector<std::string> languages;  // those every text of the form is worded in
};

// Reads and checks a Questionnaire against a patient-fillable instrument's structure:
// the same answerable items (linkIds in the same order, the same count), each with the
// same type, range and answer codes. `instrument` names it, or (empty) the instrument is
// the one whose items the file has. Throws InputError naming the field or the item.
CheckedWording check_wording(std::string_view text, const std::string& instrument);

}  // namespace rp::service
