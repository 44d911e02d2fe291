#pragma once
// The instruments and their licensed wordings as the API reads and loads them
// (api/routes_questionnaires.cpp).
#include <optional>
#include <string>
#include <vector>

#include "api/http/contract.hpp"
#include "store/submission_records.hpp"

namespace rp::api::contract {

using http::FieldRule;

struct InstrumentOut {
  static constexpr const char* kSchema = "Instrument";
  std::string key, title;
  bool clinician_completed = false;
  std::vector<std::string> items, scores;
  bool patient_fillable = false;
  std::string not_for_patients;
  http::AnyJson form;
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

// The body of POST /instrument-wordings, for the document: the route reads it by hand.
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
      "codes; a version is required");
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
