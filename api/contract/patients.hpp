#pragma once
// Patients and episodes as the API reads and writes them (api/routes_patients.cpp,
// api/routes_episodes.cpp).
#include <optional>
#include <string>
#include <vector>

#include "api/contract/enums.hpp"
#include "service/pathway.hpp"

namespace rp::api::contract {

using http::FieldRule;

struct ConsentIn {
  static constexpr const char* kSchema = "Consent";
  bool treatment = false, registry = false, contact = false;
  template <class V>
  static void fields(V& v) {
    v("treatment", &ConsentIn::treatment, "consent to the treatment");
    v("registry", &ConsentIn::registry, "de-identified use in the multi-centre registry");
    v("contact", &ConsentIn::contact, "reminders and invitations, by text message or e-mail");
  }
};

struct NewPatient {
  static constexpr const char* kSchema = "NewPatient";
  std::optional<std::string> centre, name_fa, name_latin;
  std::string mrn, mobile, national_id;
  Sex sex = Sex::unknown;
  CivilDate birth_date;
  std::optional<ConsentIn> consent;
  std::optional<Language> language;
  std::optional<std::string> email;
  std::optional<ContactChannel> preferred_channel;
  template <class V>
  static void fields(V& v) {
    v("centre", &NewPatient::centre, "ignored: the signed-in user's centre", FieldRule{.max_bytes = 64});
    v("mrn", &NewPatient::mrn, "medical record number, unique within the centre", FieldRule{.max_bytes = 64});
    v("name_fa", &NewPatient::name_fa, "the name in Persian script (this or name_latin)");
    v("name_latin", &NewPatient::name_latin, "the name in Latin script (this or name_fa)");
    v("sex", &NewPatient::sex, "", FieldRule{.max_bytes = 16});
    v("birth_date", &NewPatient::birth_date, "Gregorian, or birth_date_jalali",
      FieldRule{.missing = "birth_date_required"_err});
    v("mobile", &NewPatient::mobile, "any usual form, any digits", FieldRule{.max_bytes = 32});
    v("national_id", &NewPatient::national_id, "10 digits with a valid check digit", FieldRule{.max_bytes = 32});
    v("consent", &NewPatient::consent, "");
    v("language", &NewPatient::language, "the language the patient reads their messages in; Persian when left out",
      FieldRule{.max_bytes = 8});
    v("email", &NewPatient::email, "an e-mail address (name@example.ir); none when left out",
      FieldRule{.max_bytes = 320});
    v("preferred_channel", &NewPatient::preferred_channel,
      "how reminders and invitations go: sms (the default) or email (needs an email)", FieldRule{.max_bytes = 8});
  }
};

struct ConsentChange {
  static constexpr const char* kSchema = "ConsentChange";
  std::optional<bool> treatment, registry, contact;
  template <class V>
  static void fields(V& v) {
    v("treatment", &ConsentChange::treatment, "");
    v("registry", &ConsentChange::registry, "");
    v("contact", &ConsentChange::contact, "");
  }
};

struct PatientCorrection {
  static constexpr const char* kSchema = "PatientCorrection";
  std::optional<std::string> mrn, name_fa, name_latin;
  std::optional<Sex> sex;
  std::optional<CivilDate> birth_date;
  std::optional<std::string> mobile, national_id;
  std::optional<ConsentChange> consent;
  std::optional<Language> language;
  std::optional<std::string> email;
  std::optional<ContactChannel> preferred_channel;
  std::optional<std::string> reason;
  template <class V>
  static void fields(V& v) {
    v("mrn", &PatientCorrection::mrn, "", FieldRule{.max_bytes = 64});
    v("name_fa", &PatientCorrection::name_fa, "");
    v("name_latin", &PatientCorrection::name_latin, "");
    v("sex", &PatientCorrection::sex, "", FieldRule{.max_bytes = 16});
    v("birth_date", &PatientCorrection::birth_date, "Gregorian, or birth_date_jalali");
    v("mobile", &PatientCorrection::mobile, "", FieldRule{.max_bytes = 32});
    v("national_id", &PatientCorrection::national_id, "", FieldRule{.max_bytes = 32});
    v("consent", &PatientCorrection::consent, "only the consents sent change");
    v("language", &PatientCorrection::language, "the language of the patient's messages", FieldRule{.max_bytes = 8});
    v("email", &PatientCorrection::email, "an e-mail address; \"\" removes it", FieldRule{.max_bytes = 320});
    v("preferred_channel", &PatientCorrection::preferred_channel, "sms or email (needs an email)",
      FieldRule{.max_bytes = 8});
    v("reason", &PatientCorrection::reason, "why, kept in the audit row", FieldRule{.max_bytes = 500});
  }
};

// A patient as the caller's role is shown them: national_id, mobile and email are left out
// where the role is not shown them (service::identifiers_shown), never blanked.
struct PatientOut {
  static constexpr const char* kSchema = "Patient";
  std::int64_t id = 0;
  std::string centre, mrn, name_fa, name_latin;
  Sex sex = Sex::unknown;
  std::string birth_date, birth_date_jalali;
  std::optional<std::string> mobile, national_id, email;
  ConsentIn consent;
  Language language = Language::fa;
  ContactChannel preferred_channel = ContactChannel::sms;
  template <class V>
  static void fields(V& v) {
    v("id", &PatientOut::id, "");
    v("centre", &PatientOut::centre, "the centre's id");
    v("mrn", &PatientOut::mrn, "medical record number");
    v("name_fa", &PatientOut::name_fa, "");
    v("name_latin", &PatientOut::name_latin, "");
    v("sex", &PatientOut::sex, "");
    v("birth_date", &PatientOut::birth_date, "YYYY-MM-DD");
    v("birth_date_jalali", &PatientOut::birth_date_jalali, "YYYY/MM/DD");
    v("mobile", &PatientOut::mobile, "+989XXXXXXXXX; left out where the role is not shown it",
      FieldRule{.omit_when_empty = true});
    v("national_id", &PatientOut::national_id, "left out where the role is not shown it",
      FieldRule{.omit_when_empty = true});
    v("consent", &PatientOut::consent, "");
    v("language", &PatientOut::language, "the language of the patient's messages and calendar");
    v("email", &PatientOut::email, "left out where none is recorded or the role is not shown it",
      FieldRule{.omit_when_empty = true});
    v("preferred_channel", &PatientOut::preferred_channel,
      "how reminders and invitations go (sms or email); to the other address when this one is not recorded");
  }
};

struct PatientUpdated : PatientOut {
  static constexpr const char* kSchema = "PatientUpdated";
  bool changed = false;
  template <class V>
  static void fields(V& v) {
    PatientOut::fields(v);
    v("changed", &PatientUpdated::changed, "false when nothing differed (nothing was written)");
  }
};

struct EpisodeBrief {
  static constexpr const char* kSchema = "EpisodeBrief";
  std::int64_t id = 0;
  Side side = Side::right;
  EpisodeState state = EpisodeState::referred;
  template <class V>
  static void fields(V& v) {
    v("id", &EpisodeBrief::id, "");
    v("side", &EpisodeBrief::side, "");
    v("state", &EpisodeBrief::state, "");
  }
};

struct PatientFound : PatientOut {
  static constexpr const char* kSchema = "PatientFound";
  std::vector<EpisodeBrief> episodes;
  template <class V>
  static void fields(V& v) {
    PatientOut::fields(v);
    v("episodes", &PatientFound::episodes, "");
  }
};

struct DiagnosisOut {
  static constexpr const char* kSchema = "Diagnosis";
  std::string system, code, display;
  template <class V>
  static void fields(V& v) {
    v("system", &DiagnosisOut::system, "FHIR system URI");
    v("code", &DiagnosisOut::code, "");
    v("display", &DiagnosisOut::display, "");
  }
};

struct EpisodeOut {
  static constexpr const char* kSchema = "Episode";
  std::int64_t id = 0, patient_id = 0;
  std::string centre, protocol;
  Side side = Side::right;
  DiagnosisOut diagnosis;
  std::optional<std::int64_t> kl_grade, tonnis_grade;
  std::optional<CellSource> cell_source;
  std::optional<Guidance> guidance;
  EpisodeState state = EpisodeState::referred;
  std::optional<std::int64_t> bilateral_with, repeat_of;
  std::optional<std::string> harvest_date, injection_date;
  std::optional<std::string> injected_by;
  template <class V>
  static void fields(V& v) {
    v("id", &EpisodeOut::id, "");
    v("patient_id", &EpisodeOut::patient_id, "");
    v("centre", &EpisodeOut::centre, "");
    v("protocol", &EpisodeOut::protocol, "the protocol's id");
    v("side", &EpisodeOut::side, "");
    v("diagnosis", &EpisodeOut::diagnosis, "");
    v("kl_grade", &EpisodeOut::kl_grade, "Kellgren-Lawrence 0-4");
    v("tonnis_grade", &EpisodeOut::tonnis_grade, "Tönnis 0-3");
    v("cell_source", &EpisodeOut::cell_source, "");
    v("guidance", &EpisodeOut::guidance, "");
    v("state", &EpisodeOut::state, "");
    v("bilateral_with", &EpisodeOut::bilateral_with, "the other hip's episode of a bilateral course");
    v("repeat_of", &EpisodeOut::repeat_of, "the earlier episode this one repeats");
    v("harvest_date", &EpisodeOut::harvest_date, "YYYY-MM-DD");
    v("injection_date", &EpisodeOut::injection_date, "YYYY-MM-DD");
    v("injected_by", &EpisodeOut::injected_by, "the username of the surgeon who performed the injection");
  }
};

struct PatientRecordOut : PatientOut {
  static constexpr const char* kSchema = "PatientRecord";
  std::vector<EpisodeOut> episodes;
  std::vector<std::string> same_national_id_at;
  template <class V>
  static void fields(V& v) {
    PatientOut::fields(v);
    v("episodes", &PatientRecordOut::episodes, "");
    v("same_national_id_at", &PatientRecordOut::same_national_id_at,
      "other centres with a patient of the same national id: possibly the same person, never merged");
  }
};

PatientOut patient_out(const Patient& p);
EpisodeOut episode_out(const Episode& e);
Patient to_patient(const NewPatient& in);
service::PatientChange to_change(const PatientCorrection& in);

}  // namespace rp::api::contract
