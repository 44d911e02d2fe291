#pragma once
// The instruments and their licensed wordings as the API reads and loads them
// (api/routes_questionnaires.cpp).
#include <optional>
#include <string>
#include <vector>

#include "api/http/contract.hpp"
#include "domain/instruments/form.hpp"
#include "store/submission_records.hpp"

namespace rp::api::contract {

using http::FieldRule;

// The form's texts: English always (empty where the wording has none), Persian or null.
struct FormTextOut {
  static constexpr const char* kSchema = "FormText";
  std::string en;
  std::optional<std::string> fa;
  template <class V>
  static void fields(V& v) {
    v("en", &FormTextOut::en, "");
    v("fa", &FormTextOut::fa, "null where the wording has no Persian (a licensed wording the clinic has not loaded)");
  }
};

// What to send as an answer: a number for a numeric code, else the code's text.
struct AnswerValueOut {
  instruments::AnswerCode code;
  static nlohmann::json schema_json() {
    return {{"oneOf", nlohmann::json::array({{{"type", "integer"}}, {{"type", "string"}}})}};
  }
  nlohmann::json json() const;
};

// A bound as the wording writes it: a whole number stays whole.
struct FormNumberOut {
  instruments::FormNumber number;
  static nlohmann::json schema_json() { return {{"type", "number"}}; }
  nlohmann::json json() const;
};

struct FormOptionOut {
  static constexpr const char* kSchema = "FormOption";
  AnswerValueOut value;
  FormTextOut label;
  template <class V>
  static void fields(V& v) {
    v("value", &FormOptionOut::value, "what to send as the answer: a number for a numeric code, else the code");
    v("label", &FormOptionOut::label, "");
  }
};

struct FormGroupOut {
  static constexpr const char* kSchema = "FormGroup";
  std::string id;
  FormTextOut text;
  template <class V>
  static void fields(V& v) {
    v("id", &FormGroupOut::id, "the group's linkId (a subscale, a section)");
    v("text", &FormGroupOut::text, "its heading");
  }
};

struct FormQuestionOut {
  static constexpr const char* kSchema = "FormQuestion";
  std::string id;
  std::optional<std::string> group;
  std::string type;
  FormTextOut text;
  bool required = false;
  std::optional<FormNumberOut> min, max;
  std::optional<std::string> unit, entry_format;
  std::optional<std::vector<FormOptionOut>> options;
  template <class V>
  static void fields(V& v) {
    using Q = FormQuestionOut;
    const FieldRule left_out{.omit_when_empty = true};
    v("id", &Q::id, "the item id the answers name (the FHIR linkId)");
    v("group", &Q::group, "the id of the group it is in; null at the top level");
    v("type", &Q::type, "the FHIR item type: integer, decimal, choice, open-choice, date, ...");
    v("text", &Q::text, "");
    v("required", &Q::required, "");
    v("min", &Q::min, "the smallest answer, where the wording bounds it", left_out);
    v("max", &Q::max, "the largest answer, where the wording bounds it", left_out);
    v("unit", &Q::unit, "the answer's UCUM unit (deg)", left_out);
    v("entry_format", &Q::entry_format, "what may be typed besides the options (YYYY-MM-DD)", left_out);
    v("options", &Q::options, "the answers it offers, where it lists them", left_out);
  }
};

struct InstrumentFormOut {
  static constexpr const char* kSchema = "InstrumentForm";
  FormTextOut title;
  std::optional<std::string> copyright;
  std::string version;
  std::vector<FormGroupOut> groups;
  std::vector<FormQuestionOut> questions;
  std::vector<std::string> languages;
  std::optional<std::string> loaded_at;
  template <class V>
  static void fields(V& v) {
    using F = InstrumentFormOut;
    v("title", &F::title, "");
    v("copyright", &F::copyright, "");
    v("version", &F::version, "the wording's FHIR canonical reference, url|version, kept with each answer set");
    v("groups", &F::groups, "the sections the questions are grouped in");
    v("questions", &F::questions, "the answerable items, in order");
    v("languages", &F::languages, "the languages (en, fa) in which every text of the form is worded");
    v("loaded_at", &F::loaded_at, "when the clinic loaded it (a clinic's wording only)",
      FieldRule{.omit_when_empty = true});
  }
};

InstrumentFormOut instrument_form_out(const instruments::InstrumentForm& form);

struct InstrumentOut {
  static constexpr const char* kSchema = "Instrument";
  std::string key, title;
  bool clinician_completed = false;
  std::vector<std::string> items, scores;
  bool patient_fillable = false;
  std::string not_for_patients;
  std::optional<InstrumentFormOut> form;
  template <class V>
  static void fields(V& v) {
    using I = InstrumentOut;
    v("key", &I::key, "");
    v("title", &I::title, "");
    v("clinician_completed", &I::clinician_completed, "filled in by a clinician, not the patient");
    v("items", &I::items, "the answerable items' ids");
    v("scores", &I::scores, "the scores' names");
    v("patient_fillable", &I::patient_fillable, "");
    v("not_for_patients", &I::not_for_patients, "why a patient may not fill it in; empty when they may");
    v("form", &I::form,
      "the wording in use: each question's text in English and Persian, type, range or options with labels "
      "(null when none is loaded)");
  }
};

// The body of POST /instrument-wordings. The Questionnaire is passed on as it came: the
// store's reader (store/questionnaire_form) checks it.
struct NewWording {
  static constexpr const char* kSchema = "NewInstrumentWording";
  std::optional<std::string> instrument;
  http::AnyJson questionnaire;
  template <class V>
  static void fields(V& v) {
    v("instrument", &NewWording::instrument, "the instrument's key (default: the Questionnaire's)",
      FieldRule{.max_bytes = 32});
    v("questionnaire", &NewWording::questionnaire,
      "a FHIR R4 Questionnaire: the instrument's answerable items (linkIds, count, order), types, ranges and answer "
      "codes; a version is required",
      FieldRule{.missing = "questionnaire_required"_err});
  }
};

struct WordingOut {
  static constexpr const char* kSchema = "InstrumentWording";
  std::int64_t id = 0;
  std::string instrument, version, languages, loaded_by, loaded_at;
  template <class V>
  static void fields(V& v) {
    v("id", &WordingOut::id, "");
    v("instrument", &WordingOut::instrument, "");
    v("version", &WordingOut::version, "the Questionnaire's version");
    v("languages", &WordingOut::languages, "space-separated: \"en fa\"");
    v("loaded_by", &WordingOut::loaded_by, "");
    v("loaded_at", &WordingOut::loaded_at, "");
  }
};

inline WordingOut wording_out(const store::InstrumentWordingRow& r) {
  return {r.id, r.instrument, r.version, r.languages, r.loaded_by, r.loaded_at};
}

}  // namespace rp::api::contract
