#pragma once
// What a questionnaire form needs, flattened from the FHIR Questionnaire files under
// instruments/ (wording lives in data; scoring rules in domain/instruments): every
// answerable item with its text in English and Persian and the answers it takes.
#include <nlohmann/json.hpp>
#include <string_view>

namespace rp::service {

// {"title": {en, fa}, "copyright": text|null, "questions": [{id, group, type, text: {en, fa},
//   required, min?, max?, unit?, entry_format?, options?: [{value, label: {en, fa}}]}]}.
// `value` is what to send as the answer: a number for numeric codes ("0".."4"), else the
// code text. A Persian text is null where the file has none (licensed wording is loaded
// by the clinic). Read once per file and kept. Throws NotFoundError("instrument") when
// the file cannot be read.
const nlohmann::json& instrument_form(std::string_view questionnaire_file);

}  // namespace rp::service
