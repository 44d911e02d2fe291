#pragma once
// The one reader of FHIR R4 Questionnaire JSON: the files under instruments/ (the
// project's short labels), a clinic's uploaded wording, and the wording kept in the
// instrument_wordings table all become an instruments::InstrumentForm here, so nothing
// above the store walks a Questionnaire's JSON.
#include <string>
#include <string_view>

#include "domain/instruments/form.hpp"

namespace rp::store {

// A clinic's Questionnaire as uploaded: its form, and the document as it is kept.
struct UploadedQuestionnaire {
  instruments::InstrumentForm form;  // form.version is the document's "url|version"
  bool has_url = false;              // whether the document names its canonical url
  std::string version;               // the document's own version ("2"), never empty
  std::string json;                  // the document, compact, as the store keeps it
};

// Reads an uploaded Questionnaire. Refused with InputError: text that is not JSON or
// nests deeper than any questionnaire, another resource type, no version, a url that is
// not text, and a shape that is not FHIR's (a text that is a number, a bound that is not
// a number) rather than guessed at.
UploadedQuestionnaire read_uploaded_questionnaire(std::string_view text);

// The same document naming `url` as its canonical url (a wording loaded without one).
std::string questionnaire_with_url(const std::string& json, const std::string& url);

// The form of a Questionnaire file under instruments/: NotFoundError("instrument") when
// it cannot be read, InputError("instrument") when it is not a JSON object. `name` is the
// file's name in the errors.
instruments::InstrumentForm read_questionnaire_file(const std::string& path, std::string_view name);

// The form of a wording the store kept (instrument_wordings.questionnaire_json), checked
// when it was loaded.
instruments::InstrumentForm stored_questionnaire_form(const std::string& json);

}  // namespace rp::store
