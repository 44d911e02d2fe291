#include "api/contract/patients.hpp"

#include "base/jalali.hpp"

namespace rp::api::contract {

PatientOut patient_out(const Patient& p) {
  return {p.id,
          p.centre_id,
          p.mrn,
          p.name_fa,
          p.name_latin,
          p.sex,
          p.birth_date.iso(),
          to_jalali(p.birth_date).iso(),
          p.mobile,
          p.national_id,
          p.email.empty() ? std::nullopt : std::optional(p.email),  // none recorded: left out
          {p.consent.treatment, p.consent.registry, p.consent.contact},
          p.language,
          p.preferred_channel};
}

EpisodeOut episode_out(const Episode& e) {
  auto date = [](const std::optional<CivilDate>& d) { return d ? std::optional(d->iso()) : std::nullopt; };
  auto grade = [](const std::optional<int>& g) { return g ? std::optional<std::int64_t>(*g) : std::nullopt; };
  return {e.id,
          e.patient_id,
          e.centre_id,
          e.protocol_id,
          e.side,
          {e.diagnosis.system, e.diagnosis.code, diagnosis_display(e.diagnosis)},
          grade(e.kl_grade),
          grade(e.tonnis_grade),
          e.cell_source,
          e.guidance,
          e.state,
          e.bilateral_with,
          e.repeat_of,
          date(e.harvest_date),
          date(e.injection_date),
          e.injected_by};
}

Patient to_patient(const NewPatient& in) {
  Patient p;
  p.centre_id = in.centre.value_or("");
  p.mrn = in.mrn;
  // A name in either script: one of the two is enough (domain/patient.cpp says so when
  // neither is given), so each alone may be missing or empty here.
  p.name_fa = in.name_fa.value_or("");
  p.name_latin = in.name_latin.value_or("");
  p.sex = in.sex;
  p.birth_date = in.birth_date;
  p.mobile = in.mobile;
  p.national_id = in.national_id;
  if (in.consent) p.consent = {in.consent->treatment, in.consent->registry, in.consent->contact};
  p.language = in.language.value_or(Language::fa);
  p.email = in.email.value_or("");
  p.preferred_channel = in.preferred_channel.value_or(ContactChannel::sms);
  return p;
}

service::PatientChange to_change(const PatientCorrection& in) {
  service::PatientChange c;
  c.mrn = in.mrn;
  c.name_fa = in.name_fa;
  c.name_latin = in.name_latin;
  c.sex = in.sex;
  c.birth_date = in.birth_date;
  c.mobile = in.mobile;
  c.national_id = in.national_id;
  if (in.consent) {
    c.consent_treatment = in.consent->treatment;
    c.consent_registry = in.consent->registry;
    c.consent_contact = in.consent->contact;
  }
  c.language = in.language;
  c.email = in.email;
  c.preferred_channel = in.preferred_channel;
  c.reason = in.reason.value_or("");
  return c;
}

}  // namespace rp::api::contract
